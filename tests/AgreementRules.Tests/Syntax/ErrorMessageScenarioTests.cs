using AgreementRules.Syntax;

namespace AgreementRules.Tests.Syntax
{
    /// <summary>
    /// The exact text of syntax errors, pinned as Superpower's ErrorMessageScenarioTests pin theirs: each
    /// case is one broken line and the one diagnostic it must give, where and what.
    /// </summary>
    public class ErrorMessageScenarioTests
    {
        private static string ErrorOf(string text) => Assert.Single(RulesParser.Parse(text, "e.rules").Diagnostics).ToString();

        // ---- an operator without its right operand: reported at what stands there instead ----

        [Theory]
        [InlineData("rule r cites \"X\" on enrich when x > 3 and then permitted\n", "e.rules:1:43: error AGR0001: unexpected 'then'; expected 'not' or a value, a name or '('")]
        [InlineData("rule r cites \"X\" on enrich when x > 3 or then permitted\n", "e.rules:1:42: error AGR0001: unexpected 'then'; expected 'not' or a value, a name or '('")]
        [InlineData("rule r cites \"X\" on enrich when x + then permitted\n", "e.rules:1:37: error AGR0001: unexpected 'then'; expected a value, a name or '('")]
        [InlineData("rule r cites \"X\" on enrich when x * * 3 then permitted\n", "e.rules:1:37: error AGR0001: unexpected '*'; expected a value, a name or '('")]
        [InlineData("rule r cites \"X\" on enrich when a == then permitted\n", "e.rules:1:38: error AGR0001: unexpected 'then'; expected a value, a name or '('")]
        [InlineData("rule r cites \"X\" on enrich when a in then permitted\n", "e.rules:1:38: error AGR0001: unexpected 'then'; expected a value, a name or '('")]
        [InlineData("define d = a and\n", "e.rules:1:17: error AGR0001: unexpected end of this declaration; expected 'not' or a value, a name or '('")]
        [InlineData("define d = a and b or\n", "e.rules:1:22: error AGR0001: unexpected end of this declaration; expected 'not' or a value, a name or '('")]
        [InlineData("define d = 1 + 2 -\n", "e.rules:1:19: error AGR0001: unexpected end of this declaration; expected a value, a name or '('")]
        [InlineData("define d = not\n", "e.rules:1:15: error AGR0001: unexpected end of this declaration; expected 'not' or a value, a name or '('")]
        public void An_operator_without_its_operand_is_reported_where_the_operand_should_be(string text, string error) =>
            Assert.Equal(error, ErrorOf(text));

        // ---- brackets, sets, texts and case: a bracket or text never closed is reported where it opens ----

        [Theory]
        [InlineData("define d = (a and b\n", "e.rules:1:12: error AGR0001: this '(' is never closed: expected ')' before end of this declaration at line 1, column 20; close it with ')' where the bracketed part ends")]
        [InlineData("rule r cites \"X\" on enrich when x in { a, b then permitted\n", "e.rules:1:38: error AGR0001: this '{' is never closed: expected '}' before 'then' at line 1, column 45; close it with '}' where the bracketed part ends")]
        [InlineData("define d = case when a then 1 end\n", "e.rules:1:31: error AGR0001: unexpected 'end'; expected 'else'")]
        [InlineData("define d = case else 1 end\n", "e.rules:1:17: error AGR0001: unexpected 'else'; expected 'when'")]
        [InlineData("activity enrich \"never closed\n", "e.rules:1:17: error AGR0001: this text is never closed: the declaration ends before a closing '\"'; close it with '\"' where the text ends")]
        [InlineData("fact x : bool \"never closed\n", "e.rules:1:15: error AGR0001: this text is never closed: the declaration ends before a closing '\"'; close it with '\"' where the text ends")]
        [InlineData("define d = a )\n", "e.rules:1:14: error AGR0001: unexpected ')'; expected the end of this define declaration")]
        [InlineData("define d = { a, }\n", "e.rules:1:17: error AGR0001: unexpected '}'; expected a value, a name or '('")]
        public void Unbalanced_brackets_and_texts_are_reported_at_the_first_place_they_cannot_be_right(string text, string error) =>
            Assert.Equal(error, ErrorOf(text));

        // ---- a text left open runs on to the next '"': the error below says where the text opened ----

        [Theory]
        [InlineData("agreement A {\n  title \"Test\n  parties JP, US\n  source \"x\"\n}\n",
            "e.rules:4:11: error AGR0001: unexpected 'x'; expected '}' or one of title, parties, source. " +
            "The text opened at line 2, column 9 runs on to line 4, column 10: if it should end on line 2, close it there with '\"'")]
        [InlineData("rule r cites \"Art. 1\n  on enrich\n  then permitted\n  quote \"text\"\n",
            "e.rules:4:10: error AGR0001: unexpected 'text'; expected 'on'. " +
            "The text opened at line 1, column 14 runs on to line 4, column 9: if it should end on line 1, close it there with '\"'")]
        [InlineData("activity a \"one\ntwo\" extra\n",
            "e.rules:2:6: error AGR0001: unexpected 'extra'; expected the end of this activity declaration. " +
            "The text opened at line 1, column 12 runs on to line 2, column 4: if it should end on line 1, close it there with '\"'")]
        public void An_error_right_after_a_text_that_spans_lines_says_where_the_text_opened(string text, string error) =>
            Assert.Equal(error, ErrorOf(text));

