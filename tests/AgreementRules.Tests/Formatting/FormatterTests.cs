using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Syntax;
using AgreementRules.Syntax.Formatting;

namespace AgreementRules.Tests.Formatting
{
    /// <summary>
    /// The formatter (issue 14, item 1): the canonical layout of every construct, comments kept where they
    /// stand, brackets exactly where precedence needs them, and on every real file: the output parses to the
    /// same syntax tree (positions aside), formatting it again changes nothing, and no comment is lost.
    /// </summary>
    public class FormatterTests
    {
        internal static string Formatted(string text, string path = "t.rules")
        {
            var result = RulesFormatter.Format(text, path);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            return result.Text!;
        }

        /// <summary>What a formatter must hold for any text that parses; returns the formatted text.</summary>
        internal static string AssertFormatsFaithfully(string text, string path = "t.rules")
        {
            var original = RulesParser.Parse(text, path);
            Assert.Empty(original.Diagnostics);
            var formatted = Formatted(text, path);
            var again = RulesParser.Parse(formatted, path);
            Assert.Empty(again.Diagnostics);
            Assert.True(SyntaxEquivalence.Same(original.Declarations, again.Declarations), "the formatted text parses to another tree:\n" + formatted);
            Assert.Equal(formatted, Formatted(formatted, path));
            Assert.Equal(Comments(text), Comments(formatted));
            return formatted;
        }

        private static List<string> Comments(string text) =>
            SourceComments.In(text).Select(c => c.Text).OrderBy(t => t, StringComparer.Ordinal).ToList();

