using System;
using System.Collections.Generic;

namespace AgreementRules.Semantics
{
    /// <summary>"Did you mean …?" for unknown names: the closest known name within a small edit distance.</summary>
    internal static class Suggestions
    {
        /// <summary>
        /// The candidate that differs only in case ('ii' → 'II'); else the nearest within a few edits that
        /// keeps something of the name (so 'GB' does not suggest 'JP'); else one that the name begins or
        /// that begins with the name ('peaceful' → 'peaceful-use', 'enrichment' → 'enrich').
        /// </summary>
        public static string DidYouMean(string name, IEnumerable<string> candidates)
        {
            var all = candidates as ICollection<string> ?? new List<string>(candidates);
            foreach (var candidate in all)
                if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) return Suggest(candidate);
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in all)
            {
                var d = Distance(name, candidate);
                if (d < bestDistance) { bestDistance = d; best = candidate; }
            }
            if (best != null && bestDistance <= Math.Max(2, name.Length / 3) && bestDistance < Math.Min(name.Length, best.Length)) return Suggest(best);
            foreach (var candidate in all)
            {
                var (shorter, longer) = candidate.Length < name.Length ? (candidate, name) : (name, candidate);
                if (shorter.Length >= 4 && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase)) return Suggest(candidate);
            }
            return "";
        }

        private static string Suggest(string candidate) => $" (did you mean '{candidate}'?)";

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
