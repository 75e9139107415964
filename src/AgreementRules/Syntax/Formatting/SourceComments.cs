using System.Collections.Generic;

namespace AgreementRules.Syntax.Formatting
{
    /// <summary>
    /// A comment as written: where its <c>#</c> is, its text from <c>#</c> to the end of the line (without
    /// the white space that ends the line), and whether it stands on a line of its own.
    /// </summary>
    internal readonly record struct Comment(int Start, string Text, bool OwnLine);

    /// <summary>
    /// The comments of a source, and the few tokens the syntax tree has no node for. The grammar skips
    /// comments as trivia, so the tree the checker and the compilers use has none; the formatter finds them
    /// here, by position, and puts each back beside the line that holds the code it stood beside.
    /// </summary>
    internal static class SourceComments
    {
        /// <summary>Every comment of <paramref name="text"/>, in order; a '#' inside a quoted text is not one.</summary>
        public static List<Comment> In(string text)
        {
            var comments = new List<Comment>();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"') { i = RulesParser.ClosingQuote(text, i, text.Length); continue; }
                if (c != '#') continue;
                var end = i;
                while (end < text.Length && text[end] != '\n') end++;
                var last = end;
                while (last > i && char.IsWhiteSpace(text[last - 1])) last--;
                comments.Add(new Comment(i, text.Substring(i, last - i), OnlyWhiteSpaceBefore(text, i)));
                i = end;
            }
            return comments;
        }

        private static bool OnlyWhiteSpaceBefore(string text, int position)
        {
            for (var i = position - 1; i >= 0 && text[i] != '\n'; i--)
                if (!char.IsWhiteSpace(text[i])) return false;
            return true;
        }

        /// <summary>How many line ends lie in [<paramref name="start"/>, <paramref name="end"/>): two or more is a blank line between.</summary>
        public static int LineEnds(string text, int start, int end)
        {
            var count = 0;
            for (var i = start; i < end; i++)
                if (text[i] == '\n') count++;
            return count;
        }

        /// <summary>
        /// Where each clause keyword of <paramref name="keywords"/> stands in [<paramref name="start"/>,
        /// <paramref name="end"/>) when a quoted text follows it (<c>title "…"</c>, <c>source "…"</c>): a
        /// party or an id of the same spelling is never followed by a text.
        /// </summary>
        public static List<(string keyword, int position)> TextClauses(string text, int start, int end, params string[] keywords)
        {
            var found = new List<(string, int)>();
            var i = start;
            while ((i = Lexer.SkipTrivia(text, i, end)) < end)
            {
                if (text[i] == '"') { i = RulesParser.ClosingQuote(text, i, end) + 1; continue; }
                var stop = Lexer.ScanName(text, i, end);
                if (stop < 0) { i++; continue; }
                var next = Lexer.SkipTrivia(text, stop, end);
                if (next < end && text[next] == '"')
                    foreach (var keyword in keywords)
                        if (keyword.Length == stop - i && string.CompareOrdinal(text, i, keyword, 0, keyword.Length) == 0) found.Add((keyword, i));
                i = stop;
            }
            return found;
        }
    }
}
