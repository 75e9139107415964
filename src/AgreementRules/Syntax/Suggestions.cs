using System;
using System.Collections.Generic;

namespace AgreementRules.Syntax
{
    /// <summary>"Did you mean …?" for unknown names and misspelt keywords: the closest known name within a small edit distance.</summary>
    internal static class Suggestions
    {
        /// <summary>
        /// The candidate that differs only in case ('ii' → 'II'); else the nearest within a few edits that
        /// keeps something of the name (so 'GB' does not suggest 'JP'); else one that the name begins or
        /// that begins with the name ('peaceful' → 'peaceful-use', 'enrichment' → 'enrich').
        /// </summary>
        public static string DidYouMean(string name, IEnumerable<string> candidates) =>
            Nearest(name, candidates) is { } nearest ? Suggest(nearest) : "";

        /// <summary>The candidate <see cref="DidYouMean"/> suggests, or null.</summary>
        public static string? Nearest(string name, IEnumerable<string> candidates)
        {
            foreach (var candidate in Ranked(name, candidates)) return candidate;
            return null;
        }

        /// <summary>
        /// Every candidate close enough to suggest, best first: those that differ only in case, then those within
        /// a few edits by distance (ties in the candidates' order), then those the name begins or that begin with it.
        /// </summary>
        public static IEnumerable<string> Ranked(string name, IEnumerable<string> candidates)
        {
            var all = candidates as ICollection<string> ?? new List<string>(candidates);
            foreach (var candidate in all)
                if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) yield return candidate;
            var near = new List<(int distance, int order, string candidate)>();
            foreach (var candidate in all)
            {
                var d = Distance(name, candidate);
                if (d > 0 && d <= Math.Max(2, name.Length / 3) && d < Math.Min(name.Length, candidate.Length)) near.Add((d, near.Count, candidate));
            }
            near.Sort((a, b) => a.distance != b.distance ? a.distance.CompareTo(b.distance) : a.order.CompareTo(b.order));
            foreach (var (_, _, candidate) in near) yield return candidate;
            foreach (var candidate in all)
            {
                var (shorter, longer) = candidate.Length < name.Length ? (candidate, name) : (name, candidate);
                if (shorter.Length >= 4 && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase)) yield return candidate;
            }
        }

        /// <summary>How a suggestion reads after the name it corrects.</summary>
        public static string Suggest(string candidate) => $" (did you mean '{candidate}'?)";

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
