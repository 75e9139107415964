using System;
using System.Collections.Generic;
using System.Text;

namespace AgreementRules.Analyzers.Generation
{
    /// <summary>
    /// C# names for the rules' names: <c>contains_heu_or_u233</c> → <c>ContainsHeuOrU233</c>, <c>uranium-233</c> →
    /// <c>Uranium233</c>, <c>JP-US-1988</c> → <c>JP_US_1988</c> (an underscore stays where both sides are capitals or
    /// digits, so upper-case ids stay readable). A scope hands out each name once: a second rules name that maps to a
    /// taken C# name gets a numbered suffix, in declaration order, so the output is the same on every build.
    /// </summary>
    internal sealed class CSharpNames
    {
        private readonly HashSet<string> taken = new(StringComparer.Ordinal);

        public CSharpNames(params string[] reserved)
        {
            foreach (var name in reserved) taken.Add(name);
        }

        /// <summary>A unique name in this scope for <paramref name="rulesName"/>, with <paramref name="prefix"/> before it.</summary>
        public string Claim(string rulesName, string prefix = "")
        {
            var stem = prefix + Pascal(rulesName);
            var name = stem;
            for (var n = 2; !taken.Add(name); n++) name = stem + "_" + n;
            return name;
        }

        public static string Pascal(string rulesName)
        {
            var result = new StringBuilder(rulesName.Length + 1);
            var segmentStart = true;
            foreach (var c in rulesName)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    segmentStart = true;
                    continue;
                }
                if (segmentStart && result.Length > 0 && IsCapitalOrDigit(result[result.Length - 1]) && IsCapitalOrDigit(c)) result.Append('_');
                result.Append(segmentStart ? char.ToUpperInvariant(c) : c);
                segmentStart = false;
            }
            if (result.Length == 0 || char.IsDigit(result[0])) result.Insert(0, '_');
            return result.ToString();
        }

        private static bool IsCapitalOrDigit(char c) => char.IsUpper(c) || char.IsDigit(c);

        /// <summary>A C# string literal with the same characters.</summary>
        public static string Literal(string text)
        {
            var result = new StringBuilder(text.Length + 2).Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': result.Append("\\\""); break;
                    case '\\': result.Append("\\\\"); break;
                    case '\n': result.Append("\\n"); break;
                    case '\t': result.Append("\\t"); break;
                    default:
                        if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                            result.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        else result.Append(c);
                        break;
                }
            }
            return result.Append('"').ToString();
        }
    }
}
