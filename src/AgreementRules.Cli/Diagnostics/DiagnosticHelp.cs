using System;
using System.Text.RegularExpressions;

namespace AgreementRules.Cli.Diagnostics
{
    /// <summary>
    /// The fix a diagnostic's message proposes, for the <c>help:</c> line under its snippet. Messages are
    /// written as "what is wrong; how to fix it", and a misspelt name carries "(did you mean 'x'?)": the
    /// suggestion is the help where there is one, else the clause after the last "; " when it tells what to
    /// do (it starts with a verb such as declare, add, remove). A clause that only says what was expected
    /// ("; expected ')'") is part of the problem, not a fix, and gives no help line.
    /// </summary>
    internal static class DiagnosticHelp
    {
        private static readonly Regex DidYouMean = new(@"\(did you mean '(?<name>[^']*)'\?\)", RegexOptions.CultureInvariant);

        private static readonly string[] FixVerbs =
        {
            "add", "break", "close", "correct", "declare", "expect", "fix", "give", "indent", "load", "name",
            "narrow", "pass", "put", "remove", "rename", "split", "to", "use", "write",
        };

        public static string? For(string message)
        {
            var suggestion = DidYouMean.Match(message);
            if (suggestion.Success) return $"did you mean '{suggestion.Groups["name"].Value}'?";
            var last = message.LastIndexOf("; ", StringComparison.Ordinal);
            if (last < 0) return null;
            var clause = message.Substring(last + 2);
            var firstWord = clause.Split(' ')[0];
            return Array.IndexOf(FixVerbs, firstWord) >= 0 ? clause : null;
        }
    }
}
