using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR1002: a regulated member turned into a delegate or reached through reflection outside a guard.</summary>
    public class AGR1002RegulatedMemberEscapesTests
    {
        private static Task Check(string body) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using System;
            using System.Collections.Generic;
            using System.Reflection;
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
        public Task Delegate_creation_and_a_regulated_local_function_as_a_method_group_are_flagged() => Check("""
                    var run = new Action<Batch>({|AGR1002:line.Run|});
                    Action local = {|AGR1002:Reprocess|};
                    [Regulated("reprocess")] void Reprocess() => line.Run(batch);
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
        public Task Reflection_by_InvokeMember_runtime_and_declared_lookups_and_CreateDelegate_is_flagged() => Check("""
                    {|AGR1002:typeof(Line).InvokeMember("Run", BindingFlags.InvokeMethod, null, line, new object[] { batch })|};
                    var runtime = {|AGR1002:typeof(Line).GetRuntimeMethod("Run", new[] { typeof(Batch) })|};
                    var declared = {|AGR1002:typeof(Line).GetTypeInfo().GetDeclaredMethod("Run")|};
                    var all = {|AGR1002:typeof(Line).GetTypeInfo().DeclaredMethods|};
                    var made = {|AGR1002:Delegate.CreateDelegate(typeof(Action<Batch>), line, "Run")|};
                    var anyName = {|AGR1002:typeof(Line).GetMethod(batch.ToString())|};
            """);

        [Fact]
        public Task Reflection_on_unregulated_members_or_under_a_guard_is_clean() => Check("""
                    var shelves = typeof(Vault).GetProperty("Shelves");
                    var text = typeof(string).GetMethod("Trim", Type.EmptyTypes);
                    var declared = typeof(Vault).GetTypeInfo().GetDeclaredProperty("Shelves");
                    var made = Delegate.CreateDelegate(typeof(Func<string>), "text", "Trim");
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) typeof(Line).GetMethod("Run")!.Invoke(line, new object[] { batch });
            """);
    }
}
