using System;
using System.Globalization;
using System.IO;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// A fixed number of evaluations and nothing else, for counting instructions under
    /// <c>valgrind --tool=callgrind</c>: the count does not depend on what else the machine runs.
    /// Run it for n and 2n; the difference over n is the cost of one evaluation, without start-up and JIT.
    /// Use DOTNET_TieredCompilation=0 so the code measured is the optimised code from the first call.
    /// Run: DOTNET_TieredCompilation=0 valgrind --tool=callgrind dotnet AgreementRules.Benchmarks.dll loop {hand|rules|derived|eager|emitted|logged} {0-3|all|one|rules<count>} n
    /// ("derived": as "rules", reading every derived fact of each answer, which <see cref="Decision.Derived"/> computes on
    /// first read; "emitted": the shipped rules deciding through their emitted C#, <see cref="EmittedShippedRules"/>; "logged": the
    /// shipped rules with a decision log appending every record to a JSON Lines file, written out before the loop ends,
    /// so its background writer's instructions are counted too).
    /// </summary>
    public static class InstructionLoop
    {
        public static int Run(string[] args)
        {
            var hand = args[0] == "hand";
            var emitted = args[0] == "emitted";
            var logged = args[0] == "logged";
            // "eager": as "derived", with the rule set computing them during each evaluation (RuleSet.WithEagerDerivedFacts).
            var eager = args[0] == "eager";
            var derived = args[0] == "derived" || eager;
            var which = args[1];
            var n = int.Parse(args[2], CultureInfo.InvariantCulture);
            if (which == "one") return One(hand, n);
            if (which.StartsWith("rules", StringComparison.Ordinal)) return Scaling(int.Parse(which.Substring(5), CultureInfo.InvariantCulture), n);
            var rules = RuleSet.Load(Path.Combine(BatchMeasurement.RepoRoot(), "rules"));
            if (emitted) rules = EmittedShippedRules.Attach(rules);
            if (eager) rules = rules.WithEagerDerivedFacts();
            MixEvaluationBenchmarks.Verify(rules);
            var logPath = Path.Combine(Path.GetTempPath(), $"decision-log-loop-{Guid.NewGuid():N}.jsonl");
            var log = logged ? new DecisionLog(new JsonLinesDecisionSink(logPath), capacity: n + 1) : null;
            if (log != null) rules = rules.WithDecisionLog(log);
            var requests = which == "all" ? MixScenario.Requests : new[] { MixScenario.Requests[int.Parse(which, CultureInfo.InvariantCulture)] };
            var permitted = 0;
            var derivedFacts = 0;
            for (var i = 0; i < n; i++)
            {
                var (_, activity, evidence) = requests[i % requests.Length];
                var decision = hand ? MixScenario.HandWritten(activity, evidence) : rules.Evaluate(activity, evidence, "loop");
                if (decision.IsPermitted) permitted++;
                if (derived)
                    foreach (var pair in decision.Derived)
                        if (pair.Value != null) derivedFacts++;
                // Under valgrind the writer thread gets few time slices: without a wait now and then the queue grows
                // to the whole run and valgrind's heap runs out (the runtime aborts). A flush per 500 costs next to nothing per evaluation.
                if (log != null && (i + 1) % 500 == 0) log.Flush(System.Threading.Timeout.InfiniteTimeSpan);
            }
            Console.WriteLine(derived ? $"{permitted} permitted, {derivedFacts} derived facts read" : permitted.ToString(CultureInfo.InvariantCulture));
            if (log == null) return 0;
            log.DisposeTimeout = System.Threading.Timeout.InfiniteTimeSpan;
            log.Dispose();
            File.Delete(logPath);
            Console.WriteLine($"logged {log.Written}, dropped {log.Dropped}, failed {log.Failed}");
            return log.Written == n ? 0 : 1;
        }

        /// <summary>The request of <see cref="ScalingBenchmarks"/> over that many generated rules ("rules1000").</summary>
        private static int Scaling(int count, int n)
        {
            var benchmark = new ScalingBenchmarks { Rules = count };
            benchmark.Setup();
            var permitted = 0;
            for (var i = 0; i < n; i++)
                if (benchmark.Evaluate().IsPermitted) permitted++;
            Console.WriteLine(permitted);
            return 0;
        }

        /// <summary>The one-condition rule of <see cref="OneConditionBenchmarks"/>: the engine's fixed cost per evaluation.</summary>
        private static int One(bool hand, int n)
        {
            var benchmark = new OneConditionBenchmarks();
            benchmark.Setup();
            var permitted = 0;
            for (var i = 0; i < n; i++)
                if (hand ? benchmark.HandWritten() : benchmark.AgreementRules()) permitted++;
            Console.WriteLine(permitted);
            return 0;
        }
    }
}
