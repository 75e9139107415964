using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;
using AgreementRules.Tests.Snapshots;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// <c>agreement-rules test</c> (issue 14, item 2): each in-file example reported, failures with the expected and
    /// the actual decision and the trace, <c>--filter</c>, JSON and JUnit output; exit 0 all passed, 1 some failed
    /// or the rules have errors, 2 for a wrong command line or a filter that selects nothing.
    /// </summary>
    public class TestCommandTests
    {
        /// <summary>The snapshots of this command's outputs (here and in <see cref="TestCoverageTests"/>).</summary>
        internal static readonly string[] Snapshots =
            { "TestCommand_coverage", "TestCommand_coverage_json", "TestCommand_json", "TestCommand_junit", "TestCommand_verbose_with_a_failure" };

        internal const string Rules = """
            activity enrich
            fact enrichment : number %
            fact agreements : list of text

            agreement T-1 {
              title "Test agreement"
              parties JP, US
            }

            rule enrich-leu cites "Art. 6" on enrich when enrichment < 20 % then permitted
            rule enrich-heu cites "Art. 6" on enrich when enrichment >= 20 % then prohibited

            example "LEU is permitted" {
              enrich enrichment = 5 %
              expect permitted
            }

            example "HEU is permitted (wrong)" {
              enrich enrichment = 93 %
              expect permitted
            }

            example "no enrichment given is undetermined" {
              enrich
              expect undetermined
            }
            """;

        [Fact]
        public void Verbose_lists_every_example_and_a_failure_shows_expected_actual_and_trace()
        {
            using var folder = new TempFolder();
            folder.Write("t.rules", Rules);
            var (code, stdout, stderr) = Run("", "test", "-v", folder.Path);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Equal("", stderr);
            Assert.Equal(
                "PASS <dir>/t.rules:13 \"LEU is permitted\"\n" +
                "FAIL <dir>/t.rules:18 \"HEU is permitted (wrong)\"\n" +
                "    expected: permitted\n" +
                "    actual:   prohibited (T-1 Art. 6)\n" +
                "    trace:\n" +
                "      T-1 Art. 6 [enrich-leu] does not apply: permitted\n" +
                "      T-1 Art. 6 [enrich-heu] applies: prohibited\n" +
                "PASS <dir>/t.rules:23 \"no enrichment given is undetermined\"\n" +
                "failed: 1 of 3 example(s) failed, 2 passed\n",
                Portable(stdout, folder.Path));
            SnapshotFiles.Match(Portable(stdout, folder.Path), "TestCommand_verbose_with_a_failure");
        }

        [Fact]
        public void Without_verbose_only_failures_and_the_summary_are_printed()
        {
            using var folder = new TempFolder();
            folder.Write("t.rules", Rules);
            var (code, stdout, _) = Run("", "test", folder.Path, "--filter", "LEU");
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("ok: 1 example(s) passed in 1 file(s), 2 filtered out\n", stdout);
        }

        [Theory]
        [InlineData("heu", new[] { "HEU is permitted (wrong)" })]
        [InlineData("IS PERMITTED", new[] { "LEU is permitted", "HEU is permitted (wrong)" })]
        [InlineData("*permitted", new[] { "LEU is permitted" })]
        [InlineData("?EU*", new[] { "LEU is permitted", "HEU is permitted (wrong)" })]
        [InlineData("no*undetermined", new[] { "no enrichment given is undetermined" })]
        public void Filter_selects_by_substring_or_by_glob_over_the_whole_name(string filter, string[] names)
        {
            using var folder = new TempFolder();
            folder.Write("t.rules", Rules);
            var (_, stdout, _) = Run("", "test", folder.Path, "--filter", filter, "--format", "json");
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(names, json.RootElement.GetProperty("examples").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
            Assert.Equal(3 - names.Length, json.RootElement.GetProperty("filtered_out").GetInt32());
        }

        [Fact]
        public void A_filter_that_selects_nothing_is_a_usage_error_not_a_green_run()
        {
            using var folder = new TempFolder();
            folder.Write("t.rules", Rules);
            var (code, stdout, stderr) = Run("", "test", folder.Path, "--filter", "plutonium");
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.Equal("error: no example's name matches --filter 'plutonium' (of 3); check the spelling, or use * and ? as a glob\n", stderr);
        }

        [Fact]
        public void Json_carries_each_example_with_its_decision_and_trace()
        {
            using var folder = new TempFolder();
            folder.Write("t.rules", Rules);
            var (code, stdout, _) = Run("", "test", folder.Path, "--format", "json");
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.Equal(2, root.GetProperty("passed").GetInt32());
            Assert.Equal(1, root.GetProperty("failed").GetInt32());
            var failed = root.GetProperty("examples")[1];
            Assert.False(failed.GetProperty("passed").GetBoolean());
            Assert.Equal("permitted", failed.GetProperty("expected").GetString());
            Assert.Equal("prohibited", failed.GetProperty("actual").GetString());
            Assert.Equal(18, failed.GetProperty("line").GetInt32());
            Assert.Equal("T-1 Art. 6 [enrich-heu] applies: prohibited", failed.GetProperty("trace")[1].GetString());
            var undetermined = root.GetProperty("examples")[2];
            Assert.Equal(new[] { "enrichment" }, undetermined.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
            SnapshotFiles.Match(Portable(stdout, folder.Path), "TestCommand_json");
        }

        [Fact]
        public void Junit_has_a_suite_per_file_and_a_failure_per_failing_example_on_stdout_or_in_a_file()
        {
            using var folder = new TempFolder();
            var file = folder.Write("t.rules", Rules);
            var (code, stdout, _) = Run("", "test", folder.Path, "--format", "junit");
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites", stdout);
            AssertJunit(XDocument.Parse(stdout), file);
            SnapshotFiles.Match(Portable(stdout, folder.Path), "TestCommand_junit");

            var report = Path.Combine(folder.Path, "report.xml");
            var (fileCode, text, _) = Run("", "test", file, "--junit", report);
            Assert.Equal((int)ExitCode.RulesInvalid, fileCode);
            Assert.EndsWith("failed: 1 of 3 example(s) failed, 2 passed\n", text);
            AssertJunit(XDocument.Load(report), file);
        }

        [Fact]
        public void Junit_stays_well_formed_xml_when_a_title_holds_a_control_character()
        {
            using var folder = new TempFolder();
            folder.Write("t.rules", Rules.Replace("\"LEU is permitted\"", "\"LEU\u0001is permitted\""));
            var (code, stdout, _) = Run("", "test", folder.Path, "--format", "junit");
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            var cases = XDocument.Parse(stdout).Root!.Element("testsuite")!.Elements("testcase");
            Assert.Equal("LEU\\u0001is permitted", cases.First().Attribute("name")!.Value);
        }

        private static void AssertJunit(XDocument xml, string file)
        {
            var suites = xml.Root!;
            Assert.Equal("testsuites", suites.Name.LocalName);
            Assert.Equal("3", suites.Attribute("tests")!.Value);
            Assert.Equal("1", suites.Attribute("failures")!.Value);
            var suite = Assert.Single(suites.Elements("testsuite"));
            Assert.Equal(file, suite.Attribute("name")!.Value);
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal(new[] { "LEU is permitted", "HEU is permitted (wrong)", "no enrichment given is undetermined" }, cases.Select(c => c.Attribute("name")!.Value));
            Assert.Equal(new[] { false, true, false }, cases.Select(c => c.Element("failure") != null));
            Assert.Contains("actual: prohibited", cases[1].Element("failure")!.Value);
        }

        [Fact]
        public void Rules_with_errors_are_reported_as_check_reports_them_and_no_example_runs()
        {
            using var folder = new TempFolder();
            var file = folder.Write("t.rules", Rules.Replace("enrichment < 20 %", "enrichmnt < 20 %"));
            var (code, stdout, _) = Run("", "test", file);
            var (checkCode, checkOut, _) = Run("", "check", file);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Equal(checkCode, code);
            var diagnostic = checkOut.Split('\n')[0];
            Assert.Contains("enrichmnt", diagnostic);
            Assert.StartsWith(diagnostic + "\n", stdout);
            Assert.EndsWith("no example was run\n", stdout);
        }

        [Fact]
        public void A_path_without_rules_and_an_unknown_format_are_usage_errors()
        {
            Assert.Equal((int)ExitCode.Usage, Run("", "test", "no-such-folder").code);
            using var folder = new TempFolder();
            folder.Write("t.rules", Rules);
            Assert.Equal((int)ExitCode.Usage, Run("", "test", folder.Path, "--format", "xml").code);
            Assert.Equal((int)ExitCode.Usage, Run("", "test").code);
        }

        [Fact]
        public void The_shipped_rules_pass_every_example_that_check_counts()
        {
            var (code, stdout, stderr) = Run("", "test", TestRules.ShippedRules);
            var (_, checkOut, _) = Run("", "check", TestRules.ShippedRules);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("", stderr);
            var examples = System.Text.RegularExpressions.Regex.Match(checkOut, @"(\d+) example\(s\) passed").Groups[1].Value;
            Assert.Equal($"ok: {examples} example(s) passed in 7 file(s)\n", stdout);
        }
    }
}
