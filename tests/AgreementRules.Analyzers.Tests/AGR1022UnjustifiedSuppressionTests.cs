using System.Linq;
using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// Issue 11, item 9 (AGR1022): suppressing an AGR1xxx error in source needs a reason; each bypass has its justified
    /// twin. Checked through <see cref="Verify.Run"/> and the places reported, because the test framework's own
    /// suppression check inserts bare pragmas, which this analyzer rightly flags.
    /// </summary>
    public class AGR1022UnjustifiedSuppressionTests
    {
        private static async Task<string[]> Reported(string source, bool withRuntime = true)
        {
            var diagnostics = withRuntime
                ? await Verify.Run<SuppressionJustificationAnalyzer>(source)
                : await Verify.Run<SuppressionJustificationAnalyzer>(source, runtime: false);
            return diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}")
                .OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
        }

        [Fact]
        public async Task Pragma_without_a_reason_is_flagged_and_with_one_is_clean()
        {
            var reported = await Reported("""
                public class S
                {
                #pragma warning disable AGR1001
                #pragma warning restore AGR1001
                #pragma warning disable AGR1001 // test double: no plant behind it
                #pragma warning restore AGR1001
                #pragma warning disable AGR1007, AGR1020 /* reviewed in ticket 42 */
                #pragma warning restore AGR1007, AGR1020
                #pragma warning disable AGR1020 //
                #pragma warning restore AGR1020
                #pragma warning disable
                #pragma warning restore
                #pragma warning disable CS0168
                #pragma warning restore CS0168
                #pragma warning disable AGR0009
                #pragma warning restore AGR0009
                }
                """);
            Assert.Equal(new[] { "AGR1022 11,1", "AGR1022 3,1", "AGR1022 9,1" }, reported);
        }

        [Fact]
        public async Task SuppressMessage_without_a_justification_is_flagged_and_with_one_is_clean()
        {
            var reported = await Reported("""
                using System.Diagnostics.CodeAnalysis;
                [assembly: SuppressMessage("AgreementRules.Usage", "AGR1007", Scope = "member", Target = "~M:S.A")]
                public class S
                {
                    [SuppressMessage("AgreementRules.Usage", "AGR1001")]
                    public void A() { }
                    [SuppressMessage("AgreementRules.Usage", "AGR1001:Unguarded", Justification = " ")]
                    public void B() { }
                    [SuppressMessage("AgreementRules.Usage", "AGR1001", Justification = "test double")]
                    public void C() { }
                    [SuppressMessage("Style", "IDE0060")]
                    public void D() { }
                }
                """);
            Assert.Equal(new[] { "AGR1022 2,12", "AGR1022 5,6", "AGR1022 7,6" }, reported);
        }

        [Fact]
        public async Task Projects_without_AgreementRules_are_not_checked() =>
            Assert.Empty(await Reported("""
                public class S
                {
                #pragma warning disable AGR1001
                #pragma warning restore AGR1001
                }
                """, withRuntime: false));
    }
}
