using AgreementRules.Compilation;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>A misspelt fact is the name reported, with the fact it may mean, wherever it stands in a comparison.</summary>
    public class NameSuggestionTests
    {
        private const string Vocabulary = """
            type party = enum { JP, US }
            activity enrich
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            agreement A { parties JP, US }

            """;

        private static RulesDiagnostic ErrorOf(string define) =>
            Assert.Single(RulesCompiler.Compile(new[] { new RulesSource("n.rules", Vocabulary + define + "\n") }).Diagnostics,
                d => d.Severity == Severity.Error);

        [Theory]
        [InlineData("define heu = materal == uranium", 14)]
        [InlineData("define heu = uranium == materal", 25)]
        [InlineData("define heu = enrichment >= 20 % and materal != plutonium", 37)]
        public void A_misspelt_fact_compared_with_an_enum_value_is_named_with_its_suggestion(string define, int column)
        {
            var error = ErrorOf(define);
            Assert.Equal(RulesDiagnosticIds.UnknownName, error.Id);
            Assert.Equal((6, column), (error.Span.Line, error.Span.Column));
            Assert.StartsWith("unknown name 'materal' (did you mean 'material'?)", error.Message);
        }

        [Fact]
        public void A_value_that_is_not_near_any_fact_is_still_reported_as_the_value_compared()
        {
            // 'gold' is near no fact: the value on the right stays what the comparison is about.
            var error = ErrorOf("define heu = material == gold");
            Assert.Equal("'gold' is not a value of material; its values are uranium, plutonium", error.Message);
        }
    }
}
