using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// What the small helpers of a compilation say about decisions, so that a guard written through one is
    /// followed like the expression it stands for:
    /// <list type="bullet">
    /// <item><c>bool Allowed(Decision d) => d.IsPermitted;</c> — a condition (<see cref="ConditionOf"/>);</item>
    /// <item><c>Decision Decide(Batch b) => rules.Evaluate(Activity.Create("enrich")…);</c>,
    /// <c>Activity Enriching(double level) => …</c> — a decision or activity about a known activity, or about the one
    /// a parameter is about (<see cref="OriginReturnedBy"/>);</item>
    /// <item><c>void Require(Decision d) => d.ThrowIfNotPermitted();</c> or <c>{ if (!d.IsPermitted) throw …; }</c> —
    /// returns only if the decision is permitted (<see cref="RequiredBy"/>).</item>
    /// </list>
    /// Sound by construction: only a method whose body is one expression (an expression body, one <c>return</c>, one
    /// expression statement, or one <c>if (…) throw</c>) and that no override can replace (not virtual, abstract or an
    /// unsealed override; no ref or out parameters) is summarised, and the expression is read by the same
    /// <see cref="GuardConditions"/> as any guard, with each parameter standing for what the caller passes. Anything
    /// else has no summary, so a guard through it stays "none" or "cannot decide" — an error either way.
    /// Summaries are kept per compilation; one computed while a cycle of helpers was cut is not kept, so what a
    /// summary says never depends on which member asked first.
    /// </summary>
    internal sealed class HelperSummaries
    {
        /// <summary>Stands for "what parameter N is about" inside a summary. Not an identifier, so no activity has this name.</summary>
        private const string ParameterMark = "\u0001parameter ";

        private readonly KnownSymbols known;
        private readonly Microsoft.CodeAnalysis.Compilation compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, Summary> summaries = new(SymbolEqualityComparer.Default);

        public HelperSummaries(KnownSymbols known, Microsoft.CodeAnalysis.Compilation compilation)
        {
            this.known = known;
            this.compilation = compilation;
        }

        /// <summary>
        /// Whether a call to this method might have a summary that says something about a bool: for
        /// <see cref="GraphFreeProof"/>, which must leave such calls to the graph. Syntax only, and never false when
        /// <see cref="ConditionOf"/> could answer.
        /// </summary>
        public static bool MayBeHelper(IMethodSymbol method) =>
            !method.DeclaringSyntaxReferences.IsEmpty && (IsBool(method.ReturnType) || method.ReturnsVoid) &&
            Followable(method.OriginalDefinition) && BodyOf(method.OriginalDefinition) != null;

        /// <summary>What <c>helper(args)</c> as a condition says, in the caller's terms.</summary>
        public ConditionMeaning? ConditionOf(IInvocationOperation call, GuardConditions caller, GuardState state)
        {
            if (!IsBool(call.TargetMethod.ReturnType) || SummaryOf(call.TargetMethod, caller) is not { Condition: { } condition }) return null;
            return Substitute(condition.Origin, call, caller, state) is { } origin
                ? new ConditionMeaning(origin, condition.PermittedIfTrue, condition.PermittedIfFalse)
                : null;
        }

        /// <summary>What the decision or activity a helper returns is about, in the caller's terms; null when it has no summary.</summary>
        public Origin? OriginReturnedBy(IInvocationOperation call, GuardConditions caller, GuardState state) =>
            known.IsDecisionOrActivity(call.TargetMethod.ReturnType) && SummaryOf(call.TargetMethod, caller) is { Returned: { } returned }
                ? Substitute(returned, call, caller, state)
                : null;

        /// <summary>The decision a void helper requires to be permitted when it returns normally; null when it has no summary.</summary>
        public Origin? RequiredBy(IInvocationOperation call, GuardConditions caller, GuardState state) =>
            call.TargetMethod.ReturnsVoid && SummaryOf(call.TargetMethod, caller) is { Required: { } required }
                ? Substitute(required, call, caller, state)
                : null;

        /// <summary>Whether a void helper is summarised as requiring a permitted decision (for the flow analysis' list of state changes).</summary>
        public bool Requires(IMethodSymbol method) =>
            method.ReturnsVoid && !method.DeclaringSyntaxReferences.IsEmpty && SummaryOf(method, null) is { Required: not null };

        private static bool IsBool(ITypeSymbol type) => TrackedLocals.IsFlagType(type);

        /// <summary>Replaces each parameter mark with what the caller's argument for it is about.</summary>
        private static Origin? Substitute(Origin origin, IInvocationOperation call, GuardConditions caller, GuardState state)
        {
            Origin? result = origin.IncludesUnknown ? Origin.Unknown : null;
            foreach (var kind in origin.Kinds)
            {
                Origin part;
                if (kind.StartsWith(ParameterMark, System.StringComparison.Ordinal))
                {
                    var ordinal = int.Parse(kind.Substring(ParameterMark.Length), System.Globalization.CultureInfo.InvariantCulture);
                    part = Origin.Unknown;
                    foreach (var argument in call.Arguments)
                        if (argument.Parameter?.Ordinal == ordinal) part = caller.OriginOf(argument.Value, state);
                }
                else part = Origin.OfKindOnly(kind); // its facts are the helper's own values
                result = result == null ? part : result.Union(part);
            }
            return result;
        }

        /// <param name="caller">The conditions reading the caller: told when a cycle was cut on the way, so that what it computes is not kept.</param>
        private Summary? SummaryOf(IMethodSymbol method, GuardConditions? caller)
        {
            method = method.OriginalDefinition;
            if (summaries.TryGetValue(method, out var kept)) return kept;
            var visiting = caller?.Visiting ?? ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default);
            if (visiting.Contains(method))
            {
                // A cycle of helpers: cut here, and keep nothing computed above it.
                caller!.CutCycle = true;
                return null;
            }
            var summary = Summarise(method, visiting.Add(method), out var cut);
            if (cut) { if (caller != null) caller.CutCycle = true; }
            else summaries.TryAdd(method, summary);
            return summary;
        }

        private Summary Summarise(IMethodSymbol method, ImmutableHashSet<IMethodSymbol> visiting, out bool cut)
        {
            cut = false;
            if (!Followable(method) || BodyOf(method) is not { } body) return Summary.None;
            var parameters = new Dictionary<IParameterSymbol, Origin>(SymbolEqualityComparer.Default);
            foreach (var parameter in method.Parameters) parameters[parameter] = Origin.Of(ParameterMark + parameter.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Reading the body of a method in any tree of the compilation: the helper is often in another file.
#pragma warning disable RS1030 // one semantic model per helper's tree, once per compilation: the summary is cached
            var model = compilation.GetSemanticModel(body.Expression.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(body.Expression) is not { } expression) return Summary.None;
            var conditions = new GuardConditions(known, this, parameters, visiting);
            var empty = GuardState.Initial(System.Array.Empty<Guard>());
            var summary = body.Kind switch
            {
                BodyKind.Returns when IsBool(method.ReturnType) => new Summary(condition: conditions.Meaning(expression, empty)),
                BodyKind.Returns when known.IsDecisionOrActivity(method.ReturnType) => new Summary(returned: conditions.OriginOf(expression, empty)),
                BodyKind.Runs when method.ReturnsVoid => new Summary(required: RequiredByStatement(expression, conditions, empty)),
                BodyKind.ThrowsIf when method.ReturnsVoid => new Summary(required: conditions.Meaning(expression, empty) is { PermittedIfFalse: true } meaning ? meaning.Origin : null),
                _ => Summary.None,
            };
            cut = conditions.CutCycle;
            return summary;
        }

        private Origin? RequiredByStatement(IOperation expression, GuardConditions conditions, GuardState state) =>
            Operations.Strip(expression) is IInvocationOperation call
                ? conditions.ReturnsOnlyIfPermitted(call.TargetMethod)
                    ? conditions.OriginOf(call.Instance, state)
                    : RequiredBy(call, conditions, state)
                : null;

        /// <summary>A method whose body the call surely runs: no override can stand in for it at run time.</summary>
        private static bool Followable(IMethodSymbol method)
        {
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)) return false;
            if (method.IsAbstract || method.IsVirtual || method.IsExtern || method.IsOverride && !method.IsSealed) return false;
            if (method.IsAsync || method.DeclaringSyntaxReferences.Length != 1) return false;
            foreach (var parameter in method.Parameters)
                if (parameter.RefKind is not (RefKind.None or RefKind.In)) return false;
            return true;
        }

        private enum BodyKind { Returns, Runs, ThrowsIf }

        /// <summary>The one expression a body consists of: returned, run, or tested before a throw.</summary>
        private static (ExpressionSyntax Expression, BodyKind Kind)? BodyOf(IMethodSymbol method)
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            var (arrow, block) = syntax switch
            {
                MethodDeclarationSyntax m => (m.ExpressionBody, m.Body),
                LocalFunctionStatementSyntax f => (f.ExpressionBody, f.Body),
                _ => (null, null),
            };
            if (arrow != null) return (arrow.Expression, method.ReturnsVoid ? BodyKind.Runs : BodyKind.Returns);
            if (block is not { Statements.Count: 1 }) return null;
            switch (block.Statements[0])
            {
                case ReturnStatementSyntax { Expression: { } returned }: return (returned, BodyKind.Returns);
                case ExpressionStatementSyntax statement: return (statement.Expression, BodyKind.Runs);
                case IfStatementSyntax { Else: null } test when Throws(test.Statement): return (test.Condition, BodyKind.ThrowsIf);
                default: return null;
            }
        }

        private static bool Throws(StatementSyntax statement) =>
            statement is ThrowStatementSyntax || statement is BlockSyntax { Statements.Count: 1 } block && block.Statements[0] is ThrowStatementSyntax;

        private sealed class Summary
        {
            public static readonly Summary None = new();

            public Summary(ConditionMeaning? condition = null, Origin? returned = null, Origin? required = null)
            {
                Condition = condition; Returned = returned; Required = required;
            }

            /// <summary>A bool helper: which decision its result is about, and on which value it is permitted.</summary>
            public ConditionMeaning? Condition { get; }
            /// <summary>A decision or activity helper: what it returns is about.</summary>
            public Origin? Returned { get; }
            /// <summary>A void helper: it returns only if a decision so about is permitted.</summary>
            public Origin? Required { get; }
        }
    }
}
