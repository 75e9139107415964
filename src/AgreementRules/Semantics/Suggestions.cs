using System;
using System.Collections.Generic;

namespace AgreementRules.Semantics
{
    /// <summary>"Did you mean …?" for unknown names: the closest known name within a small edit distance.</summary>
    internal static class Suggestions
    {
        public static string DidYouMean(string name, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                var d = Distance(name, candidate);
                if (d < bestDistance) { bestDistance = d; best = candidate; }
            }
            return best != null && bestDistance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best}'?)" : "";
        }

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
