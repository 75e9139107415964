using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// Issue 11, item 6: decisions the analysis cannot follow fail the build (AGR1007 is an error), and the
    /// helpers real code writes — a bool helper over <c>IsPermitted</c>, a helper returning a decision or an
    /// activity — are followed within the compilation, each with a bypass twin.
    /// </summary>
    public class GuardHelperTests
    {
        private static Task Check(string members) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using System;
            using AgreementRules;

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();
                private static Decision cached = RuleSet.Parse("").Evaluate(Activity.Create("reprocess"));
            {{members}}
            }
            """);

        // ---- what cannot be followed is an error, not a warning ----

        [Fact]
        public Task Decision_from_a_static_field_is_an_error() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public class Service
            {
                private static Decision cached = RuleSet.Parse("").Evaluate(Activity.Create("reprocess"));
                public void Work(Line line, Batch batch)
                {
                    if (cached.IsPermitted) line.Run(batch);
                }
            }
            """, expected: new DiagnosticResult(DiagnosticIds.CannotDecide, DiagnosticSeverity.Error).WithLocation(7, 33));

        [Fact]
        public Task Default_decision_is_not_a_guard() => Check("""
                public void Work(Batch batch)
                {
                    Decision decision = default!;
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Decision_reassigned_after_its_check_is_not_a_guard_in_the_not_permitted_branch() => Check("""
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted)
                    {
                        decision = cached;
                        if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                        {|AGR1001:line.Run(batch)|};
                    }
                }
            """);

        [Fact]
        public Task Decision_from_a_helper_with_more_than_one_return_is_an_error() => Check("""
                private Decision Decide(bool fast)
                {
                    if (fast) return cached;
                    return rules.Evaluate(Activity.Create("reprocess"));
                }
                public void Work(Batch batch, bool fast)
                {
                    if (Decide(fast).IsPermitted) {|AGR1007:line.Run(batch)|};
                }
            """);

        // ---- bool helpers over IsPermitted ----

        [Fact]
        public Task Bool_helper_over_IsPermitted_guards() => Check("""
                private static bool Allowed(Decision d) => d.IsPermitted;
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (Allowed(decision)) line.Run(batch);
                    if (!Allowed(decision)) return;
                    line.Run(batch);
                }
            """);

        [Fact]
        public Task Bool_helper_over_a_decision_about_another_activity_is_flagged() => Check("""
                private static bool Allowed(Decision d) => d.IsPermitted;
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("enrich"));
                    if (Allowed(decision)) {|AGR1001:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Bool_helper_that_negates_is_read_the_other_way() => Check("""
                private bool Denied(Decision d)
                {
                    return !d.IsPermitted;
                }
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (Denied(decision)) {|AGR1001:line.Run(batch)|};
                    if (!Denied(decision)) line.Run(batch);
                }
            """);

        [Fact]
        public Task Bool_helper_with_pattern_and_outcome_forms_guards() => Check("""
                private static bool ByPattern(Decision d) => d is { IsPermitted: true };
                private static bool ByOutcome(Decision d) => d.Outcome == Outcome.Permitted;
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (ByPattern(decision)) line.Run(batch);
                    if (ByOutcome(decision)) line.Run(batch);
                }
            """);

        [Fact]
        public Task Bool_helper_that_ignores_its_decision_is_no_guard() => Check("""
                private static bool Allowed(Decision d) => true;
                private static bool Either(Decision d, bool flag) => d.IsPermitted || flag;
                public void Work(Batch batch, bool flag)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (Allowed(decision)) {|AGR1001:line.Run(batch)|};
                    if (Either(decision, flag)) {|AGR1001:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Virtual_bool_helper_is_not_followed() => Check("""
                protected virtual bool Allowed(Decision d) => d.IsPermitted;
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (Allowed(decision)) {|AGR1001:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Bool_helper_reading_a_field_is_an_error() => Check("""
                private static bool Allowed() => cached.IsPermitted;
                public void Work(Batch batch)
                {
                    if (Allowed()) {|AGR1007:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Bool_local_function_helper_guards() => Check("""
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (Allowed(decision)) line.Run(batch);
                    static bool Allowed(Decision d) => d.IsPermitted;
                }
            """);

        [Fact]
        public Task Helpers_calling_each_other_forever_are_an_error_not_a_crash() => Check("""
                private static bool A(Decision d) => B(d);
                private static bool B(Decision d) => A(d);
                public void Work(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (A(decision)) {|AGR1001:line.Run(batch)|};
                }
            """);

        // ---- helpers returning a decision or an activity ----

        [Fact]
        public Task Helper_returning_a_decision_for_a_named_activity_guards() => Check("""
                private Decision Decide(Batch b) => rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                public void Work(Batch batch)
                {
                    var decision = Decide(batch);
                    if (decision.IsPermitted) line.Run(batch);
                    Decide(batch).ThrowIfNotPermitted();
                    line.Run(batch);
                }
            """);

        [Fact]
        public Task Helper_returning_a_decision_for_another_activity_is_flagged() => Check("""
                private Decision Decide(Batch b) => rules.Evaluate(Activity.Create("enrich"));
                public void Work(Batch batch)
                {
                    if (Decide(batch).IsPermitted) {|AGR1001:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Helper_building_the_activity_and_helper_passing_it_through_are_followed() => Check("""
                private static Activity Reprocessing(string material) => Activity.Create("reprocess").With("material", material);
                private Decision Decide(Activity activity) => rules.Evaluate(activity);
                public void Work(Batch batch)
                {
                    if (Decide(Reprocessing("plutonium")).IsPermitted) line.Run(batch);
                    if (Decide(Activity.Create("enrich")).IsPermitted) {|AGR1001:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Helper_with_a_non_constant_kind_is_an_error() => Check("""
                private Decision Decide(string kind) => rules.Evaluate(Activity.Create(kind));
                public void Work(Batch batch)
                {
                    if (Decide("reprocess").IsPermitted) {|AGR1007:line.Run(batch)|};
                }
            """);
    }
}
