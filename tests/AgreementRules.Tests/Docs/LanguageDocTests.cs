using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Docs
{
    /// <summary>
    /// docs/language.md says what the language is; these tests hold it to the code. Every ```rules
    /// block is a file that checks clean beside the overview file (whose vocabulary it may use);
    /// every ```rules-error AGRnnnn block is refused with exactly that id; every diagnostic id has
    /// its row and its page.
    /// </summary>
    public class LanguageDocTests
    {
        private const string Page = "docs/language.md";
        private const string OverviewFile = "docs/samples/cli/rules/agreement.rules";

        private static readonly Regex ErrorInfo = new(@"^rules-error (AGR\d{4})$");

        private static IReadOnlyList<FencedBlock> RulesBlocks() =>
            Markdown.Blocks(Page).Where(b => b.Info == "rules" || b.Info.StartsWith("rules-")).ToList();

        public static IEnumerable<object[]> RulesBlockLines() => RulesBlocks().Select(b => new object[] { b.Line });

        private static FencedBlock BlockAt(int line) => RulesBlocks().Single(b => b.Line == line);

        private static string Overview => Markdown.Read(OverviewFile);

        private static readonly Regex Silence = new(@"^no rule of (\S+) speaks to '([^']+)'");

        /// <summary>
        /// AGR0009 warns when an agreement is silent on a declared activity. Loading a block beside the
        /// overview makes the overview's agreement meet the block's activities and the block's agreement
        /// meet the overview's: a consequence of the composition, not of either file, so it is not
        /// held against the block. Silence between an agreement and an activity of the same file is.
        /// </summary>
        private static bool IsSilenceAcrossFiles(RulesDiagnostic d, FencedBlock block)
        {
            var m = Silence.Match(d.Message);
            if (d.Id != RulesDiagnosticIds.Gap || !m.Success) return false;
            var agreementInBlock = Regex.IsMatch(block.Text, $@"(?m)^agreement {Regex.Escape(m.Groups[1].Value)}\b");
            var activityInBlock = Regex.IsMatch(block.Text, $@"(?m)^activity {Regex.Escape(m.Groups[2].Value)}\b");
            return agreementInBlock != activityInBlock;
        }

        /// <summary>The block as a file beside the overview, the way a project keeps one file per agreement.</summary>
        private static RulesCompilationResult CompileBesideOverview(FencedBlock block) =>
            RulesCompiler.Compile(new[]
            {
                new RulesSource(OverviewFile, Overview),
                new RulesSource($"language.md:{block.Line}.rules", block.Text),
            });

        [Fact]
        public void The_first_example_is_the_overview_file_that_cli_md_runs()
        {
            var first = RulesBlocks()[0];
            Assert.Equal("rules", first.Info);
            Assert.Equal(Overview, first.Text);
            var result = RulesCompiler.Compile(new[] { new RulesSource(OverviewFile, Overview) });
            Assert.Empty(result.Diagnostics);
            Assert.Equal(3, result.Files[0].Declarations.OfType<ExampleDecl>().Count());
        }

        [Fact]
        public void The_page_has_examples_of_both_kinds_and_no_misspelt_fence()
        {
            var blocks = RulesBlocks();
            Assert.True(blocks.Count(b => b.Info == "rules") >= 10, "too few ```rules blocks: " + string.Join(", ", blocks));
            Assert.True(blocks.Count(b => b.Info != "rules") >= 3, "too few ```rules-error blocks: " + string.Join(", ", blocks));
            foreach (var b in blocks.Where(b => b.Info != "rules"))
                Assert.True(ErrorInfo.IsMatch(b.Info), $"{b}: a refused example is fenced as ```rules-error AGRnnnn");
            // Any other fence that mentions rules is a typo that would escape the checks above.
            foreach (var b in Markdown.Blocks(Page).Where(b => b.Info.Contains("rule") && !blocks.Contains(b)))
                Assert.Fail($"{b}: unknown fence; use ```rules or ```rules-error AGRnnnn");
        }

        [Theory]
        [MemberData(nameof(RulesBlockLines))]
        public void Every_example_checks_as_the_page_says(int line)
        {
            var block = BlockAt(line);
            var result = CompileBesideOverview(block);
            var diagnostics = result.Diagnostics.Where(d => !IsSilenceAcrossFiles(d, block)).ToList();
            var inBlock = diagnostics.Where(d => d.Span.Path == $"language.md:{line}.rules").ToList();
            var elsewhere = diagnostics.Except(inBlock).ToList();
            Assert.True(elsewhere.Count == 0, $"{block} breaks the overview:\n{string.Join("\n", elsewhere)}");

            if (block.Info == "rules")
            {
                if (line == RulesBlocks()[0].Line) return; // the overview itself, loaded twice: checked above
                Assert.True(inBlock.Count == 0, $"{block} should check clean:\n{string.Join("\n", inBlock)}");
                Assert.NotNull(result.RuleSet);
                return;
            }
            var id = ErrorInfo.Match(block.Info).Groups[1].Value;
            // A reader does not see the fence's info string: the line under the block names the id.
            var after = Markdown.Read(Page).Split('\n').Skip(block.Line + block.Text.Count(c => c == '\n') + 1).SkipWhile(string.IsNullOrWhiteSpace).First();
            Assert.StartsWith($"*Refused* ([{id}](diagnostics/{id}.md)", after);
            Assert.True(inBlock.Count > 0, $"{block} claims {id} but checks clean");
            Assert.True(inBlock.All(d => d.Id == id), $"{block} claims {id} only, but reports:\n{string.Join("\n", inBlock)}");
        }

        [Fact]
        public void Every_diagnostic_id_has_a_row_that_links_to_its_page()
        {
            var page = Markdown.Read(Page);
            var rows = Markdown.TableRows(Page).Where(r => r[0].StartsWith("[AGR")).ToList();
            foreach (var id in RulesDiagnosticIds.All)
            {
                var link = $"[{id}](diagnostics/{id}.md)";
                Assert.Contains(rows, r => r[0] == link);
                Assert.True(File.Exists(Markdown.Path($"docs/diagnostics/{id}.md")), $"docs/diagnostics/{id}.md is missing");
            }
            Assert.Equal(RulesDiagnosticIds.All.Count, rows.Count);
            // And the page names no id the code does not have.
            foreach (Match m in Regex.Matches(page, @"AGR0\d{3}"))
                Assert.Contains(m.Value, RulesDiagnosticIds.All);
        }

        [Fact]
        public void The_limits_section_states_the_nesting_limit_of_the_code()
        {
            var page = Markdown.Read(Page);
            Assert.Contains($"**Nesting: {RulesParser.MaxNesting}** (`RulesParser.MaxNesting`)", page);
        }

        /// <summary>Every word the grammar knows: the listed ones must be refused as names, the others accepted.</summary>
        private static readonly string[] GrammarWords =
        {
            "agreement", "continued", "title", "source", "parties", "type", "fact", "default", "activity", "define", "set",
            "rule", "cites", "on", "when", "then", "quote", "permitted", "prohibited", "advisory", "grants", "consent", "of",
            "requires", "assurances", "or", "written", "notification", "by", "example", "consents", "notifications", "expect",
            "oral", "after", "bool", "text", "number", "enum", "list", "is", "given", "not", "and", "in", "has", "case", "else",
            "end", "true", "false", "kg", "g",
        };

        [Fact]
        public void The_reserved_words_listed_are_exactly_the_words_that_cannot_be_names()
        {
            var page = Markdown.Read(Page);
            var listed = Regex.Match(page, @"cannot be names:\n\n    (?<words>[a-z ]+)\n").Groups["words"].Value
                .Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(listed);
            foreach (var word in GrammarWords)
            {
                var file = RulesParser.Parse($"define {word} = true\n", "w.rules");
                Assert.True(listed.Contains(word) == (file.Diagnostics.Count > 0),
                    $"'{word}' is {(listed.Contains(word) ? "listed as reserved but is a name" : "not listed but cannot be a name")}");
            }
            Assert.All(listed, w => Assert.Contains(w, GrammarWords));
        }

        [Fact]
        public void The_decisions_listed_in_rank_order_are_the_codes()
        {
            var page = Markdown.Read(Page);
            var ranked = Regex.Match(page, @"\n    (?<d>prohibited  >  [a-z> -]+)\n").Groups["d"].Value
                .Split('>').Select(d => d.Trim()).ToArray();
            var byRank = System.Enum.GetValues<Outcome>().OrderByDescending(o => (int)o).Select(DecisionNames.Of);
            Assert.Equal(byRank, ranked);
        }
    }
}
