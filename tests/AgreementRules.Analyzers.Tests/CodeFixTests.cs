using System.Threading.Tasks;
using AgreementRules.CodeFixes;

namespace AgreementRules.Analyzers.Tests
{
    public class CodeFixTests
    {
        [Fact]
        public Task Wraps_the_call_using_the_RuleSet_in_scope() =>
            Verify.CodeFix<UnguardedRegulatedUseAnalyzer, GuardWithDecisionFixer>("""
                using AgreementRules;

                public class Service
                {
                    private readonly Line line = new Line();

                    public void Work(RuleSet rules, Batch batch)
                    {
                        {|AGR1001:line.Run(batch)|};
                    }
                }
                """, """
                using AgreementRules;

                public class Service
                {
                    private readonly Line line = new Line();

                    public void Work(RuleSet rules, Batch batch)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (decision.IsPermitted)
                        {
                            line.Run(batch);
                        }
                    }
                }
                """);

        [Fact]
        public Task Without_a_RuleSet_in_scope_loads_one_as_a_placeholder() =>
            Verify.CodeFix<UnguardedRegulatedUseAnalyzer, GuardWithDecisionFixer>("""
                using AgreementRules;

                public class Service
                {
                    public void Work(Line line, Batch batch, Decision decision)
                    {
                        {|AGR1001:line.Run(batch)|};
                    }
                }
                """, """
                using AgreementRules;

                public class Service
                {
                    public void Work(Line line, Batch batch, Decision decision)
                    {
                        var decision2 = RuleSet.Load("rules").Evaluate(Activity.Create("reprocess"));
                        if (decision2.IsPermitted)
                        {
                            line.Run(batch);
                        }
                    }
                }
                """);

        [Fact]
        public Task Inserts_ThrowIfNotPermitted_for_a_decision_in_scope() =>
            Verify.CodeFix<UnguardedRegulatedUseAnalyzer, InsertThrowIfNotPermittedFixer>("""
                using AgreementRules;

                public class Service
                {
                    public void Work(RuleSet rules, Line line, Batch batch)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                        {|AGR1001:line.Run(batch)|};
                    }
                }
                """, """
                using AgreementRules;

                public class Service
                {
                    public void Work(RuleSet rules, Line line, Batch batch)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                        decision.ThrowIfNotPermitted();
                        line.Run(batch);
                    }
                }
                """);

        [Fact]
        public Task Offers_no_ThrowIfNotPermitted_for_a_decision_now_about_another_activity() =>
            Verify.NoCodeFix<UnguardedRegulatedUseAnalyzer, InsertThrowIfNotPermittedFixer>("""
                using AgreementRules;

                public class Service
                {
                    public void Work(RuleSet rules, Line line, Batch batch, bool flag)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        decision = rules.Evaluate(Activity.Create("enrich"));
                        {|AGR1001:line.Run(batch)|};
                        var either = flag ? rules.Evaluate(Activity.Create("reprocess")) : rules.Evaluate(Activity.Create("store"));
                        {|AGR1001:line.Run(batch)|};
                    }
                }
                """);

        [Fact]
        public Task Inserts_ThrowIfNotPermitted_for_a_decision_reassigned_to_the_activity() =>
            Verify.CodeFix<UnguardedRegulatedUseAnalyzer, InsertThrowIfNotPermittedFixer>("""
                using AgreementRules;

                public class Service
                {
                    public void Work(RuleSet rules, Line line, Batch batch)
                    {
                        var decision = rules.Evaluate(Activity.Create("enrich"));
                        decision = rules.Evaluate(Activity.Create("reprocess"));
                        {|AGR1001:line.Run(batch)|};
                    }
                }
                """, """
                using AgreementRules;

                public class Service
                {
                    public void Work(RuleSet rules, Line line, Batch batch)
                    {
                        var decision = rules.Evaluate(Activity.Create("enrich"));
                        decision = rules.Evaluate(Activity.Create("reprocess"));
                        decision.ThrowIfNotPermitted();
                        line.Run(batch);
                    }
                }
                """);
    }
}
