using System;
using System.Collections.Generic;
using System.Linq;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// Syntax errors said where the mistake is rather than where the parser stopped, for the mistakes that
    /// the bare "unexpected X; expected Y" words badly:
    /// <list type="bullet">
    /// <item>a bracket or a text left open: the error stands at the '(' or '"' that is never closed, not at
    /// the 'then' the parser stopped at;</item>
    /// <item>a misspelt keyword: <c>then permited</c> suggests 'permitted';</item>
    /// <item>a misspelt keyword the grammar took for a name, so that the next word looks wrong:
    /// <c>fact quantity : numbr g</c> reads 'numbr' as a type's name, which takes no unit, and stops at 'g';
    /// the error names 'numbr' and suggests 'number'.</item>
    /// </list>
    /// A keyword is suggested only if putting it in the word's place lets the declaration parse further, so
    /// no suggestion is a guess that would fail at the same place. This runs only on declarations that
    /// failed to parse, and reparses only that declaration.
    /// </summary>
    internal static class SyntaxHints
    {
        /// <summary>
        /// Every word the grammar reads as a keyword (<see cref="Grammar"/>'s Keyword, Clause and reserved
        /// words), that a misspelt word may have meant. A test holds this list to the grammar's text.
        /// </summary>
        internal static readonly string[] Keywords = Grammar.ReservedWords.Concat(Grammar.DeclarationKeywords).Concat(Grammar.TypeKeywords).Concat(new[]
        {
            "advisory", "after", "assurances", "by", "cites", "consent", "consents", "continued", "default", "expect", "given",
            "because", "grants", "is", "notification", "notifications", "of", "on", "oral", "overlaps", "parties", "permitted", "prohibited", "quote",
            "requires", "source", "title", "written",
        }).Distinct().ToArray();

        /// <summary>A better place and message for the error at <paramref name="failedAt"/>, or null to keep the parser's.</summary>
        /// <param name="start">Where the declaration starts.</param>
        /// <param name="end">Where it ends.</param>
        /// <param name="expected">What the parser expected at <paramref name="failedAt"/> ("')'", "an outcome (…)").</param>
        /// <param name="unexpected">How the parser's message names what it found ("'then'", "end of this declaration").</param>
        public static (int position, string message)? Improve(string text, LineIndex lines, int start, int end, int failedAt, IReadOnlyList<string> expected, string unexpected)
        {
            if (Unclosed(text, lines, start, end, failedAt, expected, unexpected) is { } unclosed) return unclosed;
            if (end - start > MaxRepairedLength) return null;
            if (WordAt(text, failedAt, end) is { } word && Repair(text, start, end, failedAt, word) is { } keyword)
                return (failedAt, $"unexpected {unexpected}{Suggestions.Suggest(keyword)}; expected {string.Join(" or ", expected)}");
            if (WordBefore(text, start, failedAt) is { } previous && Repair(text, start, end, failedAt, previous) is { } meant)
            {
                var name = text.Substring(previous.start, previous.length);
                var what = Array.IndexOf(Grammar.TypeKeywords, meant) >= 0 ? $"unknown type '{name}'" : $"'{name}' is not a keyword";
                return (previous.start, $"{what}{Suggestions.Suggest(meant)}, so {unexpected} cannot follow it");
            }
            return null;
        }

        /// <summary>
        /// The error moved to the bracket or quote left open, when the parser stopped expecting its closer and
        /// the bracket is closed nowhere in the declaration (a '(' closed further on is not the mistake).
        /// </summary>
        private static (int, string)? Unclosed(string text, LineIndex lines, int start, int end, int failedAt, IReadOnlyList<string> expected, string unexpected)
        {
            var openers = UnclosedOpeners(text, start, end);
            foreach (var (open, close) in new[] { ('(', ')'), ('{', '}') })
            {
                if (!expected.Any(e => e.StartsWith("'" + close + "'", StringComparison.Ordinal))) continue;
                var index = openers.FindLastIndex(o => o < failedAt && text[o] == open);
                if (index < 0) continue;
                var at = openers[index];
                var (line, column) = lines.LineColumn(failedAt);
                return (at, $"this '{open}' is never closed: expected '{close}' before {unexpected} at line {line}, column {column}; " +
                            $"close it with '{close}' where the bracketed part ends");
            }
            if (expected.Any(e => e.StartsWith("a closing '\"'", StringComparison.Ordinal)))
            {
                var quote = openers.FindLastIndex(o => text[o] == '"');
                if (quote >= 0)
                    return (openers[quote], "this text is never closed: the declaration ends before a closing '\"'; close it with '\"' where the text ends");
            }
            return null;
        }

        /// <summary>The brackets and the quote that no closer matches within the declaration, in order.</summary>
        private static List<int> UnclosedOpeners(string text, int start, int end)
        {
            var open = new List<int>();
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (c == '#') { while (i < end && text[i] != '\n') i++; continue; }
                if (c == '"')
                {
                    var close = i + 1;
                    while (close < end && text[close] != '"') close += text[close] == '\\' ? 2 : 1;
                    if (close >= end) { open.Add(i); break; }
                    i = close;
                    continue;
                }
                if (c is '(' or '{') open.Add(i);
                else if (c is ')' or '}')
                {
                    var match = c == ')' ? '(' : '{';
                    var last = open.FindLastIndex(o => text[o] == match);
                    if (last >= 0) open.RemoveAt(last);
                }
            }
            return open;
        }

        /// <summary>The word (a name that is not a keyword) at <paramref name="position"/>, or null.</summary>
        private static (int start, int length)? WordAt(string text, int position, int end)
        {
            var stop = Lexer.ScanName(text, position, end);
            if (stop < 0 || IsKeyword(text, position, stop)) return null;
            return (position, stop - position);
        }

        /// <summary>The word (a name that is not a keyword) that ends where the trivia before <paramref name="position"/> starts, or null.</summary>
        private static (int start, int length)? WordBefore(string text, int start, int position)
        {
            var stop = position;
            while (stop > start && char.IsWhiteSpace(text[stop - 1])) stop--;
            var begin = stop;
            while (begin > start && (Lexer.IsNameChar(text[begin - 1]) || text[begin - 1] == '-')) begin--;
            if (begin == stop || Lexer.ScanName(text, begin, stop) != stop || IsKeyword(text, begin, stop)) return null;
            return (begin, stop - begin);
        }

        private static bool IsKeyword(string text, int start, int stop) =>
            Keywords.Any(k => k.Length == stop - start && string.CompareOrdinal(text, start, k, 0, k.Length) == 0);

        /// <summary>
        /// The keyword nearest to the word, if writing it instead lets the declaration parse past
        /// <paramref name="failedAt"/> (for the word at <paramref name="failedAt"/>: past the keyword itself).
        /// </summary>
        private static string? Repair(string text, int start, int end, int failedAt, (int start, int length) word)
        {
            foreach (var keyword in Suggestions.Ranked(text.Substring(word.start, word.length), Keywords).Distinct().Take(MaxTries))
                if (ParsesFurther(text, start, end, failedAt, word, keyword)) return keyword;
            return null;
        }

        /// <summary>
        /// Declarations longer than this (64 KiB; a generated set of a million items) get no keyword suggestion:
        /// each try reparses the declaration, and the plain message still says where and what.
        /// </summary>
        internal const int MaxRepairedLength = 1 << 16;

        /// <summary>Keywords tried in a word's place, nearest first: each try reparses the declaration.</summary>
        private const int MaxTries = 4;

        private static bool ParsesFurther(string text, int start, int end, int failedAt, (int start, int length) word, string keyword)
        {
            var repaired = text.Substring(start, word.start - start) + keyword + text.Substring(word.start + word.length, end - word.start - word.length);
            var shift = keyword.Length - word.length;
            // Where the parser stopped, in the repaired text: the word's own place, or as far past it as before.
            var stoppedAt = failedAt - start + (failedAt > word.start ? shift : 0);
            var result = Grammar.Declaration(new TextInput(repaired, new LineIndex(repaired), 0, repaired.Length, ""));
            var reached = result.WasSuccessful
                ? Grammar.TrailingTrivia(result.Remainder).Remainder.Position
                : result.Remainder.Position;
            return reached > stoppedAt;
        }
    }
}
