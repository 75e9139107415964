using System.Globalization;
using System.IO;
using System.Text;

namespace AgreementRules.Cli
{
    /// <summary>
    /// Text for a terminal, where what a request or a rules file says must not be able to pass for what
    /// the tool says: a newline in an id would start a fake "Decision: permitted" line, an ANSI escape
    /// could rewrite the screen, a bidi override could reverse what is read. Every line that people read
    /// (explain, the diagnostics) goes out through <see cref="WriteLine"/>, which shows such characters as
    /// escapes: \n, \r, \t, and \uXXXX for the other C0 and C1 controls, DEL, bidi controls, line and
    /// paragraph separators and unpaired surrogates. Text without them is written as it is. JSON output
    /// needs none of this: the serializer escapes every control character.
    /// </summary>
    internal static class TerminalText
    {
        public static void WriteLine(TextWriter writer, string line) => writer.WriteLine(Escape(line));

        public static string Escape(string text)
        {
            var first = 0;
            while (first < text.Length && !NeedsEscape(text, first)) first++;
            if (first == text.Length) return text;
            var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
            for (var i = first; i < text.Length; i++)
            {
                var c = text[i];
                if (!NeedsEscape(text, i)) escaped.Append(c);
                else if (c == '\n') escaped.Append("\\n");
                else if (c == '\r') escaped.Append("\\r");
                else if (c == '\t') escaped.Append("\\t");
                else escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            return escaped.ToString();
        }

        private static bool NeedsEscape(string text, int i)
        {
            var c = text[i];
            if (c < ' ' || (c >= '\u007F' && c <= '\u009F')) return true; // C0, DEL, C1
            if (c < '\u061C') return false;
            if (c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) return true; // bidi
            if (c == '\u2028' || c == '\u2029') return true; // line and paragraph separators
            if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
            if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
            return false;
        }
    }
}
