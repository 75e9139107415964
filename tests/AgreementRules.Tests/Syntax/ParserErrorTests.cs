using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Syntax
{
    public class ParserErrorTests
    {
        [Fact]
        public void An_unclosed_bracket_is_reported_where_the_declaration_ends_with_what_was_expected()
        {
            var file = RulesParser.Parse("rule r cites \"A\" on enrich when (x > 3\nrule s cites \"B\" on enrich then permitted\n", "f.rules");
            var error = Assert.Single(file.Diagnostics);
            Assert.Equal("f.rules:1:39: error AGR0001: unexpected end of this declaration; expected ')'", error.ToString());
            Assert.Single(file.Declarations); // the next declaration still parsed
        }

        [Fact]
        public void Several_broken_declarations_give_several_errors()
        {
            var file = RulesParser.Parse("fact x number\nfact y : bool\nrule r cites on enrich then permitted\n", "f.rules");
            Assert.Equal(new[] { 1, 3 }, file.Diagnostics.Select(d => d.Span.Line));
            Assert.All(file.Diagnostics, d => Assert.Equal(RulesDiagnosticIds.Syntax, d.Id));
        }

        [Fact]
        public void Twenty_thousand_nested_parentheses_are_a_clear_error_not_a_stack_overflow()
        {
            var deep = "define d = " + new string('(', 20000) + "true" + new string(')', 20000) + "\n";
            var file = RulesParser.Parse(deep, "deep.rules");
            var error = Assert.Single(file.Diagnostics);
            Assert.Equal(RulesDiagnosticIds.NestingTooDeep, error.Id);
            Assert.Contains("split it into named definitions", error.Message);
        }

        [Fact]
        public void Twenty_thousand_nots_are_a_clear_error_not_a_stack_overflow()
        {
            var deep = "define d = " + string.Concat(Enumerable.Repeat("not ", 20000)) + "true\n";
            var error = Assert.Single(RulesParser.Parse(deep, "deep.rules").Diagnostics);
            Assert.Equal(RulesDiagnosticIds.NestingTooDeep, error.Id);
        }

        [Fact]
        public void Text_before_any_declaration_is_an_error_at_its_position()
        {
            var error = Assert.Single(RulesParser.Parse("\n  hello\nactivity enrich\n", "f.rules").Diagnostics);
            Assert.Equal(2, error.Span.Line);
            Assert.Equal(3, error.Span.Column);
        }

        [Fact]
        public void An_escaped_quote_does_not_hide_deep_nesting_from_the_guard()
        {
            // The guard once toggled on every '"', so one '\"' in a title left it "inside a text" for the
            // rest of the declaration, and 20,000 brackets after it overflowed the stack. One level past
            // the limit shows that the guard sees them, without crashing the test run if it does not.
            var depth = RulesParser.MaxNesting + 1;
            var text = "example \"5 \\\" of lead\" {\n  enrich x = " + new string('(', depth) + "1" + new string(')', depth) + "\n  expect permitted\n}\n";
            var error = Assert.Single(RulesParser.Parse(text, "deep.rules").Diagnostics);
            Assert.Equal(RulesDiagnosticIds.NestingTooDeep, error.Id);
            Assert.Equal(2, error.Span.Line);
        }

        [Fact]
        public void A_text_that_ends_in_an_escaped_backslash_still_ends_its_declaration()
        {
            var file = RulesParser.Parse("fact x : text \"a folder\\\\\"\nfact y : bool\n", "f.rules");
            Assert.Empty(file.Diagnostics);
            Assert.Equal(new[] { "x", "y" }, file.Declarations.Cast<FactDecl>().Select(f => f.Name.Text));
            Assert.Equal("a folder\\", ((FactDecl)file.Declarations[0]).Description);
        }
    }
}