        [Theory]
        // The text spans lines but the error is not right after it: no hint.
        [InlineData("rule r cites \"Art.\n 1\" on enrich then allowed\n",
            "e.rules:2:20: error AGR0001: unexpected 'allowed'; expected an outcome (permitted, prohibited, requires …, grants consent of …, advisory \"…\")")]
        // The error is right after a text on one line: no hint.
        [InlineData("rule r cites \"Art. 1\" x on enrich then permitted\n", "e.rules:1:23: error AGR0001: unexpected 'x'; expected 'on'")]
        public void No_hint_where_the_text_before_the_error_is_not_a_run_on(string text, string error) =>
            Assert.Equal(error, ErrorOf(text));

        // ---- declarations ----

        [Theory]
        [InlineData("fact x number\n", "e.rules:1:8: error AGR0001: unexpected 'number'; expected ':'")]
        [InlineData("fact x : numbr\nactivity a\n", null)] // a type name: the checker reports it (AGR0003), not the parser
        [InlineData("rule r cites on enrich then permitted\n", "e.rules:1:14: error AGR0001: unexpected 'on'; expected a quoted text")]
        [InlineData("rule r cites \"X\" on enrich then allowed\n", "e.rules:1:33: error AGR0001: unexpected 'allowed'; expected an outcome (permitted, prohibited, requires …, grants consent of …, advisory \"…\")")]
        [InlineData("rule r cites \"X\" on enrich when x is 3 then permitted\n", "e.rules:1:38: error AGR0001: unexpected '3'; expected 'given'")]
        [InlineData("example \"e\" { enrich x = 1 }\n", "e.rules:1:28: error AGR0001: unexpected '}'; expected 'expect'")]
        [InlineData("agreement A { parties JP title }\n", "e.rules:1:32: error AGR0001: unexpected '}'; expected a quoted text")]
        [InlineData("agreement A { parties JP titel \"x\" }\n", "e.rules:1:26: error AGR0001: unexpected 'titel' (did you mean 'title'?); expected '}' or one of title, parties, source")]
        [InlineData("fact x : 3\n", "e.rules:1:10: error AGR0001: unexpected '3'; expected a type (bool, text, number %, enum { … }, list of …, or a type name)")]
        [InlineData("fact x : enum { }\n", "e.rules:1:17: error AGR0001: unexpected '}'; expected a name")]
        [InlineData("fact x : enum { a, }\n", "e.rules:1:20: error AGR0001: unexpected '}'; expected a name")]
        [InlineData("fact x : list of\n", "e.rules:1:17: error AGR0001: unexpected end of this declaration; expected a type (bool, text, number %, enum { … }, list of …, or a type name)")]
        [InlineData("fact x : number kg2\n", "e.rules:1:17: error AGR0001: unexpected 'kg2'; expected the end of this fact declaration")]
        [InlineData("fact x : bool default\n", "e.rules:1:22: error AGR0001: unexpected end of this declaration; expected an expression")]
        [InlineData("define d =\n", "e.rules:1:11: error AGR0001: unexpected end of this declaration; expected an expression")]
        [InlineData("rule r cites \"X\" on enrich when then permitted\n", "e.rules:1:33: error AGR0001: unexpected 'then'; expected an expression")]
        [InlineData("rule r cites \"X\" on enrich then requires consent JP\n", "e.rules:1:50: error AGR0001: unexpected 'JP'; expected 'of'")]
        [InlineData("rule r cites \"X\" on enrich then requires written notice by JP\n", "e.rules:1:50: error AGR0001: unexpected 'notice'; expected 'consent' or 'notification'")]
        [InlineData("rule r cites \"X\" on enrich then permitted quote\n", "e.rules:1:48: error AGR0001: unexpected end of this declaration; expected a quoted text")]
        [InlineData("example \"e\" { enrich consents JP (oral expect permitted }\n", "e.rules:1:34: error AGR0001: this '(' is never closed: expected ')' before 'expect' at line 1, column 40; close it with ')' where the bracketed part ends")]
        [InlineData("example \"e\" { enrich consents JP (late) expect permitted }\n", "e.rules:1:35: error AGR0001: unexpected 'late'; expected 'oral' or 'after'")]
        [InlineData("example \"e\" { enrich expect permitted\n", "e.rules:1:13: error AGR0001: this '{' is never closed: expected '}' before end of this declaration at line 1, column 38; close it with '}' where the bracketed part ends")]
        [InlineData("type t =\n", "e.rules:1:9: error AGR0001: unexpected end of this declaration; expected a type (bool, text, number %, enum { … }, list of …, or a type name)")]
        [InlineData("  stray words\nactivity a\n", "e.rules:1:3: error AGR0001: unexpected 'stray'; expected a declaration (agreement, type, fact, activity, define, set, rule, example)")]
        [InlineData("define d = a\nand b\n", null)] // a continuation line may start in column 1 unless it starts with a declaration keyword
        [InlineData("activity a\nquote \"x\"\n", "e.rules:2:1: error AGR0001: unexpected 'quote'; expected the end of this activity declaration. Continuation lines must be indented; a new declaration starts in column 1")]
        public void A_broken_declaration_says_what_was_expected(string text, string? error)
        {
            if (error == null) Assert.Empty(RulesParser.Parse(text, "e.rules").Diagnostics);
            else Assert.Equal(error, ErrorOf(text));
        }
    }
}
