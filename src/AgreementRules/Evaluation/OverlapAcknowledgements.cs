using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>Two rules the analysis found applying together with different outcomes (First before Second in file order), with its warning.</summary>
    internal sealed record Overlap(CheckedRule First, CheckedRule Second, RulesDiagnostic Diagnostic);

    /// <summary>An overlap warning an <c>overlaps … because "…"</c> silenced: the warning as it would have read, and who said why.</summary>
    internal sealed record AcknowledgedOverlap(RulesDiagnostic Diagnostic, CheckedRule AcknowledgedBy, OverlapAcknowledgement Acknowledgement);

    /// <summary>What the overlap analysis reports (AGR0017 not acknowledged, AGR0018) and what the acknowledgements silenced.</summary>
    internal sealed record OverlapReview(IReadOnlyList<RulesDiagnostic> Reported, IReadOnlyList<AcknowledgedOverlap> Acknowledged);

    /// <summary>
    /// Applies the rules' <c>overlaps … because "…"</c> to the overlaps found. An acknowledgement silences the warning of
    /// exactly the pair it names and nothing else: a new overlap with a third rule is still reported. It is checked as
    /// rustc checks <c>#[expect]</c>: one that silences nothing (the pair does not overlap, or cannot, or was acknowledged
    /// already) is reported itself (AGR0018), so acknowledgements cannot go stale unseen. Answers never read them.
    /// </summary>
    internal static class OverlapAcknowledgements
    {
        public static OverlapReview Apply(CheckedModel model, IReadOnlyList<Overlap> found, ISet<CheckedRule> leftOut)
        {
            var rulesById = new Dictionary<string, CheckedRule>(StringComparer.Ordinal);
            foreach (var rule in model.Rules)
                if (!rulesById.ContainsKey(rule.Id)) rulesById[rule.Id] = rule;
            var foundPairs = new HashSet<(CheckedRule, CheckedRule)>(found.Select(o => Pair(o.First, o.Second)));

            var silenced = new Dictionary<(CheckedRule, CheckedRule), (CheckedRule by, OverlapAcknowledgement acknowledgement, Name name)>();
            var stale = new List<RulesDiagnostic>();
            foreach (var rule in model.Rules)
                foreach (var acknowledgement in rule.Declaration.Overlaps)
                    foreach (var name in acknowledgement.Rules)
                    {
                        if (!rulesById.TryGetValue(name.Text, out var other)) continue; // the checker reported the unknown name (AGR0003)
                        var pair = Pair(rule, other);
                        var whyNot = CannotOverlap(rule, other, leftOut)
                            ?? (!foundPairs.Contains(pair)
                                ? $"no request makes both apply with different outcomes (any more): the overlap is gone"
                                : silenced.TryGetValue(pair, out var earlier)
                                    ? $"the same overlap is acknowledged already, by '{earlier.by.Id}' at {earlier.name.Span}"
                                    : null);
                        if (whyNot == null)
                        {
                            silenced[pair] = (rule, acknowledgement, name);
                            continue;
                        }
                        stale.Add(new RulesDiagnostic(RulesDiagnosticIds.StaleOverlapAcknowledgement, Severity.Warning, name.Span,
                            $"rule '{rule.Id}' acknowledges an overlap with '{other.Id}', but {whyNot}; remove '{other.Id}' from its 'overlaps' " +
                            "so that the acknowledgements say only what holds"));
                    }

            var reported = found.Where(o => !silenced.ContainsKey(Pair(o.First, o.Second))).Select(o => o.Diagnostic).Concat(stale).ToList();
            var acknowledged = found.Where(o => silenced.ContainsKey(Pair(o.First, o.Second)))
                .Select(o =>
                {
                    var (by, acknowledgement, _) = silenced[Pair(o.First, o.Second)];
                    return new AcknowledgedOverlap(o.Diagnostic, by, acknowledgement);
                })
                .ToList();
            return new OverlapReview(reported, acknowledged);
        }

        /// <summary>Why the two rules can never be reported as overlapping, or null if they can.</summary>
        private static string? CannotOverlap(CheckedRule rule, CheckedRule other, ISet<CheckedRule> leftOut)
        {
            if (ReferenceEquals(rule, other)) return "a rule does not overlap itself";
            if (rule.Agreement.Id != other.Agreement.Id)
                return $"'{other.Id}' is a rule of {other.Agreement.Id}, not {rule.Agreement.Id}: rules of different agreements add up by design and are never compared";
            if (rule.Activity != other.Activity)
                return $"'{other.Id}' is on '{other.Activity}', not '{rule.Activity}': rules of different activities never apply to one request";
            foreach (var notCompared in new[] { rule, other })
                if (leftOut.Contains(notCompared))
                    return $"the overlap analysis does not compare '{notCompared.Id}' (it decides nothing, or its condition is one the analysis leaves out: " +
                        "docs/language.md, \"What the overlap analysis cannot cover\"), so there is no warning to silence";
            return null;
        }

        /// <summary>The pair in one order whichever rule names the other.</summary>
        private static (CheckedRule, CheckedRule) Pair(CheckedRule a, CheckedRule b) =>
            string.CompareOrdinal(a.Id, b.Id) <= 0 ? (a, b) : (b, a);
    }
}
