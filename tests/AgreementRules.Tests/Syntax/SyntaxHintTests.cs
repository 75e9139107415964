using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Syntax
{
    /// <summary>
    /// Issue 14's examples of syntax errors that named the wrong thing: a misspelt keyword gets a suggestion,
    /// a misspelt type is named (not the unit after it), and an unclosed bracket is reported where it opens.
    /// </summary>
    public class SyntaxHintTests
    {
        private static RulesDiagnostic ErrorOf(string text) => Assert.Single(RulesParser.Parse(text, "e.rules").Diagnostics);

        private const string Rule = "rule r cites \"Art. 6\"\n  on enrich\n  when enrichment < 20 %\n  then ";

        [Fact]
        public void A_misspelt_outcome_suggests_the_keyword()
        {
            var error = ErrorOf(Rule + "permited\n");
            Assert.Equal("e.rules:4:8: error AGR0001: unexpected 'permited' (did you mean 'permitted'?); expected an outcome " +
                         "(permitted, prohibited, requires …, grants consent of …, advisory \"…\")", error.ToString());
            Assert.Equal(8, error.Span.Length); // the whole word is underlined
        }

        [Theory]
        [InlineData("prohibted\n", "prohibited")]
        [InlineData("requires consnt of JP\n", "consent")]
        [InlineData("requires consent off JP\n", "of")]
        [InlineData("permitted\n  qoute \"x\"\n", "quote")]
        public void Other_misspelt_keywords_are_suggested(string outcome, string keyword) =>
            Assert.Contains($"(did you mean '{keyword}'?)", ErrorOf(Rule + outcome).Message);

        [Fact]
        public void A_misspelt_type_is_named_with_the_type_it_may_mean_not_the_unit_after_it()
        {
            var error = ErrorOf("fact quantity : numbr g\n");
            Assert.Equal("e.rules:1:17: error AGR0001: unknown type 'numbr' (did you mean 'number'?), so 'g' cannot follow it", error.ToString());
            Assert.Equal(5, error.Span.Length);
        }

        [Fact]
        public void An_unclosed_bracket_is_reported_at_the_bracket_not_at_the_next_keyword()
        {
            var error = ErrorOf(Rule.Replace("when enrichment", "when (enrichment") + "permitted\n");
            Assert.Equal("e.rules:3:8: error AGR0001: this '(' is never closed: expected ')' before 'then' at line 4, column 3; " +
                         "close it with ')' where the bracketed part ends", error.ToString());
        }

        [Fact]
        public void The_innermost_unclosed_bracket_is_the_one_reported()
        {
            var error = ErrorOf("define d = ((a and b) or (c\n");
            Assert.Equal((1, 26), (error.Span.Line, error.Span.Column));
        }

        [Theory]
        // A bracket closed further on is not the mistake: the word in it is.
        [InlineData("agreement A { parties JP US }\n", "e.rules:1:26: error AGR0001: unexpected 'US'; expected '}' or one of title, parties, source")]
        // A keyword near the word that would fail at the same place is no suggestion ('and' for 'Art').
        [InlineData("rule r cites Art. 3 on enrich then permitted\n", "e.rules:1:14: error AGR0001: unexpected 'Art'; expected a quoted text")]
        // A word before the error that a keyword would not get past stays unnamed.
        [InlineData("fact level number %\n", "e.rules:1:12: error AGR0001: unexpected 'number'; expected ':'")]
        public void No_hint_where_none_fits(string text, string error) => Assert.Equal(error, ErrorOf(text).ToString());

        [Fact]
        public void A_declaration_too_long_to_reparse_gets_the_plain_message()
        {
            static string RuleWithSet(int items) =>
                "rule r cites \"X\" on enrich when x in { " + string.Join(", ", Enumerable.Range(0, items).Select(i => "a" + i)) + " } then permited\n";
            var small = RuleWithSet(10);
            var large = RuleWithSet(20_000);
            Assert.True(large.Length > SyntaxHints.MaxRepairedLength);
            Assert.Contains("(did you mean 'permitted'?)", ErrorOf(small).Message);
            Assert.StartsWith("unexpected 'permited'; expected an outcome", ErrorOf(large).Message);
        }

        [Fact]
        public void Every_keyword_of_the_grammar_can_be_suggested()
        {
            var grammar = File.ReadAllText(Path.Combine(TestRules.RepoRoot, "src", "AgreementRules", "Syntax", "Grammar.cs"));
            var words = Regex.Matches(grammar, @"(?:Keyword|Clause)\(""([a-z-]+)""").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.True(words.Count > 30, "the scan found too few keywords: " + string.Join(", ", words));
            Assert.Empty(words.Except(SyntaxHints.Keywords));
        }
    }
}
