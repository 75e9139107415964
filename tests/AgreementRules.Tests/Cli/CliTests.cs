using System.IO;
using System.Text.Json;
using AgreementRules.Cli;

namespace AgreementRules.Tests.Cli
{
    public class CliTests
    {
        private static (int code, string stdout, string stderr) Run(string stdin, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = Program.Run(args, new StringReader(stdin), output, error);
            return (code, output.ToString(), error.ToString());
        }

        [Fact]
        public void Check_passes_on_the_shipped_rules()
        {
            var (code, stdout, _) = Run("", "check", TestRules.ShippedRules);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.StartsWith("ok:", stdout.Trim().Split('\n')[^1]);
        }

        [Fact]
        public void Check_exits_1_with_located_errors_on_a_broken_file()
        {
            var path = Path.Combine(Path.GetTempPath(), "agr-broken-" + System.Guid.NewGuid() + ".rules");
            File.WriteAllText(path, "activity enrich\nrule r cites \"X\" on enrich when (true then permitted\n");
            try
            {
                var (code, stdout, _) = Run("", "check", path);
                Assert.Equal((int)ExitCode.RulesInvalid, code);
                Assert.Contains($"{path}:2:", stdout);
                Assert.Contains("error AGR0001", stdout);
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void Eval_answers_every_line_and_reports_bad_requests_per_request()
        {
            var requests = "{\"id\":\"1\",\"activity\":\"enrich\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":25,\"evidence\":{\"consents\":[\"JP\"]}}\n" +
                           "{broken\n" +
                           "{\"id\":\"3\",\"activity\":\"enrich\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":5}\n";
            var (code, stdout, _) = Run(requests, "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.RequestErrors, code);
            var lines = stdout.TrimEnd().Split('\n');
            Assert.Equal(3, lines.Length);
            using (var first = JsonDocument.Parse(lines[0]))
            {
                Assert.Equal("1", first.RootElement.GetProperty("id").GetString());
                Assert.Equal("consent-required", first.RootElement.GetProperty("decision").GetString());
                Assert.Equal("JP-US-1988 Art. 6", first.RootElement.GetProperty("citations")[0].GetString());
            }
            using (var second = JsonDocument.Parse(lines[1])) Assert.StartsWith("not valid JSON", second.RootElement.GetProperty("error").GetString());
            using (var third = JsonDocument.Parse(lines[2])) Assert.Equal("permitted", third.RootElement.GetProperty("decision").GetString());
        }

        [Fact]
        public void Eval_without_rules_is_a_usage_error()
        {
            var (code, _, stderr) = Run("", "eval", "-");
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Contains("--rules", stderr);
        }
        private static string TempFile(string extension, string text)
        {
            var path = Path.Combine(Path.GetTempPath(), "agr-cli-" + System.Guid.NewGuid() + extension);
            File.WriteAllText(path, text);
            return path;
        }

        [Fact]
        public void Explain_shows_a_list_fact_as_a_list()
        {
            var path = TempFile(".jsonl", "{\"id\":\"a\",\"activity\":\"enrich\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":19.5}\n");
            try
            {
                var (code, stdout, _) = Run("", "explain", "--rules", TestRules.ShippedRules, path);
                Assert.Equal((int)ExitCode.Ok, code);
                Assert.Equal("Request a: enrich(agreements={JP-US-1988}, material=uranium, enrichment=19.5)", stdout.Split('\n')[0]);
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void A_json_file_that_is_not_json_is_answered_like_a_bad_json_lines_line()
        {
            const string broken = "{\"id\":\"1\", oops";
            var json = TempFile(".json", broken);
            var jsonl = TempFile(".jsonl", broken + "\n");
            try
            {
                var (code, fromJson, _) = Run("", "eval", "--rules", TestRules.ShippedRules, json);
                Assert.Equal((int)ExitCode.RequestErrors, code);
                Assert.Equal("{\"error\":\"not valid JSON (line 1, byte 12): 'o' is an invalid start of a property name\",\"rules_sha256\":\"" +
                             RuleSet.Load(TestRules.ShippedRules).RulesSha256 + "\"}\n", fromJson.Replace("\r", ""));
                Assert.Equal(fromJson, Run("", "eval", "--rules", TestRules.ShippedRules, jsonl).stdout);
            }
            finally { File.Delete(json); File.Delete(jsonl); }
        }
    }
}
