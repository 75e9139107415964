using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using RulesEngine.Models;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Evaluation: AgreementRules against the same decision hand-written in C# (the floor, the
    /// baseline) and against Microsoft RulesEngine 6.0.1 on equivalent rules (the same three
    /// conditions as lambda expressions; the outcome read from which rules succeeded, with the same
    /// consent check on the evidence). RulesEngine answers with its per-rule results (its trace),
    /// not a decision with citations and requirements, so it does a little less than the other two.
    /// </summary>
    [MemoryDiagnoser]
    public class EvaluationBenchmarks
    {
        public sealed class EnrichInput
        {
            public string Material { get; set; } = "uranium";
            public double Enrichment { get; set; }
            public string Purpose { get; set; } = "peaceful";
        }

        private RuleSet rules = null!;
        private Activity request = null!;
        private Evidence evidence = null!;
        private global::RulesEngine.RulesEngine rulesEngine = null!;
        private EnrichInput input = null!;

        [Params(19.99, 25.0)]
        public double Enrichment { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            rules = RuleSet.Parse(EnrichmentScenario.Rules, "scenario.rules");
            request = EnrichmentScenario.Request(Enrichment);
            evidence = EnrichmentScenario.BothConsents;
            input = new EnrichInput { Enrichment = Enrichment };
            var workflow = new Workflow
            {
                WorkflowName = "enrich",
                Rules = new List<Rule>
                {
                    new() { RuleName = "enrich-leu", Expression = "input1.Enrichment < 20", SuccessEvent = "permitted" },
                    new() { RuleName = "enrich-heu", Expression = "input1.Enrichment >= 20", SuccessEvent = "consent JP, US" },
                    new() { RuleName = "peaceful-only", Expression = "input1.Purpose != \"peaceful\"", SuccessEvent = "prohibited" },
                },
            };
            rulesEngine = new global::RulesEngine.RulesEngine(new[] { workflow }, new ReSettings());
            // The three must agree, or the comparison means nothing: the hand-written decision field by field, RulesEngine's outcome.
            var expected = rules.Evaluate(request, evidence);
            var difference = DecisionComparison.Difference(expected, EnrichmentScenario.HandWritten(request, evidence));
            if (difference != null) throw new System.InvalidOperationException("the hand-written decision differs: " + difference);
            if (ViaRulesEngine() != expected.Outcome)
                throw new System.InvalidOperationException("RulesEngine's outcome differs; fix the scenario before measuring");
        }

        [Benchmark(Baseline = true, Description = "hand-written C#")]
        public Decision HandWritten() => EnrichmentScenario.HandWritten(request, evidence);

        [Benchmark(Description = "AgreementRules")]
        public Decision AgreementRules() => rules.Evaluate(request, evidence);

        [Benchmark(Description = "RulesEngine 6.0.1")]
        public Outcome RulesEngine() => ViaRulesEngine();

        private Outcome ViaRulesEngine()
        {
            var results = rulesEngine.ExecuteAllRulesAsync("enrich", input).GetAwaiter().GetResult();
            var events = results.Where(r => r.IsSuccess).Select(r => r.Rule.SuccessEvent).ToList();
            if (events.Contains("prohibited")) return Outcome.Prohibited;
            if (events.Contains("consent JP, US"))
                return EnrichmentScenario.HasPrior(evidence, "JP") && EnrichmentScenario.HasPrior(evidence, "US") ? Outcome.Permitted : Outcome.ConsentRequired;
            return events.Contains("permitted") ? Outcome.Permitted : Outcome.Undetermined;
        }
    }
}
