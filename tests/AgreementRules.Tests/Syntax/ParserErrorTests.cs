using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Syntax
{
    public class ParserErrorTests
    {
        [Fact]
        public void An_unclosed_bracket_is_reported_where_it_opens_with_where_the_declaration_ends()
        {
            var file = RulesParser.Parse("rule r cites \"A\" on enrich when (x > 3\nrule s cites \"B\" on enrich then permitted\n", "f.rules");
            var error = Assert.Single(file.Diagnostics);
            Assert.Equal("f.rules:1:33: error AGR0001: this '(' is never closed: expected ')' before end of this declaration at line 1, column 39; " +
                         "close it with ')' where the bracketed part ends", error.ToString());
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
        /// <summary>
        /// Once an operator, a keyword or a separator is read, what must follow it is reported where it
        /// fails, not where the enclosing construct began (the grammar used to backtrack there).
        /// </summary>
        [Theory]
        [InlineData("rule r cites \"1\" on enrich when x > -5 % then permitted", 37, "unexpected '-'; expected a value, a name or '('")]
        [InlineData("rule r cites \"1\" on enrich when x + * 5 % > 1 % then permitted", 37, "unexpected '*'; expected a value, a name or '('")]
        [InlineData("rule r cites \"1\" on enrich when x in { 1 %, } then permitted", 45, "unexpected '}'; expected a value, a name or '('")]
        [InlineData("fact m : enum { in, out }", 17, "unexpected 'in'; expected a name")]
        [InlineData("fact l : list of", 17, "unexpected end of file; expected a type (bool, text, number %, enum { … }, list of …, or a type name)")]
        [InlineData("agreement B { title Foo }", 21, "unexpected 'Foo'; expected a quoted text")]
        [InlineData("agreement B { parties JP, }", 27, "unexpected '}'; expected a name")]
        [InlineData("define c = case when b then 1 when x 2 else 3 end", 38, "unexpected '2'; expected 'then'")]
        public void An_error_after_an_operator_keyword_or_comma_is_reported_where_it_is(string text, int column, string message)
        {
            var error = Assert.Single(RulesParser.Parse(text, "f.rules").Diagnostics);
            Assert.Equal((1, column), (error.Span.Line, error.Span.Column));
            Assert.Equal(message, error.Message);
        }

        [Fact]
        public void Five_thousand_alternatives_check_compile_and_decide_as_a_shallow_tree()
        {
            // 'or' and 'and' chains are built as balanced trees: every later stage recurses on the tree.
            var alternatives = string.Join(" or ", Enumerable.Range(0, 5000).Select(i => $"facility == \"f{i}\""));
            var rules = RuleSet.Parse("activity store\nfact facility : text\nagreement A { parties JP }\n" +
                                      $"rule listed cites \"Annex\" on store when {alternatives} then permitted\n" +
                                      $"rule other cites \"Annex\" on store when not ({alternatives}) then prohibited\n");
            Assert.Equal(Outcome.Permitted, rules.Evaluate(Activity.Create("store").With("facility", "f4999")).Outcome);
            Assert.Equal(Outcome.Prohibited, rules.Evaluate(Activity.Create("store").With("facility", "g")).Outcome);
            var condition = (BinaryExpr)((RuleDecl)RulesParser.Parse($"rule r cites \"A\" on store when {alternatives} then permitted\n", "r.rules").Declarations[0]).Condition!;
            Assert.InRange(Depth(condition), 13, 14); // log2(5000), not 5000
        }

        private static int Depth(Expr e) => e is BinaryExpr b ? 1 + System.Math.Max(Depth(b.Left), Depth(b.Right)) : 0;
    }
}
