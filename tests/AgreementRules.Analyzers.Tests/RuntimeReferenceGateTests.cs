using System.Linq;
using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// The analyzers leave a compilation alone, before any type lookup, when it neither references the AgreementRules
    /// assembly nor declares a RegulatedAttribute itself; these tests keep that shortcut from hiding a regulated use.
    /// </summary>
    public class RuntimeReferenceGateTests
    {
        private const string Caller = "public class C { public void M(Line line) => line.Run(); }";

        [Fact]
        public async Task A_regulated_call_is_flagged_with_the_runtime_referenced()
        {
            // Verify's Host.cs declares Line.Run(Batch) with [Regulated("reprocess")] from the runtime.
            var diagnostics = await Verify.Run<UnguardedRegulatedUseAnalyzer>("public class C { public void M(Line line) => line.Run(new Batch()); }");
            Assert.Equal(new[] { DiagnosticIds.UnguardedRegulatedCall }, diagnostics.Select(d => d.Id).ToArray());
        }

        [Fact]
        public async Task A_RegulatedAttribute_declared_in_source_without_the_runtime_is_still_checked()
        {
            const string source = """
                namespace AgreementRules
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    public sealed class RegulatedAttribute : System.Attribute { public RegulatedAttribute(string activity) { } }
                }
                public class Line { [AgreementRules.Regulated("reprocess")] public void Run() { } }
                """ + Caller;
            var diagnostics = await Verify.Run<UnguardedRegulatedUseAnalyzer>(source, runtime: false);
            Assert.Equal(new[] { DiagnosticIds.UnguardedRegulatedCall }, diagnostics.Select(d => d.Id).ToArray());
        }

        [Fact]
        public async Task A_look_alike_attribute_in_another_namespace_is_not_regulated()
        {
            const string source = """
                namespace Elsewhere
                {
                    public sealed class RegulatedAttribute : System.Attribute { public RegulatedAttribute(string activity) { } }
                }
                public class Line { [Elsewhere.Regulated("reprocess")] public void Run() { } }
                """ + Caller;
            Assert.Empty(await Verify.Run<UnguardedRegulatedUseAnalyzer>(source, runtime: false));
        }
    }
}
