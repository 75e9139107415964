using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>Issue 11, item 8: <c>decision.Permit()</c> guards what follows it, as ThrowIfNotPermitted does; its bypass twins.</summary>
    public class PermitScopeGuardTests
    {
        private static Task Check(string body) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using System;
            using AgreementRules;

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();
                public void Work(Batch batch, Decision passedIn)
                {
            {{body}}
                }
            }
            """);

        [Fact]
        public Task Using_declaration_of_a_permit_guards_the_rest_of_the_block() => Check("""
                    using var permit = rules.Evaluate(Activity.Create("reprocess")).Permit();
                    line.Run(batch);
            """);

        [Fact]
        public Task Call_before_the_permit_is_flagged() => Check("""
                    {|AGR1001:line.Run(batch)|};
                    using var permit = rules.Evaluate(Activity.Create("reprocess")).Permit();
            """);

        [Fact]
        public Task Permit_for_another_activity_is_flagged() => Check("""
                    using var permit = rules.Evaluate(Activity.Create("enrich")).Permit();
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Permit_only_on_one_branch_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (batch != null) decision.Permit();
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Permit_of_a_decision_passed_in_cannot_be_decided() => Check("""
                    using var permit = passedIn.Permit();
                    {|AGR1007:line.Run(batch)|};
            """);
    

        // Fail closed: once the checked variable is written, the analysis no longer knows which decision the
        // permit stands for (the guard ends at a write, as for ThrowIfNotPermitted), so the call is flagged.
        [Fact]
        public Task Permit_then_the_checked_decision_overwritten_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    using var permit = decision.Permit();
                    decision = rules.Evaluate(Activity.Create("enrich"));
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Permit_then_another_variable_written_still_guards() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    using var permit = decision.Permit();
                    var other = rules.Evaluate(Activity.Create("enrich"));
                    line.Run(batch);
            """);
    }
}
