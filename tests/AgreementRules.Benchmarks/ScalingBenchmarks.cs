using BenchmarkDotNet.Attributes;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Evaluation cost as the rules grow 1×, 10×, 100× (10, 100, 1,000 rules on one activity, every
    /// one of them evaluated for the request). Linear growth or better is the budget; the smallest
    /// size is the baseline.
    /// </summary>
    [MemoryDiagnoser]
    public class ScalingBenchmarks
    {
        private RuleSet rules = null!;
        private Activity request = null!;

        [Params(10, 100, 1000)]
        public int Rules { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            rules = RuleSet.Parse(GeneratedRules.Text(Rules), "generated.rules");
            // Names its agreement: absent, 'agreements' is unknown and no rule would be evaluated.
            request = Activity.Create("enrich").With("agreements", new[] { "GEN" }).With("material", "uranium").With("enrichment", 25.0)
                .With("quantity", 55.0).With("facility", "sellafield");
        }

        [Benchmark]
        public Decision Evaluate() => rules.Evaluate(request, EnrichmentScenario.BothConsents);
    }
}
