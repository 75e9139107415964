using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR1011: a regulated implementation or override whose declaration is regulated for another activity.</summary>
    public class AGR1011RegulatedForAnotherActivityTests
    {
        private static Task Check(string source) => Verify.Analyzer<RegulatedDispatchAnalyzer>("using System;\nusing AgreementRules;\n\n" + source);

        [Fact]
        public Task A_declaration_regulated_for_another_activity_is_flagged() => Check("""
            public interface IPlant { [Regulated("store")] void Run(); }
            public class Plant : IPlant { [Regulated("reprocess")] public void {|AGR1011:Run|}() { } }
            public class Belt { [Regulated("store")] public virtual void Go() { } }
            public class FastBelt : Belt { [Regulated("enrich")] public override void {|AGR1011:Go|}() { } }
            """);

        [Fact]
        public Task The_same_activity_on_both_is_clean() => Check("""
            public interface IPlant { [Regulated("store")] void Run(); }
            public class Plant : IPlant { [Regulated("store")] public void Run() { } }
            """);
    }
}
