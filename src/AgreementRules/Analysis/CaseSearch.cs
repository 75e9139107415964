using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Analysis
{
    /// <summary>
    /// Says what the case a <see cref="CaseSearch"/> has reached decides: an outcome (a bit of a mask the caller
    /// defines), or the missing fact to branch on next.
    /// </summary>
    internal interface ICaseJudge
    {
        /// <summary>
        /// The case where <paramref name="scope"/>'s facts hold the values fixed so far: its outcome as a non-zero
        /// bit when the case is decided, or 0 with <paramref name="branch"/> the slot of a missing fact whose value
        /// could decide it (-1 when no fact can: the search gives up).
        /// </summary>
        int Judge(EvaluationScope scope, out int branch);
    }

    /// <summary>
    /// Three-valued search over the cases of facts that are not known. A judge runs the compiled conditions
    /// in the engine's three-valued logic on a partial assignment and, where they cannot decide, names the
    /// missing fact to branch on; the search tries that fact over a few values that stand for all the others
    /// (<see cref="CaseDomains"/>). <see cref="CoverageAnalysis"/> uses it to find a request no rule speaks to;
    /// the decision engine, to find whether the facts a request leaves out could change its decision.
    /// It gives up after a budget of judgements (thousands of rules on one activity).
    /// </summary>
    internal sealed class CaseSearch
    {
        /// <summary>The coverage analysis' budget, in condition evaluations.</summary>
        public const int Budget = 2_000_000;

        private readonly CaseDomains domains;
        private readonly Value[] facts;
        private readonly EvaluationScope scope;
        private readonly List<int> assigned = new();
        private readonly int budget;
        private int steps;

        private CaseSearch(CaseDomains domains, Value[] facts, int budget)
        {
            this.domains = domains;
            this.facts = facts;
            this.budget = budget;
            scope = new EvaluationScope(facts);
        }

        /// <summary>Judgements so far (a judge may count more than one, as coverage counts each condition).</summary>
        public int Steps { get => steps; set => steps = value; }

        public bool OverBudget => steps > budget;

        /// <summary>
        /// Whether the search finished (false: it gave up after <see cref="Budget"/> evaluations), and if so a
        /// request that no condition covers, as "fact = value" texts in the order the search fixed them,
        /// or null when every request is covered. A null condition is a rule without 'when': it covers
        /// everything.
        /// </summary>
        public static bool TryFindUncovered(CheckedModel model, IReadOnlyList<Expr?> conditions, ExpressionCompiler compiler,
            out IReadOnlyList<string>? uncovered) =>
            TryFindUncovered(model, conditions, compiler, reuseJudgements: true, out uncovered, out _, out _);

        /// <summary>
        /// <see cref="TryFindUncovered(CheckedModel, IReadOnlyList{Expr?}, ExpressionCompiler, out IReadOnlyList{string}?)"/>,
        /// with the steps it took (what its budget counts) and the condition evaluations it made. <paramref name="reuseJudgements"/>
        /// off, every case evaluates every condition: for tests, which check that both ways give the same answer after
        /// the same steps.
        /// </summary>
        internal static bool TryFindUncovered(CheckedModel model, IReadOnlyList<Expr?> conditions, ExpressionCompiler compiler,
            bool reuseJudgements, out IReadOnlyList<string>? uncovered, out int steps, out int evaluations)
        {
            uncovered = null;
            steps = evaluations = 0;
            if (conditions.Any(c => c == null)) return true;
            var domains = new CaseDomains(model, conditions);
            var search = new CaseSearch(domains, new Value[model.Symbols.FactsBySlot.Count], Budget);
            var judge = new CoverageJudge(search, conditions.Select(c => compiler.Compile(c!)).ToArray(),
                reuseJudgements ? domains : null);
            if (search.Given(0, judge)) uncovered = search.Witness(model);
            steps = search.Steps;
            evaluations = judge.Evaluations;
            return !search.OverBudget;
        }

        /// <summary>
        /// Every outcome the cases of the unknown facts of <paramref name="known"/> lead to, as a mask of the judge's
        /// bits; false when the search gave up (over <paramref name="budget"/> judgements, or a case no fact can
        /// decide). <paramref name="decisive"/> gets each fact some of whose values lead to other outcomes than
        /// others (the values of the facts branched on before it held fixed).
        /// </summary>
        public static bool TryOutcomes(CaseDomains domains, Value[] known, ICaseJudge judge, int budget, out int outcomes, List<int> decisive)
        {
            var search = new CaseSearch(domains, (Value[])known.Clone(), budget);
            outcomes = search.Outcomes(judge, decisive);
            return outcomes != 0;
        }

        /// <summary>The outcomes below the case reached; 0 when the search gave up.</summary>
        private int Outcomes(ICaseJudge judge, List<int> decisive)
        {
            if (++steps > budget) return 0;
            var outcome = judge.Judge(scope, out var branch);
            if (outcome != 0) return outcome;
            if (branch < 0 || !facts[branch].IsUnknown) return 0;
            var all = 0;
            var first = 0;
            var differ = false;
            foreach (var value in domains.Candidates(branch))
            {
                Assign(branch, value);
                var below = Outcomes(judge, decisive);
                Unassign(branch);
                if (below == 0) return 0;
                if (first == 0) first = below;
                else differ |= below != first;
                all |= below;
            }
            if (differ && !decisive.Contains(branch)) decisive.Add(branch);
            return all;
        }

        /// <summary>Tries each fact tested with 'is given' absent and with each of its values, then searches.</summary>
        private bool Given(int index, CoverageJudge judge)
        {
            if (index == domains.GivenSlots.Count) return FindStop(judge, 0, -1);
            var slot = domains.GivenSlots[index];
            if (Given(index + 1, judge)) return true;
            foreach (var value in domains.Candidates(slot))
            {
                if (OverBudget) return false;
                Assign(slot, value);
                if (Given(index + 1, judge)) return true;
                Unassign(slot);
            }
            return false;
        }

        /// <summary>
        /// Whether some case below the one reached makes the judge answer <see cref="CoverageJudge.Uncovered"/>; the facts
        /// stay assigned as that case. <paramref name="changed"/> is the fact this case fixed below the one at
        /// <paramref name="depth"/> - 1 (-1 at the top, where nothing is known of a case before).
        /// </summary>
        private bool FindStop(CoverageJudge judge, int depth, int changed)
        {
            var outcome = judge.Judge(scope, depth, changed, out var branch);
            if (outcome == CoverageJudge.Uncovered) return true;
            if (outcome != 0 || branch < 0) return false;
            foreach (var value in domains.Candidates(branch))
            {
                Assign(branch, value);
                if (FindStop(judge, depth + 1, branch)) return true;
                Unassign(branch);
                if (OverBudget) return false;
            }
            return false;
        }

        /// <summary>
        /// Coverage: is any of a group of conditions true (covered), all false (uncovered), or which fact would tell.
        /// Below a case, the search has fixed one more fact; the judge takes a condition's value (and the missing facts it
        /// read) from the case above instead of evaluating it again where that cannot change it:
        /// <list type="bullet">
        /// <item>the condition does not read the fact just fixed: it is a function of the facts it names (directly or
        /// through definitions) and of nothing else;</item>
        /// <item>it was false above and tests no fact with 'is given': every other operator answers unknown on an unknown
        /// operand and 'and'/'or' are Kleene's, so a value known with fewer facts fixed is the value with more
        /// ('is given' is the one test that turns from false to true when its fact is fixed).</item>
        /// </list>
        /// It counts a step for every condition either way, so the budget runs out exactly where it did when every
        /// condition was evaluated.
        /// </summary>
        private sealed class CoverageJudge
        {
            public const int Covered = 1, Uncovered = 2;
            private readonly CaseSearch search;
            private readonly CompiledExpr[] conditions;
            // What each condition reads; null: evaluate every condition at every case.
            private readonly CaseDomains? domains;
            // What each condition was at the last case judged at each depth of FindStop (the case above is depth - 1).
            private readonly List<Judgement> byDepth = new();

            public CoverageJudge(CaseSearch search, CompiledExpr[] conditions, CaseDomains? domains)
            {
                this.search = search;
                this.conditions = conditions;
                this.domains = domains;
            }

            /// <summary>Condition evaluations made (steps taken from the case above are not evaluations).</summary>
            public int Evaluations { get; private set; }

            public int Judge(EvaluationScope scope, int depth, int changed, out int branch)
            {
                while (byDepth.Count <= depth) byDepth.Add(new Judgement(conditions.Length));
                var now = byDepth[depth];
                // The case above was judged undecided (that is why this one exists), so it judged every condition.
                var above = domains != null && depth > 0 ? byDepth[depth - 1] : null;
                branch = -1;
                var undecided = false;
                for (var i = 0; i < conditions.Length; i++)
                {
                    // Over budget: answer 'covered', and the caller reports the search incomplete.
                    if (++search.Steps > Budget) return Covered;
                    if (above != null && (!domains!.Reads(i).Contains(changed) || !above.Unknown[i] && !domains.TestsGiven(i)))
                    {
                        now.Unknown[i] = above.Unknown[i];
                        now.FirstMissing[i] = above.FirstMissing[i];
                    }
                    else
                    {
                        Evaluations++;
                        scope.Reset(scope.Facts);
                        var value = conditions[i](scope);
                        if (value.IsTrue) return Covered;
                        now.Unknown[i] = value.IsUnknown;
                        now.FirstMissing[i] = value.IsUnknown ? FirstMissing(scope) : -1;
                    }
                    if (!now.Unknown[i]) continue;
                    undecided = true;
                    if (branch < 0) branch = now.FirstMissing[i];
                }
                if (!undecided) return Uncovered;
                // Undecided without a missing fact (e.g. a division by zero): count it as covered.
                return branch < 0 ? Covered : 0;
            }

            private static int FirstMissing(EvaluationScope scope)
            {
                foreach (var slot in scope.MissingReads)
                    if (scope.Facts[slot].IsUnknown) return slot;
                return -1;
            }

            /// <summary>Per condition, at a case judged undecided: whether it was unknown (else false), and the first missing fact it read (-1: none).</summary>
            private sealed class Judgement
            {
                public readonly bool[] Unknown;
                public readonly int[] FirstMissing;

                public Judgement(int conditions)
                {
                    Unknown = new bool[conditions];
                    FirstMissing = new int[conditions];
                }
            }
        }

        private void Assign(int slot, Value value)
        {
            facts[slot] = value;
            assigned.Add(slot);
        }

        private void Unassign(int slot)
        {
            facts[slot] = Value.Unknown;
            assigned.RemoveAt(assigned.Count - 1);
        }

        private IReadOnlyList<string> Witness(CheckedModel model)
        {
            var texts = assigned.Select(slot => Describe(model.Symbols.FactsBySlot[slot], facts[slot])).ToList();
            texts.AddRange(domains.GivenSlots.Where(s => facts[s].IsUnknown).Select(s => model.Symbols.FactsBySlot[s].Name + " not given"));
            return texts;
        }

        private static string Describe(FactSymbol fact, Value value) =>
            fact.Name + " = " + value.Kind switch
            {
                ValueKind.Number => value.ToString() + (fact.Type is NumberType n && n.Dimension != Dimension.Scalar ? " " + NumberType.UnitOf(n.Dimension) : ""),
                ValueKind.List => "{ " + string.Join(", ", (string[])value.Ref!) + " }",
                _ => value.ToString(),
            };

    }

    /// <summary>
    /// The values the case search tries for each fact, standing for all the others: every value of an enum or
    /// bool; for a number, the constants the conditions compare it with, the points between them, one beyond,
    /// and the ends of its range (a percentage from 0 to 100, every other number from 0 up); for a text, one
    /// member of each combination of the sets and constants it is tested against and one value that is none of
    /// them. Exact for comparisons of facts with constants and set membership; a comparison through arithmetic
    /// (quantity * enrichment) is sampled at those points, so a search can miss a case there, never invent one.
    /// Built once from a group of conditions (and the definitions they use); read-only afterwards.
    /// </summary>
    internal sealed class CaseDomains
    {
        private readonly Value[][] candidates;

        public CaseDomains(CheckedModel model, IEnumerable<Expr?> conditions)
        {
            var constants = new Constants(model);
            foreach (var c in conditions) if (c != null) constants.Collect(c);
            candidates = new Value[model.Symbols.FactsBySlot.Count][];
            foreach (var fact in model.Symbols.FactsBySlot) candidates[fact.Slot] = constants.CandidatesFor(fact);
            GivenSlots = constants.GivenSlots.OrderBy(s => s).ToArray();
            var reads = conditions.Select(c => c == null ? (all: new HashSet<int>(), sampled: new HashSet<int>(), given: false) : FactReads(model, c)).ToArray();
            this.reads = reads.Select(r => r.all).ToArray();
            arithmetic = reads.Select(r => r.sampled).ToArray();
            testsGiven = reads.Select(r => r.given).ToArray();
        }

        private readonly HashSet<int>[] reads;
        private readonly HashSet<int>[] arithmetic;
        private readonly bool[] testsGiven;

        public Value[] Candidates(int slot) => candidates[slot];

        /// <summary>The facts a condition tests with 'is given': their absence decides something of its own.</summary>
        public IReadOnlyList<int> GivenSlots { get; }

        /// <summary>
        /// The facts condition <paramref name="index"/> reads through arithmetic (an operand of + - * /) or compares
        /// with another fact, directly or through a definition: for it their candidates are samples, not every case.
        /// </summary>
        public IReadOnlyCollection<int> ThroughArithmetic(int index) => arithmetic[index];

        /// <summary>
        /// Every fact condition <paramref name="index"/> can read, directly, with 'is given' or through a definition: its
        /// value depends on these and nothing else. Errs towards more (a name spelled like a fact counts).
        /// </summary>
        public IReadOnlyCollection<int> Reads(int index) => reads[index];

        /// <summary>Whether condition <paramref name="index"/> uses 'is given', directly or through a definition.</summary>
        public bool TestsGiven(int index) => testsGiven[index];

        private static bool IsConstant(CheckedModel model, Expr e) =>
            e is NumberLiteral or StringLiteral or BoolLiteral || e is NameExpr n && model.KindOf(n) == NameKind.Symbol;

        /// <summary>
        /// The facts a condition can read (all), those of them it reads through arithmetic or compares with another fact
        /// (sampled), and whether it uses 'is given' (given).
        /// </summary>
        private static (HashSet<int> all, HashSet<int> sampled, bool given) FactReads(CheckedModel model, Expr condition)
        {
            var given = false;
            var all = new HashSet<int>();
            var sampled = new HashSet<int>();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            // (expression, whether it is under arithmetic)
            var stack = new Stack<(Expr expr, bool underArithmetic)>();
            stack.Push((condition, false));
            while (stack.Count > 0)
            {
                var (expr, under) = stack.Pop();
                given |= expr is GivenExpr;
                if (expr is NameExpr any && model.Symbols.Facts.TryGetValue(any.Text, out var read)) all.Add(read.Slot);
                if (expr is NameExpr n && model.KindOf(n) == NameKind.Fact && model.Symbols.Facts.TryGetValue(n.Text, out var fact))
                {
                    if (under) sampled.Add(fact.Slot);
                    continue;
                }
                if (expr is NameExpr d && model.KindOf(d) == NameKind.Definition)
                {
                    // A definition used both ways is walked both ways.
                    if (visited.Add(d.Text + (under ? "+" : ""))) stack.Push((model.Symbols.Definitions[d.Text].Declaration.Body, under));
                    continue;
                }
                var isSampled = under || expr is BinaryExpr b && b.Operator.Kind() switch
                {
                    OperatorKind.Arithmetic => true,
                    // Two facts compared with each other: the candidates straddle the constants, not the other fact's value.
                    OperatorKind.Ordering or OperatorKind.Equality => !IsConstant(model, b.Left) && !IsConstant(model, b.Right),
                    OperatorKind.Logical or OperatorKind.Membership => false,
                };
                foreach (var child in ExpressionDepth.Children(expr)) stack.Push((child, isSampled));
            }
            return (all, sampled, given);
        }

        private const string Other = "(any other)";

        /// <summary>What the conditions compare each fact with, found by walking them and the definitions they use.</summary>
        private sealed class Constants : ExprVisitor<NoArgument, NoArgument>
        {
            private readonly CheckedModel model;
            private readonly HashSet<string> visited = new(StringComparer.Ordinal);
            private readonly Dictionary<string, HashSet<string>> symbols = new(StringComparer.Ordinal);
            private readonly Dictionary<string, List<IReadOnlyList<string>>> sets = new(StringComparer.Ordinal);
            private readonly Dictionary<Dimension, SortedSet<double>> numbers = new();
            private readonly List<(string a, string b)> linked = new();
            public readonly HashSet<int> GivenSlots = new();

            public Constants(CheckedModel model) => this.model = model;

            public void Collect(Expr expr) => Visit(expr, default);

            protected override NoArgument Number(NumberLiteral number, NoArgument none)
            {
                var dimension = NumberType.DimensionOf(number.Unit);
                if (!numbers.TryGetValue(dimension, out var set)) numbers[dimension] = set = new SortedSet<double>();
                set.Add(number.EngineValue());
                return none;
            }

            protected override NoArgument Bool(BoolLiteral literal, NoArgument none) => none;
            protected override NoArgument String(StringLiteral text, NoArgument none) => none;

            protected override NoArgument Name(NameExpr name, NoArgument none)
            {
                if (model.KindOf(name) == NameKind.Definition && visited.Add(name.Text)) Collect(model.Symbols.Definitions[name.Text].Declaration.Body);
                return none;
            }

            protected override NoArgument Not(NotExpr not, NoArgument none) => Visit(not.Operand, none);

            protected override NoArgument Given(GivenExpr given, NoArgument none)
            {
                if (given.Fact is NameExpr f && model.Symbols.Facts.TryGetValue(f.Text, out var fact)) GivenSlots.Add(fact.Slot);
                return none;
            }

            protected override NoArgument Case(CaseExpr @case, NoArgument none)
            {
                foreach (var branch in @case.Branches) { Collect(branch.Condition); Collect(branch.Result); }
                return Visit(@case.Otherwise, none);
            }

            protected override NoArgument Set(SetLiteral set, NoArgument none)
            {
                foreach (var item in set.Items) Collect(item);
                return none;
            }

            protected override NoArgument Binary(BinaryExpr binary, NoArgument none)
            {
                Relate(binary);
                Collect(binary.Left);
                return Visit(binary.Right, none);
            }

            private void Relate(BinaryExpr b)
            {
                var left = FactName(b.Left);
                var right = FactName(b.Right);
                switch (b.Operator)
                {
                    case BinaryOperator.Equal or BinaryOperator.NotEqual when left != null && right != null:
                        linked.Add((left, right));
                        break;
                    case BinaryOperator.Equal or BinaryOperator.NotEqual:
                        if (left != null && Symbol(b.Right) is { } r) Add(left, r);
                        if (right != null && Symbol(b.Left) is { } l) Add(right, l);
                        break;
                    case BinaryOperator.In when left != null && b.Right is SetLiteral literal:
                        foreach (var item in literal.Items) if (Symbol(item) is { } s) Add(left, s);
                        break;
                    case BinaryOperator.In when left != null && b.Right is NameExpr setName && model.Symbols.DataSets.TryGetValue(setName.Text, out var data):
                        if (!sets.TryGetValue(left, out var list)) sets[left] = list = new List<IReadOnlyList<string>>();
                        list.Add(data.Members);
                        break;
                    case BinaryOperator.Has when left != null && Symbol(b.Right) is { } item:
                        Add(left, item);
                        break;
                }
            }

            private string? FactName(Expr e) => e is NameExpr n && model.KindOf(n) == NameKind.Fact ? n.Text : null;

            private string? Symbol(Expr e) => e switch
            {
                StringLiteral s => s.Value,
                NameExpr n when model.KindOf(n) == NameKind.Symbol => n.Text,
                _ => null,
            };

            private void Add(string fact, string value)
            {
                if (!symbols.TryGetValue(fact, out var set)) symbols[fact] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(value);
            }

            /// <summary>The facts compared with this one (from != to), and this one: they share their constants.</summary>
            private HashSet<string> Linked(string fact)
            {
                var group = new HashSet<string>(StringComparer.Ordinal) { fact };
                for (var grew = true; grew;)
                {
                    grew = false;
                    foreach (var (a, b) in linked)
                        if (group.Contains(a) != group.Contains(b)) { group.Add(a); group.Add(b); grew = true; }
                }
                return group;
            }

            public Value[] CandidatesFor(FactSymbol fact) => fact.Type switch
            {
                var t when t == RuleType.Bool => new[] { Value.True, Value.False },
                EnumType e => e.Values.Select(Value.Symbol).ToArray(),
                NumberType n => Numbers(n.Dimension).Select(Value.Of).ToArray(),
                ListType { Element: EnumType e } => Subsets(e.Values).Select(s => Value.List(s)).ToArray(),
                ListType => new[] { Value.List(Array.Empty<string>()) }
                    .Concat(Texts(fact.Name).Where(t => t != Other).Select(t => Value.List(new[] { t }))).ToArray(),
                _ => Texts(fact.Name).Select(Value.Symbol).ToArray(),
            };

            private IEnumerable<double> Numbers(Dimension dimension)
            {
                var low = 0.0;
                var high = dimension == Dimension.Percent ? 100.0 : double.PositiveInfinity;
                var points = new SortedSet<double> { low };
                if (numbers.TryGetValue(dimension, out var constants))
                {
                    var inside = constants.Where(c => c >= low && c <= high).ToList();
                    for (var i = 0; i < inside.Count; i++)
                    {
                        points.Add(inside[i]);
                        points.Add(((i == 0 ? low : inside[i - 1]) + inside[i]) / 2);
                    }
                    if (inside.Count > 0) points.Add(double.IsPositiveInfinity(high) ? inside[inside.Count - 1] * 2 + 1 : (inside[inside.Count - 1] + high) / 2);
                }
                if (!double.IsPositiveInfinity(high)) points.Add(high);
                else if (points.Count == 1) points.Add(1);
                return points;
            }

            private static IEnumerable<string[]> Subsets(IReadOnlyList<string> values)
            {
                if (values.Count > 4)
                    return new[] { Array.Empty<string>(), values.ToArray() }.Concat(values.Select(v => new[] { v }));
                return Enumerable.Range(0, 1 << values.Count)
                    .Select(mask => values.Where((_, i) => (mask & (1 << i)) != 0).ToArray());
            }

            /// <summary>
            /// One value for each way a text can answer the conditions' tests: a member of each
            /// combination of the sets it is tested against, each constant, and a value that is none of them.
            /// </summary>
            private IEnumerable<string> Texts(string fact)
            {
                var group = Linked(fact);
                var constants = group.SelectMany(f => symbols.TryGetValue(f, out var s) ? s : Enumerable.Empty<string>())
                    .Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
                var memberships = group.SelectMany(f => sets.TryGetValue(f, out var l) ? l : Enumerable.Empty<IReadOnlyList<string>>()).Distinct().ToList();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var result = new List<string>(constants);
                foreach (var member in memberships.SelectMany(m => m).Where(m => !constants.Contains(m)))
                {
                    var signature = string.Concat(memberships.Select(m => m.Contains(member) ? '1' : '0'));
                    if (seen.Add(signature)) result.Add(member);
                }
                result.Add(Other);
                return result;
            }
        }
    }
}
