using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// A rule set with a decision log and the <c>Evaluate</c> overload that takes a correlation id (issue 16):
    /// its decision guards a regulated call as any decision does, and not checking it is still flagged.
    /// </summary>
    public class DecisionLogGuardTests
    {
        [Fact]
        public Task A_decision_evaluated_with_a_correlation_id_through_a_logged_rule_set_guards_the_call() =>
            AGR1001UnguardedRegulatedCallTests.Check("""
                    using var log = new DecisionLog(new JsonLinesDecisionSink("decisions.jsonl"));
                    var decision = rules.WithDecisionLog(log).Evaluate(Activity.Create("reprocess").With("material", "plutonium"), Evidence.None, "batch-7");
                    if (decision.IsPermitted) line.Run(batch);
            """);

        [Fact]
        public Task A_logged_decision_that_is_not_checked_guards_nothing() =>
            AGR1001UnguardedRegulatedCallTests.Check("""
                    using var log = new DecisionLog(new JsonLinesDecisionSink("decisions.jsonl"));
                    var decision = rules.WithDecisionLog(log).Evaluate(Activity.Create("reprocess"), Evidence.None, "batch-7");
                    {|AGR1001:line.Run(batch)|};
            """);
    }
}
