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
    /// <summary>
    /// A forward must-analysis over Roslyn's <see cref="ControlFlowGraph"/>: for each regulated activity,
    /// whether a permitted decision for it holds on every path to a point (<see cref="GuardState"/>). Facts
    /// come from <c>rules.Evaluate(Activity.Create("kind")…)</c> followed through locals and flow captures
    /// (<see cref="TrackedLocals"/>), from the edge of a branch whose condition means "permitted"
    /// (<see cref="GuardConditions"/>), and from <c>ThrowIfNotPermitted()</c> and <c>Permit()</c> (the run-time permit scope).
    /// <list type="bullet">
    /// <item>Lambdas and local functions turned into delegates start from the state where they are created,
    /// keeping only locals written once (the delegate may run after a later write); local functions called
    /// directly start from the join of the states where they are called; a local function that is itself
    /// [Regulated] starts permitted for its activity, and calls to it need a guard.</item>
    /// <item>catch, filter and finally blocks start from the join of every state inside their try block,
    /// between operations too; leaving a try through its finally applies what the finally does.</item>
    /// <item>An edge a constant condition never takes (<c>while (true)</c>) carries nothing.</item>
    /// </list>
    /// Where it cannot settle it throws, and the analyzer reports that it cannot decide: never a silent pass.
    /// </summary>
    internal sealed class GuardFlowAnalysis
    {
        private const int MaxRounds = 64;

        private readonly KnownSymbols known;
        private readonly HelperSummaries helpers;
        private readonly FactParameters facts;
        private readonly GuardConditions conditions;
        private readonly ImmutableArray<string> kinds;
        private readonly CancellationToken cancellationToken;
        private readonly ControlFlowGraph root;
        private readonly TrackedLocals locals;
        private readonly bool hasLambdas;

        /// <param name="root">The member's graph; its lambdas and local functions are analysed with it.</param>
        /// <param name="kinds">The activities the member uses or is regulated for: the ones the analysis keeps a guard for.</param>
        /// <param name="hasLambdas">Whether the member's operation tree holds a lambda: if not, no graph is searched for one.</param>
        public GuardFlowAnalysis(KnownSymbols known, HelperSummaries helpers, FactParameters facts, ControlFlowGraph root, IEnumerable<string> kinds, bool hasLambdas,
            CancellationToken cancellationToken)
        {
            this.known = known;
            this.helpers = helpers;
            this.facts = facts;
            this.root = root;
            this.hasLambdas = hasLambdas;
            locals = TrackedLocals.Of(root.OriginalOperation, known);
            conditions = new GuardConditions(known, helpers, locals: locals);
            this.kinds = kinds.Distinct(StringComparer.Ordinal).ToImmutableArray();
            this.cancellationToken = cancellationToken;
        }

        /// <summary>
        /// Analyses a member body and every lambda and local function in it; calls <paramref name="report"/> once per
        /// regulated use, with the guard there and, where it is not permitted, the decision locals that are about
        /// the use's activity on every path (a code fix can check one of them).
        /// </summary>
        public void Run(ISymbol owner, string? ownerActivity, Action<RegulatedUse, Guard, IReadOnlyList<ILocalSymbol>, string?> report)
        {
            var initial = GuardState.Initial(new Guard[kinds.Length]);
            if (ownerActivity != null) initial = initial.Permit(facts.OwnGrant(owner, ownerActivity, locals), kinds);

            var main = new GraphShape(root, known, helpers, conditions);
            var nested = new Dictionary<IMethodSymbol, GraphShape>(SymbolEqualityComparer.Default);
            Discover(root, nested);

            // Entry states of nested graphs depend on states inside other graphs: iterate to a fixed point.
            // (Without lambdas or local functions there is nothing to iterate: what the rounds compute,
            // the entry states of nested graphs, has no use.)
            var entries = new Dictionary<IMethodSymbol, GuardState>(SymbolEqualityComparer.Default);
            for (var round = 0; nested.Count > 0; round++)
            {
                if (round == MaxRounds) throw new InvalidOperationException($"the entry states of its lambdas and local functions did not settle after {MaxRounds} rounds");
                cancellationToken.ThrowIfCancellationRequested();
                var contributions = new Dictionary<IMethodSymbol, GuardState>(SymbolEqualityComparer.Default);
                Analyse(main, initial, contributions, null);
                foreach (var pair in nested)
                    if (entries.TryGetValue(pair.Key, out var entry)) Analyse(pair.Value, EntryOf(pair.Key, entry), contributions, null);
                if (SameEntries(entries, contributions)) break;
                entries = contributions;
            }

            Analyse(main, initial, null, report);
            foreach (var pair in nested)
            {
                // A local function that nothing calls starts from the member's own state.
                var entry = entries.TryGetValue(pair.Key, out var e) ? e : initial;
                Analyse(pair.Value, EntryOf(pair.Key, entry), null, report);
            }
        }

        /// <summary>A local function marked [Regulated("x")] moves the duty for x to its callers; a lambda so marked does not (it escapes as a delegate).</summary>
        private GuardState EntryOf(IMethodSymbol function, GuardState entry) =>
            function.MethodKind == MethodKind.LocalFunction && known.Declared(function) is { Length: > 0 } activity
                ? entry.Permit(facts.OwnGrant(function, activity, locals), kinds)
                : entry;

        private void Discover(ControlFlowGraph graph, Dictionary<IMethodSymbol, GraphShape> nested)
        {
            foreach (var localFunction in graph.LocalFunctions)
            {
                var child = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                nested[localFunction] = new GraphShape(child, known, helpers, conditions);
                Discover(child, nested);
            }
            if (!hasLambdas) return;
            foreach (var block in graph.Blocks)
            foreach (var operation in OperationsOf(block))
            foreach (var node in RegulatedUses.SelfAndDescendants(operation))
            {
                if (node is not IFlowAnonymousFunctionOperation lambda) continue;
                var child = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                nested[lambda.Symbol] = new GraphShape(child, known, helpers, conditions);
                Discover(child, nested);
            }
        }

        private static IEnumerable<IOperation> OperationsOf(BasicBlock block)
        {
            foreach (var operation in block.Operations) yield return operation;
            if (block.BranchValue != null) yield return block.BranchValue;
        }

        // ---- one graph ----

        /// <summary>What the analysis needs to know about a graph's regions and operations, computed once.</summary>
        private sealed class GraphShape
        {
            private readonly KnownSymbols known;
            private readonly HelperSummaries helpers;
            private readonly GuardConditions conditions;
            private readonly Step[]?[] steps;

            public GraphShape(ControlFlowGraph graph, KnownSymbols known, HelperSummaries helpers, GuardConditions conditions)
            {
                Graph = graph;
                this.known = known;
                this.helpers = helpers;
                this.conditions = conditions;
                steps = new Step[graph.Blocks.Length][];
                var regions = new Stack<ControlFlowRegion>();
                regions.Push(graph.Root);
                while (regions.Count > 0)
                {
                    var region = regions.Pop();
                    foreach (var child in region.NestedRegions) regions.Push(child);
                    if (region.Kind is ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally)
                    {
                        var tryRegion = region.NestedRegions[0];
                        for (var i = 1; i < region.NestedRegions.Length; i++)
                            HandlerTryBlocks[region.NestedRegions[i].FirstBlockOrdinal] = (tryRegion.FirstBlockOrdinal, tryRegion.LastBlockOrdinal);
                    }
                    if (region.Kind == ControlFlowRegionKind.Finally) Finallies[region] = new FinallyShape(graph, region);
                }
                OnePass = HandlerTryBlocks.Count == 0 && Finallies.Count == 0 && graph.Blocks.All(block => block.Predecessors.All(branch => branch.Source.Ordinal < block.Ordinal));
            }

            public ControlFlowGraph Graph { get; }
            /// <summary>The first block of a catch, filter or finally → the blocks of its try (they have no explicit predecessors).</summary>
            public Dictionary<int, (int First, int Last)> HandlerTryBlocks { get; } = new();
            public Dictionary<ControlFlowRegion, FinallyShape> Finallies { get; } = new();

            /// <summary>
            /// Every edge goes forward (no loop) and there is no try: one round in block order reaches the
            /// fixed point, as every input is then made of outputs already final; a second would only confirm it.
            /// </summary>
            public bool OnePass { get; }

            /// <summary>
            /// The nodes of a block's operations that <see cref="Transfer"/> acts on, in the order it visits
            /// them, found once (on the block's first transfer) instead of walking every operation tree on
            /// every round of every pass: that walking was most of the analyzer's time.
            /// </summary>
            public Step[] StepsOf(BasicBlock block) => steps[block.Ordinal] ??= Prepare(block);

            /// <summary>
            /// Evaluation order: children before their parent, not entering nameof (nothing runs there) nor a
            /// lambda's body (it has a graph of its own). A node is kept if it is a regulated use, may start a
            /// lambda or local function (<see cref="EntryContribution"/>), or may change the state (<see cref="Effect"/>);
            /// every other node leaves the state as it is.
            /// </summary>
            private Step[] Prepare(BasicBlock block)
            {
                var kept = new List<Step>();
                var pending = new Stack<(IOperation Operation, bool ChildrenDone)>();
                foreach (var operation in OperationsOf(block))
                {
                    pending.Push((operation, false));
                    while (pending.Count > 0)
                    {
                        var (node, childrenDone) = pending.Pop();
                        if (!childrenDone)
                        {
                            if (node is INameOfOperation) continue;
                            pending.Push((node, true));
                            if (node is IFlowAnonymousFunctionOperation) continue;
                            foreach (var child in node.ChildOperations.Reverse()) pending.Push((child, false));
                            continue;
                        }
                        RegulatedUse? use = RegulatedUses.TryGet(node, known, out var found) ? found : null;
                        var contributes = node is IFlowAnonymousFunctionOperation
                            or IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }
                            or IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction };
                        var changes = node switch
                        {
                            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => TrackedLocals.Tracks(target.Local.Type, known),
                            IFlowCaptureOperation => true,
                            IInvocationOperation check when conditions.ReturnsOnlyIfPermitted(check.TargetMethod) => true,
                            IInvocationOperation { TargetMethod.ReturnsVoid: true } call => helpers.Requires(call.TargetMethod),
                            _ => false,
                        };
                        if (use != null || contributes || changes) kept.Add(new Step(node, use, contributes, changes));
                    }
                }
                return kept.ToArray();
            }
        }

        private readonly struct Step
        {
            public Step(IOperation operation, RegulatedUse? use, bool contributes, bool changes)
            {
                Operation = operation; Use = use; Contributes = contributes; Changes = changes;
            }

            public IOperation Operation { get; }
            public RegulatedUse? Use { get; }
            public bool Contributes { get; }
            public bool Changes { get; }
        }

        private sealed class FinallyShape
        {
            public FinallyShape(ControlFlowGraph graph, ControlFlowRegion region)
            {
                var written = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                var exits = new List<int>();
                for (var i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++)
                {
                    var block = graph.Blocks[i];
                    foreach (var operation in OperationsOf(block))
                    foreach (var node in operation.DescendantsAndSelf())
                        if (node is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }) written.Add(target.Local);
                    if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling && InnermostFinally(block) == region)
                        exits.Add(i);
                }
                WrittenLocals = written;
                ExitBlocks = exits;
            }

            public HashSet<ILocalSymbol> WrittenLocals { get; }
            /// <summary>The blocks where the finally ends normally.</summary>
            public List<int> ExitBlocks { get; }

            private static ControlFlowRegion? InnermostFinally(BasicBlock block)
            {
                for (var region = block.EnclosingRegion; region != null; region = region.EnclosingRegion)
                    if (region.Kind == ControlFlowRegionKind.Finally) return region;
                return null;
            }
        }

        private void Analyse(GraphShape shape, GuardState entry, Dictionary<IMethodSymbol, GuardState>? contributions, Action<RegulatedUse, Guard, IReadOnlyList<ILocalSymbol>, string?>? report)
        {
            var blocks = shape.Graph.Blocks;
            var inputs = new GuardState?[blocks.Length];
            var outputs = new GuardState?[blocks.Length];
            // The join of every state a block passes through, for the handlers of a try around it.
            var throughout = new GuardState?[blocks.Length];

            for (var round = 0; ; round++)
            {
                if (round == MaxRounds) throw new InvalidOperationException($"the flow analysis did not settle after {MaxRounds} rounds");
                cancellationToken.ThrowIfCancellationRequested();
                var changed = false;
                foreach (var block in blocks)
                {
                    var input = block.Kind == BasicBlockKind.Entry ? entry : Input(shape, block, outputs, throughout);
                    if (input == null) continue;
                    var output = Transfer(shape.StepsOf(block), input, null, null, joinThroughout: shape.HandlerTryBlocks.Count > 0, out var passedThrough);
                    if (!GuardState.Same(inputs[block.Ordinal], input) || !GuardState.Same(outputs[block.Ordinal], output) ||
                        !GuardState.Same(throughout[block.Ordinal], passedThrough)) changed = true;
                    inputs[block.Ordinal] = input;
                    outputs[block.Ordinal] = output;
                    throughout[block.Ordinal] = passedThrough;
                }
                if (!changed || shape.OnePass) break;
            }

            if (contributions == null && report == null) return;
            foreach (var block in blocks)
                if (inputs[block.Ordinal] is { } input) Transfer(shape.StepsOf(block), input, contributions, report, joinThroughout: false, out _);
        }

        private GuardState? Input(GraphShape shape, BasicBlock block, GuardState?[] outputs, GuardState?[] throughout)
        {
            GuardState? result = null;
            foreach (var branch in block.Predecessors)
                result = GuardState.Join(result, EdgeState(shape, branch, outputs[branch.Source.Ordinal], outputs));
            if (shape.HandlerTryBlocks.TryGetValue(block.Ordinal, out var range))
                for (var i = range.First; i <= range.Last; i++)
                    result = GuardState.Join(result, throughout[i]);
            return result;
        }

        private GuardState? EdgeState(GraphShape shape, ControlFlowBranch branch, GuardState? state, GuardState?[] outputs)
        {
            if (state == null) return null;
            var source = branch.Source;
            if (source.BranchValue != null && source.ConditionKind != ControlFlowConditionKind.None)
            {
                var valueOnEdge = branch.IsConditionalSuccessor
                    ? source.ConditionKind == ControlFlowConditionKind.WhenTrue
                    : source.ConditionKind == ControlFlowConditionKind.WhenFalse;
                if (source.BranchValue.ConstantValue is { HasValue: true, Value: bool constant } && constant != valueOnEdge) return null;
                if (conditions.Meaning(source.BranchValue, state) is { } meaning && (valueOnEdge ? meaning.PermittedIfTrue : meaning.PermittedIfFalse))
                    state = state.Permit(meaning.Origin, kinds);
            }
            foreach (var region in branch.FinallyRegions)
            {
                state = AfterFinally(shape.Finallies[region], state, outputs);
                if (state == null) return null;
            }
            return state;
        }

        /// <summary>
        /// Leaving a try through its finally. The finally was analysed from the join of every state of its try,
        /// so what it ends with covers this path too: its guards (raised, after those through a local it writes end) and
        /// the locals and flags it writes.
        /// </summary>
        private static GuardState? AfterFinally(FinallyShape @finally, GuardState state, GuardState?[] outputs)
        {
            GuardState? end = null;
            foreach (var exit in @finally.ExitBlocks) end = GuardState.Join(end, outputs[exit]);
            if (end == null) return null; // it never ends normally (or is not reached yet)
            // A guard through a local the finally writes ends here, unless the finally checks again (raised below).
            foreach (var local in @finally.WrittenLocals) state = state.Forget(local);
            var guards = (Guard[])state.Guards.Clone();
            var grants = (Origin?[])state.Grants.Clone();
            for (var i = 0; i < guards.Length; i++)
                if (end.Guards[i] > guards[i] || end.Guards[i] == Guard.Permitted && end.Grants[i] != null && grants[i] == null)
                {
                    guards[i] = end.Guards[i];
                    grants[i] = end.Grants[i];
                }
            var followed = state.Locals;
            var flags = state.Flags;
            foreach (var local in @finally.WrittenLocals)
            {
                followed = end.Locals.TryGetValue(local, out var origin) ? followed.SetItem(local, origin) : followed.Remove(local);
                flags = end.Flags.TryGetValue(local, out var flag) ? flags.SetItem(local, flag) : flags.Remove(local);
            }
            return new GuardState(guards, followed, flags, state.Captures, grants);
        }

        // ---- transfer ----

        /// <summary>
        /// Runs a block's operations in evaluation order (children before their parent), reporting uses on the way;
        /// <paramref name="steps"/> are the nodes that do something (<see cref="GraphShape.StepsOf"/>).
        /// <paramref name="passedThrough"/>, the join of every state on the way, is what a catch or finally around
        /// the block starts from; it is computed only if <paramref name="joinThroughout"/> (the graph has a try), as each
        /// join allocates and only handlers read it.
        /// </summary>
        private GuardState Transfer(Step[] steps, GuardState state, Dictionary<IMethodSymbol, GuardState>? contributions,
            Action<RegulatedUse, Guard, IReadOnlyList<ILocalSymbol>, string?>? report, bool joinThroughout, out GuardState passedThrough)
        {
            passedThrough = state;
            foreach (var step in steps)
            {
                var node = step.Operation;
                if (report != null && step.Use is { } use)
                {
                    var index = kinds.IndexOf(use.Activity);
                    var guard = index < 0 ? Guard.None : state.Guards[index];
                    if (guard == Guard.Permitted) report(use, guard, Array.Empty<ILocalSymbol>(), facts.Problem(use, state.Grants[index], locals));
                    else report(use, guard, DecisionsAbout(state, use.Activity), null);
                }
                if (contributions != null && step.Contributes && EntryContribution(node, state) is { } contribution)
                    contributions[contribution.Function] = GuardState.Join(
                        contributions.TryGetValue(contribution.Function, out var existing) ? existing : null, contribution.Entry)!;
                if (!step.Changes) continue;
                var after = Effect(node, state);
                if (joinThroughout && !ReferenceEquals(after, state)) passedThrough = GuardState.Join(passedThrough, after)!;
                state = after;
            }
            return state;
        }

        /// <summary>The state a lambda or local function starts from, as seen from this operation.</summary>
        private (IMethodSymbol Function, GuardState Entry)? EntryContribution(IOperation node, GuardState state) => node switch
        {
            IFlowAnonymousFunctionOperation lambda => (lambda.Symbol, Deferred(state)),
            IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction } method } => (method.OriginalDefinition, state.WithoutCaptures()),
            IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction } method } => (method.OriginalDefinition, Deferred(state)),
            _ => null,
        };

        /// <summary>For a delegate, which may run later: keep only locals, flags and guards no later write can change.</summary>
        private GuardState Deferred(GuardState state) =>
            state.ForgetAllBut(locals.IsWrittenOnce).WithLocals(WrittenOnce(state.Locals), WrittenOnce(state.Flags)).WithoutCaptures();

        private ImmutableDictionary<ILocalSymbol, T> WrittenOnce<T>(ImmutableDictionary<ILocalSymbol, T> known)
        {
            var kept = known;
            foreach (var local in known.Keys)
                if (!locals.IsWrittenOnce(local)) kept = kept.Remove(local);
            return kept;
        }

        private IReadOnlyList<ILocalSymbol> DecisionsAbout(GuardState state, string activity) => state.Locals
            .Where(pair => known.IsDecision(pair.Key.Type) && pair.Value.Vouches(activity) == Guard.Permitted)
            .Select(pair => pair.Key)
            .OrderBy(local => local.Name, StringComparer.Ordinal)
            .ToList();

        private GuardState Effect(IOperation node, GuardState state)
        {
            switch (node)
            {
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when known.IsDecisionOrActivity(target.Local.Type):
                    // The value is read before the write; the write then ends every guard through the local's old value.
                    var written = locals.IsFollowed(target.Local) ? conditions.OriginOf(assignment.Value, state) : Origin.Unknown;
                    return state.Forget(target.Local).WithLocal(target.Local, written);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when TrackedLocals.IsFlagType(target.Local.Type):
                    // Any write replaces the flag: one the analysis cannot classify (true, a parameter) leaves none.
                    return state.WithFlag(target.Local, locals.IsFollowed(target.Local) ? conditions.Flag(assignment.Value, state) : null);
                case IFlowCaptureOperation capture:
                    return state.WithCapture(capture.Id, conditions.Classify(capture.Value, state));
                case IInvocationOperation check when conditions.ReturnsOnlyIfPermitted(check.TargetMethod):
                    return state.Permit(conditions.OriginOf(check.Instance, state), kinds);
                case IInvocationOperation call when helpers.RequiredBy(call, conditions, state) is { } required:
                    return state.Permit(required, kinds);
                default:
                    return state;
            }
        }

        private static bool SameEntries(Dictionary<IMethodSymbol, GuardState> a, Dictionary<IMethodSymbol, GuardState> b)
        {
            if (a.Count != b.Count) return false;
            foreach (var pair in a)
                if (!b.TryGetValue(pair.Key, out var other) || !GuardState.Same(pair.Value, other)) return false;
            return true;
        }
    }
}
