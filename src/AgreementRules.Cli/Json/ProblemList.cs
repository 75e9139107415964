using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AgreementRules.Cli.Json
{
    /// <summary>
    /// The problems of one request as its error says them. A request may name a million unknown
    /// agreements; its error names the first ten and counts the rest, so that one answer stays one
    /// readable line instead of a hundred megabytes.
    /// </summary>
    internal static class ProblemList
    {
        public const int Shown = 10;

        public static string Join(IReadOnlyList<string> problems)
        {
            if (problems.Count <= Shown) return string.Join("; ", problems);
            var rest = problems.Count - Shown;
            return string.Join("; ", problems.Take(Shown)) +
                   string.Create(CultureInfo.InvariantCulture, $"; and {rest:N0} more problem{(rest == 1 ? "" : "s")}");
        }
    }
}
