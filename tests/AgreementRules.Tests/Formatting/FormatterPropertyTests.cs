using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AgreementRules.Syntax;
using AgreementRules.Tests.Robustness;
using CsCheck;

namespace AgreementRules.Tests.Formatting
{
    /// <summary>
    /// Property tests of the formatter (CsCheck) on generated files: real declarations laid out anew at
    /// random (white space changed, comments added), and expressions built at random. For each: the
    /// output parses to the same tree, formatting it again changes nothing, no comment is lost; and a file
    /// whose layout alone changed formats to the same text as before. A failure prints the seed; replay
    /// it with CsCheck_Seed=&lt;seed&gt;.
    /// </summary>
    public class FormatterPropertyTests
    {
        private static long Iter(long n) => long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var iter) ? iter : n;

        private static bool Parses(string text) => RulesParser.Parse(text, "p.rules").Diagnostics.Count == 0;

        /// <summary>Whole declarations of the shipped rules and the good corpus that parse.</summary>
        private static readonly Gen<string> Declarations = RulesTextGen.DeclarationExcerpt.Where(Parses);

        [Fact]
        public void Layout_alone_never_changes_what_the_formatter_writes() =>
            Declarations.SelectMany(text => Relayout(text, withComments: false).Select(relaid => (text, relaid)))
                .Sample(pair =>
                {
                    var formatted = FormatterTests.AssertFormatsFaithfully(pair.relaid);
                    Assert.Equal(FormatterTests.Formatted(pair.text), formatted);
                }, iter: Iter(150), print: pair => pair.relaid);

        [Fact]
        public void Comments_anywhere_between_tokens_are_kept_and_formatting_them_is_idempotent() =>
            Declarations.SelectMany(text => Relayout(text, withComments: true))
                .Sample(text => { FormatterTests.AssertFormatsFaithfully(text); }, iter: Iter(150), print: text => text);

        [Fact]
        public void Random_expressions_keep_their_tree_through_the_formatter() =>
            Expression(4).SelectMany(e => Expression(2).Select(a => (e, a)))
                .Sample(p =>
                {
                    var text = $"define d = {p.e}\nrule r cites \"A\" on go when {p.e} then permitted\n" +
                               $"example \"x\" {{ go f = ({p.a}), g = {{ ({p.a}), 1 }} expect permitted }}\nfact h : bool default ({p.a})\n";
                    FormatterTests.AssertFormatsFaithfully(text);
                }, iter: Iter(400), print: p => p.e);

        private static readonly string[] Leaves =
            { "a", "b", "material", "uranium-233", "x_1", "0", "20 %", "0.711 %", "1.5 kg", "500 g", "\"t\"", "\"q \\\" \\\\\"", "true", "false", "{}", "{ a, b }" };

        private static readonly string[] BinaryOperators = Enum.GetValues(typeof(BinaryOperator)).Cast<BinaryOperator>().Select(o => o.Text()).ToArray();

        /// <summary>An expression in brackets wherever it has parts, so that it parses to the tree it was built as.</summary>
        private static Gen<string> Expression(int depth)
        {
            var leaf = Gen.OneOf(Leaves);
            if (depth == 0) return leaf;
            var sub = Expression(depth - 1);
            return Gen.Frequency(
                (3, leaf),
                (4, from l in sub from op in Gen.OneOf(BinaryOperators) from r in sub select $"({l} {op} {r})"),
                // a chain of one logical operator, as the parser balances it
                (2, from op in Gen.OneOf("and", "or") from items in sub.Array[2, 6] select "(" + string.Join($" {op} ", items) + ")"),
                (1, sub.Select(e => $"(not ({e}))")),
                (1, sub.Select(e => $"({e} is given)")),
                (1, from c in sub from r in sub from o in sub select $"case when {c} then {r} else {o} end"),
                (1, sub.Array[0, 3].Select(items => "{ " + string.Join(", ", items.Select(i => $"({i})")) + " }")));
        }

        private static readonly string[] DeclarationKeywords = Grammar.DeclarationKeywords;

        /// <summary>
        /// The text with the white space between tokens inside declarations replaced at random (spaces, line
        /// breaks, indentation) and, if <paramref name="withComments"/>, comments added there, at the end of a
        /// line or on lines of their own. The white space before a declaration keyword in column 1 is kept.
        /// </summary>
        private static Gen<string> Relayout(string text, bool withComments)
        {
            var runs = WhiteSpaceRuns(text);
            var separators = withComments
                ? new[] { " ", "  ", "\n  ", "\n      ", " # at the end\n  ", "\n  # on a line of its own\n  ", "\n# in column 1\n    " }
                : new[] { " ", "  ", "\n  ", "\n      ", "\t" };
            return Gen.OneOf(separators).Array[runs.Count].Select(chosen =>
            {
                var result = new StringBuilder();
                var at = 0;
                for (var i = 0; i < runs.Count; i++)
                {
                    var (start, end, free) = runs[i];
                    result.Append(text, at, start - at);
                    result.Append(free ? chosen[i] : withComments && chosen[i].Contains('#') ? "\n\n# between declarations\n" : text.Substring(start, end - start));
                    at = end;
                }
                return result.Append(text, at, text.Length - at).ToString();
            });
        }

        /// <summary>
        /// The runs of white space between two tokens (outside quoted texts and comments, not touching a
        /// comment); free is false where the run ends a line before a declaration keyword in column 1.
        /// </summary>
        private static List<(int start, int end, bool free)> WhiteSpaceRuns(string text)
        {
            var runs = new List<(int, int, bool)>();
            var afterComment = false;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"') { i = RulesParser.ClosingQuote(text, i, text.Length) + 1; afterComment = false; continue; }
                if (c == '#') { while (i < text.Length && text[i] != '\n') i++; afterComment = true; continue; }
                if (!char.IsWhiteSpace(c)) { i++; afterComment = false; continue; }
                var start = i;
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                // The line end after a comment is the comment's; white space before a comment decides whether it ends a line.
                if (afterComment || start == 0 || i >= text.Length || text[i] == '#') continue;
                var beforeDeclaration = text[i - 1] == '\n' && DeclarationKeywords.Any(k => string.CompareOrdinal(text, i, k, 0, k.Length) == 0);
                runs.Add((start, i, !beforeDeclaration));
            }
            return runs;
        }
    }
}
