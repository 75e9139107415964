using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// The token layer under the grammar: each lexeme skips the trivia before it (white space and
    /// <c>#</c> comments), scans its characters directly from the source and advances once, so the
    /// structural parsers in <see cref="Grammar"/> never backtrack character by character.
    /// </summary>
    internal static class Lexer
    {
        /// <summary>A scanner returns where its token ends, or -1 if the token is not there.</summary>
        private delegate int Scanner(string source, int start, int end);

        internal static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        internal static int SkipTrivia(string s, int i, int end)
        {
            while (i < end)
            {
                var c = s[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '#') { while (i < end && s[i] != '\n') i++; continue; }
                break;
            }
            return i;
        }

        /// <summary>Skips trivia; always succeeds.</summary>
        public static readonly Parser<int> Trivia = input =>
        {
            var t = (TextInput)input;
            var at = SkipTrivia(t.Source, t.Position, t.End);
            return Result.Success(0, t.AdvanceTo(at));
        };

        private static Parser<string> Token(Scanner scan, string expected, Func<string, int, int, string>? value = null) => input =>
        {
            var t = (TextInput)input;
            var start = SkipTrivia(t.Source, t.Position, t.End);
            var stop = scan(t.Source, start, t.End);
            var at = t.AdvanceTo(start);
            if (stop < 0) return Result.Failure<string>(at, "unexpected " + Describe(t.Source, start, t.End), new[] { expected });
            var text = value != null ? value(t.Source, start, stop) : t.Source.Substring(start, stop - start);
            return Result.Success(text, at.AdvanceTo(stop));
        };

        internal static string Describe(string s, int i, int end)
        {
            if (i >= end) return "end of this declaration";
            var c = s[i];
            if (c == '\n' || c == '\r') return "end of line";
            var length = 1;
            if (char.IsLetterOrDigit(c))
                while (i + length < end && length < 30 && (IsNameChar(s[i + length]) || s[i + length] == '-')) length++;
            return "'" + s.Substring(i, length) + "'";
        }

        /// <summary>End of a name at <paramref name="i"/>: a letter, then letters, digits, '_', and hyphens that a letter or digit follows.</summary>
        internal static int ScanName(string s, int i, int end)
        {
            if (i >= end || !char.IsLetter(s[i])) return -1;
            i++;
            while (i < end)
            {
                if (IsNameChar(s[i])) { i++; continue; }
                if (s[i] == '-' && i + 1 < end && IsNameChar(s[i + 1])) { i += 2; continue; }
                break;
            }
            return i;
        }

        public static Parser<string> Keyword(string word) =>
            Token((s, i, end) =>
            {
                if (i + word.Length > end || string.CompareOrdinal(s, i, word, 0, word.Length) != 0) return -1;
                return ScanName(s, i, end) == i + word.Length ? i + word.Length : -1;
            }, "'" + word + "'");

        /// <summary>A name that is not a reserved word.</summary>
        public static readonly Parser<string> Name = Token((s, i, end) =>
        {
            var stop = ScanName(s, i, end);
            return stop < 0 || Grammar.Reserved.Contains(s.Substring(i, stop - i)) ? -1 : stop;
        }, "a name");

        /// <summary>A name that is neither a reserved word nor one of <paramref name="keywords"/>.</summary>
        public static Parser<string> NameExcept(ICollection<string> keywords) => Token((s, i, end) =>
        {
            var stop = ScanName(s, i, end);
            if (stop < 0) return -1;
            var name = s.Substring(i, stop - i);
            return Grammar.Reserved.Contains(name) || keywords.Contains(name) ? -1 : stop;
        }, "a name");

        public static Parser<char> Symbol(char c) =>
            Token((s, i, end) => i < end && s[i] == c ? i + 1 : -1, "'" + c + "'").Select(_ => c);

        /// <summary>Any of the given operators, longest first.</summary>
        public static Parser<string> Operator(string expected, params string[] operators) => Token((s, i, end) =>
        {
            foreach (var op in operators)
            {
                if (i + op.Length > end || string.CompareOrdinal(s, i, op, 0, op.Length) != 0) continue;
                // A word operator ('in', 'has') must end where a name would.
                if (char.IsLetter(op[0]) && ScanName(s, i, end) != i + op.Length) continue;
                return i + op.Length;
            }
            return -1;
        }, expected);

        public static readonly Parser<double> Number = Token((s, i, end) =>
        {
            var j = i;
            while (j < end && char.IsDigit(s[j])) j++;
            if (j == i) return -1;
            if (j + 1 < end && s[j] == '.' && char.IsDigit(s[j + 1]))
            {
                j++;
                while (j < end && char.IsDigit(s[j])) j++;
            }
            return j;
        }, "a number").Select(text => double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

        /// <summary>A quoted text; <c>\"</c> and <c>\\</c> escape. The value is unescaped.</summary>
        public static readonly Parser<string> QuotedText = input =>
        {
            var t = (TextInput)input;
            var start = SkipTrivia(t.Source, t.Position, t.End);
            var at = t.AdvanceTo(start);
            if (start >= t.End || t.Source[start] != '"')
                return Result.Failure<string>(at, "unexpected " + Describe(t.Source, start, t.End), new[] { "a quoted text" });
            var builder = new StringBuilder();
            for (var i = start + 1; i < t.End; i++)
            {
                var c = t.Source[i];
                if (c == '"') return Result.Success(builder.ToString(), at.AdvanceTo(i + 1));
                if (c == '\\' && i + 1 < t.End) c = t.Source[++i];
                builder.Append(c);
            }
            return Result.Failure<string>(at.AdvanceTo(t.End), "unexpected end of this declaration",
                new[] { "a closing '\"' for the text opened at line " + at.Line + ", column " + at.Column });
        };
    }
}
