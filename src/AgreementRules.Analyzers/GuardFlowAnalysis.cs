using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>How strongly a permitted decision for an activity holds at a point: the least over all paths.</summary>
    internal enum Guard : byte
    {
        /// <summary>On some path no permitted decision for the activity was seen.</summary>
        None = 0,
        /// <summary>On some path only a permitted decision about an activity the analysis cannot name was seen.</summary>
        Unknown = 1,
        Permitted = 2,
    }

    /// <summary>
    /// A forward must-analysis over Roslyn's <see cref="ControlFlowGraph"/>: for each regulated activity,
    /// whether a permitted decision for it holds on every path to a point. Facts come from
    /// <c>rules.Evaluate(Activity.Create("kind")…)</c> (tracked through locals and flow captures), from the
    /// edge of a branch on <c>IsPermitted</c> / <c>Outcome == Outcome.Permitted</c> that means "permitted",
    /// and from <c>ThrowIfNotPermitted()</c>. Lambdas start from the state where they are created, local
    /// functions from the join of the states where they are called or referenced, catch and finally
    /// blocks from the join of the states of their try block.
    /// </summary>
    internal sealed class GuardFlowAnalysis
    {
        /// <summary>The origin of a decision or activity whose kind the analysis cannot name.</summary>
        public const string UnknownKind = "\0?";
        private const int MaxRounds = 64;

        private readonly KnownSymbols known;
        private readonly ImmutableArray<string> kinds;
        private readonly INamedTypeSymbol? outcome;
        private readonly CancellationToken cancellationToken;

        public GuardFlowAnalysis(KnownSymbols known, IEnumerable<string> kinds, Microsoft.CodeAnalysis.Compilation compilation, CancellationToken cancellationToken)
        {
            this.known = known;
            this.kinds = kinds.Distinct(StringComparer.Ordinal).ToImmutableArray();
            outcome = compilation.GetTypeByMetadataName("AgreementRules.Outcome");
            this.cancellationToken = cancellationToken;
        }

        /// <summary>Analyses a member body and every lambda and local function in it; calls <paramref name="report"/> once per regulated use.</summary>
        public void Run(ControlFlowGraph root, string? ownerActivity, Action<RegulatedUse, Guard> report)
        {
            var guards = new Guard[kinds.Length];
            var own = ownerActivity == null ? -1 : kinds.IndexOf(ownerActivity);
            if (own >= 0) guards[own] = Guard.Permitted;
            var initial = new State(guards, ImmutableDictionary.Create<ILocalSymbol, string>(SymbolEqualityComparer.Default),
                ImmutableDictionary<CaptureId, Capture>.Empty);

            var nested = new Dictionary<IMethodSymbol, ControlFlowGraph>(SymbolEqualityComparer.Default);
            Discover(root, nested);

            // Entry states of nested graphs depend on states inside other graphs: iterate to a fixed point.
            // (Without lambdas or local functions there is nothing to iterate: what the rounds compute,
            // the entry states of nested graphs, has no use.)
            var entries = new Dictionary<IMethodSymbol, State>(SymbolEqualityComparer.Default);
            for (var round = 0; nested.Count > 0 && round < MaxRounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var contributions = new Dictionary<IMethodSymbol, State>(SymbolEqualityComparer.Default);
                Analyse(root, initial, contributions, null);
                foreach (var pair in nested)
                    if (entries.TryGetValue(pair.Key, out var entry)) Analyse(pair.Value, entry, contributions, null);
                if (SameEntries(entries, contributions)) break;
                entries = contributions;
            }

            Analyse(root, initial, null, report);
            foreach (var pair in nested)
            {
                // A local function that nothing calls starts from the member's own state.
                var entry = entries.TryGetValue(pair.Key, out var e) ? e : initial;
                Analyse(pair.Value, entry, null, report);
            }
        }

        private void Discover(ControlFlowGraph graph, Dictionary<IMethodSymbol, ControlFlowGraph> nested)
        {
            foreach (var localFunction in graph.LocalFunctions)
            {
                var child = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                nested[localFunction] = child;
                Discover(child, nested);
            }
            foreach (var lambda in Prepare(graph).Lambdas)
            {
                var child = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                nested[lambda.Symbol] = child;
                Discover(child, nested);
            }
        }

        // ---- what each block holds that the analysis looks at, found once ----

        /// <summary>
        /// One operation of a block, reduced to what the analysis reads: the nodes (in evaluation order)
        /// that are regulated uses or reach a local function or lambda, and the nodes that can change the
        /// state. Found in one walk of the tree per graph, instead of walking every operation's tree on
        /// every round of every pass (the fixed point takes at least two rounds, and there are passes
        /// for entry states and for reporting): that walking was most of the analyzer's time.
        /// </summary>
        private readonly struct Step
        {
            public Step(Watched[] watched, IOperation[] effects) { Watched = watched; Effects = effects; }
            public Watched[] Watched { get; }
            public IOperation[] Effects { get; }
        }

        private readonly struct Watched
        {
            public Watched(RegulatedUse? use, IMethodSymbol? called) { Use = use; Called = called; }
            public RegulatedUse? Use { get; }
            public IMethodSymbol? Called { get; }
        }

        private sealed class Prepared
        {
            public Prepared(Step[][] steps, List<IFlowAnonymousFunctionOperation> lambdas) { Steps = steps; Lambdas = lambdas; }
            /// <summary>By block ordinal, one step per operation of <see cref="OperationsOf"/>.</summary>
            public Step[][] Steps { get; }
            public List<IFlowAnonymousFunctionOperation> Lambdas { get; }
        }

        private readonly Dictionary<ControlFlowGraph, Prepared> prepared = new();

        private Prepared Prepare(ControlFlowGraph graph)
        {
            if (prepared.TryGetValue(graph, out var done)) return done;
            var steps = new Step[graph.Blocks.Length][];
            var lambdas = new List<IFlowAnonymousFunctionOperation>();
            var watched = new List<Watched>();
            var effects = new List<IOperation>();
            foreach (var block in graph.Blocks)
            {
                var blockSteps = new List<Step>();
                foreach (var operation in OperationsOf(block))
                {
                    watched.Clear();
                    effects.Clear();
                    foreach (var node in RegulatedUses.SelfAndDescendants(operation))
                    {
                        if (node is IFlowAnonymousFunctionOperation lambda) lambdas.Add(lambda);
                        RegulatedUse? use = RegulatedUses.TryGet(node, known, out var found) ? found : null;
                        var called = CalledLocalFunction(node);
                        if (use != null || called != null) watched.Add(new Watched(use, called));
                        if (HasEffect(node)) effects.Add(node);
                    }
                    blockSteps.Add(new Step(watched.ToArray(), effects.ToArray()));
                }
                steps[block.Ordinal] = blockSteps.ToArray();
            }
            return prepared[graph] = new Prepared(steps, lambdas);
        }

        /// <summary>Whether <see cref="Effects"/> does anything with this node (what its cases match, leaving out what depends on the state).</summary>
        private bool HasEffect(IOperation node) => node switch
        {
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => known.IsDecision(target.Local.Type) || known.IsActivity(target.Local.Type),
            IFlowCaptureOperation => true,
            IInvocationOperation { TargetMethod.Name: "ThrowIfNotPermitted" } check => known.IsDecision(check.TargetMethod.ContainingType),
            _ => false,
        };

        private static IEnumerable<IOperation> OperationsOf(BasicBlock block)
        {
            foreach (var operation in block.Operations) yield return operation;
            if (block.BranchValue != null) yield return block.BranchValue;
        }

        // ---- one graph ----

        private void Analyse(ControlFlowGraph graph, State entry, Dictionary<IMethodSymbol, State>? contributions, Action<RegulatedUse, Guard>? report)
        {
            var blocks = graph.Blocks;
            var steps = Prepare(graph).Steps;
            var inputs = new State?[blocks.Length];
            var outputs = new State?[blocks.Length];
            var handlers = HandlerEntries(graph);
            // Where every edge goes forward (no loop, no handler), one round in block order reaches the
            // fixed point; a second would only confirm it.
            var rounds = handlers.Count == 0 && ForwardOnly(blocks) ? 1 : MaxRounds;

            var changed = true;
            for (var round = 0; changed && round < rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                changed = false;
                foreach (var block in blocks)
                {
                    var input = block.Kind == BasicBlockKind.Entry ? entry : Input(block, outputs, inputs, handlers);
                    if (input == null) continue;
                    var output = Transfer(steps[block.Ordinal], input, null, null);
                    if (!Equals(inputs[block.Ordinal], input) || !Equals(outputs[block.Ordinal], output)) changed = true;
                    inputs[block.Ordinal] = input;
                    outputs[block.Ordinal] = output;
                }
            }

            if (contributions == null && report == null) return;
            foreach (var block in blocks)
                if (inputs[block.Ordinal] is { } input) Transfer(steps[block.Ordinal], input, contributions, report);
        }

        private static bool ForwardOnly(ImmutableArray<BasicBlock> blocks)
        {
            foreach (var block in blocks)
            foreach (var branch in block.Predecessors)
                if (branch.Source.Ordinal >= block.Ordinal) return false;
            return true;
        }

        /// <summary>Catch, filter and finally blocks have no explicit predecessors: they start from their try block.</summary>
        private static Dictionary<int, (int First, int Last)> HandlerEntries(ControlFlowGraph graph)
        {
            var result = new Dictionary<int, (int, int)>();
            var regions = new Stack<ControlFlowRegion>();
            regions.Push(graph.Root);
            while (regions.Count > 0)
            {
                var region = regions.Pop();
                foreach (var child in region.NestedRegions) regions.Push(child);
                if (region.Kind is not (ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally)) continue;
                var tryRegion = region.NestedRegions[0];
                for (var i = 1; i < region.NestedRegions.Length; i++)
                    result[region.NestedRegions[i].FirstBlockOrdinal] = (tryRegion.FirstBlockOrdinal, tryRegion.LastBlockOrdinal);
            }
            return result;
        }

        private State? Input(BasicBlock block, State?[] outputs, State?[] inputs, Dictionary<int, (int First, int Last)> handlers)
        {
            State? result = null;
            foreach (var branch in block.Predecessors)
                result = Join(result, EdgeState(branch, outputs[branch.Source.Ordinal]));
            if (handlers.TryGetValue(block.Ordinal, out var range))
                for (var i = range.First; i <= range.Last; i++)
                    result = Join(Join(result, inputs[i]), outputs[i]);
            return result;
        }

        private State? EdgeState(ControlFlowBranch branch, State? state)
        {
            if (state == null) return null;
            var source = branch.Source;
            if (source.BranchValue == null || source.ConditionKind == ControlFlowConditionKind.None) return state;
            var valueOnEdge = branch.IsConditionalSuccessor
                ? source.ConditionKind == ControlFlowConditionKind.WhenTrue
                : source.ConditionKind == ControlFlowConditionKind.WhenFalse;
            if (TryGuard(source.BranchValue, state, out var origin, out var permittedWhen) && permittedWhen == valueOnEdge)
                return Permit(state, origin);
            return state;
        }

        // ---- transfer ----

        private State Transfer(Step[] steps, State state, Dictionary<IMethodSymbol, State>? contributions, Action<RegulatedUse, Guard>? report)
        {
            foreach (var step in steps)
            {
                if (contributions != null || report != null)
                {
                    foreach (var watched in step.Watched)
                    {
                        if (report != null && watched.Use is { } use)
                            report(use, GuardFor(state, use.Activity));
                        if (contributions != null && watched.Called is { } target)
                            contributions[target] = Join(contributions.TryGetValue(target, out var existing) ? existing : null, state)!;
                    }
                }
                state = Effects(step.Effects, state);
            }
            return state;
        }

        private static IMethodSymbol? CalledLocalFunction(IOperation node) => node switch
        {
            IFlowAnonymousFunctionOperation lambda => lambda.Symbol,
            IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction } method } => method.OriginalDefinition,
            IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction } method } => method.OriginalDefinition,
            _ => null,
        };

        private Guard GuardFor(State state, string activity)
        {
            var index = kinds.IndexOf(activity);
            return index < 0 ? Guard.None : state.Guards[index];
        }

        private State Effects(IOperation[] nodes, State state)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                        when known.IsDecision(target.Local.Type) || known.IsActivity(target.Local.Type):
                        var origin = OriginOf(assignment.Value, state);
                        state = state.WithLocal(target.Local, origin);
                        break;
                    case IFlowCaptureOperation capture:
                        var captured = CaptureOf(capture.Value, state);
                        state = state.WithCapture(capture.Id, captured);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "ThrowIfNotPermitted" } check when known.IsDecision(check.TargetMethod.ContainingType):
                        state = Permit(state, OriginOf(check.Instance, state));
                        break;
                }
            }
            return state;
        }

        private Capture? CaptureOf(IOperation value, State state)
        {
            var stripped = Operations.Strip(value);
            if (stripped == null) return null;
            if (known.IsDecision(stripped.Type) || known.IsActivity(stripped.Type)) return new Capture(CaptureKind.Origin, OriginOf(stripped, state));
            if (IsOutcomeOf(stripped, state, out var outcomeOrigin)) return new Capture(CaptureKind.OutcomeOf, outcomeOrigin);
            if (TryGuard(stripped, state, out var guardOrigin, out var permittedWhen) && permittedWhen)
                return new Capture(CaptureKind.PermittedOf, guardOrigin);
            return null;
        }

        private State Permit(State state, string origin)
        {
            var guards = (Guard[])state.Guards.Clone();
            if (origin == UnknownKind)
            {
                for (var i = 0; i < guards.Length; i++)
                    if (guards[i] < Guard.Unknown) guards[i] = Guard.Unknown;
            }
            else
            {
                var index = kinds.IndexOf(origin);
                if (index >= 0) guards[index] = Guard.Permitted;
            }
            return state.WithGuards(guards);
        }

        // ---- what a condition says ----

        /// <summary>Whether <paramref name="condition"/> tells that a decision is permitted, and for which value of the condition.</summary>
        private bool TryGuard(IOperation condition, State state, out string origin, out bool permittedWhen)
        {
            origin = UnknownKind;
            permittedWhen = true;
            var operation = Operations.Strip(condition);
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "IsPermitted" } property when known.IsDecision(property.Property.ContainingType):
                    origin = OriginOf(property.Instance, state);
                    return true;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    if (!TryGuard(not.Operand, state, out origin, out permittedWhen)) return false;
                    permittedWhen = !permittedWhen;
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    var negate = binary.OperatorKind == BinaryOperatorKind.NotEquals;
                    if (TryCompare(binary.LeftOperand, binary.RightOperand, state, out origin, out permittedWhen) ||
                        TryCompare(binary.RightOperand, binary.LeftOperand, state, out origin, out permittedWhen))
                    {
                        if (negate) permittedWhen = !permittedWhen;
                        return true;
                    }
                    return false;
                case IIsPatternOperation pattern:
                    return TryPattern(pattern.Value, pattern.Pattern, state, out origin, out permittedWhen);
                case IFlowCaptureReferenceOperation reference when state.Captures.TryGetValue(reference.Id, out var capture) && capture.Kind == CaptureKind.PermittedOf:
                    origin = capture.Origin;
                    return true;
                default:
                    return false;
            }
        }

        private bool TryCompare(IOperation subject, IOperation constant, State state, out string origin, out bool permittedWhen)
        {
            permittedWhen = true;
            if (Operations.Strip(constant)?.ConstantValue is { HasValue: true, Value: bool value} && TryGuard(subject, state, out origin, out var when))
            {
                permittedWhen = when == value;
                return true;
            }
            if (IsPermittedOutcome(constant) && IsOutcomeOf(subject, state, out origin)) return true;
            origin = UnknownKind;
            return false;
        }

        private bool TryPattern(IOperation value, IPatternOperation pattern, State state, out string origin, out bool permittedWhen)
        {
            origin = UnknownKind;
            permittedWhen = true;
            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    return TryCompare(value, constant.Value, state, out origin, out permittedWhen);
                case INegatedPatternOperation negated:
                    if (!TryPattern(value, negated.Pattern, state, out origin, out permittedWhen)) return false;
                    permittedWhen = !permittedWhen;
                    return true;
                default:
                    return false;
            }
        }

        private bool IsPermittedOutcome(IOperation operation)
        {
            var stripped = Operations.Strip(operation);
            return outcome != null && stripped != null && SymbolEqualityComparer.Default.Equals(stripped.Type, outcome) &&
                   stripped.ConstantValue is { HasValue: true, Value: int value } && value == (int)Outcome.Permitted;
        }

        private bool IsOutcomeOf(IOperation operation, State state, out string origin)
        {
            origin = UnknownKind;
            switch (Operations.Strip(operation))
            {
                case IPropertyReferenceOperation { Property.Name: "Outcome" } property when known.IsDecision(property.Property.ContainingType):
                    origin = OriginOf(property.Instance, state);
                    return true;
                case IFlowCaptureReferenceOperation reference when state.Captures.TryGetValue(reference.Id, out var capture) && capture.Kind == CaptureKind.OutcomeOf:
                    origin = capture.Origin;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The activity kind a decision or activity value is about, or <see cref="UnknownKind"/>.</summary>
        private string OriginOf(IOperation? operation, State state)
        {
            switch (Operations.Strip(operation))
            {
                case ILocalReferenceOperation local:
                    return state.Locals.TryGetValue(local.Local, out var kind) ? kind : UnknownKind;
                case IFlowCaptureReferenceOperation reference:
                    return state.Captures.TryGetValue(reference.Id, out var capture) && capture.Kind == CaptureKind.Origin ? capture.Origin : UnknownKind;
                case IInvocationOperation invocation:
                    return OriginOfInvocation(invocation, state);
                default:
                    return UnknownKind;
            }
        }

        private string OriginOfInvocation(IInvocationOperation invocation, State state)
        {
            var method = invocation.TargetMethod;
            if (known.IsActivity(method.ContainingType))
            {
                if (method.Name == "Create" && method.IsStatic)
                    return invocation.Arguments.FirstOrDefault()?.Value.ConstantValue is { HasValue: true, Value: string kind } ? kind : UnknownKind;
                if (method.Name == "With") return OriginOf(invocation.Instance, state);
                return UnknownKind;
            }
            if (method.Name == "Evaluate" && known.IsDecision(method.ReturnType) && method.ContainingType?.Name == "RuleSet")
            {
                foreach (var argument in invocation.Arguments)
                    if (known.IsActivity(argument.Parameter?.Type)) return OriginOf(argument.Value, state);
            }
            return UnknownKind;
        }

        // ---- the lattice ----

        private static State? Join(State? a, State? b)
        {
            if (a == null) return b;
            if (b == null) return a;
            var guards = new Guard[a.Guards.Length];
            for (var i = 0; i < guards.Length; i++) guards[i] = a.Guards[i] < b.Guards[i] ? a.Guards[i] : b.Guards[i];
            var locals = a.Locals;
            foreach (var pair in a.Locals)
                if (!b.Locals.TryGetValue(pair.Key, out var other) || other != pair.Value) locals = locals.Remove(pair.Key);
            var captures = a.Captures;
            foreach (var pair in a.Captures)
                if (!b.Captures.TryGetValue(pair.Key, out var other) || !other.Equals(pair.Value)) captures = captures.Remove(pair.Key);
            return new State(guards, locals, captures);
        }

        private static bool Equals(State? a, State? b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a == null || b == null) return false;
            for (var i = 0; i < a.Guards.Length; i++)
                if (a.Guards[i] != b.Guards[i]) return false;
            if (a.Locals.Count != b.Locals.Count || a.Captures.Count != b.Captures.Count) return false;
            foreach (var pair in a.Locals)
                if (!b.Locals.TryGetValue(pair.Key, out var other) || other != pair.Value) return false;
            foreach (var pair in a.Captures)
                if (!b.Captures.TryGetValue(pair.Key, out var other) || !other.Equals(pair.Value)) return false;
            return true;
        }

        private static bool SameEntries(Dictionary<IMethodSymbol, State> a, Dictionary<IMethodSymbol, State> b)
        {
            if (a.Count != b.Count) return false;
            foreach (var pair in a)
                if (!b.TryGetValue(pair.Key, out var other) || !Equals(pair.Value, other)) return false;
            return true;
        }

        private enum CaptureKind { Origin, OutcomeOf, PermittedOf }

        private readonly struct Capture : IEquatable<Capture>
        {
            public Capture(CaptureKind kind, string origin) { Kind = kind; Origin = origin; }
            public CaptureKind Kind { get; }
            public string Origin { get; }
            public bool Equals(Capture other) => Kind == other.Kind && Origin == other.Origin;
            public override bool Equals(object? obj) => obj is Capture other && Equals(other);
            public override int GetHashCode() => ((int)Kind * 397) ^ Origin.GetHashCode();
        }

        private sealed class State
        {
            public State(Guard[] guards, ImmutableDictionary<ILocalSymbol, string> locals, ImmutableDictionary<CaptureId, Capture> captures)
            {
                Guards = guards; Locals = locals; Captures = captures;
            }

            public Guard[] Guards { get; }
            /// <summary>Locals holding a decision or activity whose kind is known; absent means unknown.</summary>
            public ImmutableDictionary<ILocalSymbol, string> Locals { get; }
            public ImmutableDictionary<CaptureId, Capture> Captures { get; }

            public State WithGuards(Guard[] guards) => new(guards, Locals, Captures);

            public State WithLocal(ILocalSymbol local, string origin) =>
                new(Guards, origin == UnknownKind ? Locals.Remove(local) : Locals.SetItem(local, origin), Captures);

            public State WithCapture(CaptureId id, Capture? capture) =>
                new(Guards, Locals, capture is { } c ? Captures.SetItem(id, c) : Captures.Remove(id));
        }
    }
}
