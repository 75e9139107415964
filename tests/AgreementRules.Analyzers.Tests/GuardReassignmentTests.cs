using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// A guard means "the decision (and the activity it was evaluated for) held now was checked", not "some decision
    /// for this activity was permitted earlier on this path": any write to a local the checked decision came through
    /// ends the guard it established. Where the write can be followed the call is AGR1001; where it cannot (ref, out,
    /// deconstruction, compound assignment, a lambda or local function writing it) the check proves nothing (AGR1007).
    /// Each case has a clean twin where the new decision is checked again.
    /// </summary>
    public class GuardReassignmentTests
    {
        private static Task Check(string body, string members = "") => AGR1001UnguardedRegulatedCallTests.Check(body, members);

        [Fact]
        public Task Decision_reevaluated_for_other_facts_after_the_check_is_flagged() => Check("""
                    var activity = Activity.Create("reprocess");
                    var decision = rules.Evaluate(activity);
                    decision.ThrowIfNotPermitted();
                    line.Run(batch);
                    decision = rules.Evaluate(activity.With("material", "plutonium"));
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_reevaluated_and_checked_again_is_clean() => Check("""
                    var activity = Activity.Create("reprocess");
                    var decision = rules.Evaluate(activity);
                    decision.ThrowIfNotPermitted();
                    line.Run(batch);
                    decision = rules.Evaluate(activity.With("material", "plutonium"));
                    decision.ThrowIfNotPermitted();
                    line.Run(batch);
            """);

        [Fact]
        public Task Decision_reassigned_inside_the_guarded_branch_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted)
                    {
                        line.Run(batch);
                        decision = rules.Evaluate(Activity.Create("reprocess").With("quantity", 10));
                        {|AGR1001:line.Run(batch)|};
                    }
            """);

        [Fact]
        public Task Decision_reassigned_after_an_early_return_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) return;
                    decision = rules.Evaluate(Activity.Create("reprocess"));
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_aliased_to_another_unchecked_decision_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var other = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    decision.ThrowIfNotPermitted();
                    decision = other;
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Guard_through_a_copy_ends_when_the_original_is_reassigned() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var copy = decision;
                    copy.ThrowIfNotPermitted();
                    line.Run(batch);
                    decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Flag_read_before_the_decision_was_reassigned_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var allowed = decision.IsPermitted;
                    decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    if (allowed) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Writing_an_unrelated_decision_keeps_the_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    var enrich = rules.Evaluate(Activity.Create("enrich"));
                    enrich = rules.Evaluate(Activity.Create("enrich").With("enrichment", 4.0));
                    line.Run(batch);
            """);

        [Fact]
        public Task Decision_reassigned_on_one_branch_is_flagged_after_the_merge() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    if (flag) decision = rules.Evaluate(Activity.Create("reprocess").With("quantity", n));
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_reassigned_on_the_loop_back_edge_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    foreach (var item in batches)
                    {
                        {|AGR1001:line.Run(item)|};
                        decision = rules.Evaluate(Activity.Create("reprocess").With("quantity", 10));
                    }
            """);

        [Fact]
        public Task Decision_reassigned_in_a_finally_is_flagged_after_it() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    try { line.Run(batch); }
                    finally { decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium")); }
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_reassigned_and_checked_in_a_finally_is_clean_after_it() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    try { line.Run(batch); }
                    finally
                    {
                        decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                        decision.ThrowIfNotPermitted();
                    }
                    line.Run(batch);
            """);

        [Fact]
        public Task Guard_from_a_helper_ends_when_its_decision_is_reassigned() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    Require(decision);
                    line.Run(batch);
                    decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    {|AGR1001:line.Run(batch)|};
            """, """
                private static void Require(Decision decision) => decision.ThrowIfNotPermitted();
            """);

        [Fact]
        public Task Decision_reevaluated_and_checked_in_each_round_is_clean() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    foreach (var item in batches)
                    {
                        line.Run(item);
                        decision = rules.Evaluate(Activity.Create("reprocess").With("quantity", 10));
                        decision.ThrowIfNotPermitted();
                    }
            """);

        [Theory]
        [InlineData("out")]
        [InlineData("ref")]
        public Task Decision_replaced_through_ref_or_out_after_the_check_is_not_trusted(string kind) => Check($$"""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    Replace({{kind}} decision);
                    {|AGR1007:line.Run(batch)|};
            """, $$"""
                private void Replace({{kind}} Decision decision) => decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
            """);

        [Fact]
        public Task Decision_replaced_by_deconstruction_after_the_check_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    (decision, n) = (rules.Evaluate(Activity.Create("reprocess").With("quantity", 10)), 1);
                    {|AGR1007:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_replaced_by_compound_assignment_after_the_check_is_not_trusted() => Check("""
                    Decision? decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    decision ??= rules.Evaluate(Activity.Create("reprocess").With("quantity", 10));
                    {|AGR1007:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_replaced_by_a_lambda_after_the_check_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    Action replace = () => decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    replace();
                    {|AGR1007:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_replaced_by_a_local_function_after_the_check_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    Replace();
                    {|AGR1007:line.Run(batch)|};
                    void Replace() => decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
            """);

        [Fact]
        public Task Lambda_created_under_the_guard_and_run_after_a_reassignment_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    Action run = () => {|AGR1001:line.Run(batch)|};
                    decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    run();
            """);

        [Fact]
        public Task Activity_reassigned_after_the_check_ends_the_guard() => Check("""
                    var activity = Activity.Create("reprocess");
                    var decision = rules.Evaluate(activity);
                    decision.ThrowIfNotPermitted();
                    line.Run(batch);
                    activity = activity.With("material", "plutonium");
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Activity_reassigned_then_reevaluated_and_checked_is_clean() => Check("""
                    var activity = Activity.Create("reprocess");
                    var decision = rules.Evaluate(activity);
                    decision.ThrowIfNotPermitted();
                    activity = activity.With("material", "plutonium");
                    decision = rules.Evaluate(activity);
                    decision.ThrowIfNotPermitted();
                    line.Run(batch);
            """);

        [Fact]
        public Task Fresh_evaluation_of_a_changed_activity_is_not_covered_by_the_old_check() => Check("""
                    var activity = Activity.Create("reprocess");
                    rules.Evaluate(activity).ThrowIfNotPermitted();
                    activity = activity.With("material", "plutonium");
                    var fresh = rules.Evaluate(activity);
                    {|AGR1001:line.Run(batch)|};
            """);
    }
}
