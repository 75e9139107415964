using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Analysis
{
    /// <summary>
    /// Structural checks on the rules of each agreement, activity by activity:
    /// gaps (requests that no rule of the agreement speaks to, e.g. enrichment exactly 20 %, or an
    /// activity the agreement has no rule on at all), unreachable rules (their tests on a fact exclude
    /// every value), and contradictions (two rules with the same condition, one permitting and one
    /// prohibiting).
    /// Each agreement is checked on its own (a request may list it alone), on every declared activity.
    /// Only rules that decide count: advisories and programmatic consents never speak for an
    /// agreement, and an agreement whose rules are all advisories (a political commitment) is not
    /// checked for gaps. <see cref="CaseSearch"/> decides whether some request goes uncovered, over
    /// every kind of fact (plutonium where only uranium is spoken to, an unauthorised recipient where
    /// only an authorised one is); where it does, the gap is named as a range of a numeric fact when
    /// projecting the conditions onto that fact finds one (exact for comparisons with constants, 'and',
    /// 'or' and 'not'), and otherwise by the uncovered request the search found.
    /// </summary>
    public static class CoverageAnalysis
    {
        /// <summary>The gaps, unreachable rules and contradictions of a checked model (warnings, and errors for contradictions).</summary>
        public static IEnumerable<RulesDiagnostic> Analyse(CheckedModel model) => Analyse(model, new ExpressionCompiler(model));

        internal static IEnumerable<RulesDiagnostic> Analyse(CheckedModel model, ExpressionCompiler compiler)
        {
            var diagnostics = new List<RulesDiagnostic>();
            var numericFacts = model.Symbols.FactsBySlot.Where(f => f.Type is NumberType).ToList();
            var groups = model.Rules.GroupBy(r => (r.Agreement.Id, r.Activity)).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var group in groups.Values)
            {
                foreach (var fact in numericFacts)
                    foreach (var rule in group.Where(Speaks).Where(r => r.Declaration.Condition != null))
                        if (Project(rule.Declaration.Condition!, fact.Name, model, 0) is { IsEmpty: true })
                            diagnostics.Add(new RulesDiagnostic(RulesDiagnosticIds.UnreachableRule, Severity.Warning, rule.Declaration.Id.Span,
                                $"rule '{rule.Id}' can never apply: its tests on '{fact.Name}' exclude every value; correct the comparison"));
                diagnostics.AddRange(Contradictions(group));
            }

            foreach (var agreement in model.Rules.Where(Speaks).Select(r => r.Agreement).Distinct().ToList())
                foreach (var activity in model.Symbols.Activities.Keys)
                {
                    var speaking = groups.TryGetValue((agreement.Id, activity), out var rules) ? rules.Where(Speaks).ToList() : new List<CheckedRule>();
                    if (speaking.Count == 0)
                    {
                        diagnostics.Add(new RulesDiagnostic(RulesDiagnosticIds.Gap, Severity.Warning, agreement.Declaration.Id.Span,
                            $"no rule of {agreement.Id} speaks to '{activity}': a request that lists only {agreement.Id} is undetermined for every '{activity}'; " +
                            "add a rule citing the article that governs it, or one citing the article that leaves it unrestricted (silence is never permission)"));
                        continue;
                    }
                    var complete = CaseSearch.TryFindUncovered(model, speaking.Select(r => r.Declaration.Condition).ToList(), compiler, out var uncovered);
                    if (complete && uncovered == null) continue;
                    var ranges = numericFacts.Select(f => RangeGap(model, agreement.Id, activity, speaking, f)).OfType<RulesDiagnostic>().ToList();
                    if (ranges.Count > 0) diagnostics.AddRange(ranges);
                    else if (uncovered != null)
                        diagnostics.Add(new RulesDiagnostic(RulesDiagnosticIds.Gap, Severity.Warning, speaking[0].Declaration.Id.Span,
                            $"no rule of {agreement.Id} on '{activity}' covers {(uncovered.Count == 0 ? "any request" : "the request with " + string.Join(", ", uncovered))}; " +
                            "add a rule for it, or one citing the article that leaves it unrestricted (silence is never permission)"));
                }
            return diagnostics;
        }

        private static bool Speaks(CheckedRule r) => r.Declaration.Outcome.Kind is not (OutcomeKind.Advisory or OutcomeKind.GrantsConsent);

        /// <summary>
        /// The values of a numeric fact that no rule testing it covers. Rules that do not test the fact
        /// are left out (a rule on plutonium says nothing about enrichment), so on its own this can
        /// name a range that another rule covers: it is reported only where the case search found a gap
        /// (or gave up).
        /// </summary>
        private static RulesDiagnostic? RangeGap(CheckedModel model, string agreement, string activity, List<CheckedRule> speaking, FactSymbol fact)
        {
            var projections = speaking
                .Select(r => (rule: r, set: r.Declaration.Condition == null ? Domain(fact) : Project(r.Declaration.Condition, fact.Name, model, 0)))
                .Where(p => p.set != null)
                .ToList();
            if (projections.Count == 0) return null;
            // Unions in halves, not one union per rule: with many rules on disjoint bands, folding
            // re-sorts the growing set for every rule (quadratic), and one union of everything sorts
            // arrays large enough for the large-object heap, whose collections dominated a cold load.
            var covered = IntervalSet.UnionAll(projections.Select(p => p.set!).ToList());
            var gap = Domain(fact).Intersect(covered.Complement());
            return gap.IsEmpty ? null : new RulesDiagnostic(RulesDiagnosticIds.Gap, Severity.Warning, projections[0].rule.Declaration.Id.Span,
                $"no rule of {agreement} on '{activity}' covers {fact.Name} {gap.Describe(Unit(fact))}; " +
                "add a rule for those values or widen a condition (silence is never permission)");
        }

        private static string Unit(FactSymbol fact) => fact.Type is NumberType n && n.Dimension != Dimension.Scalar ? " " + NumberType.UnitOf(n.Dimension) : "";

        /// <summary>The values a request may give a number fact (the binder refuses the others): 0 to 100 for a percentage, else 0 up.</summary>
        internal static IntervalSet Domain(FactSymbol fact) =>
            fact.Type is NumberType { Dimension: Dimension.Percent } ? IntervalSet.Between(0, 100) : IntervalSet.AtLeast(0);

        private static IEnumerable<RulesDiagnostic> Contradictions(List<CheckedRule> rules)
        {
            var byCondition = rules.Where(r => r.Declaration.Outcome.Kind is OutcomeKind.Permitted or OutcomeKind.Prohibited)
                .GroupBy(r => r.Declaration.Condition == null ? "" : ExprPrinter.Print(r.Declaration.Condition));
            foreach (var g in byCondition)
            {
                var permitted = g.FirstOrDefault(r => r.Declaration.Outcome.Kind == OutcomeKind.Permitted);
                var prohibited = g.FirstOrDefault(r => r.Declaration.Outcome.Kind == OutcomeKind.Prohibited);
                if (permitted != null && prohibited != null)
                    yield return new RulesDiagnostic(RulesDiagnosticIds.ContradictoryRules, Severity.Error, prohibited.Declaration.Id.Span,
                        $"rule '{prohibited.Id}' prohibits exactly what rule '{permitted.Id}' ({permitted.Declaration.Id.Span}) permits; " +
                        "narrow one condition or remove one rule");
            }
        }

        /// <summary>The values of <paramref name="fact"/> for which the condition can hold, or null if it does not test the fact.</summary>
        private static IntervalSet? Project(Expr expr, string fact, CheckedModel model, int depth)
        {
            if (depth > 64) return null;
            switch (expr)
            {
                case NotExpr not:
                    return Project(not.Operand, fact, model, depth + 1)?.Complement();
                case BinaryExpr { Operator: BinaryOperator.And } and:
                {
                    var l = Project(and.Left, fact, model, depth + 1);
                    var r = Project(and.Right, fact, model, depth + 1);
                    return l == null ? r : r == null ? l : l.Intersect(r);
                }
                case BinaryExpr { Operator: BinaryOperator.Or } or:
                {
                    var l = Project(or.Left, fact, model, depth + 1);
                    var r = Project(or.Right, fact, model, depth + 1);
                    return l == null || r == null ? null : l.Union(r);
                }
                case BinaryExpr b: // a comparison of the fact with a number; IntervalSet.Compare says which operators have one
                    if (IsFact(b.Left, fact, model) && Constant(b.Right) is { } rc) return IntervalSet.Compare(b.Operator, rc);
                    if (IsFact(b.Right, fact, model) && Constant(b.Left) is { } lc && b.Operator.Mirror() is { } mirror) return IntervalSet.Compare(mirror, lc);
                    return null;
                case NameExpr name when model.KindOf(name) == NameKind.Definition:
                    return Project(model.Symbols.Definitions[name.Text].Declaration.Body, fact, model, depth + 1);
                default:
                    return null;
            }
        }

        private static bool IsFact(Expr e, string fact, CheckedModel model) =>
            e is NameExpr n && n.Text == fact && model.KindOf(n) == NameKind.Fact;

        private static double? Constant(Expr e) => e is NumberLiteral n ? n.EngineValue() : null;
    }

    /// <summary>A union of disjoint intervals of the real line, kept sorted.</summary>
    internal sealed class IntervalSet
    {
        private readonly struct Interval
        {
            public Interval(double lo, bool loClosed, double hi, bool hiClosed) { Lo = lo; LoClosed = loClosed; Hi = hi; HiClosed = hiClosed; }
            public double Lo { get; }
            public bool LoClosed { get; }
            public double Hi { get; }
            public bool HiClosed { get; }
            public bool IsEmpty => Lo > Hi || Lo == Hi && !(LoClosed && HiClosed);
        }

        private readonly List<Interval> parts;
        private IntervalSet(List<Interval> parts) => this.parts = parts;

        public static readonly IntervalSet Empty = new(new List<Interval>());
        private static IntervalSet Of(double lo, bool loc, double hi, bool hic)
        {
            var interval = new Interval(lo, loc, hi, hic);
            return interval.IsEmpty ? Empty : new(new List<Interval>(1) { interval });
        }

        public static IntervalSet Between(double lo, double hi) => Of(lo, true, hi, true);
        public static IntervalSet AtLeast(double lo) => Of(lo, true, double.PositiveInfinity, false);

        /// <summary>
        /// The values x for which <c>x op c</c> holds, or null where the operator has no such meaning
        /// (every operator is listed: a new one does not compile until it says which).
        /// </summary>
        public static IntervalSet? Compare(BinaryOperator op, double c) => op switch
        {
            BinaryOperator.Less => Of(double.NegativeInfinity, false, c, false),
            BinaryOperator.LessOrEqual => Of(double.NegativeInfinity, false, c, true),
            BinaryOperator.Greater => Of(c, false, double.PositiveInfinity, false),
            BinaryOperator.GreaterOrEqual => Of(c, true, double.PositiveInfinity, false),
            BinaryOperator.Equal => Of(c, true, c, true),
            BinaryOperator.NotEqual => Of(c, true, c, true).Complement(),
            BinaryOperator.And or BinaryOperator.Or or BinaryOperator.In or BinaryOperator.Has
                or BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide => null,
        };

        public bool IsEmpty => parts.Count == 0;

        /// <summary>The intervals, lowest first, as (low end, whether it is included, high end, whether it is included).</summary>
        public IEnumerable<(double Lo, bool LoClosed, double Hi, bool HiClosed)> Parts => parts.Select(p => (p.Lo, p.LoClosed, p.Hi, p.HiClosed));

        /// <summary>
        /// A value in the set, preferring one a person would write: an included end other than 0 (the boundary a
        /// condition wrote, rather than the start of a fact's range), else a whole number inside, else the middle;
        /// null when empty. Over doubles the middle of two neighbours is one of them, so the caller must still
        /// check the value (an interval of the reals can hold no double).
        /// </summary>
        public double? Pick()
        {
            if (parts.Count == 0) return null;
            var p = parts[0];
            if (p.LoClosed && p.Lo != 0 && !double.IsInfinity(p.Lo)) return p.Lo;
            if (p.HiClosed && !double.IsInfinity(p.Hi)) return p.Hi;
            if (double.IsNegativeInfinity(p.Lo)) return double.IsPositiveInfinity(p.Hi) ? 0 : Math.Floor(p.Hi) - 1;
            var whole = Math.Floor(p.Lo) + 1;
            if (whole < p.Hi) return whole;
            return p.Lo + (p.Hi - p.Lo) / 2;
        }

        public IntervalSet Complement()
        {
            var result = new List<Interval>();
            var lo = double.NegativeInfinity;
            var loClosed = false;
            foreach (var p in parts)
            {
                var gap = new Interval(lo, loClosed, p.Lo, !p.LoClosed);
                if (!gap.IsEmpty && !(double.IsNegativeInfinity(p.Lo) && double.IsNegativeInfinity(lo))) result.Add(gap);
                lo = p.Hi;
                loClosed = !p.HiClosed;
            }
            if (!double.IsPositiveInfinity(lo)) result.Add(new Interval(lo, loClosed, double.PositiveInfinity, false));
            return new IntervalSet(result);
        }

        public IntervalSet Intersect(IntervalSet other)
        {
            var result = new List<Interval>();
            foreach (var a in parts)
                foreach (var b in other.parts)
                {
                    var (lo, loc) = a.Lo > b.Lo ? (a.Lo, a.LoClosed) : b.Lo > a.Lo ? (b.Lo, b.LoClosed) : (a.Lo, a.LoClosed && b.LoClosed);
                    var (hi, hic) = a.Hi < b.Hi ? (a.Hi, a.HiClosed) : b.Hi < a.Hi ? (b.Hi, b.HiClosed) : (a.Hi, a.HiClosed && b.HiClosed);
                    var i = new Interval(lo, loc, hi, hic);
                    if (!i.IsEmpty) result.Add(i);
                }
            return Normalise(result);
        }

        public IntervalSet Union(IntervalSet other) => Normalise(parts.Concat(other.parts).ToList());

        /// <summary>
        /// The union of <paramref name="sets"/>, by halves: every set is kept in its one canonical form
        /// (sorted, disjoint, maximal intervals), so the order of the unions does not change the result.
        /// </summary>
        public static IntervalSet UnionAll(IReadOnlyList<IntervalSet> sets) => UnionRange(sets, 0, sets.Count);

        private static IntervalSet UnionRange(IReadOnlyList<IntervalSet> sets, int from, int to)
        {
            if (to - from == 0) return Empty;
            if (to - from == 1) return sets[from];
            var middle = from + (to - from) / 2;
            return UnionRange(sets, from, middle).Union(UnionRange(sets, middle, to));
        }

        private static IntervalSet Normalise(List<Interval> items)
        {
            // One interval or none is already normal: most intersections of one comparison with another.
            if (items.Count <= 1) return items.Count == 0 ? Empty : new IntervalSet(items);
            var sorted = items.OrderBy(i => i.Lo).ThenBy(i => i.LoClosed ? 0 : 1).ToList();
            var result = new List<Interval>();
            foreach (var i in sorted)
            {
                if (result.Count > 0)
                {
                    var last = result[result.Count - 1];
                    var touches = i.Lo < last.Hi || i.Lo == last.Hi && (i.LoClosed || last.HiClosed);
                    if (touches)
                    {
                        var (hi, hic) = i.Hi > last.Hi ? (i.Hi, i.HiClosed) : i.Hi < last.Hi ? (last.Hi, last.HiClosed) : (last.Hi, last.HiClosed || i.HiClosed);
                        result[result.Count - 1] = new Interval(last.Lo, last.LoClosed, hi, hic);
                        continue;
                    }
                }
                result.Add(i);
            }
            return new IntervalSet(result);
        }

        public string Describe(string unit) => string.Join(" or ", parts.Select(p =>
            p.Lo == p.Hi ? $"= {N(p.Lo)}{unit}"
            : double.IsPositiveInfinity(p.Hi) ? $"{(p.LoClosed ? ">=" : ">")} {N(p.Lo)}{unit}"
            : double.IsNegativeInfinity(p.Lo) ? $"{(p.HiClosed ? "<=" : "<")} {N(p.Hi)}{unit}"
            : $"{(p.LoClosed ? "[" : "(")}{N(p.Lo)}, {N(p.Hi)}{(p.HiClosed ? "]" : ")")}{unit}"));

        private static string N(double d) => d.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
