using System.Threading.Tasks;
using AgreementRules.CodeFixes;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// Fix All (the IDE's "fix all in document/project/solution", and <c>dotnet format analyzers</c>) for the AGR1001
    /// fixes. The fixes interact: each guard declares a decision local, so two in one block need two names, a call
    /// inside a lambda of a fixed statement is fixed inside the new guard, and the using directive is added once.
    /// </summary>
    public class FixAllTests
    {
        private const string Unguarded = """
            public class Service
            {
                private readonly Line line = new Line();

                public void Work(AgreementRules.RuleSet rules, Batch batch, System.Action<System.Action> later)
                {
                    {|AGR1001:line.Run(batch)|};
                    {|AGR1001:line.Run(batch)|};
                    later(() =>
                    {
                        {|AGR1001:line.Run(batch)|};
                    });
                }
            }
            """;

        private const string UnguardedElsewhere = """
            public class Other
            {
                public void Work(AgreementRules.RuleSet rules, Cascade cascade, Batch batch)
                {
                    {|AGR1001:cascade.Run(batch)|};
                }
            }
            """;

        private const string Guarded = """
            using AgreementRules;

            public class Service
            {
                private readonly Line line = new Line();

                public void Work(AgreementRules.RuleSet rules, Batch batch, System.Action<System.Action> later)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted)
                    {
                        line.Run(batch);
                    }
                    var decision2 = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision2.IsPermitted)
                    {
                        line.Run(batch);
                    }
                    later(() =>
                    {
                        var decision3 = rules.Evaluate(Activity.Create("reprocess"));
                        if (decision3.IsPermitted)
                        {
                            line.Run(batch);
                        }
                    });
                }
            }
            """;

        private const string GuardedElsewhere = """
            using AgreementRules;

            public class Other
            {
                public void Work(AgreementRules.RuleSet rules, Cascade cascade, Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted)
                    {
                        cascade.Run(batch);
                    }
                }
            }
            """;

        [Fact]
        public Task Guard_with_decision_fixes_every_call_in_one_pass_with_a_name_each() =>
            Verify.FixAll<UnguardedRegulatedUseAnalyzer, GuardWithDecisionFixer>(
                new[] { Unguarded, UnguardedElsewhere },
                new[] { Guarded, GuardedElsewhere },
                new[] { Guarded, GuardedElsewhere },
                incrementalIterations: 4);

        private const string TwoGuardsNested = """
            using AgreementRules;

            public class Service
            {
                public void Work(RuleSet rules, Line line, Vault vault, Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted)
                    {
                        System.Console.WriteLine(line.TryRun(batch) && line.TryRun(batch));
                    }
                    var decision2 = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision2.IsPermitted)
                    {
                        var decision3 = rules.Evaluate(Activity.Create("store"));
                        if (decision3.IsPermitted)
                        {
                            System.Console.WriteLine(line.TryRun(batch) ? 1 : vault.Capacity);
                        }
                    }
                }
            }
            """;

        /// <summary>Two regulated calls in one statement: one guard per activity, the second inside the first.</summary>
        [Fact]
        public Task Guard_with_decision_nests_the_guards_of_two_activities_in_one_statement() =>
            Verify.FixAll<UnguardedRegulatedUseAnalyzer, GuardWithDecisionFixer>(
                new[] { """
                    using AgreementRules;

                    public class Service
                    {
                        public void Work(RuleSet rules, Line line, Vault vault, Batch batch)
                        {
                            System.Console.WriteLine({|AGR1001:line.TryRun(batch)|} && {|AGR1001:line.TryRun(batch)|});
                            System.Console.WriteLine({|AGR1001:line.TryRun(batch)|} ? 1 : {|AGR1001:vault.Capacity|});
                        }
                    }
                    """ },
                new[] { TwoGuardsNested },
                new[] { TwoGuardsNested },
                incrementalIterations: 3);

        /// <summary>
        /// Calls one after another share the check inserted before the first; after the decision is written again Fix
        /// All checks again. (Fixed one at a time, the analyzer already accepts the last call after the first check.)
        /// </summary>
        [Fact]
        public Task Throw_if_not_permitted_is_inserted_once_per_decision_in_a_block() =>
            Verify.FixAll<UnguardedRegulatedUseAnalyzer, InsertThrowIfNotPermittedFixer>(
                new[] { """
                    using AgreementRules;

                    public class Service
                    {
                        public void Work(RuleSet rules, Line line, Batch batch)
                        {
                            var decision = rules.Evaluate(Activity.Create("reprocess"));
                            {|AGR1001:line.Run(batch)|};
                            System.Console.WriteLine({|AGR1001:line.TryRun(batch)|} && {|AGR1001:line.TryRun(batch)|});
                            decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                            {|AGR1001:line.Run(batch)|};
                        }
                    }
                    """ },
                new[] { """
                    using AgreementRules;

                    public class Service
                    {
                        public void Work(RuleSet rules, Line line, Batch batch)
                        {
                            var decision = rules.Evaluate(Activity.Create("reprocess"));
                            decision.ThrowIfNotPermitted();
                            line.Run(batch);
                            System.Console.WriteLine(line.TryRun(batch) && line.TryRun(batch));
                            decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                            line.Run(batch);
                        }
                    }
                    """ },
                new[] { """
                    using AgreementRules;

                    public class Service
                    {
                        public void Work(RuleSet rules, Line line, Batch batch)
                        {
                            var decision = rules.Evaluate(Activity.Create("reprocess"));
                            decision.ThrowIfNotPermitted();
                            line.Run(batch);
                            System.Console.WriteLine(line.TryRun(batch) && line.TryRun(batch));
                            decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                            decision.ThrowIfNotPermitted();
                            line.Run(batch);
                        }
                    }
                    """ },
                incrementalIterations: 1);
    }
}
