using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AgreementRules.Analyzers
{
    /// <summary>The AgreementRules runtime types a compilation sees, and which of its members are regulated.</summary>
    internal sealed class KnownSymbols
    {
        private readonly ConcurrentDictionary<ISymbol, string?> activityOf = new(SymbolEqualityComparer.Default);

        private readonly Microsoft.CodeAnalysis.Compilation compilation;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();

        private KnownSymbols(Microsoft.CodeAnalysis.Compilation compilation, INamedTypeSymbol regulated, INamedTypeSymbol? activity, INamedTypeSymbol? decision, INamedTypeSymbol? ruleSet)
        {
            this.compilation = compilation;
            RegulatedAttribute = regulated;
            Activity = activity;
            Decision = decision;
            RuleSet = ruleSet;
        }

        public INamedTypeSymbol RegulatedAttribute { get; }
        public INamedTypeSymbol? Activity { get; }
        public INamedTypeSymbol? Decision { get; }
        public INamedTypeSymbol? RuleSet { get; }

        /// <summary>Null when the compilation does not reference AgreementRules: then there is nothing to check.</summary>
        public static KnownSymbols? Create(Microsoft.CodeAnalysis.Compilation compilation)
        {
            var regulated = compilation.GetTypeByMetadataName("AgreementRules.RegulatedAttribute");
            if (regulated == null) return null;
            return new KnownSymbols(compilation, regulated,
                compilation.GetTypeByMetadataName("AgreementRules.Activity"),
                compilation.GetTypeByMetadataName("AgreementRules.Decision"),
                compilation.GetTypeByMetadataName("AgreementRules.RuleSet"));
        }

        /// <summary>
        /// As <see cref="Create"/>, and null too where no member of the compilation or its references can be [Regulated]
        /// (<see cref="RegulatedReach"/>): the analyzers of regulated uses then register nothing.
        /// </summary>
#pragma warning disable RS1012 // a helper that reads the start context; the calling analyzer registers the actions
        public static KnownSymbols? ForRegulatedUses(Microsoft.CodeAnalysis.Diagnostics.CompilationStartAnalysisContext start)
#pragma warning restore RS1012
        {
            var known = Create(start.Compilation);
            return known != null && RegulatedReach.IsPossible(start, known.RegulatedAttribute) ? known : null;
        }

        private readonly ConcurrentDictionary<ISymbol, string> displayNames = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<(string, UseKind), ImmutableDictionary<string, string?>> useProperties = new();

        /// <summary>The member as diagnostics name it (CSharpShortErrorMessageFormat), computed once per member.</summary>
        public string DisplayName(ISymbol member) =>
            displayNames.GetOrAdd(member, m => m.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));

        /// <summary>The properties a regulated-use diagnostic carries for its code fixes, built once per activity and kind.</summary>
        public ImmutableDictionary<string, string?> UseProperties(string activity, UseKind kind) =>
            useProperties.GetOrAdd((activity, kind), key => ImmutableDictionary<string, string?>.Empty
                .Add(UnguardedRegulatedUseAnalyzer.ActivityProperty, key.Item1)
                .Add(UnguardedRegulatedUseAnalyzer.UseKindProperty, key.Item2.ToString()));

        /// <summary>
        /// The semantic model for an operation's tree: its own, or (for the operations a control-flow graph
        /// rewrites, which have none) one per tree, made once. Used only for the few implicit calls that
        /// IOperation does not name (await, foreach, deconstruction).
        /// </summary>
        public SemanticModel ModelOf(IOperation operation) => operation.SemanticModel ?? ModelOf(operation.Syntax.SyntaxTree);

        public SemanticModel ModelOf(SyntaxTree tree) => models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));

        /// <summary>A type by its metadata name, as Type.GetType would find it in this compilation or its references.</summary>
        public INamedTypeSymbol? TypeByMetadataName(string name) => compilation.GetTypeByMetadataName(name);

        public bool IsActivity(ITypeSymbol? type) => type != null && Activity != null && SymbolEqualityComparer.Default.Equals(type, Activity);
        public bool IsDecision(ITypeSymbol? type) => type != null && Decision != null && SymbolEqualityComparer.Default.Equals(type, Decision);
        public bool IsDecisionOrActivity(ITypeSymbol? type) => IsDecision(type) || IsActivity(type);
        public bool IsRuleSet(ITypeSymbol? type) => type != null && RuleSet != null && SymbolEqualityComparer.Default.Equals(type, RuleSet);

        /// <summary>
        /// The activity a member performs: from [Regulated] on the member, on the property or event of an accessor,
        /// on a member it overrides, or on an interface member it implements. Null when it is not regulated.
        /// </summary>
        public string? ActivityOf(ISymbol? member)
        {
            if (member == null) return null;
            return activityOf.GetOrAdd(member.OriginalDefinition, Find);
        }

        private string? Find(ISymbol member)
        {
            for (var current = member; current != null; current = Overridden(current))
            {
                var own = Declared(current);
                if (own != null) return own;
                if (current is IMethodSymbol { AssociatedSymbol: IPropertySymbol or IEventSymbol } accessor && Declared(accessor.AssociatedSymbol!) is { } fromOwner)
                    return fromOwner;
            }
            if (member.ContainingType is { } type && member.Kind is SymbolKind.Method or SymbolKind.Property or SymbolKind.Event)
            {
                foreach (var @interface in type.AllInterfaces)
                foreach (var candidate in @interface.GetMembers(member.Name))
                {
                    var implementation = type.FindImplementationForInterfaceMember(candidate);
                    if (SymbolEqualityComparer.Default.Equals(implementation, member) && ActivityOf(candidate) is { } viaInterface)
                        return viaInterface;
                }
            }
            return null;
        }

        /// <summary>The activity named by a [Regulated] attribute on this very symbol ("" when the argument is missing).</summary>
        public string? Declared(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, RegulatedAttribute)) continue;
                return attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
            }
            return null;
        }

        private static ISymbol? Overridden(ISymbol symbol) => symbol switch
        {
            IMethodSymbol m => m.OverriddenMethod,
            IPropertySymbol p => p.OverriddenProperty,
            IEventSymbol e => e.OverriddenEvent,
            _ => null,
        };
    }
}
