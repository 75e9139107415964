using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using static AgreementRules.Tests.Evaluation.IlDifferentialTests;

namespace AgreementRules.Tests.Logging
{
    /// <summary>
    /// The decision log (issue 16, item 2): each record holds the request, the answer evaluation returned, the
    /// rules hash, the time and the caller's correlation id, field by field; records keep each thread's order and
    /// none is lost or mixed up under concurrency; a failing or full sink is counted and reported, never felt by
    /// evaluation; and logging changes no answer.
    /// </summary>
    public class DecisionLogTests
    {
        private static readonly RuleSet Rules = RuleSet.Parse(TestRules.Small);
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

        private static Activity Enrich(double enrichment) =>
            TestRules.UnderT1("enrich").With("material", "uranium").With("enrichment", enrichment);

        private static JsonElement Json(DecisionRecord record) => JsonDocument.Parse(record.ToJson()).RootElement;

        private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

        [Fact]
        public void A_record_holds_the_request_the_answer_the_rules_hash_the_time_and_the_correlation_id()
        {
            var sink = new ListSink();
            var before = DateTimeOffset.UtcNow;
            Decision decision;
            using (var log = new DecisionLog(sink))
            {
                decision = Rules.WithDecisionLog(log).Evaluate(
                    Enrich(25).With("quantity", 1000).With("recipient_authorized", true),
                    Evidence.None.WithConsent("JP", written: false).WithNotification("US", prior: false), "request-17");
                Assert.True(log.Flush(Wait));
            }
            var after = DateTimeOffset.UtcNow;

            var record = Assert.Single(sink.Records);
            Assert.Same(decision, record.Decision);
            Assert.Equal("request-17", record.CorrelationId);
            Assert.InRange(record.Timestamp, before, after);
            Assert.Equal(Rules.RulesSha256, record.RulesSha256);

            var json = Json(record);
            Assert.Equal(new[] { "correlation_id", "timestamp", "request", "decision", "requirements", "citations", "derived", "trace", "rules_sha256" },
                json.EnumerateObject().Select(p => p.Name));
            Assert.Equal("request-17", json.GetProperty("correlation_id").GetString());
            Assert.Equal(record.Timestamp.UtcDateTime, DateTime.Parse(json.GetProperty("timestamp").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind));

            var request = json.GetProperty("request");
            Assert.Equal(new[] { "activity", "agreements", "material", "enrichment", "quantity", "recipient_authorized", "evidence" },
                request.EnumerateObject().Select(p => p.Name));
            Assert.Equal("enrich", request.GetProperty("activity").GetString());
            Assert.Equal(new[] { "T-1" }, Strings(request.GetProperty("agreements")));
            Assert.Equal("uranium", request.GetProperty("material").GetString());
            Assert.Equal(25, request.GetProperty("enrichment").GetDouble());
            Assert.Equal(1000, request.GetProperty("quantity").GetDouble());
            Assert.True(request.GetProperty("recipient_authorized").GetBoolean());
            var consent = Assert.Single(request.GetProperty("evidence").GetProperty("consents").EnumerateArray().ToList());
            Assert.Equal(("JP", false, true), (consent.GetProperty("party").GetString(), consent.GetProperty("written").GetBoolean(), consent.GetProperty("prior").GetBoolean()));
            var notification = Assert.Single(request.GetProperty("evidence").GetProperty("notifications").EnumerateArray().ToList());
            Assert.Equal(("US", true, false), (notification.GetProperty("by").GetString(), notification.GetProperty("written").GetBoolean(), notification.GetProperty("prior").GetBoolean()));

            Assert.Equal("consent-required", json.GetProperty("decision").GetString());
            var requirement = Assert.Single(json.GetProperty("requirements").EnumerateArray().ToList());
            Assert.Equal("consent", requirement.GetProperty("kind").GetString());
            Assert.Equal(new[] { "JP", "US" }, Strings(requirement.GetProperty("parties")));
            Assert.False(requirement.GetProperty("satisfied").GetBoolean());
            Assert.Equal("T-1 Art. 6", requirement.GetProperty("citation").GetString());
            Assert.Equal("enrich-heu", requirement.GetProperty("rule").GetString());
            Assert.Equal(new[] { "T-1 Art. 6" }, Strings(json.GetProperty("citations")));
            Assert.True(json.GetProperty("derived").GetProperty("heu").GetBoolean());
            Assert.Equal(decision.Trace, Strings(json.GetProperty("trace")));
            Assert.Equal(Rules.RulesSha256, json.GetProperty("rules_sha256").GetString());
        }

