using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR1021: [ActivityFact("x")] names are checked against the rules' facts, as With("x", …) is (AGR1005).</summary>
    public class AGR1021UndeclaredParameterFactTests
    {
        [Fact]
        public Task Undeclared_fact_name_is_flagged_and_declared_one_is_clean() => Verify.Analyzer<ActivityRequestAnalyzer>("""
            using AgreementRules;
            public class Cascade2
            {
                [Regulated("enrich")] public void Enrich(Batch batch, [ActivityFact({|AGR1021:"enrichment_level"|})] double level) { }
                [Regulated("enrich")] public void EnrichTo(Batch batch, [ActivityFact("enrichment")] double level, [ActivityFact("material")] string material) { }
            }
            """);
    }
}
