using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Analysis
{
    /// <summary>
    /// The names a fact may take in a <see cref="Box"/>: a finite set, or (for a text fact, whose values are
    /// not listed anywhere) every name except a finite set. Immutable.
    /// </summary>
    internal sealed class NameSet
    {
        private readonly HashSet<string> names;
        /// <summary>True: every name except <see cref="names"/>.</summary>
        private readonly bool excluding;

        private NameSet(HashSet<string> names, bool excluding) { this.names = names; this.excluding = excluding; }

        public static NameSet Of(IEnumerable<string> names) => new(new HashSet<string>(names, StringComparer.Ordinal), false);

        public bool IsEmpty => !excluding && names.Count == 0;

        /// <summary>The names not in this set: within <paramref name="universe"/> (an enum's values, true and false), or any name when it is null.</summary>
        public NameSet Complement(IReadOnlyList<string>? universe) =>
            universe != null ? Of(universe.Where(n => Contains(n) == false)) : new NameSet(names, !excluding);

        public bool Contains(string name) => names.Contains(name) != excluding;

        public NameSet Intersect(NameSet other)
        {
            if (!excluding) return Of(names.Where(other.Contains));
            if (!other.excluding) return other.Intersect(this);
            var both = new HashSet<string>(names, StringComparer.Ordinal);
            both.UnionWith(other.names);
            return new NameSet(both, true);
        }

        /// <summary>A name in the set (the first in ordinal order, or a new one when the set excludes only some); null when empty.</summary>
        public string? Pick()
        {
            if (!excluding) return names.OrderBy(n => n, StringComparer.Ordinal).FirstOrDefault();
            var fresh = "other";
            for (var i = 2; names.Contains(fresh); i++) fresh = "other-" + i;
            return fresh;
        }
    }

    /// <summary>
    /// A conjunction of tests, each on one fact: the values of each number fact as an <see cref="IntervalSet"/>,
    /// of each enum, bool or text fact as a <see cref="NameSet"/>. A fact the box does not name is free.
    /// Every request whose facts lie in the box makes the condition the box came from true. Immutable.
    /// </summary>
    internal sealed class Box
    {
        private static readonly IReadOnlyDictionary<int, IntervalSet> NoNumbers = new Dictionary<int, IntervalSet>();
        private static readonly IReadOnlyDictionary<int, NameSet> NoNames = new Dictionary<int, NameSet>();

        public static readonly Box Everything = new(NoNumbers, NoNames);

        private Box(IReadOnlyDictionary<int, IntervalSet> numbers, IReadOnlyDictionary<int, NameSet> names) { Numbers = numbers; Names = names; }

        public IReadOnlyDictionary<int, IntervalSet> Numbers { get; }
        public IReadOnlyDictionary<int, NameSet> Names { get; }

        public static Box OfNumber(int slot, IntervalSet values) => new(new Dictionary<int, IntervalSet> { [slot] = values }, NoNames);
        public static Box OfNames(int slot, NameSet values) => new(NoNumbers, new Dictionary<int, NameSet> { [slot] = values });

        /// <summary>The requests in both boxes, or null when there is none.</summary>
        public Box? Intersect(Box other) =>
            Meet(Numbers, other.Numbers, (a, b) => a.Intersect(b), v => v.IsEmpty) is { } numbers &&
            Meet(Names, other.Names, (a, b) => a.Intersect(b), v => v.IsEmpty) is { } names
                ? new Box(numbers, names)
                : null;

        /// <summary>Each fact's values in both, or null when some fact has none left. Shares a side when the other tests nothing (boxes never change).</summary>
        private static IReadOnlyDictionary<int, T>? Meet<T>(IReadOnlyDictionary<int, T> mine, IReadOnlyDictionary<int, T> theirs, Func<T, T, T> intersect, Func<T, bool> isEmpty)
        {
            if (theirs.Count == 0) return mine;
            if (mine.Count == 0) return theirs;
            var met = new Dictionary<int, T>(mine.Count + theirs.Count);
            foreach (var pair in mine) met[pair.Key] = pair.Value;
            foreach (var pair in theirs)
            {
                var values = met.TryGetValue(pair.Key, out var own) ? intersect(own, pair.Value) : pair.Value;
                if (isEmpty(values)) return null;
                met[pair.Key] = values;
            }
            return met;
        }
    }

    /// <summary>
    /// A condition as a union of <see cref="Box"/>es (its disjunctive normal form), where that is exact: tests of
    /// one fact against constants (a number with its unit, an enum value, a text, true or false, a set), joined
    /// with and, or, not, through definitions. Anything else — two facts compared, arithmetic, 'has', 'is given',
    /// 'case', lists — makes the whole condition undecided (null), and so does a form of more than
    /// <see cref="MaxBoxes"/> boxes. With every fact a box names given, the condition is two-valued, so 'not'
    /// is the complement.
    /// </summary>
    internal sealed class ConditionBoxes : ExprVisitor<bool, List<Box>?>
    {
        /// <summary>The most boxes one condition may become before it counts as undecided (and/or of ors multiply).</summary>
        public const int MaxBoxes = 64;

        private static readonly IReadOnlyList<string> Booleans = new[] { "false", "true" };

        private readonly CheckedModel model;
        /// <summary>Each number fact's range (<see cref="CoverageAnalysis.Domain"/>), by slot, built once.</summary>
        private readonly Dictionary<int, IntervalSet> domains = new();
        private int depth;

        public ConditionBoxes(CheckedModel model) => this.model = model;

        /// <summary>The boxes whose union is exactly where <paramref name="condition"/> holds (no condition: everything), or null when that is not decided here.</summary>
        public List<Box>? Of(Expr? condition)
        {
            depth = 0;
            return condition == null ? new List<Box> { Box.Everything } : Visit(condition, true);
        }

        protected override List<Box>? Number(NumberLiteral number, bool positive) => null;
        protected override List<Box>? String(StringLiteral text, bool positive) => null;
        protected override List<Box>? Set(SetLiteral set, bool positive) => null;
        protected override List<Box>? Given(GivenExpr given, bool positive) => null;
        protected override List<Box>? Case(CaseExpr @case, bool positive) => null;

        protected override List<Box>? Bool(BoolLiteral literal, bool positive) =>
            literal.Value == positive ? new List<Box> { Box.Everything } : new List<Box>();

        protected override List<Box>? Not(NotExpr not, bool positive) => Visit(not.Operand, !positive);

        protected override List<Box>? Name(NameExpr name, bool positive)
        {
            switch (model.KindOf(name))
            {
                case NameKind.Fact when model.Symbols.Facts.TryGetValue(name.Text, out var fact) && fact.Type == RuleType.Bool:
                    return Single(Box.OfNames(fact.Slot, NameSet.Of(new[] { positive ? "true" : "false" })));
                case NameKind.Definition when depth < RulesParser.MaxExpressionDepth:
                    depth++;
                    var boxes = Visit(model.Symbols.Definitions[name.Text].Declaration.Body, positive);
                    depth--;
                    return boxes;
                default:
                    return null;
            }
        }

        protected override List<Box>? Binary(BinaryExpr binary, bool positive)
        {
            switch (binary.Operator)
            {
                case BinaryOperator.And or BinaryOperator.Or:
                    var left = Visit(binary.Left, positive);
                    var right = left == null ? null : Visit(binary.Right, positive);
                    if (left == null || right == null) return null;
                    // 'and' is an intersection, 'or' a union; 'not' swaps them (De Morgan).
                    return (binary.Operator == BinaryOperator.And) == positive ? Intersect(left, right) : Union(left, right);
                case BinaryOperator.In when Fact(binary.Left) is { } fact:
                    var members = Members(binary.Right);
                    return members == null || !IsNamed(fact) ? null : Names(fact, NameSet.Of(members), positive);
                default:
                    if (binary.Operator.Kind() is not (OperatorKind.Equality or OperatorKind.Ordering)) return null;
                    if (Fact(binary.Left) is { } l) return Compare(l, binary.Operator, binary.Right, positive);
                    if (Fact(binary.Right) is { } r && binary.Operator.Mirror() is { } mirror) return Compare(r, mirror, binary.Left, positive);
                    return null;
            }
        }

        /// <summary><c>fact op constant</c>.</summary>
        private List<Box>? Compare(FactSymbol fact, BinaryOperator op, Expr constant, bool positive)
        {
            if (fact.Type is NumberType && constant is NumberLiteral number && IntervalSet.Compare(op, number.EngineValue()) is { } values)
            {
                if (!domains.TryGetValue(fact.Slot, out var domain)) domains[fact.Slot] = domain = CoverageAnalysis.Domain(fact);
                var held = domain.Intersect(positive ? values : values.Complement());
                return held.IsEmpty ? new List<Box>() : Single(Box.OfNumber(fact.Slot, held));
            }
            if (op.Kind() != OperatorKind.Equality) return null;
            var name = constant switch
            {
                BoolLiteral b when fact.Type == RuleType.Bool => b.Value ? "true" : "false",
                StringLiteral s when fact.Type == RuleType.Text => s.Value,
                NameExpr n when IsNamed(fact) && model.KindOf(n) == NameKind.Symbol => n.Text,
                _ => null,
            };
            return name == null ? null : Names(fact, NameSet.Of(new[] { name }), positive == (op == BinaryOperator.Equal));
        }

        private List<Box> Names(FactSymbol fact, NameSet values, bool positive)
        {
            var universe = fact.Type switch { EnumType e => e.Values, var t when t == RuleType.Bool => Booleans, _ => null };
            if (universe != null) values = values.Intersect(NameSet.Of(universe));
            var held = positive ? values : values.Complement(universe);
            return held.IsEmpty ? new List<Box>() : Single(Box.OfNames(fact.Slot, held));
        }

        /// <summary>The members of a set literal of names and texts, or of a declared set; null for anything else.</summary>
        private IReadOnlyList<string>? Members(Expr set)
        {
            if (set is NameExpr n && model.KindOf(n) == NameKind.DataSet && model.Symbols.DataSets.TryGetValue(n.Text, out var data)) return data.Members;
            if (set is not SetLiteral literal) return null;
            var members = new List<string>(literal.Items.Count);
            foreach (var item in literal.Items)
            {
                if (item is StringLiteral s) members.Add(s.Value);
                else if (item is NameExpr name && model.KindOf(name) == NameKind.Symbol) members.Add(name.Text);
                else return null;
            }
            return members;
        }

        private FactSymbol? Fact(Expr e) =>
            e is NameExpr n && model.KindOf(n) == NameKind.Fact && model.Symbols.Facts.TryGetValue(n.Text, out var fact) ? fact : null;

        /// <summary>An enum or text fact: one whose values are names.</summary>
        private static bool IsNamed(FactSymbol fact) => fact.Type is EnumType || fact.Type == RuleType.Text;

        private static List<Box> Single(Box box) => new() { box };

        private static List<Box>? Union(List<Box> left, List<Box> right) =>
            left.Count + right.Count > MaxBoxes ? null : left.Concat(right).ToList();

        private static List<Box>? Intersect(List<Box> left, List<Box> right)
        {
            if (left.Count * right.Count > MaxBoxes) return null;
            var boxes = new List<Box>();
            foreach (var a in left)
                foreach (var b in right)
                    if (a.Intersect(b) is { } both) boxes.Add(both);
            return boxes;
        }
    }
}
