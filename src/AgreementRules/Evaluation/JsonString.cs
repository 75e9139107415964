using System.Globalization;
using System.Text;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// A text as a JSON string literal: quotes, backslashes, control characters (so no text can break a line),
    /// U+2028/U+2029 and unpaired surrogates (so the line stays valid UTF-8) are escaped; other text, Japanese
    /// included, stays readable. One escaping for every JSON the core writes: the decision log's records and the
    /// witness requests of the overlap analysis.
    /// </summary>
    internal static class JsonString
    {
        public static StringBuilder AppendQuoted(StringBuilder text, string value)
        {
            text.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    case '\b': text.Append("\\b"); break;
                    case '\f': text.Append("\\f"); break;
                    default:
                        if (c < ' ' || c == '\u2028' || c == '\u2029' || IsUnpairedSurrogate(value, i)) Escaped(text, c);
                        else if (char.IsHighSurrogate(c)) { text.Append(c).Append(value[i + 1]); i++; }
                        else text.Append(c);
                        break;
                }
            }
            return text.Append('"');
        }

        private static bool IsUnpairedSurrogate(string value, int i)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c)) return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
            return char.IsLowSurrogate(c); // a low surrogate met here had no high one before it
        }

        private static void Escaped(StringBuilder text, char c) => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }
}
