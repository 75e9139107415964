using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>One parameter of a regulated member that carries a fact (<c>[ActivityFact("x")]</c>) or the whole activity (an <c>Activity</c>).</summary>
    internal readonly struct FactParameter
    {
        public FactParameter(IParameterSymbol parameter, string? fact)
        {
            Parameter = parameter; Fact = fact;
        }

        public IParameterSymbol Parameter { get; }
        /// <summary>Null for a whole <c>Activity</c> parameter.</summary>
        public string? Fact { get; }
    }

    /// <summary>
    /// Which parameters of regulated members carry facts, and the fact check at a call (AGR1020): the permitted
    /// decision in force must have been evaluated with the same value for each (<see cref="FactSet"/>).
    /// </summary>
    internal sealed class FactParameters
    {
        private readonly KnownSymbols known;
        private readonly INamedTypeSymbol? attribute;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<FactParameter>> cache = new(SymbolEqualityComparer.Default);

        public FactParameters(KnownSymbols known, Microsoft.CodeAnalysis.Compilation compilation)
        {
            this.known = known;
            attribute = compilation.GetTypeByMetadataName("AgreementRules.ActivityFactAttribute");
        }

        public ImmutableArray<FactParameter> Of(ISymbol? member) =>
            member is IMethodSymbol method ? cache.GetOrAdd(method.OriginalDefinition, Find) : ImmutableArray<FactParameter>.Empty;

        private ImmutableArray<FactParameter> Find(IMethodSymbol method)
        {
            if (known.ActivityOf(method) == null) return ImmutableArray<FactParameter>.Empty;
            var result = ImmutableArray.CreateBuilder<FactParameter>();
            foreach (var parameter in method.Parameters)
            {
                if (known.IsActivity(parameter.Type)) { result.Add(new FactParameter(parameter, null)); continue; }
                foreach (var data in parameter.GetAttributes())
                    if (attribute != null && SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute) &&
                        data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Value is string fact)
                        result.Add(new FactParameter(parameter, fact));
            }
            return result.ToImmutable();
        }

        /// <summary>
        /// What a member's own [Regulated] activity grants inside it: its callers proved the facts for its own fact
        /// parameters, so those parameters (if never written) are the facts' sources.
        /// </summary>
        public Origin OwnGrant(ISymbol member, string activity, TrackedLocals locals)
        {
            var facts = FactSet.Empty;
            foreach (var parameter in Of(member))
            {
                if (!locals.IsStable(parameter.Parameter) || !ValueSource.IsImmutable(parameter.Parameter.Type)) continue;
                var source = ValueSource.OfParameter(parameter.Parameter);
                facts = parameter.Fact == null ? facts.WithWhole(source) : facts.With(parameter.Fact, source);
            }
            return Origin.Of(activity).WithFacts(facts);
        }

        /// <summary>Null when the call passes, for each fact parameter, what the grant was evaluated with; otherwise what differs.</summary>
        public string? Problem(RegulatedUse use, Origin? grant, TrackedLocals locals)
        {
            var parameters = Of(use.Member);
            if (parameters.IsEmpty) return null;
            var arguments = use.Operation switch
            {
                IInvocationOperation call => call.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            foreach (var parameter in parameters)
            {
                IArgumentOperation? argument = null;
                foreach (var candidate in arguments)
                    if (candidate.Parameter?.Ordinal == parameter.Parameter.Ordinal) argument = candidate;
                var passed = ValueSource.Of(argument?.Value, locals);
                var name = parameter.Fact == null ? $"the activity ({parameter.Parameter.Name})" : $"'{parameter.Fact}' ({parameter.Parameter.Name})";
                ValueSource? granted = parameter.Fact == null ? grant?.Facts?.Whole
                    : grant?.Facts != null && grant.Facts.Facts.TryGetValue(parameter.Fact, out var fact) ? fact : null;
                if (granted is { } g && g.Equals(passed)) continue;
                var decided = granted is { } known ? known.Description
                    : grant?.Facts == null ? "values the analysis cannot follow (a decision from a helper, a field, or merged paths that disagree)"
                    : parameter.Fact == null ? "an activity that is not this one" : $"no '{parameter.Fact}' fact";
                return $"{name} is {passed.Description}, but the permitted decision was evaluated with {decided}";
            }
            return null;
        }
    }
}
