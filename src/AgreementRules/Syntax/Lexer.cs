using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
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

        [MethodImpl(Jit.Hot)]
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
        public static readonly Parser<int> Trivia = [MethodImpl(Jit.Hot)] (input) => Parsed.Success(0, ((TextInput)input).AfterTrivia());

        /// <summary>
        /// A token: skips trivia, scans, and on success advances once. The value is computed from the
        /// scanned range by <paramref name="value"/>, so tokens whose text is known (keywords,
        /// operators) allocate no string; on failure nothing but the failure is allocated.
        /// </summary>
        private static Parser<T> Token<T>(Scanner scan, string expected, Func<string, int, int, T> value)
        {
            var expectations = new[] { expected };
            return [MethodImpl(Jit.Hot)] (input) =>
            {
                var t = (TextInput)input;
                var start = t.TokenStart;
                var stop = scan(t.Source, start, t.End);
                if (stop < 0) return new Failure<T>(t.AfterTrivia(), null, expectations);
                return Parsed.Success(value(t.Source, start, stop), t.AdvanceTo(stop));
            };
        }

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
        [MethodImpl(Jit.Hot)]
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

        /// <summary>The keyword itself (the same string every time: no text is copied).</summary>
        public static Parser<string> Keyword(string word) =>
            Token([MethodImpl(Jit.Hot)] (s, i, end) =>
            {
                if (i + word.Length > end || string.CompareOrdinal(s, i, word, 0, word.Length) != 0) return -1;
                return ScanName(s, i, end) == i + word.Length ? i + word.Length : -1;
            }, "'" + word + "'", (s, start, stop) => word);

        /// <summary>A name that is not a reserved word.</summary>
        public static readonly Parser<string> Name = Token([MethodImpl(Jit.Hot)] (s, i, end) =>
        {
            var stop = ScanName(s, i, end);
            return stop < 0 || IsReserved(s, i, stop) ? -1 : stop;
        }, "a name", (s, start, stop) => s.Substring(start, stop - start));

        /// <summary>Whether the word at [start, stop) is reserved, without copying it out of the source.</summary>
        [MethodImpl(Jit.Hot)]
        internal static bool IsReserved(string s, int start, int stop)
        {
            foreach (var word in Grammar.ReservedWords)
                if (word.Length == stop - start && string.CompareOrdinal(s, start, word, 0, word.Length) == 0) return true;
            return false;
        }

        /// <summary>A name that is neither a reserved word nor one of <paramref name="keywords"/>.</summary>
        public static Parser<string> NameExcept(ICollection<string> keywords) => Token((s, i, end) =>
        {
            var stop = ScanName(s, i, end);
            if (stop < 0 || IsReserved(s, i, stop)) return -1;
            return keywords.Contains(s.Substring(i, stop - i)) ? -1 : stop;
        }, "a name", (s, start, stop) => s.Substring(start, stop - start));

        public static Parser<char> Symbol(char c) =>
            Token([MethodImpl(Jit.Hot)] (s, i, end) => i < end && s[i] == c ? i + 1 : -1, "'" + c + "'", (s, start, stop) => c);

        /// <summary>
        /// The operator of <paramref name="operators"/> (longest first) at <paramref name="i"/>, or null;
        /// a word operator ('and', 'in') must end where a name would, as a keyword must.
        /// </summary>
        [MethodImpl(Jit.Hot)]
        internal static string? MatchOperator(string[] operators, string s, int i, int end)
        {
            foreach (var op in operators)
            {
                if (i + op.Length > end || string.CompareOrdinal(s, i, op, 0, op.Length) != 0) continue;
                if (char.IsLetter(op[0]) && ScanName(s, i, end) != i + op.Length) continue;
                return op;
            }
            return null;
        }

        /// <summary>Any of the given operators, longest first. The value is the operator as given (no text is copied).</summary>
        public static Parser<string> Operator(string expected, params string[] operators)
        {
            // The scanner says which operator matched by where it stopped; keep that operator for the value.
            return Token([MethodImpl(Jit.Hot)] (s, i, end) =>
            {
                foreach (var op in operators)
                {
                    if (i + op.Length > end || string.CompareOrdinal(s, i, op, 0, op.Length) != 0) continue;
                    // A word operator ('in', 'has') must end where a name would.
                    if (char.IsLetter(op[0]) && ScanName(s, i, end) != i + op.Length) continue;
                    return i + op.Length;
                }
                return -1;
            }, expected, (s, start, stop) =>
            {
                foreach (var op in operators)
                    if (op.Length == stop - start && string.CompareOrdinal(s, start, op, 0, op.Length) == 0) return op;
                return s.Substring(start, stop - start);
            });
        }

        public static readonly Parser<double> Number = Token([MethodImpl(Jit.Hot)] (s, i, end) =>
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
        }, "a number", NumberValue);

        /// <summary>
        /// Whole numbers of up to 15 digits (nearly all numbers in rules) are exact in a double, so they
        /// are computed from the digits; anything else goes through <see cref="double.Parse(string, NumberStyles, IFormatProvider)"/>.
        /// </summary>
        [MethodImpl(Jit.Hot)]
        private static double NumberValue(string s, int start, int stop)
        {
            if (stop - start <= 15)
            {
                long whole = 0;
                var i = start;
                for (; i < stop && s[i] >= '0' && s[i] <= '9'; i++) whole = whole * 10 + (s[i] - '0');
                if (i == stop) return whole;
            }
            return double.Parse(s.Substring(start, stop - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        private static readonly string[] QuotedTextExpected = { "a quoted text" };

        /// <summary>A quoted text; <c>\"</c> and <c>\\</c> escape. The value is unescaped.</summary>
        public static readonly Parser<string> QuotedText = [MethodImpl(Jit.Hot)] (input) =>
        {
            var t = (TextInput)input;
            var start = t.TokenStart;
            if (start >= t.End || t.Source[start] != '"')
                return new Failure<string>(t.AfterTrivia(), null, QuotedTextExpected);
            // Most texts have no escapes: copy them out in one piece.
            StringBuilder? builder = null;
            var from = start + 1;
            for (var i = start + 1; i < t.End; i++)
            {
                var c = t.Source[i];
                if (c == '"')
                {
                    var text = builder == null ? t.Source.Substring(from, i - from) : builder.Append(t.Source, from, i - from).ToString();
                    return Parsed.Success(text, t.AdvanceTo(i + 1));
                }
                if (c == '\\' && i + 1 < t.End)
                {
                    builder ??= new StringBuilder();
                    builder.Append(t.Source, from, i - from);
                    from = ++i; // the escaped character is kept, from here
                }
            }
            var at = t.AfterTrivia();
            return new Failure<string>(at.AdvanceTo(t.End), "unexpected end of this declaration",
                new[] { "a closing '\"' for the text opened at line " + at.Line + ", column " + at.Column });
        };
    }
}
