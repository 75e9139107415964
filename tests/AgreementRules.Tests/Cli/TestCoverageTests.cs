using System.IO;
using System.Linq;
using System.Text.Json;
using AgreementRules.Cli;
using AgreementRules.Evaluation;
using AgreementRules.Tests.Robustness;
using AgreementRules.Tests.Snapshots;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// <c>agreement-rules test --coverage</c> (issue 14, item 3): per file and per article, the rules no example makes
    /// apply and the conditions no two examples make true and false, in text and JSON.
    /// </summary>
    public class TestCoverageTests
    {
        private const string Rules = """
            activity enrich
            activity transfer
            fact enrichment : number %
            fact quantity : number g
            fact recipient_authorized : bool
            fact agreements : list of text

            agreement T-1 {
              title "Test agreement"
              parties JP, US
            }

            rule enrich-leu cites "Art. 6" on enrich when enrichment < 20 % then permitted
            rule enrich-heu cites "Art. 6" on enrich when enrichment >= 20 % then prohibited
            rule transfer-authorised cites "Art. 4" on transfer when recipient_authorized and enrichment < 20 % then permitted
            rule transfer-large cites "Art. 5" on transfer when quantity > 1 kg then prohibited

            example "LEU" {
              enrich enrichment = 5 %
              expect permitted
            }

            example "HEU" {
              enrich enrichment = 93 %
              expect prohibited
            }

            example "an unauthorised recipient, quantity not given" {
              transfer recipient_authorized = false, enrichment = 5 %
              expect undetermined
            }
            """;

        [Fact]
        public void Text_names_per_file_and_article_the_rules_no_example_applies_and_the_conditions_seen_one_way()
        {
            using var folder = new TempFolder();
            folder.Write("c.rules", Rules);
            var (code, stdout, stderr) = Run("", "test", "--coverage", folder.Path);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("", stderr);
            Assert.Equal(
                "coverage: 2 of 4 rule(s) apply in some example (50 %), 2 of 5 condition(s) both true and false (40 %)\n" +
                "  <dir>/c.rules: 2 of 4 rule(s) apply in some example (50 %), 2 of 5 condition(s) both true and false (40 %)\n" +
                "    T-1 Art. 4: 0 of 1 rule(s) apply in some example (0 %), 0 of 2 condition(s) both true and false (0 %)\n" +
                "      rule 'transfer-authorised' (<dir>/c.rules:15) applies in no example\n" +
                "      rule 'transfer-authorised' (<dir>/c.rules:15:58): `recipient_authorized` is never true\n" +
                "      rule 'transfer-authorised' (<dir>/c.rules:15:83): `enrichment < 20 %` is never false\n" +
                "    T-1 Art. 5: 0 of 1 rule(s) apply in some example (0 %), 0 of 1 condition(s) both true and false (0 %)\n" +
                "      rule 'transfer-large' (<dir>/c.rules:16) applies in no example\n" +
                "      rule 'transfer-large' (<dir>/c.rules:16:53): `quantity > 1 kg` is never evaluated (no example gives its facts)\n" +
                "ok: 3 example(s) passed in 1 file(s)\n",
                Portable(stdout, folder.Path));
            SnapshotFiles.Match(Portable(stdout, folder.Path), "TestCommand_coverage");
        }

        [Fact]
        public void Verbose_shows_every_article_also_the_covered_ones()
        {
            using var folder = new TempFolder();
            folder.Write("c.rules", Rules);
            var (_, stdout, _) = Run("", "test", "--coverage", "-v", folder.Path);
            Assert.Contains("    T-1 Art. 6: 2 of 2 rule(s) apply in some example (100 %), 2 of 2 condition(s) both true and false (100 %)\n", stdout);
            var (_, quiet, _) = Run("", "test", "--coverage", folder.Path);
            Assert.DoesNotContain("T-1 Art. 6", quiet);
        }

        [Fact]
        public void Json_reports_the_same_coverage_by_file_and_article()
        {
            using var folder = new TempFolder();
            folder.Write("c.rules", Rules);
            var (code, stdout, _) = Run("", "test", "--coverage", "--format", "json", folder.Path);
            Assert.Equal((int)ExitCode.Ok, code);
            using var json = JsonDocument.Parse(stdout);
            var coverage = json.RootElement.GetProperty("coverage");
            Assert.Equal(4, coverage.GetProperty("rules").GetInt32());
            Assert.Equal(2, coverage.GetProperty("rules_applied").GetInt32());
            Assert.Equal(5, coverage.GetProperty("conditions").GetInt32());
            Assert.Equal(2, coverage.GetProperty("conditions_covered").GetInt32());
            var articles = coverage.GetProperty("files")[0].GetProperty("articles").EnumerateArray().ToList();
            Assert.Equal(new[] { "T-1 Art. 6", "T-1 Art. 4", "T-1 Art. 5" }, articles.Select(a => a.GetProperty("article").GetString()));
            var art4 = articles[1];
            Assert.Equal("transfer-authorised", art4.GetProperty("rules_not_applied")[0].GetProperty("rule").GetString());
            var condition = art4.GetProperty("conditions_not_covered")[1];
            Assert.Equal("enrichment < 20 %", condition.GetProperty("condition").GetString());
            Assert.True(condition.GetProperty("seen_true").GetBoolean());
            Assert.False(condition.GetProperty("seen_false").GetBoolean());
            SnapshotFiles.Match(Portable(stdout, folder.Path), "TestCommand_coverage_json");
        }

        [Fact]
        public void Without_coverage_the_json_has_no_coverage()
        {
            using var folder = new TempFolder();
            folder.Write("c.rules", Rules);
            using var json = JsonDocument.Parse(Run("", "test", "--format", "json", folder.Path).stdout);
            Assert.False(json.RootElement.TryGetProperty("coverage", out _));
        }

        [Fact]
        public void A_rule_of_an_agreement_the_example_does_not_list_does_not_count_as_applied()
        {
            var result = RulesCompiler.Compile(new[]
            {
                new RulesSource("a.rules", Rules),
                new RulesSource("b.rules", """
                    agreement T-2 {
                      title "Another agreement"
                      parties JP, US
                    }

                    rule t2-enrich cites "Art. 1" on enrich then permitted
                    """),
            }, runExamples: false);
            Assert.NotNull(result.RuleSet);
            // The examples speak for T-1, the agreement of their file, so T-2's rule applies in none.
            var coverage = ExampleCoverage.Measure(result.RuleSet!, result.Model!, ExampleRunner.Results(result.RuleSet!, result.Model!).ToList());
            Assert.False(coverage.Single(r => r.Rule.Id == "t2-enrich").Decided);
            Assert.Equal(1, coverage.Single(r => r.Rule.Id == "enrich-leu").AppliesIn);
        }

        /// <summary>The gate CI holds: every shipped rule applies in some in-file example (100 % of rules).</summary>
        [Fact]
        public void The_shipped_rules_reach_100_percent_of_rules()
        {
            var (code, stdout, _) = Run("", "test", "--coverage", "--format", "json", TestRules.ShippedRules);
            Assert.Equal((int)ExitCode.Ok, code);
            using var json = JsonDocument.Parse(stdout);
            var coverage = json.RootElement.GetProperty("coverage");
            var missing = coverage.GetProperty("files").EnumerateArray()
                .SelectMany(f => f.GetProperty("articles").EnumerateArray())
                .SelectMany(a => a.GetProperty("rules_not_applied").EnumerateArray().Select(r => a.GetProperty("article").GetString() + ": " + r.GetProperty("rule").GetString()))
                .ToList();
            Assert.True(missing.Count == 0, "rules no example makes apply (add an example quoting the treaty):\n" + string.Join("\n", missing));
            Assert.Equal(coverage.GetProperty("rules").GetInt32(), coverage.GetProperty("rules_applied").GetInt32());
            Assert.True(coverage.GetProperty("rules").GetInt32() >= 87, "the shipped rules shrank: were rules left out of the run?");
        }

        [Fact]
        public async System.Threading.Tasks.Task Coverage_does_not_depend_on_what_was_evaluated_before_or_on_the_thread()
        {
            var result = RulesCompiler.Compile(new[] { new RulesSource("a.rules", Rules) }, runExamples: false);
            var examples = ExampleRunner.Results(result.RuleSet!, result.Model!).ToList();
            string Measure() => string.Join("\n", ExampleCoverage.Measure(result.RuleSet!, result.Model!, examples)
                .Select(r => $"{r.Rule.Id} {r.AppliesIn} " + string.Join(",", r.Conditions.Select(c => $"{c.SeenTrue}/{c.SeenFalse}"))));
            var first = Measure();
            // An evaluation that leaves other facts and statuses in the thread's scratch.
            result.RuleSet!.Evaluate(Activity.Create("transfer").With("quantity", 5000.0).With("recipient_authorized", true)
                .With("enrichment", 50.0).With("agreements", new[] { "T-1" }));
            Assert.Equal(first, Measure());
            Assert.Equal(first, await System.Threading.Tasks.Task.Run(Measure));
            Assert.Equal("enrich-leu 1 True/True\nenrich-heu 1 True/True\ntransfer-authorised 0 False/True,True/False\ntransfer-large 0 False/False", first);
        }

        [Fact]
        public void Conditions_are_the_operands_of_and_or_not()
        {
            var condition = global::AgreementRules.Syntax.RulesParser.Parse("fact a : bool\nfact b : bool\nfact n : number\nrule r cites \"A\" on go when not (a or n > 1) and b then permitted\n", "x.rules")
                .Declarations.OfType<global::AgreementRules.Syntax.RuleDecl>().Single().Condition;
            Assert.Equal(new[] { "a", "n > 1", "b" }, ExampleCoverage.Conditions(condition).Select(global::AgreementRules.Syntax.ExprPrinter.Print));
        }
    }
}
