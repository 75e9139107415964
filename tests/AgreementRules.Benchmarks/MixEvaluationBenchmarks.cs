using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Evaluation over the shipped rules/ (all seven files loaded), on the four requests of
    /// <see cref="MixScenario"/> one at a time and in turn, against the same decisions hand-written in
    /// C# (the baseline). Setup fails unless both build the same decision for every request.
    /// </summary>
    [MemoryDiagnoser]
    public class MixEvaluationBenchmarks
    {
        public const string Mix = "mix (the four in turn)";

        private RuleSet rules = null!;
        private RuleSet emitted = null!;
        private (string name, Activity activity, Evidence evidence)[] requests = null!;
        private int next;

        [Params("enrichment 25 %, consents on record", "reprocessing, programmatic consent", "transfer US to JP, notice on record",
            "Annex B category I, protection II", Mix)]
        public string Request { get; set; } = Mix;

        [GlobalSetup]
        public void Setup()
        {
            rules = RuleSet.Load(Path.Combine(BatchMeasurement.RepoRoot(), "rules"));
            requests = Request == Mix ? MixScenario.Requests : MixScenario.Requests.Where(r => r.name == Request).ToArray();
            if (requests.Length == 0) throw new InvalidOperationException("no request named " + Request);
            Verify(rules);
            emitted = EmittedShippedRules.Attach(rules);
            Verify(emitted);
        }

        /// <summary>
        /// Throws unless the hand-written code and the rules give the same decision for every request of the mix,
        /// and, for rules with emitted C#, unless the emitted code answers each itself (not the runtime's path).
        /// </summary>
        public static void Verify(RuleSet rules)
        {
            foreach (var (name, activity, evidence) in MixScenario.Requests)
            {
                if (rules.HasEmitted && !rules.EmittedAnswers(activity, evidence))
                    throw new InvalidOperationException($"'{name}': the emitted C# leaves the request to the runtime's path");
                var difference = DecisionComparison.Difference(rules.Evaluate(activity, evidence), MixScenario.HandWritten(activity, evidence));
                if (difference != null) throw new InvalidOperationException($"'{name}': the hand-written decision differs: {difference}");
            }
        }

        [Benchmark(Baseline = true, Description = "hand-written C#")]
        public Decision HandWritten()
        {
            var (_, activity, evidence) = requests[next++ % requests.Length];
            return MixScenario.HandWritten(activity, evidence);
        }

        [Benchmark(Description = "AgreementRules")]
        public Decision AgreementRules()
        {
            var (_, activity, evidence) = requests[next++ % requests.Length];
            return rules.Evaluate(activity, evidence);
        }

        [Benchmark(Description = "AgreementRules, emitted C#")]
        public Decision EmittedCSharp()
        {
            var (_, activity, evidence) = requests[next++ % requests.Length];
            return emitted.Evaluate(activity, evidence);
        }
    }
}
