using System.Linq;
using AgreementRules.Compilation;

namespace AgreementRules.Tests.Semantics
{
    public class CheckerTests
    {
        private const string Vocabulary = "activity enrich\nfact material : enum { uranium, plutonium }\nfact enrichment : number %\nfact quantity : number g\nagreement A { parties JP, US }\n";

        private static RulesDiagnostic[] Check(string rules) =>
            RulesCompiler.Compile(new[] { new RulesSource("c.rules", Vocabulary + rules) }).Diagnostics.ToArray();

        [Fact]
        public void Comparing_enrichment_with_an_enum_value_is_a_checking_error()
        {
            var d = Assert.Single(Check("rule r cites \"Art. 6\" on enrich when enrichment == plutonium then permitted\n"));
            Assert.Equal(RulesDiagnosticIds.UnknownName, d.Id);
            Assert.Equal(6, d.Span.Line);
        }

        [Fact]
        public void Comparing_grams_with_percent_is_a_unit_error()
        {
            var d = Assert.Single(Check("rule r cites \"Art. 6\" on enrich when quantity >= 20 % then permitted\n"));
            Assert.Equal(RulesDiagnosticIds.UnitMismatch, d.Id);
            Assert.Contains("cannot compare g with %", d.Message);
        }

        [Fact]
        public void A_misspelt_enum_value_suggests_the_right_one()
        {
            var d = Assert.Single(Check("rule r cites \"X\" on enrich when material == uranim then permitted\n"));
            Assert.Equal(RulesDiagnosticIds.TypeMismatch, d.Id);
            Assert.Contains("did you mean 'uranium'", d.Message);
        }

        [Fact]
        public void Duplicate_rule_ids_are_errors()
        {
            var d = Check("rule r cites \"X\" on enrich then permitted\nrule r cites \"Y\" on enrich then permitted\n");
            Assert.Contains(d, x => x.Id == RulesDiagnosticIds.Duplicate && x.Span.Line == 7);
        }

        [Fact]
        public void A_gap_at_exactly_20_percent_is_reported()
        {
            var d = Assert.Single(Check("rule lo cites \"X\" on enrich when enrichment < 20 % then permitted\nrule hi cites \"X\" on enrich when enrichment > 20 % then prohibited\n"));
            Assert.Equal(RulesDiagnosticIds.Gap, d.Id);
            Assert.Contains("covers enrichment = 20 %", d.Message);
        }

        [Fact]
        public void A_rule_that_can_never_apply_is_reported()
        {
            var d = Check("rule r cites \"X\" on enrich when enrichment < 5 % and enrichment > 10 % then permitted\n");
            Assert.Contains(d, x => x.Id == RulesDiagnosticIds.UnreachableRule);
        }

        [Fact]
        public void Contradictory_rules_are_an_error()
        {
            var d = Check("rule p cites \"X\" on enrich when material == uranium then permitted\nrule q cites \"X\" on enrich when material == uranium then prohibited\n");
            Assert.Contains(d, x => x.Id == RulesDiagnosticIds.ContradictoryRules && x.Severity == Severity.Error);
        }

        [Fact]
        public void A_failing_in_file_example_is_an_error_at_the_example()
        {
            var d = Assert.Single(Check("rule r cites \"X\" on enrich when enrichment < 20 % then permitted\nrule s cites \"X\" on enrich when enrichment >= 20 % then requires consent of JP, US\n" +
                                        "example \"wrong\" {\n  enrich enrichment = 25 %\n  expect permitted\n}\n"));
            Assert.Equal(RulesDiagnosticIds.ExampleFailed, d.Id);
            Assert.Equal(8, d.Span.Line);
            Assert.Contains("the rules decide consent-required", d.Message);
        }

        [Fact]
        public void Loading_bad_rules_throws_one_exception_with_every_diagnostic()
        {
            var ex = Assert.Throws<RulesException>(() => RuleSet.Parse(Vocabulary + "rule r cites \"X\" on enrch then permitted\nrule s cites \"X\" on enrich then requires consent of XX\n"));
            Assert.Equal(new[] { RulesDiagnosticIds.UnknownName, RulesDiagnosticIds.UnknownParty }, ex.Diagnostics.Select(x => x.Id));
        }
    }
}
