using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace AgreementRules.Cli.Report
{
    /// <summary>An article a rules file declares it does not encode, with the reason (docs/agreements.md, coverage table).</summary>
    internal sealed record LeftOutArticle(string Agreement, string Citation, string Reason, string File, int Line);

    /// <summary>
    /// The articles a rules file declares left out, in comments of the form
    ///
    ///     # left out Art. 13(2): the reason,
    ///     #   continued on lines that start with "#" and three spaces.
    ///
    /// Comments are not in the syntax tree, so they are read from the text; a misspelt marker is an error, since
    /// it would drop its article from the report without a word.
    /// </summary>
    internal static class LeftOutArticles
    {
        private static readonly Regex LeftOutLine = new(@"^# left out (?<citation>(IA )?(Art\.|Annex|Agreed Minute)[^:]*): (?<reason>.+)$");
        private static readonly Regex Continuation = new(@"^#   (?<more>\S.*)$");
        private static readonly Regex AgreementLine = new(@"^agreement (?<id>\S+)", RegexOptions.Multiline);

        /// <summary>The left-out articles of one file, in the order written.</summary>
        /// <exception cref="FormatException">A '# left out' line that does not have the form, or one in a file that declares no agreement.</exception>
        public static IReadOnlyList<LeftOutArticle> In(string path, string text)
        {
            var found = new List<LeftOutArticle>();
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var agreement = AgreementLine.Match(string.Join("\n", lines));
            for (var i = 0; i < lines.Length; i++)
            {
                var m = LeftOutLine.Match(lines[i]);
                if (!m.Success)
                {
                    if (lines[i].StartsWith("# left out", StringComparison.Ordinal))
                        throw new FormatException($"{path}:{i + 1}: expected '# left out CITATION: reason' with CITATION starting 'Art.', 'Annex', 'Agreed Minute' or 'IA '");
                    continue;
                }
                if (!agreement.Success) throw new FormatException($"{path}:{i + 1}: a 'left out' line in a file that declares no agreement; move it to the agreement's file");
                var line = i + 1;
                var reason = new StringBuilder(m.Groups["reason"].Value.Trim());
                for (; i + 1 < lines.Length && Continuation.Match(lines[i + 1]) is { Success: true } more; i++)
                    Join(reason, more.Groups["more"].Value.Trim());
                found.Add(new LeftOutArticle(agreement.Groups["id"].Value, m.Groups["citation"].Value.Trim(), reason.ToString(), path, line));
            }
            return found;
        }

        /// <summary>A line break inside Japanese text is no space (「…必要は」 + 「ない」); elsewhere it is one.</summary>
        private static void Join(StringBuilder reason, string more)
        {
            static bool Cjk(char c) => c >= '\u2E80';
            if (!(reason.Length > 0 && Cjk(reason[reason.Length - 1]) && Cjk(more[0]))) reason.Append(' ');
            reason.Append(more);
        }

        /// <summary>
        /// Articles in the instrument's order: the agreement's articles, annexes, agreed minute, then the
        /// Arrangement's; numbers compared as numbers ("Art. 4(1)" before "Art. 4A(1)" before "Art. 13").
        /// </summary>
        public static string OrderKey(string citation)
        {
            var arrangement = citation.StartsWith("IA ", StringComparison.Ordinal);
            var rest = arrangement ? citation.Substring(3) : citation;
            var part = rest.StartsWith("Art.", StringComparison.Ordinal) ? 0 : rest.StartsWith("Annex", StringComparison.Ordinal) ? 1 : 2;
            return (arrangement ? 3 + part : part) + Regex.Replace(rest, @"\d+", m => m.Value.PadLeft(4, '0'));
        }
    }
}