        [Fact]
        public void A_record_of_an_undetermined_decision_names_the_missing_facts_and_one_without_correlation_id_has_none()
        {
            var sink = new ListSink();
            using (var log = new DecisionLog(sink))
            {
                Rules.WithDecisionLog(log).Evaluate(TestRules.UnderT1("enrich").With("material", "uranium"));
                Assert.True(log.Flush(Wait));
            }
            var json = Json(Assert.Single(sink.Records));
            Assert.False(json.TryGetProperty("correlation_id", out _));
            Assert.Equal("undetermined", json.GetProperty("decision").GetString());
            Assert.Equal(new[] { "enrichment" }, Strings(json.GetProperty("missing")));
            Assert.Empty(json.GetProperty("request").GetProperty("evidence").GetProperty("consents").EnumerateArray());
        }

        /// <summary>One writer of the answer's shape: the record is the command line's answer with the request before it.</summary>
        [Fact]
        public void After_the_request_a_record_is_the_command_lines_answer_to_it()
        {
            var sink = new ListSink();
            Decision decision;
            using (var log = new DecisionLog(sink))
            {
                decision = Rules.WithDecisionLog(log).Evaluate(Enrich(25), Evidence.None.WithConsent("JP"), "c1");
                Assert.True(log.Flush(Wait));
            }
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, AgreementRules.Cli.Json.JsonOptions.Writer))
                AgreementRules.Cli.Json.AnswerWriter.WriteDecision(writer, null, decision, Rules.RulesSha256);
            var answer = System.Text.Encoding.UTF8.GetString(buffer.ToArray());

