using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Analysis
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

        /// <summary>Where two rules overlap and the engine confirms it on the witness, one warning per pair of rules.</summary>
        public static IReadOnlyList<RulesDiagnostic> Analyse(CheckedModel model, RuleSet rules) =>
            Analyse(model, (request, first, second) => BothApply(rules, request, first, second));

        /// <param name="confirm">Whether the engine shows both rules applying to the witness; a pair it does not confirm is dropped.</param>
        internal static IReadOnlyList<RulesDiagnostic> Analyse(CheckedModel model, Func<Activity, CheckedRule, CheckedRule, bool> confirm)
        {
            var boxes = new ConditionBoxes(model);
            var found = new List<(CheckedRule first, CheckedRule second, RulesDiagnostic diagnostic)>();
            foreach (var group in model.Rules.Where(Decides).GroupBy(r => (r.Agreement.Id, r.Activity)))
            {
                var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
                var entries = new List<Entry>();
                foreach (var rule in group)
                {
                    var ruleBoxes = boxes.Of(rule.Declaration.Condition);
                    if (ruleBoxes == null) continue;
                    var key = OutcomeKey(rule.Declaration.Outcome);
                    if (!outcomes.TryGetValue(key, out var outcome)) outcomes[key] = outcome = outcomes.Count;
                    foreach (var box in ruleBoxes) entries.Add(new Entry(rule, outcome, box));
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
                    found.Add((first, second, Report(group.Key.Id, first, second, witness.Value.Json)));
                }
            }
            return found.OrderBy(f => f.second.Declaration.Id.Span.Path, StringComparer.Ordinal)
                .ThenBy(f => f.second.Declaration.Id.Span.Start)
                .ThenBy(f => f.first.Declaration.Id.Span.Path, StringComparer.Ordinal)
                .ThenBy(f => f.first.Declaration.Id.Span.Start)
                .Select(f => f.diagnostic).ToList();
        }

        /// <summary>One box of one rule's condition, with the number of the rule's outcome within its group.</summary>
        internal readonly record struct Entry(CheckedRule Rule, int Outcome, Box Box);

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

        /// <summary>Whether the engine, evaluating <paramref name="request"/>, finds both rules' conditions true.</summary>
        internal static bool BothApply(RuleSet rules, Activity request, CheckedRule first, CheckedRule second)
        {
            bool firstApplies = false, secondApplies = false;
            try
            {
                rules.Inspect(request, (rule, holds, _) =>
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
                    facts.Add((pair.Key, engineValue / ActivityBinder.RequestScale(model.Symbols.FactsBySlot[pair.Key])));
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

            private static string Quoted(string text)
            {
                var quoted = new StringBuilder("\"");
                foreach (var c in text)
                {
                    if (c == '"' || c == '\\') quoted.Append('\\').Append(c);
                    else if (c < ' ') quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else quoted.Append(c);
                }
                return quoted.Append('"').ToString();
            }
        }
    }

    /// <summary>
    /// Which boxes of rules with different outcomes can meet, without trying every pair: along the number fact
    /// where the fewest such pairs overlap (counted by a sweep), only boxes whose intervals overlap there are
    /// paired. Boxes that do not overlap on one fact cannot meet, so nothing that could meet is left out.
    /// </summary>
    internal static class BoxSweep
    {
        /// <summary>Pairs (i, j), i &lt; j, of entries with different outcomes that overlap on the chosen fact, each once.</summary>
        public static IEnumerable<(int, int)> CandidatePairs(IReadOnlyList<OverlapAnalysis.Entry> entries, int outcomes)
        {
            var perOutcome = new long[outcomes];
            foreach (var e in entries) perOutcome[e.Outcome]++;
            long everyPair = 0, seen = 0;
            foreach (var n in perOutcome) { everyPair += seen * n; seen += n; }

            int? best = null;
            var fewest = everyPair;
            foreach (var slot in entries.SelectMany(e => e.Box.Numbers.Keys).Distinct().OrderBy(s => s))
            {
                var count = Sweep(entries, outcomes, slot, pairs: null);
                if (count < fewest) { fewest = count; best = slot; }
            }
            if (best is not { } chosen) return EveryPair(entries);
            var pairs = new List<(int, int)>();
            Sweep(entries, outcomes, chosen, pairs);
            return pairs;
        }

        private static IEnumerable<(int, int)> EveryPair(IReadOnlyList<OverlapAnalysis.Entry> entries)
        {
            for (var i = 0; i < entries.Count; i++)
                for (var j = i + 1; j < entries.Count; j++)
                    if (entries[i].Outcome != entries[j].Outcome) yield return (i, j);
        }

        /// <summary>
        /// Sweeps the entries' intervals on <paramref name="slot"/> (an entry that does not test it spans every value):
        /// counts the overlapping pairs of different outcomes, and lists them when <paramref name="pairs"/> is given.
        /// </summary>
        private static long Sweep(IReadOnlyList<OverlapAnalysis.Entry> entries, int outcomes, int slot, List<(int, int)>? pairs)
        {
            var events = new List<(double at, int order, int entry)>();
            for (var i = 0; i < entries.Count; i++)
            {
                var parts = entries[i].Box.Numbers.TryGetValue(slot, out var set)
                    ? set.Parts
                    : new[] { (double.NegativeInfinity, false, double.PositiveInfinity, false) };
                foreach (var (lo, loClosed, hi, hiClosed) in parts)
                {
                    events.Add((lo, loClosed ? StartClosed : StartOpen, i));
                    events.Add((hi, hiClosed ? EndClosed : EndOpen, i));
                }
            }
            events.Sort((a, b) => a.at != b.at ? a.at.CompareTo(b.at) : a.order != b.order ? a.order.CompareTo(b.order) : a.entry.CompareTo(b.entry));

            var active = new HashSet<int>[outcomes];
            for (var o = 0; o < outcomes; o++) active[o] = new HashSet<int>();
            var seen = pairs == null ? null : new HashSet<(int, int)>();
            long count = 0, total = 0;
            foreach (var (_, order, entry) in events)
            {
                var outcome = entries[entry].Outcome;
                if (order is EndOpen or EndClosed)
                {
                    active[outcome].Remove(entry);
                    total--;
                    continue;
                }
                count += total - active[outcome].Count;
                if (pairs != null)
                    for (var o = 0; o < outcomes; o++)
                    {
                        if (o == outcome) continue;
                        foreach (var other in active[o])
                        {
                            var pair = other < entry ? (other, entry) : (entry, other);
                            if (seen!.Add(pair)) pairs.Add(pair);
                        }
                    }
                active[outcome].Add(entry);
                total++;
            }
            return count;
        }

        // At one value: an open end leaves before anything starts there, a closed start meets a closed end there,
        // and an open start comes after every end there.
        private const int EndOpen = 0, StartClosed = 1, EndClosed = 2, StartOpen = 3;
    }
}
