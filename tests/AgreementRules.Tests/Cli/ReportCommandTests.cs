using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;
using AgreementRules.Tests.Snapshots;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// <c>agreement-rules report</c> (issue 16, item 1): report.json's data, report.html's escaping of every text it
    /// did not write itself, and the errors for a host build log it cannot use. The report for the shipped rules and
    /// the sample host built for real is in tests/AgreementRules.EndToEnd.Tests/ReportTests.cs.
    /// </summary>
    public class ReportCommandTests
    {
        private const string JsonSnapshot = "ReportCommandTests.Json";
        internal static readonly string[] Snapshots = { JsonSnapshot };

        private const string Rules = """
            activity enrich
            activity transfer
            fact enrichment : number %
            fact quantity : number g
            fact agreements : list of text

            agreement T-1 {
              title "Test agreement"
              parties JP, US
            }

            # left out Art. 9: the right to end the agreement conditions no activity.

            rule enrich-leu cites "Art. 6" on enrich when enrichment < 20 % then permitted quote "below twenty per cent"
            rule enrich-heu cites "Art. 6" on enrich when enrichment >= 20 % then prohibited quote "twenty per cent or more"
            rule transfer-large cites "Art. 5" on transfer when quantity > 1 kg then prohibited quote "large transfers"

            example "Art. 6: LEU" {
              enrich enrichment = 5 %
              expect permitted
            }

            example "Art. 6: HEU" {
              enrich enrichment = 93 %
              expect prohibited
            }
            """;

        /// <summary>A SARIF log as the compiler writes it, with the AGR1012 results given as (uri, line, activity, guard, member).</summary>
        private static string Sarif(params (string uri, int line, string activity, string guard, string member)[] sites) =>
            JsonSerializer.Serialize(new
            {
                version = "2.1.0",
                runs = new[]
                {
                    new
                    {
                        results = sites.Select(s => new
                        {
                            ruleId = "AGR1012",
                            level = "note",
                            message = new { text = $"'{s.member}' performs the regulated activity '{s.activity}' here: …" },
                            locations = new[] { new { physicalLocation = new { artifactLocation = new { uri = s.uri }, region = new { startLine = s.line, startColumn = 9 } } } },
                            properties = new { customProperties = new { Activity = s.activity, Guard = s.guard, Member = s.member, UseKind = "Call" } },
                        }).ToArray(),
                    },
                },
            });

        private static (int code, string stdout, string stderr, string html, string json) Report(TempFolder folder, params string[] more)
        {
            var output = Path.Combine(folder.Path, "out");
            var (code, stdout, stderr) = Run("", new[] { "report", "--rules", Path.Combine(folder.Path, "rules"), "--out", output }.Concat(more).ToArray());
            var html = Path.Combine(output, "report.html");
            var json = Path.Combine(output, "report.json");
            return (code, stdout, stderr, File.Exists(html) ? File.ReadAllText(html) : "", File.Exists(json) ? File.ReadAllText(json) : "");
        }

        [Fact]
        public void Json_gives_per_article_the_quotes_rules_examples_coverage_and_host_call_sites()
        {
            using var folder = new TempFolder();
            folder.Write("rules/t.rules", Rules);
            var sarif = folder.Write("host.sarif", Sarif(("src/Plant.cs", 12, "enrich", "guarded", "Cascade.Run(Batch)"),
                ("src/Plant.cs", 30, "enrich", "unguarded", "Cascade.Run(Batch)"), ("src/Desk.cs", 7, "transfer", "undecided", "Desk.Ship(Batch)")));
            var (code, stdout, stderr, _, json) = Report(folder, "--host-sarif", sarif);
            Assert.Equal("", stderr);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.EndsWith("1 agreement(s), 3 article(s) (1 no rule encodes), 3 rule(s) (1 no example proves), 2 example(s) (0 failing), 3 host call site(s) (2 not guarded)\n", stdout);
            SnapshotFiles.Match(Newtonsoft.Json.Linq.JToken.Parse(Portable(json, folder.Path)), JsonSnapshot);
        }

        [Fact]
        public void Html_marks_the_article_no_rule_cites_the_rule_no_example_proves_and_host_code_not_guarded()
        {
            using var folder = new TempFolder();
            folder.Write("rules/t.rules", Rules);
            var sarif = folder.Write("host.sarif", Sarif(("src/Plant.cs", 12, "enrich", "guarded", "Cascade.Run(Batch)"),
                ("src/Plant.cs", 30, "enrich", "unguarded", "Cascade.Run(Batch)")));
            var (code, _, _, html, _) = Report(folder, "--host-sarif", sarif);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Contains("<article id=\"article-t-1-art--9\" class=\"uncited\">", html);
            Assert.Contains("<p class=\"flag banner\">No rule encodes this article.</p>", html);
            Assert.Contains("<div class=\"rule unproved\" id=\"rule-transfer-large\">", html);
            Assert.Contains("No example proves this rule", html);
            Assert.Matches("src/Plant.cs:30:9</a> <code>Cascade.Run\\(Batch\\)</code> — <strong class=\"flag\">NOT guarded", html);
            Assert.Matches("src/Plant.cs:12:9</a> <code>Cascade.Run\\(Batch\\)</code> — <span class=\"pass\">guarded", html);
            // The plain headings a reader follows, in this order, under an article that has rules.
            var article = html.Substring(html.IndexOf("<article id=\"article-t-1-art--6\"", StringComparison.Ordinal));
            var headings = new[] { "What the text says", "Rules that encode it", "Examples that prove it", "Host code guarded by it" }
                .Select(h => article.IndexOf(h, StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(-1, headings);
            Assert.Equal(headings.OrderBy(i => i), headings);
            // Self-contained: nothing fetched, nothing run.
            Assert.DoesNotMatch("(?i)<script|<link|@import|@font-face|src=|https?://", html);
        }

        /// <summary>An auditor sees each overlap the author acknowledged, with the reason, beside both rules (HTML and JSON).</summary>
        [Fact]
        public void Acknowledged_overlaps_are_shown_with_their_reason_beside_both_rules()
        {
            using var folder = new TempFolder();
            var text = Rules + """

                rule enrich-military cites "Art. 8" on enrich when enrichment > 90 % then prohibited
                  overlaps enrich-leu, enrich-heu
                    because "Art. 8 <forbids> it whatever Art. 6 says"

                """;
            folder.Write("rules/t.rules", text);
            var line = text.Split('\n').ToList().FindIndex(l => l.TrimStart().StartsWith("overlaps", StringComparison.Ordinal)) + 1;
            var (code, _, stderr, html, json) = Report(folder);
            Assert.Equal("", stderr);
            Assert.Equal((int)ExitCode.Ok, code);
            using var report = JsonDocument.Parse(json);
            Assert.True(line > Rules.Split('\n').Length, "the acknowledgement is after the sample rules");
            var rules = report.RootElement.GetProperty("agreements").EnumerateArray().SelectMany(a => a.GetProperty("articles").EnumerateArray())
                .SelectMany(a => a.GetProperty("rules").EnumerateArray())
                .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("acknowledged_overlaps").EnumerateArray()
                    .Select(o => $"{o.GetProperty("with").GetString()}|{o.GetProperty("acknowledged_by").GetString()}|{o.GetProperty("reason").GetString()}|{o.GetProperty("line").GetInt32()}").ToList());
            const string reason = "Art. 8 <forbids> it whatever Art. 6 says";
            Assert.Equal(new[] { $"enrich-leu|enrich-military|{reason}|{line}", $"enrich-heu|enrich-military|{reason}|{line}" }, rules["enrich-military"]);
            Assert.Equal(new[] { $"enrich-military|enrich-military|{reason}|{line}" }, rules["enrich-leu"]);
            Assert.Equal(new[] { $"enrich-military|enrich-military|{reason}|{line}" }, rules["enrich-heu"]);
            Assert.Empty(rules["transfer-large"]);
            Assert.Contains("<li>with <a href=\"#rule-enrich-military\"><code>enrich-military</code></a>: Art. 8 &lt;forbids&gt; it whatever Art. 6 says", html);
            Assert.Contains("<li>with <a href=\"#rule-enrich-leu\"><code>enrich-leu</code></a>: Art. 8 &lt;forbids&gt;", html);
        }

        [Fact]
        public void A_failing_example_is_reported_marked_and_exits_1()
        {
            using var folder = new TempFolder();
            folder.Write("rules/t.rules", Rules.Replace("enrich enrichment = 93 %\n  expect prohibited", "enrich enrichment = 93 %\n  expect permitted"));
            var (code, stdout, _, html, json) = Report(folder);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Contains("(1 failing)", stdout);
            Assert.Contains("<strong class=\"flag\">FAILS</strong> \"Art. 6: HEU\" → permitted expected, the rules decide prohibited", html);
            using var data = JsonDocument.Parse(json);
            Assert.Equal(1, data.RootElement.GetProperty("summary").GetProperty("examples_failed").GetInt32());
            Assert.Equal(JsonValueKind.Null, data.RootElement.GetProperty("host").ValueKind);
        }

        /// <summary>Rules text, quotes, example names and host paths are untrusted: none reaches the page as markup.</summary>
        [Fact]
        public void Every_text_from_the_rules_and_the_host_log_is_escaped()
        {
            const string Evil = "<script>alert(1)</script>";
            using var folder = new TempFolder();
            folder.Write("rules/t.rules", Rules
                .Replace("title \"Test agreement\"", $"title \"{Evil} & co\"")
                .Replace("quote \"below twenty per cent\"", $"quote \"{Evil}\"")
                .Replace("cites \"Art. 5\"", "cites \"Art. 5 <img src=x onerror=alert(1)>\"")
                .Replace("example \"Art. 6: LEU\"", $"example \"Art. 6: {Evil}\"")
                .Replace("conditions no activity.", $"conditions no activity {Evil}."));
            var sarif = folder.Write("host.sarif", Sarif(($"src/{Evil}.cs", 3, "enrich", "unguarded", $"{Evil}.Run()")));
            var (code, _, stderr, html, _) = Report(folder, "--host-sarif", sarif);
            Assert.Equal("", stderr);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.DoesNotMatch("(?i)<script|<img", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.Contains("Art. 5 &lt;img src=x onerror=alert(1)&gt;", html);
            // Each of the five kinds of text: the title, the quote, the example, the left-out reason, the host path and member.
            Assert.True(Regex.Matches(html, Regex.Escape("&lt;script&gt;alert(1)&lt;/script&gt;")).Count >= 6);
            // Anchors are made from ASCII letters and digits only, never from the text itself.
            Assert.All(Regex.Matches(html, "id=\"([^\"]*)\"").Select(m => m.Groups[1].Value), id => Assert.Matches("^[a-z0-9-]+$", id));
        }

        [Theory]
        [InlineData("not json", "is not a SARIF log the compiler wrote")]
        [InlineData("{\"version\":\"2.0.0\",\"runs\":[]}", "is not a SARIF 2.1.0 log")]
        [InlineData("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}", "holds no AGR1012 result")]
        public void A_host_log_the_report_cannot_use_is_a_usage_error_and_no_report(string log, string message)
        {
            using var folder = new TempFolder();
            folder.Write("rules/t.rules", Rules);
            var sarif = folder.Write("host.sarif", log);
            var (code, _, stderr, html, json) = Report(folder, "--host-sarif", sarif);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Contains(message, stderr);
            Assert.Contains("host.sarif", stderr);
            if (message.Contains("AGR1012")) Assert.Contains("-p:AgreementRulesReportCallSites=true", stderr);
            AssertNoStackTrace(stderr);
            Assert.Equal("", html);
            Assert.Equal("", json);
        }

        [Fact]
        public void A_misspelt_left_out_marker_is_an_error_not_a_dropped_article()
        {
            using var folder = new TempFolder();
            folder.Write("rules/t.rules", Rules.Replace("# left out Art. 9:", "# left out Article 9:"));
            var (code, _, stderr, html, _) = Report(folder);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Contains("t.rules:12: expected '# left out CITATION: reason'", stderr);
            Assert.Equal("", html);
        }
    }
}
