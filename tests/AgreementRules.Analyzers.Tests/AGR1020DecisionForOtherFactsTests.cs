using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// Issue 11, item 7 (AGR1020): a regulated member's [ActivityFact] parameters, and a whole Activity parameter, must
    /// receive the values the permitted decision was evaluated with. Each bypass has its guarded twin.
    /// </summary>
    public class AGR1020DecisionForOtherFactsTests
    {
        private static Task Check(string members) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using System;
            using AgreementRules;

            public class Enricher
            {
                [Regulated("enrich")] public void Enrich(Batch batch, [ActivityFact("enrichment")] double level) { }
                [Regulated("enrich")] public void EnrichAs(Activity activity) { }
                [Regulated("enrich")] public void EnrichUnder(Batch batch, [ActivityFact("assurances")] System.Collections.Generic.List<string> assurances) { }
            }

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Enricher enricher = new Enricher();
            {{members}}
            }
            """);

        [Fact]
        public Task Decision_for_another_level_is_flagged() => Check("""
                public void Work(Batch batch)
                {
                    rules.Evaluate(Activity.Create("enrich").With("enrichment", 4.0)).ThrowIfNotPermitted();
                    {|AGR1020:enricher.Enrich(batch, 25.0)|};
                }
            """);

        [Fact]
        public Task Decision_for_the_same_constant_is_clean() => Check("""
                public void Work(Batch batch)
                {
                    rules.Evaluate(Activity.Create("enrich").With("enrichment", 4.0)).ThrowIfNotPermitted();
                    enricher.Enrich(batch, 4.0);
                    enricher.Enrich(batch, 4); // the same number
                }
            """);

        [Fact]
        public Task Decision_for_the_same_parameter_is_clean() => Check("""
                public void Work(Batch batch, double level)
                {
                    var decision = rules.Evaluate(Activity.Create("enrich").With("material", "uranium").With("enrichment", level));
                    if (decision.IsPermitted) enricher.Enrich(batch, level);
                }
            """);

        [Fact]
        public Task Parameter_written_after_the_decision_is_flagged() => Check("""
                public void Work(Batch batch, double level)
                {
                    var decision = rules.Evaluate(Activity.Create("enrich").With("enrichment", level));
                    level = level * 5;
                    if (decision.IsPermitted) {|AGR1020:enricher.Enrich(batch, level)|};
                }
            """);

        [Fact]
        public Task Local_written_twice_is_flagged_and_a_local_written_once_is_clean() => Check("""
                public void Work(Batch batch, double requested)
                {
                    var once = requested + 1;
                    var twice = requested;
                    var decision = rules.Evaluate(Activity.Create("enrich").With("enrichment", once));
                    if (decision.IsPermitted) enricher.Enrich(batch, once);
                    var other = rules.Evaluate(Activity.Create("enrich").With("enrichment", twice));
                    twice = 25;
                    if (other.IsPermitted) {|AGR1020:enricher.Enrich(batch, twice)|};
                }
            """);

        [Fact]
        public Task Decision_without_the_fact_is_flagged() => Check("""
                public void Work(Batch batch, double level)
                {
                    rules.Evaluate(Activity.Create("enrich")).ThrowIfNotPermitted();
                    {|AGR1020:enricher.Enrich(batch, level)|};
                }
            """);

        [Fact]
        public Task Value_that_is_not_a_local_parameter_or_constant_is_flagged() => Check("""
                private double current = 4.0;
                public void Work(Batch batch)
                {
                    rules.Evaluate(Activity.Create("enrich").With("enrichment", current)).ThrowIfNotPermitted();
                    {|AGR1020:enricher.Enrich(batch, current)|};
                }
            """);

        [Fact]
        public Task Fact_name_that_is_not_a_constant_forgets_the_facts() => Check("""
                public void Work(Batch batch, string name)
                {
                    rules.Evaluate(Activity.Create("enrich").With("enrichment", 4.0).With(name, 25.0)).ThrowIfNotPermitted();
                    {|AGR1020:enricher.Enrich(batch, 4.0)|};
                }
            """);

        [Fact]
        public Task Paths_that_disagree_on_the_value_are_flagged() => Check("""
                public void Work(Batch batch, bool high)
                {
                    var decision = high
                        ? rules.Evaluate(Activity.Create("enrich").With("enrichment", 25.0))
                        : rules.Evaluate(Activity.Create("enrich").With("enrichment", 4.0));
                    if (decision.IsPermitted) {|AGR1020:enricher.Enrich(batch, 4.0)|};
                }
            """);

        [Fact]
        public Task Whole_activity_must_be_the_evaluated_one() => Check("""
                public void Work(Batch batch, double level)
                {
                    var activity = Activity.Create("enrich").With("enrichment", level);
                    var decision = rules.Evaluate(activity);
                    if (!decision.IsPermitted) return;
                    enricher.EnrichAs(activity);
                    {|AGR1020:enricher.EnrichAs(activity.With("enrichment", 25.0))|};
                    {|AGR1020:enricher.EnrichAs(Activity.Create("enrich"))|};
                }
            """);

        [Fact]
        public Task Regulated_caller_passes_its_own_fact_parameter_on() => Check("""
                [Regulated("enrich")]
                public void EnrichAll(Batch[] batches, [ActivityFact("enrichment")] double level)
                {
                    foreach (var batch in batches) enricher.Enrich(batch, level);
                }
                [Regulated("enrich")]
                public void EnrichHigher(Batch batch, [ActivityFact("enrichment")] double level)
                {
                    {|AGR1020:enricher.Enrich(batch, level + 1)|};
                }
                [Regulated("enrich")]
                public void EnrichWithoutTheFact(Batch batch, double level)
                {
                    {|AGR1020:enricher.Enrich(batch, level)|};
                }
            """);

        [Fact]
        public Task Permit_scope_carries_the_facts_too() => Check("""
                public void Work(Batch batch, double level)
                {
                    using var permit = rules.Evaluate(Activity.Create("enrich").With("enrichment", level)).Permit();
                    enricher.Enrich(batch, level);
                    {|AGR1020:enricher.Enrich(batch, 25.0)|};
                }
            """);

        [Fact]
        public Task Loop_reading_a_new_value_each_round_is_checked_each_round() => Check("""
                public void Work(Batch batch, double[] levels)
                {
                    foreach (var level in levels)
                    {
                        var decision = rules.Evaluate(Activity.Create("enrich").With("enrichment", level));
                        if (decision.IsPermitted) enricher.Enrich(batch, level);
                    }
                    Decision? first = null;
                    foreach (var level in levels)
                    {
                        first ??= rules.Evaluate(Activity.Create("enrich").With("enrichment", level));
                        if (first.IsPermitted) {|AGR1007:enricher.Enrich(batch, level)|};
                    }
                }
            """);
    

        [Fact]
        public Task A_list_that_may_change_after_the_decision_is_no_proof() => Check("""
                public void Work(Batch batch)
                {
                    var assurances = new System.Collections.Generic.List<string> { "peaceful-use" };
                    rules.Evaluate(Activity.Create("enrich").With("assurances", assurances)).ThrowIfNotPermitted();
                    assurances.Clear();
                    {|AGR1020:enricher.EnrichUnder(batch, assurances)|};
                }
            """);
    }
}
