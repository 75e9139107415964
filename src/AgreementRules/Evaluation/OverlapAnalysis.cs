using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgreementRules.Analysis;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// Overlaps (AGR0017): two rules of one agreement on one activity whose conditions hold together for some
    /// request while their outcomes differ (permitted beside prohibited, or different requirements). Exact where
    /// it speaks: each condition becomes a union of boxes (<see cref="ConditionBoxes"/>), two boxes meet or not,
    /// and a meeting gives a witness request, which the real engine must then show both rules applying to
    /// before it is reported. A rule whose condition the boxes cannot express exactly is left out, never
    /// guessed about (docs/language.md, "What the overlap analysis cannot cover").
    /// </summary>
    internal static class OverlapAnalysis
    {
        /// <summary>Pairs of boxes intersected per agreement and activity before the rest of them is left unexamined.</summary>
        public const int PairBudget = 4_000_000;

        /// <summary>
        /// Where two rules overlap and <paramref name="confirm"/> confirms it on the witness, one warning per pair of rules,
        /// except the pairs the rules acknowledge (<c>overlaps … because</c>), plus one warning (AGR0018) per acknowledgement
        /// of a pair that does not overlap.
        /// </summary>
        /// <param name="confirm">Whether the engine shows both rules applying to the witness (<see cref="BothApply"/>); a pair it does not confirm is dropped.</param>
        internal static IReadOnlyList<RulesDiagnostic> Analyse(CheckedModel model, Func<Activity, CheckedRule, CheckedRule, bool> confirm) =>
            Review(model, confirm).Reported;

        /// <summary><see cref="Analyse"/>, keeping the overlaps the acknowledgements silenced with their reasons (for SARIF and <c>report</c>).</summary>
        internal static OverlapReview Review(CheckedModel model, Func<Activity, CheckedRule, CheckedRule, bool> confirm)
        {
            var (found, leftOut) = Find(model, confirm);
            return OverlapAcknowledgements.Apply(model, found, leftOut);
        }

        /// <summary>Every confirmed overlap in file order, and the rules not compared with any (their condition is one the boxes cannot express, or they decide nothing).</summary>
        private static (IReadOnlyList<Overlap> found, ISet<CheckedRule> leftOut) Find(CheckedModel model, Func<Activity, CheckedRule, CheckedRule, bool> confirm)
        {
            var boxes = new ConditionBoxes(model);
            var found = new List<Overlap>();
            var leftOut = new HashSet<CheckedRule>(model.Rules.Where(r => !Decides(r)));
            foreach (var group in model.Rules.Where(Decides).GroupBy(r => (r.Agreement.Id, r.Activity)))
            {
                var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
                var entries = new List<RuleBox>();
                foreach (var rule in group)
                {
                    var ruleBoxes = boxes.Of(rule.Declaration.Condition);
                    if (ruleBoxes == null)
                    {
                        leftOut.Add(rule);
                        continue;
                    }
                    var key = OutcomeKey(rule.Declaration.Outcome);
                    if (!outcomes.TryGetValue(key, out var outcome)) outcomes[key] = outcome = outcomes.Count;
                    foreach (var box in ruleBoxes) entries.Add(new RuleBox(rule, outcome, box));
                }
                if (outcomes.Count < 2) continue;
                var reported = new HashSet<(CheckedRule, CheckedRule)>();
                var budget = PairBudget;
                foreach (var (i, j) in BoxSweep.CandidatePairs(entries, outcomes.Count))
                {
                    var (first, second) = InFileOrder(entries[i].Rule, entries[j].Rule);
                    if (reported.Contains((first, second))) continue;
                    if (--budget < 0) break;
                    if (entries[i].Box.Intersect(entries[j].Box) is not { } both) continue;
                    var witness = Witness.For(model, group.Key.Id, group.Key.Activity, both);
                    if (witness == null || !confirm(witness.Value.Request, first, second)) continue;
                    reported.Add((first, second));
                    found.Add(new Overlap(first, second, Report(group.Key.Id, first, second, witness.Value.Json)));
                }
            }
            var ordered = found.OrderBy(f => f.Second.Declaration.Id.Span.Path, StringComparer.Ordinal)
                .ThenBy(f => f.Second.Declaration.Id.Span.Start)
                .ThenBy(f => f.First.Declaration.Id.Span.Path, StringComparer.Ordinal)
                .ThenBy(f => f.First.Declaration.Id.Span.Start)
                .ToList();
            return (ordered, leftOut);
        }

        /// <summary>Rules that decide: advisories and programmatic consents never give an outcome of their own.</summary>
        private static bool Decides(CheckedRule rule) => rule.Declaration.Outcome.Kind is not (OutcomeKind.Advisory or OutcomeKind.GrantsConsent);

        /// <summary>The same for outcomes that mean the same: the parties and the alternatives of a requirement in any order.</summary>
        private static string OutcomeKey(RuleOutcome outcome)
        {
            static string Clause(OutcomeKind kind, bool written, IReadOnlyList<Name> parties) =>
                $"{kind}/{written}/{string.Join(",", parties.Select(p => p.Text).OrderBy(p => p, StringComparer.Ordinal))}";
            return string.Join("|", new[] { Clause(outcome.Kind, outcome.Written, outcome.Parties) }
                .Concat(outcome.Alternatives.Select(a => Clause(a.Kind, a.Written, a.Parties)))
                .OrderBy(c => c, StringComparer.Ordinal));
        }

        private static (CheckedRule first, CheckedRule second) InFileOrder(CheckedRule a, CheckedRule b)
        {
            var order = string.CompareOrdinal(a.Declaration.Id.Span.Path, b.Declaration.Id.Span.Path);
            if (order == 0) order = a.Declaration.Id.Span.Start.CompareTo(b.Declaration.Id.Span.Start);
            return order <= 0 ? (a, b) : (b, a);
        }

        /// <summary>
        /// Whether the engine, evaluating <paramref name="request"/> through <paramref name="inspect"/> (<c>RuleSet.Inspect</c>:
        /// each applicable rule with whether its condition holds), finds both rules' conditions true.
        /// </summary>
        internal static bool BothApply(Action<Activity, Action<CheckedRule, bool?, EvaluationScope>> inspect, Activity request, CheckedRule first, CheckedRule second)
        {
            bool firstApplies = false, secondApplies = false;
            try
            {
                inspect(request, (rule, holds, _) =>
                {
                    if (holds != true) return;
                    if (ReferenceEquals(rule, first)) firstApplies = true;
                    if (ReferenceEquals(rule, second)) secondApplies = true;
                });
            }
            catch (InvalidActivityException)
            {
                return false; // a witness the request binder refuses proves nothing
            }
            return firstApplies && secondApplies;
        }

        private static RulesDiagnostic Report(string agreement, CheckedRule first, CheckedRule second, string json) =>
            new(RulesDiagnosticIds.OverlappingRules, Severity.Warning, second.Declaration.Id.Span,
                $"rules '{second.Id}' ({DecisionEngine.Describe(second.Declaration.Outcome)}) and '{first.Id}' " +
                $"({DecisionEngine.Describe(first.Declaration.Outcome)}, {first.Declaration.Id.Span}) of {agreement} both apply to the request {json}; " +
                "narrow one condition so that they cannot both hold, or leave them if the articles mean both to apply (the stricter outcome decides)");

        /// <summary>A request inside a box, as an <see cref="Activity"/> and as the JSON a user can paste into <c>eval</c>.</summary>
        private static class Witness
        {
            public static (Activity Request, string Json)? For(CheckedModel model, string agreement, string activity, Box box)
            {
                var facts = new List<(int slot, object value)>();
                foreach (var pair in box.Numbers)
                {
                    if (pair.Value.Pick() is not { } engineValue) return null;
                    facts.Add((pair.Key, engineValue / model.Symbols.FactsBySlot[pair.Key].RequestScale));
                }
                foreach (var pair in box.Names)
                {
                    if (pair.Value.Pick() is not { } name) return null;
                    facts.Add((pair.Key, model.Symbols.FactsBySlot[pair.Key].Type == RuleType.Bool ? name == "true" : name));
                }
                facts.Sort((a, b) => a.slot.CompareTo(b.slot));

                var request = Activity.Create(activity);
                var json = new StringBuilder("{\"activity\": ").Append(Quoted(activity));
                if (model.Symbols.Facts.TryGetValue(Checker.AgreementsFact, out _))
                {
                    request = request.With(Checker.AgreementsFact, new[] { agreement });
                    json.Append(", \"").Append(Checker.AgreementsFact).Append("\": [").Append(Quoted(agreement)).Append(']');
                }
                foreach (var (slot, value) in facts)
                {
                    var name = model.Symbols.FactsBySlot[slot].Name;
                    request = request.With(name, value);
                    json.Append(", ").Append(Quoted(name)).Append(": ").Append(value switch
                    {
                        bool b => b ? "true" : "false",
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        _ => Quoted((string)value),
                    });
                }
                return (request, json.Append('}').ToString());
            }

            private static string Quoted(string text) => JsonString.AppendQuoted(new StringBuilder(), text).ToString();
        }
    }
}