        public static IEnumerable<object[]> RealFiles() =>
            Directory.GetFiles(TestRules.ShippedRules, "*.rules")
                .Concat(Directory.GetFiles(Path.Combine(TestRules.RepoRoot, "tests", "AgreementRules.Tests", "Corpus"), "*.rules", SearchOption.AllDirectories))
                .Concat(Directory.GetFiles(Path.Combine(TestRules.RepoRoot, "docs", "samples"), "*.rules", SearchOption.AllDirectories))
                .Where(f => RulesParser.Parse(File.ReadAllText(f), f).Diagnostics.Count == 0)
                .Select(f => Path.GetRelativePath(TestRules.RepoRoot, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { f });

        [Theory]
        [MemberData(nameof(RealFiles))]
        public void Every_real_file_formats_to_the_same_tree_idempotently_with_its_comments(string file)
        {
            var text = File.ReadAllText(Path.Combine(TestRules.RepoRoot, file));
            AssertFormatsFaithfully(text, file);
        }

        [Fact]
        public void An_overlap_acknowledgement_gets_a_line_and_its_reason_the_next_keeping_comments()
        {
            var text = "rule r cites \"A\" on enrich then prohibited quote \"q\" overlaps a,b  because \"why\" # about a and b\n" +
                       "  # the next one\n overlaps c because\n \"two\"\n";
            Assert.Equal("rule r cites \"A\"\n  on enrich\n  then prohibited\n  quote \"q\"\n  overlaps a, b\n    because \"why\" # about a and b\n" +
                         "  # the next one\n  overlaps c\n    because \"two\"\n", AssertFormatsFaithfully(text));
        }

        [Fact]
        public void The_real_files_that_parse_include_the_shipped_rules_and_the_corpus()
        {
            var files = RealFiles().Select(f => (string)f[0]).ToList();
            Assert.Equal(Directory.GetFiles(TestRules.ShippedRules, "*.rules").Length, files.Count(f => f.StartsWith("rules/", StringComparison.Ordinal)));
            Assert.True(files.Count(f => f.Contains("/Corpus/")) >= 15, string.Join("\n", files));
        }

        /// <summary>CI's guard: the shipped rules are in the canonical layout (run 'agreement-rules fmt rules' if this fails).</summary>
        [Fact]
        public void The_shipped_rules_are_formatted()
        {
            var unformatted = Directory.GetFiles(TestRules.ShippedRules, "*.rules")
                .Where(f => Formatted(File.ReadAllText(f), f) != File.ReadAllText(f))
                .Select(Path.GetFileName)
                .ToList();
            Assert.True(unformatted.Count == 0, "not formatted (run 'agreement-rules fmt rules'): " + string.Join(", ", unformatted));
        }

        [Fact]
        public void Left_out_lines_and_every_other_comment_line_of_the_shipped_rules_survive_byte_for_byte()
        {
            foreach (var file in Directory.GetFiles(TestRules.ShippedRules, "*.rules"))
            {
                var text = File.ReadAllText(file);
                var lines = Formatted(text, file).Split('\n').ToHashSet(StringComparer.Ordinal);
                foreach (var comment in text.Split('\n').Where(l => l.StartsWith("#", StringComparison.Ordinal)))
                    Assert.Contains(comment.TrimEnd(), lines);
            }
        }

        [Fact]
        public void Each_construct_has_one_layout_and_comments_stay_beside_their_code()
        {
            const string messy = "\n\n# header\n\n\n# second header\n" +
                "agreement X { # after brace\n  source \"s\"   # the source\n  # before title\n  title \"t \\\"q\\\" \\\\ x\"\n  parties A # first\n  parties B\n}\n" +
                "type party = enum {A,B} # trailing type\n" +
                "rule r cites \"Art. 1\" on go # after on\n  # before when\n  when a and # after and\n    b or (c and d) and not (e == 1 kg + 2 g * (3 - (4 - 5)))\n" +
                "  # before then\n  then requires written consent of A or notification by B # after outcome\n" +
                "  quote \"multi\nline # not a comment\nquote\"   # after quote\n" +
                "# between\n" +
                "example \"e\" { go a = 1.50 %, b = { x, \"y\" }, c = (1 < 2) consents A (oral), B(after, oral) notifications A expect permitted } # end\n" +
                "define z = case when a then 1 # one\n  when b then 2 else 3 end\n" +
                "define w = ((a and b) and c) or (a or (b or c))\n" +
                "define v = 12345678901234567890123 + 0.0000001\n" +
                "# tail\n\n\n";
            const string expected = "# header\n\n# second header\n" +
                "agreement X { # after brace\n  # before title\n  title \"t \\\"q\\\" \\\\ x\"\n  parties A, B # first\n  source \"s\" # the source\n}\n\n" +
                "type party = enum { A, B } # trailing type\n\n" +
                "rule r cites \"Art. 1\"\n  on go # after on\n  # before when\n  when a and b or (c and d) and not (e == 1 kg + 2 g * (3 - (4 - 5))) # after and\n" +
                "  # before then\n  then requires written consent of A or notification by B # after outcome\n" +
                "  quote \"multi\nline # not a comment\nquote\" # after quote\n\n" +
                "# between\n" +
                "example \"e\" {\n  go a = 1.5 %, b = { x, \"y\" }, c = (1 < 2)\n  consents A(oral), B(oral, after)\n  notifications A\n  expect permitted\n} # end\n\n" +
                "define z = case\n  when a then 1 # one\n  when b then 2\n  else 3\nend\n\n" +
                "define w = (a and b) and c or (a or b or c)\n" +
                "define v = 12345678901234568000000 + 0.0000001\n" +
                "# tail\n";
            Assert.Equal(expected, AssertFormatsFaithfully(messy));
        }

        [Fact]
        public void A_long_condition_goes_one_operand_a_line_and_a_long_definition_goes_under_its_name()
        {
            var operands = Enumerable.Range(1, 8).Select(i => $"condition_number_{i} == value_{i}").ToList();
            var text = $"rule r cites \"A\" on go when {string.Join(" and ", operands)} then permitted\n" +
                       $"define d = {string.Join(" or ", operands)}\n";
            var expected = "rule r cites \"A\"\n  on go\n  when " + operands[0] + "\n" + string.Concat(operands.Skip(1).Select(o => "    and " + o + "\n")) +
                           "  then permitted\n\ndefine d =\n  " + operands[0] + "\n" + string.Concat(operands.Skip(1).Select(o => "  or " + o + "\n"));
            Assert.Equal(expected, AssertFormatsFaithfully(text));
        }

        [Fact]
        public void Long_lists_fill_their_lines_up_to_the_width_and_go_on_indented()
        {
            var facts = Enumerable.Range(1, 12).Select(i => $"fact_{i:00} = value_{i:00}").ToList();
            var members = Enumerable.Range(1, 20).Select(i => $"facility-number-{i:00}").ToList();
            var formatted = AssertFormatsFaithfully(
                $"example \"e\" {{ go {string.Join(", ", facts)} expect permitted }}\nset s = {{ {string.Join(", ", members)} }}\n");
            var lines = formatted.Split('\n');
            Assert.All(lines, l => Assert.True(l.Length <= RulesFormatter.LineWidth, l));
            Assert.StartsWith("  go fact_01 = value_01, ", lines[1]);
            Assert.EndsWith(",", lines[1]);
            Assert.StartsWith("    fact_", lines[2]);
            Assert.Contains("set s = {", lines);
            Assert.Equal("}", lines[^2]);
            Assert.StartsWith("  facility-number-01, ", formatted.Split("set s = {\n")[1]);
        }

        [Theory]
        // Arithmetic associates to the left: only a right operand of the same precedence keeps its brackets.
        [InlineData("(a - b) - c", "a - b - c")]
        [InlineData("a - (b - c)", "a - (b - c)")]
        [InlineData("a + (b + c)", "a + (b + c)")]
        [InlineData("(a * b) + c", "a * b + c")]
        [InlineData("a * (b + c)", "a * (b + c)")]
        [InlineData("(a + b) / (c * d)", "(a + b) / (c * d)")]
        // Comparisons do not chain; 'not' keeps brackets round a comparison for the reader.
        [InlineData("(a < b) == c", "(a < b) == c")]
        [InlineData("(a + b) < c", "a + b < c")]
        [InlineData("not (a == b)", "not (a == b)")]
        [InlineData("not not a", "not not a")]
        [InlineData("not (a)", "not a")]
        [InlineData("(a is given) and b", "a is given and b")]
        [InlineData("(a + b) is given", "a + b is given")]
        [InlineData("(a == b) is given", "(a == b) is given")]
        // 'and' binds tighter than 'or'; chains are written flat where their tree is the balanced one the parser builds.
        [InlineData("(a and b) or c", "a and b or c")]
        [InlineData("a and (b or c)", "a and (b or c)")]
        [InlineData("a and b and c and d and e", "a and b and c and d and e")]
        [InlineData("((a and b) and c)", "(a and b) and c")]
        [InlineData("a and (b and c)", "a and b and c")]
        [InlineData("(a and b) and (c and d)", "a and b and c and d")]
        [InlineData("{ (a == b), 1 + 2, {} }", "{ (a == b), 1 + 2, {} }")]
        [InlineData("x == case when (a) then (b + c) else (d or e) end", "x == case when a then b + c else d or e end")]
        [InlineData("20%", "20 %")]
        [InlineData("\"a \\\"b\\\" \\\\ c\"", "\"a \\\"b\\\" \\\\ c\"")]
        public void Brackets_stand_where_precedence_needs_them(string written, string canonical)
        {
            Assert.Equal($"define d = {canonical}\n", AssertFormatsFaithfully($"define d = {written}\n"));
        }

        [Theory]
        [InlineData("1.50", "1.5")]
        [InlineData("0.0000001", "0.0000001")]
        [InlineData("123456789012345678901234567890", "123456789012345680000000000000")]
        [InlineData("0.711", "0.711")]
        [InlineData("007", "7")]
        public void Numbers_are_written_as_the_grammar_reads_them_never_with_an_exponent(string written, string canonical)
        {
            Assert.Equal($"define d = {canonical} g\n", AssertFormatsFaithfully($"define d = {written} g\n"));
        }

        [Fact]
        public void A_number_too_large_for_a_double_stays_one()
        {
            var formatted = AssertFormatsFaithfully("define d = " + new string('9', 400) + "\n");
            Assert.Equal(double.PositiveInfinity, ((NumberLiteral)((DefineDecl)RulesParser.Parse(formatted, "t").Declarations[0]).Body).Value);
        }

        [Fact]
        public void Blank_lines_between_declarations_are_kept_one_at_most_and_a_declaration_of_several_lines_stands_apart()
        {
            const string text = "fact a : bool\nfact b : bool\n\n\n\nfact c : bool\n# about d\nrule d cites \"A\" on go then permitted\nfact e : bool\n";
            Assert.Equal("fact a : bool\nfact b : bool\n\nfact c : bool\n\n# about d\nrule d cites \"A\"\n  on go\n  then permitted\n\nfact e : bool\n",
                AssertFormatsFaithfully(text));
        }

        [Fact]
        public void Line_ends_stay_those_of_the_file()
        {
            Assert.Equal("fact q : number\r\n# note\r\ndefine k = q + 1\r\n", AssertFormatsFaithfully("fact q : number\r\n# note\r\ndefine k = q +   1\r\n"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("\n\n  \n")]
        [InlineData("# only a comment")]
        public void A_file_without_declarations_keeps_only_its_comments(string text)
        {
            var formatted = AssertFormatsFaithfully(text);
            Assert.Equal(text.Contains('#') ? "# only a comment\n" : "", formatted);
        }

        [Fact]
        public void Two_comments_for_the_end_of_one_line_both_stay()
        {
            const string text = "define x = a and # one\n  b # two\nfact y : bool\n";
            Assert.Equal("define x = a and b # one\n# two\nfact y : bool\n", AssertFormatsFaithfully(text));
        }

        [Fact]
        public void Agreement_clauses_come_in_one_order_with_their_comments()
        {
            const string text = "agreement X {\n  # where from\n  source \"s\"\n  parties A\n  # the name\n  title \"t\"\n}\n";
            Assert.Equal("agreement X {\n  # the name\n  title \"t\"\n  parties A\n  # where from\n  source \"s\"\n}\n", AssertFormatsFaithfully(text));
        }

        [Fact]
        public void A_file_that_does_not_parse_gets_its_syntax_errors_and_no_text()
        {
            var result = RulesFormatter.Format("fact a : bool\nrule r cites \"A\" on go when a and then permitted\n", "bad.rules");
            Assert.False(result.Succeeded);
            Assert.Null(result.Text);
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal("bad.rules:2:35: error AGR0001: unexpected 'then'; expected 'not' or a value, a name or '('", error.ToString());
        }

        [Fact]
        public void A_second_title_which_formatting_would_drop_is_refused_where_it_stands()
        {
            var result = RulesFormatter.Format("agreement X {\n  title \"one\"\n  title \"two\"\n}\n", "two.rules");
            Assert.False(result.Succeeded);
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal("two.rules:3:3: error AGR0006: agreement 'X' has a second 'title'; only the first counts, and formatting would drop this one: keep one 'title'",
                error.ToString());
            // A party or an id spelt like a clause keyword is no clause.
            AssertFormatsFaithfully("agreement title {\n  title \"one\"\n  parties title, source\n  source \"s\"\n}\n");
        }

        [Fact]
        public void The_tree_comparison_sees_a_different_grouping_and_ignores_positions()
        {
            Declaration Define(string text) => RulesParser.Parse(text, "t").Declarations.Single();
            Assert.True(SyntaxEquivalence.Same(new[] { Define("define d = a - b - c") }, new[] { Define("define d =\n   (a - b)   - c") }));
            Assert.False(SyntaxEquivalence.Same(new[] { Define("define d = a - b - c") }, new[] { Define("define d = a - (b - c)") }));
            Assert.False(SyntaxEquivalence.Same(new[] { Define("define d = a and b and c") }, new[] { Define("define d = (a and b) and c") }));
            Assert.False(SyntaxEquivalence.Same(new[] { Define("define d = \"x\"") }, new[] { Define("define d = \"x \"") }));
            Assert.False(SyntaxEquivalence.Same(new[] { Define("define d = 1 g") }, new[] { Define("define d = 1 kg") }));
        }
    }
}
