using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// What the decision log (<see cref="RuleSet.WithDecisionLog"/>) costs the evaluating thread, over the
    /// shipped rules and the four requests of <see cref="MixScenario"/> in turn: evaluation without a log (the
    /// baseline), with a log whose sink discards (the queueing alone), and with the JSON Lines file sink (its
    /// background writer competing for the cores). Cleanup prints what the log dropped: a benchmark that drops
    /// records measures the cheaper path of a full queue, so the numbers hold only with none dropped.
    /// </summary>
    [MemoryDiagnoser]
    public class DecisionLogBenchmarks
    {
        private RuleSet rules = null!;
        private RuleSet discarded = null!;
        private RuleSet toFile = null!;
        private DecisionLog discardLog = null!;
        private DecisionLog fileLog = null!;
        private string path = null!;
        private int next;

        [GlobalSetup]
        public void Setup()
        {
            rules = RuleSet.Load(Path.Combine(BatchMeasurement.RepoRoot(), "rules"));
            MixEvaluationBenchmarks.Verify(rules);
            discardLog = new DecisionLog(new NullSink(), capacity: 1 << 20);
            discarded = rules.WithDecisionLog(discardLog);
            path = Path.Combine(Path.GetTempPath(), $"decision-log-benchmark-{Guid.NewGuid():N}.jsonl");
            fileLog = new DecisionLog(new JsonLinesDecisionSink(path), capacity: 1 << 20);
            toFile = rules.WithDecisionLog(fileLog);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            discardLog.Dispose();
            fileLog.Dispose();
            Console.WriteLine($"// decision log: discarding sink wrote {discardLog.Written}, dropped {discardLog.Dropped}; " +
                $"file sink wrote {fileLog.Written}, dropped {fileLog.Dropped}, failed {fileLog.Failed}");
            File.Delete(path);
        }

        [Benchmark(Baseline = true, Description = "no log")]
        public Decision NoLog()
        {
            var (_, activity, evidence) = MixScenario.Requests[next++ % MixScenario.Requests.Length];
            return rules.Evaluate(activity, evidence);
        }

        [Benchmark(Description = "log, discarding sink")]
        public Decision DiscardingSink()
        {
            var (name, activity, evidence) = MixScenario.Requests[next++ % MixScenario.Requests.Length];
            return discarded.Evaluate(activity, evidence, name);
        }

        [Benchmark(Description = "log, JSON Lines file")]
        public Decision JsonLinesFile()
        {
            var (name, activity, evidence) = MixScenario.Requests[next++ % MixScenario.Requests.Length];
            return toFile.Evaluate(activity, evidence, name);
        }

        /// <summary>Takes records and keeps none: the log's own cost, without a sink's.</summary>
        internal sealed class NullSink : IDecisionSink
        {
            public void Write(DecisionRecord record) { }
            public void Flush() { }
        }
    }
}
