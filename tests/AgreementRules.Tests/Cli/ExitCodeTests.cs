using System.IO;
using System.Linq;
using System.Text.Json;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Every command against every exit code of <see cref="ExitCode"/>: what scripts and CI branch on.
    /// 0 ok; 1 the rules have errors; 2 the command line is wrong or an input cannot be read;
    /// 3 every request was answered but at least one answer is an error.
    /// </summary>
    public class ExitCodeTests
    {
        /// <summary>Two rules and an example; other CLI tests load it too.</summary>
        internal const string Good = """
            type party = enum { JP, US }
            activity enrich
            fact enrichment : number %
            agreement A { parties JP, US }
            rule lo cites "Art. 1" on enrich when enrichment < 20 % then permitted
            rule hi cites "Art. 1" on enrich when enrichment >= 20 % then requires consent of JP, US
            example "low" {
              enrich enrichment = 5 %
              expect permitted
            }

            """;

        private const string WarningsOnly = """
            activity enrich
            fact enrichment : number %
            agreement A { parties JP }
            rule lo cites "Art. 1" on enrich when enrichment < 20 % then permitted

            """;

        private const string Broken = """
            activity enrich
            fact enrichment : number %
            agreement A { parties JP }
            rule lo cites "Art. 1" on enrich when (enrichment < 20 % then permitted

            """;

        // ---- check ----

        [Fact]
        public void Check_clean_rules_exits_0_and_says_ok()
        {
            using var folder = new TempFolder();
            var path = folder.Write("good.rules", Good);
            var (code, stdout, stderr) = Run("", "check", path);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("ok: 1 file(s), 2 rule(s), 1 example(s) passed, 0 warning(s)\n", stdout);
            Assert.Equal("", stderr);
        }

        [Fact]
        public void Check_with_warnings_only_exits_0_and_prints_them()
        {
            using var folder = new TempFolder();
            var path = folder.Write("warn.rules", WarningsOnly);
            var (code, stdout, _) = Run("", "check", path);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal(new[]
            {
                $"{path}:4:6: warning AGR0009: no rule of A on 'enrich' covers enrichment [20, 100] %; add a rule for those values or widen a condition (silence is never permission)",
                "ok: 1 file(s), 1 rule(s), 0 example(s) passed, 1 warning(s)",
            }, Lines(Headers(stdout)));
        }

        [Fact]
        public void Check_a_malformed_rules_file_exits_1_with_the_located_error_and_no_stack_trace()
        {
            using var folder = new TempFolder();
            var path = folder.Write("broken.rules", Broken);
            var (code, stdout, stderr) = Run("", "check", path);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Equal(new[]
            {
                $"{path}:4:39: error AGR0001: this '(' is never closed: expected ')' before 'then' at line 4, column 58; close it with ')' where the bracketed part ends",
                "failed: 1 error(s), 0 warning(s) in 1 file(s)",
            }, Lines(Headers(stdout)));
            Assert.Equal("", stderr);
            AssertNoStackTrace(stdout);
        }

        [Fact]
        public void Check_a_path_that_names_nothing_exits_2_with_AGR0014()
        {
            var path = Path.Combine(Path.GetTempPath(), "agr-no-such-" + System.Guid.NewGuid().ToString("N"));
            var (code, stdout, stderr) = Run("", "check", path);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.Equal($"{path}:1:1: error AGR0014: no .rules file or folder at '{path}'; pass a .rules file or a folder that holds them\n", Headers(stderr));
        }

        [Fact]
        public void Check_a_folder_without_rules_exits_2_with_AGR0014_rather_than_an_empty_ok()
        {
            using var folder = new TempFolder();
            folder.Write("README.md", "no rules here");
            var (code, stdout, stderr) = Run("", "check", folder.Path);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.Equal($"{folder.Path}:1:1: error AGR0014: the folder '{folder.Path}' holds no .rules file (its subfolders were searched too); pass the folder that holds them\n", Headers(stderr));
        }

        [Fact]
        public void RuleSet_Load_of_a_folder_without_rules_throws_AGR0014()
        {
            using var folder = new TempFolder();
            var ex = Assert.Throws<RulesException>(() => RuleSet.Load(folder.Path));
            Assert.Equal(RulesDiagnosticIds.NoRules, Assert.Single(ex.Diagnostics).Id);
        }

        [Theory]
        [InlineData("")]
        [InlineData("chek rules")]
        [InlineData("check")]
        [InlineData("check a.rules b.rules")]
        [InlineData("check --strict a.rules")]
        [InlineData("eval -")]
        [InlineData("eval --rules")]
        [InlineData("explain --rules rules")]
        public void A_wrong_command_line_exits_2_and_points_to_help(string commandLine)
        {
            var args = commandLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
            var (code, stdout, stderr) = Run("", args);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.StartsWith("error: ", stderr);
            Assert.EndsWith("Run 'agreement-rules --help' for usage.\n", stderr);
            Assert.Equal("", stdout);
        }

        [Fact]
        public void Help_exits_0()
        {
            var (code, stdout, _) = Run("", "--help");
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Contains("check", stdout);
            Assert.Contains("eval", stdout);
            Assert.Contains("explain", stdout);
        }

        // ---- eval ----

        private const string Permitted = """{"id":"a","activity":"enrich","enrichment":5}""";
        private const string Malformed = """{"id":"b","activity":"enrich","enrichment":""";

        [Fact]
        public void Eval_all_answered_exits_0()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("good.rules", Good);
            var (code, stdout, stderr) = Run(Permitted + "\n", "eval", "--rules", rules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("permitted", Field(Lines(stdout).Single(), "decision"));
            Assert.Equal("", stderr);
        }

        [Fact]
        public void Eval_a_malformed_request_line_exits_3_with_a_precise_error_for_that_line_and_answers_the_rest()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("good.rules", Good);
            var (code, stdout, stderr) = Run(Permitted + "\n" + Malformed + "\n" + Permitted + "\n", "eval", "--rules", rules, "-");
            Assert.Equal((int)ExitCode.RequestErrors, code);
            var lines = Lines(stdout);
            Assert.Equal(3, lines.Length);
            Assert.Equal("permitted", Field(lines[0], "decision"));
            Assert.Equal("not valid JSON (line 1, byte 44): Expected depth to be zero at the end of the JSON payload", Field(lines[1], "error"));
            Assert.Equal("permitted", Field(lines[2], "decision"));
            Assert.Equal("", stderr);
            AssertNoStackTrace(stdout);
        }

        [Fact]
        public void Eval_against_broken_rules_exits_1_with_the_located_error_and_answers_nothing()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("broken.rules", Broken);
            var (code, stdout, stderr) = Run(Permitted + "\n", "eval", "--rules", rules, "-");
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Equal("", stdout);
            Assert.Equal($"{rules}:4:39: error AGR0001: this '(' is never closed: expected ')' before 'then' at line 4, column 58; close it with ')' where the bracketed part ends\n", Headers(stderr));
        }

        [Fact]
        public void Eval_with_a_rules_path_that_names_nothing_exits_2()
        {
            var (code, stdout, stderr) = Run(Permitted + "\n", "eval", "--rules", "/no/such/rules", "-");
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.Contains("error AGR0014: no .rules file or folder at '/no/such/rules'", stderr);
        }

        [Fact]
        public void Eval_with_a_request_file_that_does_not_exist_exits_2()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("good.rules", Good);
            var missing = Path.Combine(folder.Path, "requests.jsonl");
            var (code, stdout, stderr) = Run("", "eval", "--rules", rules, missing);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.Equal($"error: no request file at '{missing}'\n", stderr);
        }

        [Fact]
        public void Eval_reads_a_json_file_with_one_request_or_an_array_of_them()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("good.rules", Good);
            var one = folder.Write("one.json", Permitted);
            var many = folder.Write("many.json", "[" + Permitted + ",\n" + Permitted.Replace("\"a\"", "\"c\"").Replace(":5", ":25") + "]");
            var broken = folder.Write("broken.json", "{\"activity\":");
            Assert.Equal(((int)ExitCode.Ok, 1), Count(Run("", "eval", "--rules", rules, one)));
            var (code, stdout, _) = Run("", "eval", "--rules", rules, many);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal(new[] { "permitted", "consent-required" }, Lines(stdout).Select(l => Field(l, "decision")));
            var (brokenCode, brokenOut, _) = Run("", "eval", "--rules", rules, broken);
            Assert.Equal((int)ExitCode.RequestErrors, brokenCode);
            Assert.StartsWith("not valid JSON (line 1, byte ", Field(Lines(brokenOut).Single(), "error"));
        }

        // ---- explain ----

        [Fact]
        public void Explain_exits_0_when_every_request_is_answered_and_3_when_one_is_an_error()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("good.rules", Good);
            var (ok, okOut, _) = Run(Permitted + "\n", "explain", "--rules", rules, "-");
            Assert.Equal((int)ExitCode.Ok, ok);
            Assert.Equal("Request a: enrich(enrichment=5)", Lines(okOut)[0]);
            Assert.Equal("  Decision: permitted", Lines(okOut)[1]);

            var (bad, badOut, _) = Run(Permitted + "\n" + """{"id":"x","activity":"enrich","enrichment":"high"}""" + "\n", "explain", "--rules", rules, "-");
            Assert.Equal((int)ExitCode.RequestErrors, bad);
            Assert.Contains("  error: fact 'enrichment' is number %, but the request gives the text \"high\"", Lines(badOut));
            AssertNoStackTrace(badOut);
        }

        [Fact]
        public void Explain_against_broken_rules_exits_1_and_with_no_rules_exits_2()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("broken.rules", Broken);
            Assert.Equal((int)ExitCode.RulesInvalid, Run(Permitted + "\n", "explain", "--rules", rules, "-").code);
            Assert.Equal((int)ExitCode.Usage, Run(Permitted + "\n", "explain", "--rules", Path.Combine(folder.Path, "none"), "-").code);
        }

        private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

        private static string? Field(string json, string name)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty(name, out var v) ? v.GetString() : null;
        }

        private static (int, int) Count((int code, string stdout, string _) run) => (run.code, Lines(run.stdout).Length);
    }
}
