using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgreementRules.Cli;
using AgreementRules.Tests.Docs;

namespace AgreementRules.Tests.Cli
{
    /// <summary><c>eval --log FILE</c>: the answers unchanged, one record per decision appended to FILE, and failures said.</summary>
    public class EvalLogTests : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("declog-cli").FullName;
        private string LogPath => Path.Combine(folder, "decisions.jsonl");
        private static string Rules => Markdown.Path("docs/samples/cli/rules");
        private static string Requests => Markdown.Path("docs/samples/cli/requests.jsonl");

        public void Dispose() => Directory.Delete(folder, recursive: true);

        [Fact]
        public void The_answers_are_the_same_and_each_decision_is_logged_under_its_request_id()
        {
            var plain = CliRunner.Run("", "eval", "--rules", Rules, Requests);
            var logged = CliRunner.Run("", "eval", "--rules", Rules, "--log", LogPath, Requests);
            Assert.Equal(plain, logged);
            Assert.Equal((int)ExitCode.RequestErrors, logged.code); // the typo request is still an error answer

            var answers = logged.stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var records = File.ReadAllLines(LogPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            // Every answer that is a decision, in order; the error answer took no decision.
            var decisions = answers.Where(a => a.TryGetProperty("decision", out _)).ToList();
            Assert.Equal(4, decisions.Count);
            Assert.Equal(decisions.Select(a => a.GetProperty("id").GetString()), records.Select(r => r.GetProperty("correlation_id").GetString()));
            foreach (var (answer, record) in decisions.Zip(records))
                foreach (var field in answer.EnumerateObject().Where(f => f.Name != "id"))
                    Assert.Equal(field.Value.GetRawText(), record.GetProperty(field.Name).GetRawText());
            Assert.Equal(19.99, records[0].GetProperty("request").GetProperty("enrichment").GetDouble());
        }

        [Fact]
        public void Runs_append_to_the_log()
        {
            CliRunner.Run("", "eval", "--rules", Rules, "--log", LogPath, Requests);
            CliRunner.Run("", "eval", "--rules", Rules, "--log", LogPath, Requests);
            Assert.Equal(8, File.ReadAllLines(LogPath).Length);
        }

        [Fact]
        public void A_log_that_cannot_be_opened_is_a_usage_error_before_any_answer()
        {
            var (code, stdout, stderr) = CliRunner.Run("", "eval", "--rules", Rules, "--log", folder, Requests);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.StartsWith($"error: cannot open the decision log '{folder}' for appending: ", stderr);
            CliRunner.AssertNoStackTrace(stderr);
        }

        /// <summary>The record docs/cli.md shows is what the log holds for that request, but for the time.</summary>
        [Fact]
        public void The_record_in_the_docs_is_a_real_one()
        {
            CliRunner.Run("", "eval", "--rules", Rules, "--log", LogPath, Requests);
            var documented = Markdown.Blocks("docs/cli.md").Where(b => b.Info == "json" && b.Text.Contains("\"correlation_id\"")).Select(b => b.Text.Trim()).Single();
            var id = JsonDocument.Parse(documented).RootElement.GetProperty("correlation_id").GetString();
            var logged = File.ReadAllLines(LogPath).Single(l => JsonDocument.Parse(l).RootElement.GetProperty("correlation_id").GetString() == id);
            static string WithoutTime(string line) => Regex.Replace(line, "\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"…\"");
            Assert.Equal(WithoutTime(documented), WithoutTime(logged));
        }
    }
}
