using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR1002: a regulated member turned into a delegate or reached through reflection outside a guard.</summary>
    public class AGR1002RegulatedMemberEscapesTests
    {
        private static Task Check(string body) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using System;
            using System.Collections.Generic;
            using AgreementRules;

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();

                public void Work(Batch batch, List<Batch> batches)
                {
            {{body}}
                }
            }
            """);

        [Fact]
        public Task Method_group_outside_a_guard_is_flagged() => Check("""
                    Action<Batch> run = {|AGR1002:line.Run|};
                    batches.ForEach({|AGR1002:line.Run|});
            """);

        [Fact]
        public Task Method_group_under_a_guard_is_clean() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) batches.ForEach(line.Run);
            """);

        [Fact]
        public Task Reflection_outside_a_guard_is_flagged() => Check("""
                    var method = {|AGR1002:typeof(Line).GetMethod("Run")|};
                    method!.Invoke(line, new object[] { batch });
                    var reactor = {|AGR1002:Activator.CreateInstance<Reactor>()|};
                    var other = {|AGR1002:Activator.CreateInstance(typeof(Reactor))|};
                    var viaInstance = {|AGR1002:line.GetType().GetMethod("TryRun")|};
            """);

        [Fact]
        public Task Reflection_on_unregulated_members_or_under_a_guard_is_clean() => Check("""
                    var shelves = typeof(Vault).GetProperty("Shelves");
                    var text = typeof(string).GetMethod("Trim", Type.EmptyTypes);
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) typeof(Line).GetMethod("Run")!.Invoke(line, new object[] { batch });
            """);
    }
}
