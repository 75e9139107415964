using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR1007: where the guard cannot be checked statically, an error says so; never silence.</summary>
    public class AGR1007CannotDecideTests
    {
        private static Task Check(string members) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using AgreementRules;

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();
            {{members}}
            }
            """);

        [Fact]
        public Task Non_constant_activity_kind_warns() => Check("""
                public void Work(Batch batch, string kind)
                {
                    var decision = rules.Evaluate(Activity.Create(kind));
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Decision_passed_in_warns() => Check("""
                public void Work(Batch batch, Decision decision)
                {
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Decision_passed_in_to_a_regulated_member_is_clean() => Check("""
                [Regulated("reprocess")]
                public void Work(Batch batch, Decision decision)
                {
                    if (decision.IsPermitted) line.Run(batch);
                }
            """);

        [Fact]
        public Task Unknown_decision_does_not_hide_a_missing_one() => Check("""
                public void Work(Batch batch, Decision decision, bool flag)
                {
                    if (flag && !decision.IsPermitted) return;
                    {|AGR1001:line.Run(batch)|};
                }
            """);
    }
}
