using System.Collections.Generic;
using System.Linq;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Field-by-field comparison of two decisions, so that a baseline is only measured once it is
    /// shown to build the same answer (outcome, requirements, citations, missing facts, trace,
    /// derived facts, advisories, activity): a baseline that does less, or more, would flatter or wrong the product.
    /// </summary>
    public static class DecisionComparison
    {
        /// <summary>Null if the two are the same decision; otherwise the first difference.</summary>
        public static string? Difference(Decision expected, Decision actual)
        {
            if (expected.Outcome != actual.Outcome) return $"outcome {expected.Outcome} vs {actual.Outcome}";
            if (expected.Activity != actual.Activity) return $"activity {expected.Activity} vs {actual.Activity}";
            if (expected.Requirements.Count != actual.Requirements.Count) return $"{expected.Requirements.Count} vs {actual.Requirements.Count} requirements";
            for (var i = 0; i < expected.Requirements.Count; i++)
            {
                var (a, b) = (expected.Requirements[i], actual.Requirements[i]);
                if (a.Kind != b.Kind || !a.Parties.SequenceEqual(b.Parties) || a.Satisfied != b.Satisfied || a.Citation != b.Citation ||
                    a.RuleId != b.RuleId || a.SatisfiedBy != b.SatisfiedBy || !Alternatives(a).SequenceEqual(Alternatives(b)))
                    return $"requirement {i}: {a} [{string.Join(",", a.Parties)}] vs {b} [{string.Join(",", b.Parties)}]";
            }
            return Sequence("citations", expected.Citations, actual.Citations)
                ?? Sequence("missing", expected.Missing, actual.Missing)
                ?? Sequence("trace", expected.Trace, actual.Trace)
                ?? Sequence("advisories", expected.Advisories, actual.Advisories)
                ?? Sequence("derived", expected.Derived.Select(p => $"{p.Key}={p.Value} ({p.Value?.GetType().Name})").ToList(),
                    actual.Derived.Select(p => $"{p.Key}={p.Value} ({p.Value?.GetType().Name})").ToList());
        }

        /// <summary>A requirement's other alternatives, one text each, so two requirements compare them too.</summary>
        private static IEnumerable<string> Alternatives(Requirement r) =>
            r.Alternatives.Select(a => $"{a.Kind} {string.Join(",", a.Parties)} written={a.Written}");

        private static string? Sequence(string what, IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            for (var i = 0; i < System.Math.Max(a.Count, b.Count); i++)
                if (i >= a.Count || i >= b.Count || a[i] != b[i])
                    return $"{what} [{i}]: '{(i < a.Count ? a[i] : "(none)")}' vs '{(i < b.Count ? b[i] : "(none)")}'";
            return null;
        }
    }
}
