using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// AGR1010: a value converted to <c>dynamic</c> whose type has regulated members, or whose run-time type
    /// cannot be ruled out from having some (it is not sealed, not a struct). Member calls on a dynamic value
    /// are bound at run time by name, so no guard at the call can be checked; the conversion is where the value
    /// leaves the static types, and it is reported whether or not a guard is in force.
    /// (A dynamic argument to a member of a known type is a call the guard analysis checks: see <see cref="ImplicitCalls"/>.)
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DynamicConversionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.RegulatedAsDynamic);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed like any other: a generator, or a file that calls itself generated, is no way around a check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.ForRegulatedUses(start);
                if (known == null) return;
                var regulatedMemberOf = new ConcurrentDictionary<ITypeSymbol, ISymbol?>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(operation => Analyse(operation, known, regulatedMemberOf), OperationKind.Conversion);
            });
        }

        private static void Analyse(OperationAnalysisContext context, KnownSymbols known, ConcurrentDictionary<ITypeSymbol, ISymbol?> regulatedMemberOf)
        {
            var conversion = (IConversionOperation)context.Operation;
            if (conversion.Type?.TypeKind != TypeKind.Dynamic || conversion.Operand.Type is not { } type || type.TypeKind == TypeKind.Dynamic) return;
            // A null literal or a value type's box of a type without regulated members is plainly safe.
            if (conversion.Operand.ConstantValue.HasValue) return;
            // The elements of an array read through dynamic are dynamic too.
            while (type is IArrayTypeSymbol array) type = array.ElementType;
            var why = regulatedMemberOf.GetOrAdd(type, t => FirstRegulatedMember(t, known)) is { } member
                ? $"'{known.DisplayName(member)}' is regulated for '{known.ActivityOf(member)}'"
                : MayBeAnything(type)
                    ? $"'{type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' may hold an instance of a type with regulated members at run time"
                    : null;
            if (why == null) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RegulatedAsDynamic, conversion.Syntax.GetLocation(),
                type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), why));
        }

        /// <summary>A regulated member of the type, its base types or its interfaces.</summary>
        private static ISymbol? FirstRegulatedMember(ITypeSymbol type, KnownSymbols known)
        {
            for (var current = type; current != null; current = current.BaseType)
                foreach (var member in current.GetMembers())
                    if (member.Kind is SymbolKind.Method or SymbolKind.Property && known.ActivityOf(member) != null) return member;
            foreach (var @interface in type.AllInterfaces)
                foreach (var member in @interface.GetMembers())
                    if (known.ActivityOf(member) != null) return member;
            return null;
        }

        /// <summary>Whether the run-time type may be another than the static one: not sealed, not a value type (a type parameter, an interface, object).</summary>
        private static bool MayBeAnything(ITypeSymbol type) =>
            type switch
            {
                ITypeParameterSymbol parameter => !parameter.IsValueType,
                _ => !type.IsValueType && !type.IsSealed && type.TypeKind != TypeKind.Delegate,
            };
    }
}
