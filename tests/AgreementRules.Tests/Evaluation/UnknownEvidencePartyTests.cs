using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AgreementRules.Tests.Cli;
using AgreementRules.Tests.Compilation;
using AgreementRules.Tests.Logging;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// Evidence that names a party no loaded agreement declares ('JPP' for 'JP') satisfies nothing, so the answer
    /// would be fail-closed but silent about the typo. It is bad input, as an unknown fact is: the library throws
    /// <see cref="InvalidActivityException"/> listing every problem, <c>eval</c> and <c>explain</c> answer that
    /// request with the error and go on with the others, and the decision log records nothing for it.
    /// </summary>
    public class UnknownEvidencePartyTests
    {
        private static readonly Lazy<RuleSet> Shipped = new(() => RuleSet.Load(TestRules.ShippedRules));
        private static readonly Lazy<RuleSet> ShippedEmitted = new(() => EmittedCode.Attach(RuleSet.Load(TestRules.ShippedRules)));

        /// <summary>Enriching to 25 % under JP-US-1988: needs the consent of JP and US (Art. 6).</summary>
        private static readonly Activity Enrich = Activity.Create("enrich").With("agreements", new[] { "JP-US-1988" })
            .With("material", "uranium").With("enrichment", 25.0).With("quantity", 10.0);

        public static IEnumerable<object[]> MisspeltEvidence => new[]
        {
            new object[] { "a prior written consent", Evidence.None.WithConsent("JPP").WithConsent("US"), "unknown party 'JPP' in evidence 'consents' (did you mean 'JP'?)" },
            new object[] { "an oral consent", Evidence.None.WithConsent("JP").WithConsent("USA", written: false), "unknown party 'USA' in evidence 'consents' (did you mean 'US'?)" },
            new object[] { "a late consent", Evidence.None.WithConsent("jp", prior: false).WithConsent("US"), "unknown party 'jp' in evidence 'consents' (did you mean 'JP'?)" },
            new object[] { "a notification", Evidence.None.WithConsent("JP").WithConsent("US").WithNotification("FRA"), "unknown party 'FRA' in evidence 'notifications' (did you mean 'FR'?)" },
            new object[] { "an oral, late notification", Evidence.None.WithConsent("JP").WithConsent("US").WithNotification("UK", written: false, prior: false), "unknown party 'UK' in evidence 'notifications'" },
        };

        [Theory]
        [MemberData(nameof(MisspeltEvidence))]
        public void Evidence_naming_a_party_no_agreement_declares_is_refused_by_the_runtime_and_the_emitted_CSharp(string what, Evidence evidence, string expected)
        {
            foreach (var rules in new[] { Shipped.Value, ShippedEmitted.Value })
            {
                var refused = Assert.Throws<InvalidActivityException>(() => rules.Evaluate(Enrich, evidence));
                var problem = Assert.Single(refused.Problems);
                Assert.True(problem.StartsWith(expected, StringComparison.Ordinal), $"{what}: {problem}");
                Assert.EndsWith("; the agreements' parties are JP, US, FR", problem);
            }
        }

        [Fact]
        public void The_same_evidence_with_the_parties_spelt_right_is_decided()
        {
            Assert.Equal(Outcome.Permitted, Shipped.Value.Evaluate(Enrich, Evidence.None.WithConsent("JP").WithConsent("US")).Outcome);
            Assert.Equal(Outcome.Permitted, ShippedEmitted.Value.Evaluate(Enrich, Evidence.None.WithConsent("JP").WithConsent("US")).Outcome);
            // A party of another loaded agreement (JP-FR's FR) is known: it satisfies nothing here, as the contract says.
            Assert.Equal(Outcome.ConsentRequired, Shipped.Value.Evaluate(Enrich, Evidence.None.WithConsent("JP").WithConsent("FR")).Outcome);
        }

        private const string TextParty = """
            activity transfer
            fact shipper : text
            agreement T-2 {
              parties JP, US
            }
            rule t2-notice cites "Art. 2" on transfer then requires written notification by shipper
            """;

        [Fact]
        public void A_text_fact_named_as_a_party_may_be_anyone_but_once_given_evidence_must_name_it_or_an_agreements_party()
        {
            var rules = RuleSet.Parse(TextParty, "t2.rules");
            var transfer = Activity.Create("transfer");
            // The shipper unknown: GB may be it, so the answer is open on it, not refused.
            Assert.Equal(new[] { "shipper" }, rules.Evaluate(transfer, Evidence.None.WithNotification("GB")).Missing);
            Assert.Equal(Outcome.Permitted, rules.Evaluate(transfer.With("shipper", "GB"), Evidence.None.WithNotification("GB")).Outcome);
            Assert.Equal(Outcome.NotificationRequired, rules.Evaluate(transfer.With("shipper", "GB"), Evidence.None.WithNotification("JP")).Outcome);
            // The shipper given as GB: 'GBR' is no one the rules or the request name.
            var refused = Assert.Throws<InvalidActivityException>(() => rules.Evaluate(transfer.With("shipper", "GB"), Evidence.None.WithNotification("GBR")));
            Assert.Equal("unknown party 'GBR' in evidence 'notifications'; the agreements' parties are JP, US", Assert.Single(refused.Problems));
        }

        [Fact]
        public void Without_an_agreement_that_lists_parties_evidence_can_name_none_and_the_error_says_so()
        {
            var rules = RuleSet.Parse("activity store\nagreement NONE {\n}\nrule r cites \"A\" on store then permitted\n", "none.rules");
            var refused = Assert.Throws<InvalidActivityException>(() => rules.Evaluate(Activity.Create("store"), Evidence.None.WithConsent("JP")));
            Assert.Equal("unknown party 'JP' in evidence 'consents'; no loaded agreement lists its parties, so evidence can name none", Assert.Single(refused.Problems));
        }

        [Fact]
        public void Every_problem_of_a_request_is_listed_facts_first_then_each_unknown_party()
        {
            var evidence = new Evidence(new[] { new Consent("JPP"), new Consent("US"), new Consent(null!) }, new[] { new Notification("USS") });
            var refused = Assert.Throws<InvalidActivityException>(() => Shipped.Value.Evaluate(Enrich.With("materal", "uranium"), evidence));
            Assert.Equal(4, refused.Problems.Count);
            Assert.StartsWith("unknown fact 'materal' (did you mean 'material'?)", refused.Problems[0]);
            Assert.StartsWith("unknown party 'JPP' in evidence 'consents'", refused.Problems[1]);
            Assert.Equal("a consent in evidence 'consents' names no party; the agreements' parties are JP, US, FR", refused.Problems[2]);
            Assert.StartsWith("unknown party 'USS' in evidence 'notifications' (did you mean 'US'?)", refused.Problems[3]);
        }

        [Fact]
        public void The_decision_log_records_nothing_for_a_refused_request_and_the_next_request_as_usual()
        {
            var sink = new ListSink();
            using (var log = new DecisionLog(sink))
            {
                var logged = Shipped.Value.WithDecisionLog(log);
                Assert.Throws<InvalidActivityException>(() => logged.Evaluate(Enrich, Evidence.None.WithConsent("JPP"), "typo"));
                logged.Evaluate(Enrich, Evidence.None.WithConsent("JP").WithConsent("US"), "spelt-right");
                Assert.True(log.Flush(TimeSpan.FromSeconds(30)));
            }
            Assert.Equal("spelt-right", Assert.Single(sink.Records).CorrelationId);
        }

        private const string Good = "{\"id\": \"good\", \"activity\": \"enrich\", \"agreements\": [\"JP-US-1988\"], \"material\": \"uranium\", \"enrichment\": 25, \"quantity\": 10, \"evidence\": {\"consents\": [\"JP\", \"US\"]}}";

        private static string WithEvidence(string id, string evidence) => Good.Replace("\"good\"", "\"" + id + "\"").Replace("{\"consents\": [\"JP\", \"US\"]}", evidence);

        [Fact]
        public void Eval_answers_a_request_with_a_misspelt_party_with_its_error_and_goes_on_with_the_others_in_order()
        {
            var requests = string.Join("\n", Good,
                WithEvidence("consent", "{\"consents\": [\"JPP\", \"US\"]}"),
                WithEvidence("notification", "{\"consents\": [\"JP\", \"US\"], \"notifications\": [{\"by\": \"USA\", \"written\": false, \"prior\": true}]}"),
                WithEvidence("written-consent", "{\"consents\": [{\"party\": \"Fr\", \"written\": true, \"prior\": false}, \"JP\", \"US\"]}"),
                Good.Replace("\"good\"", "\"good-again\""));
            using var folder = new Robustness.TempFolder();
            var log = Path.Combine(folder.Path, "decisions.jsonl");
            var (code, stdout, stderr) = CliRunner.Run(requests, "eval", "--rules", TestRules.ShippedRules, "--log", log, "-");
            Assert.Equal(3, code); // ExitCode.RequestErrors
            Assert.Equal("", stderr);
            var answers = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(new[] { "good", "consent", "notification", "written-consent", "good-again" }, answers.Select(a => a.GetProperty("id").GetString()));
            Assert.Equal("permitted", answers[0].GetProperty("decision").GetString());
            Assert.Equal("permitted", answers[4].GetProperty("decision").GetString());
            Assert.Equal("unknown party 'JPP' in evidence 'consents' (did you mean 'JP'?); the agreements' parties are JP, US, FR", answers[1].GetProperty("error").GetString());
            Assert.Equal("unknown party 'USA' in evidence 'notifications' (did you mean 'US'?); the agreements' parties are JP, US, FR", answers[2].GetProperty("error").GetString());
            Assert.Equal("unknown party 'Fr' in evidence 'consents' (did you mean 'FR'?); the agreements' parties are JP, US, FR", answers[3].GetProperty("error").GetString());
            Assert.All(answers.Skip(1).Take(3), a => Assert.False(a.TryGetProperty("decision", out _)));
            // The log holds the two decisions, none for the refused requests.
            Assert.Equal(new[] { "good", "good-again" }, File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("correlation_id").GetString()));
        }

        [Fact]
        public void Explain_reports_the_misspelt_party_as_the_requests_error()
        {
            var (code, stdout, _) = CliRunner.Run(WithEvidence("typo", "{\"consents\": [\"JP\", \"UZ\"]}") + "\n" + Good, "explain", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal(3, code);
            Assert.Contains("  error: unknown party 'UZ' in evidence 'consents' (did you mean 'US'?); the agreements' parties are JP, US, FR\n", stdout.Replace("\r\n", "\n"));
            Assert.Contains("  Decision: permitted\n", stdout.Replace("\r\n", "\n")); // the next request is still explained
        }
    }
}
