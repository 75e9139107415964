using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;

namespace AgreementRules.Analysis
{
    /// <summary>One box of one rule's condition, with the number of the rule's outcome among the outcomes compared.</summary>
    internal readonly record struct RuleBox(CheckedRule Rule, int Outcome, Box Box);

    /// <summary>
    /// Which boxes of rules with different outcomes can meet, without trying every pair: along the number fact
    /// where the fewest such pairs overlap (counted by a sweep), only boxes whose intervals overlap there are
    /// paired. Boxes that do not overlap on one fact cannot meet, so nothing that could meet is left out.
    /// </summary>
    internal static class BoxSweep
    {
        /// <summary>Pairs (i, j), i &lt; j, of entries with different outcomes that overlap on the chosen fact, each once.</summary>
        public static IEnumerable<(int, int)> CandidatePairs(IReadOnlyList<RuleBox> entries, int outcomes)
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

        private static IEnumerable<(int, int)> EveryPair(IReadOnlyList<RuleBox> entries)
        {
            for (var i = 0; i < entries.Count; i++)
                for (var j = i + 1; j < entries.Count; j++)
                    if (entries[i].Outcome != entries[j].Outcome) yield return (i, j);
        }

        /// <summary>
        /// Sweeps the entries' intervals on <paramref name="slot"/> (an entry that does not test it spans every value):
        /// counts the overlapping pairs of different outcomes, and lists them when <paramref name="pairs"/> is given.
        /// </summary>
        private static long Sweep(IReadOnlyList<RuleBox> entries, int outcomes, int slot, List<(int, int)>? pairs)
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
