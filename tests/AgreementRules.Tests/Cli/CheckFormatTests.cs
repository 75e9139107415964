using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;
using AgreementRules.Tests.Snapshots;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// <c>check --format json|sarif</c>: one document on standard output, nothing on standard error, the exit
    /// codes of the text; pinned as snapshots (Rendering.json.snap, Rendering.sarif.snap) and checked for
    /// what SARIF 2.1.0 requires of what it holds.
    /// </summary>
    public class CheckFormatTests
    {
        internal const string JsonSnapshot = "Rendering.json";
        internal const string SarifSnapshot = "Rendering.sarif";

        private static string Sample(string name) => Path.Combine(TestRules.RepoRoot, "docs", "samples", "cli", name);

        /// <summary>Runs check from the repository root's point of view: paths relative, as CI passes them.</summary>
        private static (int code, string stdout, string stderr) Check(string format, string path)
        {
            var (code, stdout, stderr) = Run("", "check", path, "--format", format);
            var root = TestRules.RepoRoot + Path.DirectorySeparatorChar;
            return (code, stdout.Replace(new System.Uri(root).AbsoluteUri, "").Replace(root, ""), stderr);
        }

        [Fact]
        public void Json_holds_the_counts_and_every_diagnostic_with_its_place_help_and_page()
        {
            var (code, stdout, stderr) = Check("json", Sample("broken.rules"));
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Equal("", stderr);
            SnapshotFiles.Match(Newtonsoft.Json.Linq.JToken.Parse(stdout), JsonSnapshot);
            using var json = JsonDocument.Parse(stdout);
            Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(2, json.RootElement.GetProperty("diagnostics").GetArrayLength());
        }

        [Fact]
        public void Json_of_clean_rules_is_ok_with_the_text_summarys_counts()
        {
            var (code, stdout, _) = Check("json", Sample("rules"));
            var (_, text, _) = Run("", "check", Sample("rules"));
            Assert.Equal((int)ExitCode.Ok, code);
            using var json = JsonDocument.Parse(stdout);
            var r = json.RootElement;
            Assert.True(r.GetProperty("ok").GetBoolean());
            Assert.Equal($"ok: {r.GetProperty("files")} file(s), {r.GetProperty("rules")} rule(s), {r.GetProperty("examples")} example(s) passed, 0 warning(s)\n", text);
            Assert.Equal(RuleSet.Load(Sample("rules")).RulesSha256, r.GetProperty("rules_sha256").GetString());
            Assert.Equal(0, r.GetProperty("diagnostics").GetArrayLength());
        }

        [Theory]
        [InlineData("json")]
        [InlineData("sarif")]
        public void A_path_that_names_nothing_is_in_the_document_with_exit_code_2(string format)
        {
            var (code, stdout, stderr) = Run("", "check", "/no/such/rules", "--format", format);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stderr);
            Assert.Contains("AGR0014", stdout);
            using var _ = JsonDocument.Parse(stdout);
        }

        [Fact]
        public void Sarif_matches_its_snapshot()
        {
            var (code, stdout, stderr) = Check("sarif", Sample("typos.rules"));
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Equal("", stderr);
            // The version carries the commit the tool was built from.
            var version = AgreementRules.Cli.Diagnostics.CheckSarif.ToolVersion;
            SnapshotFiles.Match(Newtonsoft.Json.Linq.JToken.Parse(stdout.Replace(version, "VERSION")), SarifSnapshot);
        }

        private static List<JsonElement> SarifResults(string path, out List<JsonElement> rules)
        {
            var (code, stdout, _) = Run("", "check", path, "--format", "sarif");
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            var root = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal("2.1.0", root.GetProperty("version").GetString());
            Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
            var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
            var driver = run.GetProperty("tool").GetProperty("driver");
            Assert.Equal("agreement-rules", driver.GetProperty("name").GetString());
            rules = driver.GetProperty("rules").EnumerateArray().ToList();
            return run.GetProperty("results").EnumerateArray().ToList();
        }

        [Fact]
        public void Sarif_has_what_the_2_1_0_schema_requires_for_errors_and_warnings()
        {
            using var folder = new TempFolder();
            // A gap (a warning) and an example that fails (an error): both stages run.
            var path = folder.Write("sub dir/warn.rules", "activity enrich\nfact enrichment : number %\nagreement A { parties JP }\n" +
                                                          "rule lo cites \"Art. 1\" on enrich when enrichment < 20 % then permitted\n" +
                                                          "example \"low\" {\n  enrich enrichment = 5 %\n  expect prohibited\n}\n");
            var results = SarifResults(path, out var rules);
            Assert.Equal(new[] { "error", "warning" }, results.Select(r => r.GetProperty("level").GetString()).Distinct().OrderBy(l => l));
            foreach (var result in results)
            {
                var id = result.GetProperty("ruleId").GetString()!;
                var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
                Assert.Equal(id, rule.GetProperty("id").GetString());
                Assert.Equal($"https://github.com/agreementrules/agreementrules/blob/main/docs/diagnostics/{id}.md", rule.GetProperty("helpUri").GetString());
                Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
                var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
                // An absolute path is a file: URI, its space escaped.
                var uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString();
                Assert.Equal(new System.Uri(path).AbsoluteUri, uri);
                Assert.Contains("%20", uri);
                var region = location.GetProperty("region");
                var (line, column) = (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32());
                var (endLine, endColumn) = (region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32());
                Assert.True(line >= 1 && column >= 1 && (endLine > line || endLine == line && endColumn > column), region.ToString());
            }
        }

        [Fact]
        public void A_sarif_region_is_exactly_what_the_diagnostic_points_at()
        {
            using var folder = new TempFolder();
            var path = folder.Write("names.rules", "activity enrich\nfact enrichment : number %\nagreement A { parties JP }\n" +
                                                   "rule hi cites \"Art. 1\" on enrich when enrichmnt >= 20 % then prohibited\n");
            var region = Assert.Single(SarifResults(path, out _)).GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            var startColumn = region.GetProperty("startColumn").GetInt32();
            Assert.Equal("enrichmnt", File.ReadAllLines(path)[region.GetProperty("startLine").GetInt32() - 1]
                .Substring(startColumn - 1, region.GetProperty("endColumn").GetInt32() - startColumn));
        }

        [Fact]
        public void A_relative_path_stays_relative_with_slashes_and_escapes()
        {
            Assert.Equal("rules/sub%20dir/a%23b.rules", AgreementRules.Cli.Diagnostics.CheckSarif.UriOf("rules/sub dir/a#b.rules"));
        }

        [Fact]
        public void A_span_over_several_lines_ends_on_its_last_line()
        {
            var text = "example \"e\" {\n  enrich\n  expect permitted\n}\n";
            var d = new RulesDiagnostic(RulesDiagnosticIds.ExampleFailed, Severity.Error, new SourceSpan("x.rules", 0, text.Length - 1, 1, 1), "m");
            var region = AgreementRules.Cli.Diagnostics.Region.Of(d, new Dictionary<string, string> { ["x.rules"] = text });
            Assert.Equal((1, 1, 4, 2), (region.Line, region.Column, region.EndLine, region.EndColumn));
        }

        private static string AcknowledgedSample =>
            Path.Combine(TestRules.RepoRoot, "tests", "AgreementRules.Tests", "Corpus", "good", "overlap-acknowledged.rules");

        /// <summary>
        /// An acknowledged overlap is a SARIF result with an in-source suppression whose justification is the rule
        /// author's reason and whose location is the acknowledgement (SARIF 2.1.0 §3.34), not a warning that counts.
        /// </summary>
        [Fact]
        public void Sarif_gives_each_acknowledged_overlap_as_a_result_suppressed_in_source_with_the_reason()
        {
            var (code, stdout, stderr) = Check("sarif", AcknowledgedSample);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("", stderr);
            using var sarif = JsonDocument.Parse(stdout);
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(2, results.Count);
            foreach (var result in results)
            {
                Assert.Equal("AGR0017", result.GetProperty("ruleId").GetString());
                var suppression = Assert.Single(result.GetProperty("suppressions").EnumerateArray());
                Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
                Assert.Equal("Art. 2 prohibits military use whatever Art. 1 would allow", suppression.GetProperty("justification").GetString());
                var region = suppression.GetProperty("location").GetProperty("physicalLocation").GetProperty("region");
                Assert.Equal((24, 3), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()));
            }
            var rules = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
            Assert.Equal("AGR0017", Assert.Single(rules.EnumerateArray()).GetProperty("id").GetString());
        }

        [Fact]
        public void Json_lists_acknowledged_overlaps_apart_from_the_diagnostics_with_who_acknowledged_them_and_why()
        {
            var (code, stdout, _) = Check("json", AcknowledgedSample);
            Assert.Equal((int)ExitCode.Ok, code);
            using var json = JsonDocument.Parse(stdout);
            var r = json.RootElement;
            Assert.Equal(0, r.GetProperty("warnings").GetInt32());
            Assert.Equal(0, r.GetProperty("diagnostics").GetArrayLength());
            var acknowledged = r.GetProperty("acknowledged").EnumerateArray().ToList();
            Assert.Equal(new[] { "military|24|Art. 2 prohibits military use whatever Art. 1 would allow" },
                acknowledged.Select(a => $"{a.GetProperty("acknowledged_by").GetString()}|{a.GetProperty("acknowledged_at").GetString()!.Split(':')[^2]}|{a.GetProperty("reason").GetString()}").Distinct());
            Assert.Equal(2, acknowledged.Count);
        }
    }
}
