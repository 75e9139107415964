using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Language
{
    /// <summary>
    /// Units are read, typed and converted in one place (<see cref="Units"/>, <see cref="NumberType.DimensionOf"/>);
    /// these pin what that place says and that every stage goes through it: a mass written in kg, declared in
    /// kg, given in kg by a request or defaulted in g compares as the same grams.
    /// </summary>
    public class UnitsTests
    {
        [Fact]
        public void Every_unit_the_grammar_reads_measures_something_and_converts_to_the_engine_unit()
        {
            Assert.Equal(new[] { "%", "kg", "g" }, Units.Written);
            foreach (var unit in Units.Written)
            {
                Assert.NotEqual(Dimension.Scalar, NumberType.DimensionOf(unit));
                Assert.Equal(2 * Units.EngineScale(unit), Units.ToEngine(2, unit));
            }
            Assert.Equal(2500, Units.ToEngine(2.5, Units.Kilograms));
            Assert.Equal(0.5, Units.Convert(500, Units.Grams, Units.Kilograms));
            Assert.Equal(Dimension.Scalar, NumberType.DimensionOf(""));
        }

        [Theory]
        [InlineData(null, Outcome.Permitted)] // the default, 1500 g, is 1.5 kg
        [InlineData(0.5, Outcome.Prohibited)]
        [InlineData(1.0, Outcome.Prohibited)]
        [InlineData(1.001, Outcome.Permitted)]
        public void A_fact_declared_in_kg_its_default_in_g_and_a_limit_in_kg_compare_as_the_same_grams(double? load, Outcome expected)
        {
            const string rules = """
                type party = enum { JP, US }
                activity store
                fact agreements : list of text
                fact load : number kg default 1500 g
                agreement T-1 {
                  parties JP, US
                }
                define load_grams = load + 0 g
                rule heavy cites "Art. 1" on store when load > 1 kg and load_grams > 1000 g then permitted
                rule light cites "Art. 1" on store when load <= 1000 g then prohibited
                """;
            foreach (var tiering in new[] { EvaluationTiering.ClosuresOnly, EvaluationTiering.IlAtOnce })
            {
                var result = RulesCompiler.Compile(new[] { new RulesSource("units.rules", rules) }, runExamples: true, tiering);
                Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
                var request = Activity.Create("store").With("agreements", new[] { "T-1" });
                Assert.Equal(expected, result.RuleSet!.Evaluate(load is { } kg ? request.With("load", kg) : request).Outcome);
            }
        }

        [Fact]
        public void An_unknown_type_name_is_told_the_nearest_type_keyword_of_the_grammar()
        {
            foreach (var keyword in Grammar.TypeKeywords)
            {
                var result = RulesCompiler.Compile(new[] { new RulesSource("t.rules", $"activity store\nfact f : {keyword}x\n") });
                var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
                Assert.StartsWith($"unknown type '{keyword}x' (did you mean '{keyword}'?)", error.Message);
            }
        }
    }
}
