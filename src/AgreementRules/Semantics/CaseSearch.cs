using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// Looks for a request that none of a group of rules speaks to: an assignment of facts under which
    /// every condition is false. It runs the compiled conditions in the engine's three-valued logic on a
    /// partial assignment and, where a condition cannot decide, branches on the first missing fact it
    /// read, over a few values that stand for all the others: every value of an enum or bool; for a
    /// number, the constants the conditions compare with, the points between them and one beyond; for a
    /// text, one member of each combination of the sets and constants it is tested against and one value
    /// that is none of them. A fact tested with 'is given' is also tried absent.
    /// The search is exact for comparisons of facts with constants and set membership; a comparison
    /// through arithmetic (quantity * enrichment) is sampled at the constants, so it can miss a gap
    /// there, never invent one. It gives up after <see cref="Budget"/> evaluations of a condition
    /// (thousands of rules on one activity), and the caller falls back on what projection finds.
    /// </summary>
    internal sealed class CaseSearch
    {
        public const int Budget = 2_000_000;
        private const string Other = "(any other)";

        private readonly CheckedModel model;
        private readonly CompiledExpr?[] conditions;
        private readonly Dictionary<int, Value[]> candidates = new();
        private readonly List<int> givenSlots = new();
        private readonly Value[] facts;
        private readonly EvaluationScope scope;
        private readonly List<int> assigned = new();
        private int steps;

        private CaseSearch(CheckedModel model, IReadOnlyList<Expr?> conditionExprs, ExpressionCompiler compiler)
        {
            this.model = model;
            conditions = conditionExprs.Select(c => c == null ? null : compiler.Compile(c)).ToArray();
            facts = new Value[model.Symbols.FactsBySlot.Count];
            scope = new EvaluationScope(facts);
            var constants = new Constants(model);
            foreach (var c in conditionExprs) if (c != null) constants.Collect(c);
            foreach (var fact in model.Symbols.FactsBySlot) candidates[fact.Slot] = constants.CandidatesFor(fact);
            givenSlots.AddRange(constants.Given.OrderBy(s => s));
        }

        /// <summary>
        /// Whether the search finished (false: it gave up after <see cref="Budget"/> evaluations), and if so a
        /// request that no condition covers, as "fact = value" texts in the order the search fixed them,
        /// or null when every request is covered. A null condition is a rule without 'when': it covers
        /// everything.
        /// </summary>
        public static bool TryFindUncovered(CheckedModel model, IReadOnlyList<Expr?> conditions, ExpressionCompiler compiler,
            out IReadOnlyList<string>? uncovered)
        {
            uncovered = null;
            if (conditions.Any(c => c == null)) return true;
            var search = new CaseSearch(model, conditions, compiler);
            if (search.Given(0)) uncovered = search.Witness();
            return search.steps <= Budget;
        }

        /// <summary>Tries each fact tested with 'is given' absent and with each of its values, then searches.</summary>
        private bool Given(int index)
        {
            if (index == givenSlots.Count) return Search();
            var slot = givenSlots[index];
            if (Given(index + 1)) return true;
            foreach (var value in candidates[slot])
            {
                if (steps > Budget) return false;
                Assign(slot, value);
                if (Given(index + 1)) return true;
                Unassign(slot);
            }
            return false;
        }

        private bool Search()
        {
            var branch = -1;
            var undecided = false;
            foreach (var condition in conditions)
            {
                if (++steps > Budget) return false;
                scope.Reset(facts);
                var value = condition!(scope);
                if (value.IsTrue) return false;
                if (!value.IsUnknown) continue;
                undecided = true;
                if (branch < 0)
                    foreach (var slot in scope.MissingReads)
                        if (facts[slot].IsUnknown) { branch = slot; break; }
            }
            if (!undecided) return true;
            // Undecided without a missing fact (e.g. a division by zero): count it as covered.
            if (branch < 0) return false;
            foreach (var value in candidates[branch])
            {
                Assign(branch, value);
                if (Search()) return true;
                Unassign(branch);
                if (steps > Budget) return false;
            }
            return false;
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

        private IReadOnlyList<string> Witness()
        {
            var texts = assigned.Select(slot => Describe(model.Symbols.FactsBySlot[slot], facts[slot])).ToList();
            texts.AddRange(givenSlots.Where(s => facts[s].IsUnknown).Select(s => model.Symbols.FactsBySlot[s].Name + " not given"));
            return texts;
        }

        private static string Describe(FactSymbol fact, Value value) =>
            fact.Name + " = " + value.Kind switch
            {
                ValueKind.Number => value.ToString() + (fact.Type is NumberType n && n.Dimension != Dimension.Scalar ? " " + NumberType.UnitOf(n.Dimension) : ""),
                ValueKind.List => "{ " + string.Join(", ", (string[])value.Ref!) + " }",
                _ => value.ToString(),
            };

        /// <summary>What the conditions compare each fact with, found by walking them and the definitions they use.</summary>
        private sealed class Constants
        {
            private readonly CheckedModel model;
            private readonly HashSet<string> visited = new(StringComparer.Ordinal);
            private readonly Dictionary<string, HashSet<string>> symbols = new(StringComparer.Ordinal);
            private readonly Dictionary<string, List<IReadOnlyList<string>>> sets = new(StringComparer.Ordinal);
            private readonly Dictionary<Dimension, SortedSet<double>> numbers = new();
            private readonly List<(string a, string b)> linked = new();
            public readonly HashSet<int> Given = new();

            public Constants(CheckedModel model) => this.model = model;

            public void Collect(Expr expr)
            {
                switch (expr)
                {
                    case NumberLiteral n:
                        var dimension = Checker.DimensionOf(n.Unit);
                        if (!numbers.TryGetValue(dimension, out var set)) numbers[dimension] = set = new SortedSet<double>();
                        set.Add(n.Unit == "kg" ? n.Value * 1000 : n.Value);
                        break;
                    case NameExpr name when model.KindOf(name) == NameKind.Definition:
                        if (visited.Add(name.Text)) Collect(model.Symbols.Definitions[name.Text].Declaration.Body);
                        break;
                    case NotExpr not:
                        Collect(not.Operand);
                        break;
                    case GivenExpr given:
                        if (given.Fact is NameExpr f && model.Symbols.Facts.TryGetValue(f.Text, out var fact)) Given.Add(fact.Slot);
                        break;
                    case CaseExpr c:
                        foreach (var branch in c.Branches) { Collect(branch.Condition); Collect(branch.Result); }
                        Collect(c.Otherwise);
                        break;
                    case SetLiteral s:
                        foreach (var item in s.Items) Collect(item);
                        break;
                    case BinaryExpr b:
                        Relate(b);
                        Collect(b.Left);
                        Collect(b.Right);
                        break;
                }
            }

            private void Relate(BinaryExpr b)
            {
                var left = FactName(b.Left);
                var right = FactName(b.Right);
                switch (b.Operator)
                {
                    case "==" or "!=" when left != null && right != null:
                        linked.Add((left, right));
                        break;
                    case "==" or "!=":
                        if (left != null && Symbol(b.Right) is { } r) Add(left, r);
                        if (right != null && Symbol(b.Left) is { } l) Add(right, l);
                        break;
                    case "in" when left != null && b.Right is SetLiteral literal:
                        foreach (var item in literal.Items) if (Symbol(item) is { } s) Add(left, s);
                        break;
                    case "in" when left != null && b.Right is NameExpr setName && model.Symbols.DataSets.TryGetValue(setName.Text, out var data):
                        if (!sets.TryGetValue(left, out var list)) sets[left] = list = new List<IReadOnlyList<string>>();
                        list.Add(data.Members);
                        break;
                    case "has" when left != null && Symbol(b.Right) is { } item:
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
