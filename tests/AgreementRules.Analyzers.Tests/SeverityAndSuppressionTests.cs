using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>Severity follows .editorconfig; #pragma and SuppressMessage work as users expect.</summary>
    public class SeverityAndSuppressionTests
    {
        private const string Unguarded = """
            using AgreementRules;
            public class S
            {
                public void W(Line line, Batch batch)
                {
                    line.Run(batch);
                }
            }
            """;

        [Fact]
        public Task Editorconfig_lowers_the_severity() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>(Unguarded,
            editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.AGR1001.severity = warning\n",
            expected: new DiagnosticResult(DiagnosticIds.UnguardedRegulatedCall, DiagnosticSeverity.Warning).WithLocation(6, 9));

        [Fact]
        public Task Editorconfig_turns_it_off() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>(Unguarded,
            editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.AGR1001.severity = none\n");

        [Fact]
        public Task Pragma_suppresses() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public class S
            {
                public void W(Line line, Batch batch)
                {
            #pragma warning disable AGR1001 // test double: no real plant behind it
                    line.Run(batch);
            #pragma warning restore AGR1001
                }
            }
            """);

        [Fact]
        public Task SuppressMessage_suppresses() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public class S
            {
                [System.Diagnostics.CodeAnalysis.SuppressMessage("AgreementRules.Usage", "AGR1001", Justification = "test double")]
                public void W(Line line, Batch batch)
                {
                    line.Run(batch);
                }
            }
            """);

        [Fact]
        public Task Overrides_and_interface_implementations_are_regulated_too() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public interface IPlant { [Regulated("store")] void Store(Batch batch); }
            public class Vault2 : IPlant { public void Store(Batch batch) { } }
            public class BaseLine { [Regulated("reprocess")] public virtual void Go() { } }
            public class FastLine : BaseLine { public override void Go() { } }
            public class S
            {
                public void W(Vault2 vault, IPlant plant, FastLine line, Batch batch)
                {
                    {|AGR1001:vault.Store(batch)|};
                    {|AGR1001:plant.Store(batch)|};
                    {|AGR1001:line.Go()|};
                }
            }
            """);

        [Fact]
        public Task Is_pattern_on_the_outcome_guards() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public class S
            {
                public void W(RuleSet rules, Line line, Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.Outcome is Outcome.Permitted) line.Run(batch);
                    if (decision.Outcome is not Outcome.Permitted) {|AGR1001:line.Run(batch)|};
                }
            }
            """);
    }
}
