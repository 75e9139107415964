using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR1004 (activity kind), AGR1005 (fact name), AGR1006 (fact value): what Evaluate would refuse at run time.</summary>
    public class AGR1004to1006ActivityRequestTests
    {
        private static Task Check(string body) => Verify.Analyzer<ActivityRequestAnalyzer>($$"""
            using System.Collections.Generic;
            using AgreementRules;

            public class Service
            {
                public void Work(string kind, string material, double level, object anything)
                {
            {{body}}
                }
            }
            """);

        [Fact]
        public Task AGR1004_undeclared_activity_kind_is_flagged() => Check("""
                    var a = Activity.Create({|AGR1004:"reprocessing"|});
            """);

        [Fact]
        public Task AGR1004_declared_or_non_constant_kind_is_clean() => Check("""
                    var a = Activity.Create("reprocess");
                    var b = Activity.Create(kind);
            """);

        [Fact]
        public Task AGR1005_undeclared_fact_is_flagged() => Check("""
                    var a = Activity.Create("enrich").With({|AGR1005:"enrichment_level"|}, 5.0).With({|AGR1005:"Material"|}, "uranium");
            """);

        [Fact]
        public Task AGR1005_declared_fact_is_clean() => Check("""
                    var a = Activity.Create("enrich").With("enrichment", 5.0).With("material", material);
            """);

        [Fact]
        public Task AGR1006_wrong_type_or_undeclared_enum_value_is_flagged() => Check("""
                    var a = Activity.Create("enrich")
                        .With("material", {|AGR1006:"plutonium-239"|})
                        .With("enrichment", {|AGR1006:"20%"|})
                        .With("irradiated", {|AGR1006:"yes"|})
                        .With("facility", {|AGR1006:42|})
                        .With("supplier", {|AGR1006:"UK"|})
                        .With("assurances", {|AGR1006:new[] { "peaceful-use", "inspections" }|})
                        .With("enrichment", {|AGR1006:double.NaN|});
            """);

        [Fact]
        public Task AGR1006_values_that_fit_are_clean() => Check("""
                    var a = Activity.Create("enrich")
                        .With("material", "plutonium")
                        .With("enrichment", 19.75)
                        .With("enrichment", level)
                        .With("quantity", 1000)
                        .With("irradiated", true)
                        .With("facility", "tokai-reprocessing-plant")
                        .With("supplier", "US")
                        .With("assurances", new[] { "peaceful-use", "iaea-safeguards" })
                        .With("assurances", new List<string>())
                        .With("material", anything)
                        .With("irradiated", null);
            """);

        [Fact]
        public Task AGR1006_says_what_Evaluate_would_throw()
        {
            // The runtime binder decides for both: the build refuses what Evaluate refuses, in the same words.
            var refused = Assert.Throws<InvalidActivityException>(() => RuleSet.Parse(Verify.Rules).Evaluate(Activity.Create("enrich")
                .With("material", "plutonium-239").With("enrichment", "20%").With("assurances", new[] { "peaceful-use", "inspections" })));
            Assert.Equal(3, refused.Problems.Count);
            return Verify.Analyzer<ActivityRequestAnalyzer>("""
                using AgreementRules;
                public class Service
                {
                    public Activity Ask(string text) => Activity.Create("enrich")
                        .With("material", "plutonium-239").With("enrichment", "20%").With("assurances", new[] { "peaceful-use", "inspections" })
                        .With("enrichment", text);
                }
                """, expected: new[]
            {
                Refused(5, 27, refused.Problems[0]),
                Refused(5, 63, refused.Problems[1]),
                Refused(5, 89, refused.Problems[2]),
                Refused(6, 29, "fact 'enrichment' is number %, but a value of type string never is"),
            });
        }

        private static DiagnosticResult Refused(int line, int column, string problem) =>
            new DiagnosticResult(DiagnosticIds.InvalidFactValue, DiagnosticSeverity.Error).WithLocation(line, column).WithArguments(problem);
    }
}
