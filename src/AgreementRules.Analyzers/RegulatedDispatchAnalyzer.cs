using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// AGR1009 and AGR1011: a call through an interface member, a virtual or abstract member or a generic
    /// constraint names the declaration, and the guard analysis checks the declaration's activity. So a member
    /// marked [Regulated] that overrides or implements (implicitly, explicitly, or by a base class's member, and
    /// static abstract members too) a member that is not regulated, or regulated for another activity, is an
    /// error where it is declared: no call site can be judged.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RegulatedDispatchAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The activity the fix marks the base member with.</summary>
        public const string ActivityProperty = "Activity";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(Descriptors.RegulatedBehindUnregulatedMember, Descriptors.RegulatedForAnotherActivity);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed like any other: a generator, or a file that calls itself generated, is no way around a check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.ForRegulatedUses(start);
                if (known == null) return;
                start.RegisterSymbolAction(symbol => AnalyseOverride(symbol, known), SymbolKind.Method, SymbolKind.Property);
                var declaresRegulated = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterSymbolAction(symbol => AnalyseImplementations(symbol, known, declaresRegulated), SymbolKind.NamedType);
            });
        }

        private static void AnalyseOverride(SymbolAnalysisContext context, KnownSymbols known)
        {
            var member = context.Symbol;
            if (OwnActivity(member, known) is not { } activity) return;
            ISymbol? overridden = member switch
            {
                IMethodSymbol method => method.OverriddenMethod,
                IPropertySymbol property => property.OverriddenProperty,
                _ => null,
            };
            if (overridden != null) Check(context, known, member, activity, overridden, "overrides", member.Locations.FirstOrDefault());
        }

        /// <summary>
        /// Every interface member the type implements with a regulated member: its own, or one it inherits from a
        /// base class that does not implement that interface itself (else the base class is where it is reported).
        /// </summary>
        private static void AnalyseImplementations(SymbolAnalysisContext context, KnownSymbols known, ConcurrentDictionary<INamedTypeSymbol, bool> declaresRegulated)
        {
            if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type || type.AllInterfaces.IsEmpty) return;
            // Most types declare nothing regulated, nor do their bases: then no implementation can be regulated.
            var any = false;
            for (var current = type; current != null && !any; current = current.BaseType)
                any = declaresRegulated.GetOrAdd(current, t => t.GetMembers().Any(m => known.Declared(m) != null)); // accessors are members too
            if (!any) return;
            foreach (var @interface in type.AllInterfaces)
            {
                var inheritedFromBase = type.BaseType?.AllInterfaces.Contains(@interface, SymbolEqualityComparer.Default) == true;
                foreach (var declared in @interface.GetMembers())
                {
                    if (declared.Kind is not (SymbolKind.Method or SymbolKind.Property)) continue;
                    if (type.FindImplementationForInterfaceMember(declared) is not { } implementation) continue;
                    if (OwnActivity(implementation, known) is not { } activity) continue;
                    var ownMember = SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type);
                    if (!ownMember && inheritedFromBase) continue;
                    var location = ownMember ? implementation.Locations.FirstOrDefault() : type.Locations.FirstOrDefault();
                    Check(context, known, implementation, activity, declared, "implements", location);
                }
            }
        }

        private static void Check(SymbolAnalysisContext context, KnownSymbols known, ISymbol member, string activity, ISymbol declared,
            string how, Location? location)
        {
            var declaredActivity = known.ActivityOf(declared);
            if (declaredActivity == activity || location == null || !location.IsInSource) return;
            var name = known.DisplayName(member);
            var declaredName = known.DisplayName(declared);
            if (declaredActivity == null)
            {
                // The fix marks the declaration, when it is in source.
                var declaration = declared.Locations.Where(l => l.IsInSource).Take(1);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RegulatedBehindUnregulatedMember, location, declaration,
                    ImmutableDictionary<string, string?>.Empty.Add(ActivityProperty, activity), name, activity, how, declaredName));
                return;
            }
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RegulatedForAnotherActivity, location, name, activity, how, declaredName, declaredActivity));
        }

        /// <summary>
        /// The activity a [Regulated] on the member itself names. An accessor counts only with its own attribute:
        /// one on the property is reported once, for the property.
        /// </summary>
        private static string? OwnActivity(ISymbol member, KnownSymbols known) => known.Declared(member);
    }
}