            var record = Json(Assert.Single(sink.Records));
            var rest = "{" + string.Join(",", record.EnumerateObject()
                .Where(p => p.Name is not ("correlation_id" or "timestamp" or "request")).Select(p => p.ToString())) + "}";
            Assert.Equal(answer, rest);
        }

        [Fact]
        public void Texts_that_could_break_a_line_are_escaped_and_Japanese_stays_readable()
        {
            var sink = new ListSink();
            const string id = "line\nbreak \"quoted\" \\ 日本 \u0001 \U0001F600";
            using (var log = new DecisionLog(sink))
            {
                var logged = Rules.WithDecisionLog(log);
                logged.Evaluate(Enrich(3), Evidence.None, id);
                logged.Evaluate(Enrich(3), Evidence.None, "half \ud800 a pair");
                Assert.True(log.Flush(Wait));
            }
            var line = sink.Records[0].ToJson();
            Assert.DoesNotContain('\n', line);
            Assert.Contains("\"correlation_id\":\"line\\nbreak \\\"quoted\\\" \\\\ 日本 \\u0001 \U0001F600\"", line);
            Assert.Equal(id, JsonDocument.Parse(line).RootElement.GetProperty("correlation_id").GetString());
            // An unpaired surrogate is escaped, so the line stays valid UTF-8 rather than carry a replacement character.
            Assert.Contains("\"correlation_id\":\"half \\ud800 a pair\"", sink.Records[1].ToJson());
        }

        /// <summary>Logging changes no answer, and each record holds its own request and decision, whatever runs beside it.</summary>
        [Fact]
        public async Task Under_concurrency_each_thread_keeps_its_order_none_is_lost_and_no_request_leaks_into_another_record()
        {
            const int threads = 8, perThread = 400;
            var sink = new ListSink();
            var returned = new Dictionary<string, Decision>[threads];
            using (var log = new DecisionLog(sink, capacity: threads * perThread))
            {
                var logged = Rules.WithDecisionLog(log);
                using var start = new Barrier(threads);
                var tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
                {
                    returned[t] = new Dictionary<string, Decision>();
                    start.SignalAndWait();
                    for (var i = 0; i < perThread; i++)
                    {
                        // Each request its own: a kind and an enrichment or quantity that name the thread and the step.
                        var activity = t % 2 == 0 ? Enrich((t * 1000 + i) / 100.0) : TestRules.UnderT1("reprocess").With("quantity", t * 1000 + i);
                        var evidence = i % 3 == 0 ? Evidence.None.WithConsent(t % 4 < 2 ? "JP" : "US") : Evidence.None;
                        returned[t][$"{t}/{i}"] = logged.Evaluate(activity, evidence, $"{t}/{i}");
                    }
                }, TaskCreationOptions.LongRunning)).ToArray();
                await Task.WhenAll(tasks);
                Assert.True(log.Flush(Wait));
                Assert.Equal(threads * perThread, log.Written);
                Assert.Equal(0, log.Dropped + log.Failed);
            }

            Assert.Equal(threads * perThread, sink.Records.Count);
            Assert.Equal(threads * perThread, sink.Records.Select(r => r.CorrelationId).Distinct().Count());
            for (var t = 0; t < threads; t++)
            {
                var steps = sink.Records.Where(r => r.CorrelationId!.StartsWith($"{t}/", StringComparison.Ordinal))
                    .Select(r => int.Parse(r.CorrelationId!.Substring(r.CorrelationId.IndexOf('/') + 1))).ToList();
                Assert.Equal(Enumerable.Range(0, perThread), steps);
            }
            foreach (var record in sink.Records)
            {
                var parts = record.CorrelationId!.Split('/');
                var (t, i) = (int.Parse(parts[0]), int.Parse(parts[1]));
                Assert.Same(returned[t][record.CorrelationId], record.Decision);
                var request = Json(record).GetProperty("request");
                Assert.Equal(t % 2 == 0 ? "enrich" : "reprocess", request.GetProperty("activity").GetString());
                Assert.Equal(t % 2 == 0 ? (t * 1000 + i) / 100.0 : t * 1000 + i, request.GetProperty(t % 2 == 0 ? "enrichment" : "quantity").GetDouble());
                var consents = request.GetProperty("evidence").GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("party").GetString()).ToArray();
                Assert.Equal(i % 3 == 0 ? new[] { t % 4 < 2 ? "JP" : "US" } : Array.Empty<string>(), consents);
                // The answer logged is the one a rule set without a log gives, on this thread, for this request alone.
                var again = Rules.Evaluate(record.Activity, record.Evidence);
                Assert.Equal(Describe(again), Describe(record.Decision));
            }
        }

        [Fact]
        public void A_failing_sink_is_counted_and_reported_and_evaluation_goes_on_unaffected()
        {
            var sink = new FailingSink(write => write % 3 == 0);
            var reported = new List<DecisionLogLossEventArgs>();
            var decisions = new List<(Decision logged, Decision plain)>();
            using (var log = new DecisionLog(sink))
            {
                log.RecordsLost += (_, e) => { lock (reported) reported.Add(e); };
                var logged = Rules.WithDecisionLog(log);
                for (var i = 0; i < 30; i++)
                    decisions.Add((logged.Evaluate(Enrich(i), Evidence.None, $"r{i}"), Rules.Evaluate(Enrich(i), Evidence.None)));
                Assert.True(log.Flush(Wait));
                Assert.Equal(10, log.Failed);
                Assert.Equal(20, log.Written);
                Assert.Equal(0, log.Dropped);
            }
            Assert.All(decisions, d => Assert.Equal(Describe(d.plain), Describe(d.logged)));
            Assert.Equal(Enumerable.Range(0, 30).Where(i => (i + 1) % 3 != 0).Select(i => $"r{i}"), sink.Kept.Select(r => r.CorrelationId));
            lock (reported)
            {
                Assert.Equal(10, reported.Count);
                Assert.All(reported, e => Assert.Equal((DecisionLogLoss.SinkFailed, 1L), (e.Reason, e.Records)));
                Assert.Equal("disk full at write 3", reported[0].Exception!.Message);
            }
        }

        [Fact]
        public void A_handler_that_throws_does_not_stop_the_log()
        {
            var sink = new FailingSink(write => write == 1);
            using var log = new DecisionLog(sink);
            log.RecordsLost += (_, _) => throw new InvalidOperationException("a broken handler");
            var logged = Rules.WithDecisionLog(log);
            logged.Evaluate(Enrich(1), Evidence.None, "first");
            logged.Evaluate(Enrich(2), Evidence.None, "second");
            Assert.True(log.Flush(Wait));
            Assert.Equal((1L, 1L), (log.Failed, log.Written));
            Assert.Equal("second", Assert.Single(sink.Kept).CorrelationId);
        }

        [Fact]
        public void A_full_queue_drops_and_counts_records_without_making_evaluation_wait()
        {
            var sink = new GatedSink();
            var reported = new List<DecisionLogLossEventArgs>();
            using (var log = new DecisionLog(sink, capacity: 4))
            {
                log.RecordsLost += (_, e) => { lock (reported) reported.Add(e); };
                var logged = Rules.WithDecisionLog(log);
                logged.Evaluate(Enrich(0), Evidence.None, "r0");
                Assert.True(sink.Entered.Wait(Wait), "the writer never took the first record");
                // The sink now blocks: four records fit in the queue, the other fifteen are dropped, and every
                // evaluation returns its own answer while the sink is stuck.
                for (var i = 1; i < 20; i++)
                    Assert.Equal(Describe(Rules.Evaluate(Enrich(i))), Describe(logged.Evaluate(Enrich(i), Evidence.None, $"r{i}")));
                Assert.Equal(15, log.Dropped);
                Assert.Equal(4, log.Pending);
                Assert.False(log.Flush(TimeSpan.FromMilliseconds(50)), "a flush cannot finish while the sink is stuck");
                sink.Gate.Set();
                Assert.True(log.Flush(Wait));
                Assert.Equal((5L, 15L, 0L), (log.Written, log.Dropped, log.Failed));
            }
            Assert.Equal(new[] { "r0", "r1", "r2", "r3", "r4" }, sink.Records.Select(r => r.CorrelationId));
            lock (reported)
            {
                Assert.All(reported, e => Assert.Equal(DecisionLogLoss.QueueFull, e.Reason));
                Assert.Equal(15, reported.Sum(e => e.Records));
            }
        }

        [Fact]
        public void Dispose_writes_what_is_queued_then_disposes_the_sink_and_later_records_are_counted_as_dropped()
        {
            var sink = new GatedSink();
            var log = new DecisionLog(sink);
            var logged = Rules.WithDecisionLog(log);
            for (var i = 0; i < 5; i++) logged.Evaluate(Enrich(i), Evidence.None, $"r{i}");
            sink.Gate.Set();
            log.Dispose();
            Assert.Equal(5, sink.Records.Count);
            Assert.True(sink.Disposed);
            var after = logged.Evaluate(Enrich(30), Evidence.None, "late");
            Assert.Equal(Outcome.ConsentRequired, after.Outcome);
            Assert.Equal((5L, 1L), (log.Written, log.Dropped));
            log.Dispose(); // twice is harmless
        }

        [Fact]
        public void The_JSON_Lines_sink_appends_one_line_per_record_across_logs()
        {
            var path = Path.Combine(Path.GetTempPath(), $"declog-{Guid.NewGuid():N}.jsonl");
            try
            {
                for (var run = 0; run < 2; run++)
                {
                    using var log = new DecisionLog(new JsonLinesDecisionSink(path));
                    var logged = Rules.WithDecisionLog(log);
                    for (var i = 0; i < 3; i++) logged.Evaluate(Enrich(10 * i), Evidence.None, $"run{run}-{i}");
                    Assert.True(log.Flush(Wait));
                    // Flushed means on disk and readable while the log is still open.
                    Assert.Equal(3 * (run + 1), File.ReadAllLines(path).Length);
                }
                var bytes = File.ReadAllBytes(path);
                Assert.NotEqual(0xEF, bytes[0]); // no byte-order mark
                var lines = File.ReadAllLines(path);
                Assert.Equal(new[] { "run0-0", "run0-1", "run0-2", "run1-0", "run1-1", "run1-2" },
                    lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("correlation_id").GetString()));
                Assert.Equal(new[] { "permitted", "permitted", "consent-required" },
                    lines.Take(3).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("decision").GetString()));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_request_the_rules_cannot_read_throws_as_before_and_leaves_no_record()
        {
            var sink = new ListSink();
            using var log = new DecisionLog(sink);
            var logged = Rules.WithDecisionLog(log);
            Assert.Throws<InvalidActivityException>(() => logged.Evaluate(TestRules.UnderT1("enrich").With("enrichmnt", 3.0), Evidence.None, "typo"));
            Assert.True(log.Flush(Wait));
            Assert.Empty(sink.Records);
            Assert.Equal(0, log.Written + log.Dropped + log.Failed);
        }
    }
}
