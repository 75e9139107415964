using System.IO;
using System.Linq;
using AgreementRules.Compilation;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>
    /// Corners found while writing docs/language.md: each was silently wrong (a value quietly dropped,
    /// a unit applied twice), crashed, or gave a misleading message.
    /// </summary>
    public class CheckerCornerTests
    {
        private const string Vocabulary = "activity enrich\nfact enrichment : number %\nagreement A { parties JP, US }\n";

        private static RulesCompilationResult Compile(string rules) =>
            RulesCompiler.Compile(new[] { new RulesSource("c.rules", Vocabulary + rules) });

        private static RulesDiagnostic SingleError(string rules)
        {
            var result = Compile(rules);
            return Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        }

        [Fact]
        public void The_agreements_fact_must_be_a_list_rather_than_crash_the_evaluation()
        {
            var d = SingleError("fact agreements : text\nrule r cites \"X\" on enrich then permitted\n" +
                                "example \"e\" {\n  enrich agreements = A\n  expect permitted\n}\n");
            Assert.Equal(RulesDiagnosticIds.TypeMismatch, d.Id);
            Assert.Equal((4, 19), (d.Span.Line, d.Span.Column));
            Assert.Equal("the fact 'agreements' names the agreements whose rules apply, so it must be a list; " +
                         "declare it 'fact agreements : list of text', not text", d.Message);
        }

        [Fact]
        public void A_default_written_as_an_expression_is_an_error_not_a_silently_missing_default()
        {
            var d = SingleError("fact level : number % default 10 % + 5 %\n");
            Assert.Equal(RulesDiagnosticIds.TypeMismatch, d.Id);
            Assert.Equal((4, 31), (d.Span.Line, d.Span.Column));
            Assert.Equal("the default of 'level' must be a value written out (a number, true or false, a name, a quoted text or { … }), " +
                         "but '10 % + 5 %' is an expression; write the value itself", d.Message);
            Assert.Contains("is a fact, a definition or a set", SingleError("fact level : number % default enrichment\n").Message);
        }

        [Fact]
        public void An_example_value_written_as_an_expression_is_an_error_not_a_missing_fact()
        {
            var d = SingleError("rule r cites \"X\" on enrich when enrichment < 20 % then permitted\n" +
                                "rule s cites \"X\" on enrich when enrichment >= 20 % then prohibited\n" +
                                "example \"e\" {\n  enrich enrichment = 10 % + 5 %\n  expect permitted\n}\n");
            Assert.Equal(RulesDiagnosticIds.TypeMismatch, d.Id);
            Assert.Equal((7, 23), (d.Span.Line, d.Span.Column));
            Assert.StartsWith("the value of 'enrichment' in an example must be a value written out", d.Message);
        }

        [Fact]
        public void A_list_fact_takes_a_list_as_its_default()
        {
            var result = Compile("fact assurances : list of enum { peaceful-use, safeguards } default { peaceful-use }\n" +
                                 "rule r cites \"X\" on enrich when assurances has safeguards then permitted\n" +
                                 "rule s cites \"X\" on enrich when not (assurances has safeguards) then prohibited\n" +
                                 "example \"the default\" {\n  enrich\n  expect prohibited\n}\n" +
                                 "example \"given\" {\n  enrich assurances = { peaceful-use, safeguards }\n  expect permitted\n}\n");
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            Assert.Equal(Outcome.Prohibited, result.RuleSet!.Evaluate(Activity.Create("enrich")).Outcome);
            Assert.StartsWith("'safeguards' is not a value of assurances", SingleError("fact assurances : list of enum { peaceful-use } default { safeguards }\n").Message);
        }

        [Fact]
        public void A_fact_in_kilograms_gets_its_default_and_example_values_in_kilograms_once()
        {
            var result = Compile("fact mass : number kg\nfact stock : number kg default 1 kg\n" +
                                 "rule r cites \"X\" on enrich when mass + stock <= 2 kg then permitted\n" +
                                 "rule s cites \"X\" on enrich when mass + stock > 2 kg then prohibited\n" +
                                 "example \"0.5 kg and the default 1 kg\" {\n  enrich mass = 500 g\n  expect permitted\n}\n" +
                                 "example \"1 kg and 1 kg\" {\n  enrich mass = 1 kg\n  expect permitted\n}\n" +
                                 "example \"1.5 kg and 1 kg\" {\n  enrich mass = 1.5 kg\n  expect prohibited\n}\n");
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            var rules = result.RuleSet!;
            Assert.Equal(Outcome.Permitted, rules.Evaluate(Activity.Create("enrich").With("mass", 1.0)).Outcome);
            Assert.Equal(Outcome.Prohibited, rules.Evaluate(Activity.Create("enrich").With("mass", 1.001)).Outcome);
        }

        [Fact]
        public void A_type_may_name_a_type_declared_after_it()
        {
            var d = SingleError("type holder = party\ntype party = enum { JP, US }\nfact supplier : holder\n" +
                                "rule r cites \"X\" on enrich when supplier == FR then permitted\n");
            Assert.Equal(RulesDiagnosticIds.TypeMismatch, d.Id);
            Assert.Equal("'FR' is not a value of party; its values are JP, US", d.Message);
        }

        [Fact]
        public void A_type_defined_in_terms_of_itself_is_one_cycle_error()
        {
            var d = SingleError("type a = b\ntype b = list of a\nfact f : a\nrule r cites \"X\" on enrich when f has X then permitted\n");
            Assert.Equal(RulesDiagnosticIds.CyclicDefinition, d.Id);
            Assert.Equal((4, 6), (d.Span.Line, d.Span.Column));
            Assert.Equal("type 'a' is defined in terms of itself; give it a type such as enum { … }, text or number", d.Message);
        }

        [Fact]
        public void A_name_compared_with_something_already_wrong_is_not_reported_again()
        {
            var d = SingleError("fact supplier : partie\nrule r cites \"X\" on enrich when supplier == JP then permitted\n");
            Assert.Equal(RulesDiagnosticIds.UnknownName, d.Id);
            Assert.StartsWith("unknown type 'partie'", d.Message);
        }

        [Fact]
        public void A_hyphen_between_two_facts_is_explained_as_part_of_a_name()
        {
            var d = SingleError("fact quantity : number g\nfact used : number g\n" +
                                "rule r cites \"X\" on enrich when quantity-used > 5 g then permitted\n");
            Assert.Equal(RulesDiagnosticIds.UnknownName, d.Id);
            Assert.EndsWith("'-' between letters is part of a name: to subtract, put spaces around it ('quantity - used')", d.Message);
        }

        [Fact]
        public void An_empty_rules_folder_is_an_error_not_rules_that_decide_nothing()
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agr-empty-" + System.Guid.NewGuid())).FullName;
            try
            {
                var ex = Assert.Throws<RulesException>(() => RuleSet.Load(folder));
                var d = Assert.Single(ex.Diagnostics);
                Assert.Equal(RulesDiagnosticIds.NoRules, d.Id);
                Assert.Equal($"the folder '{folder}' holds no .rules file (its subfolders were searched too); pass the folder that holds them", d.Message);
            }
            finally { Directory.Delete(folder); }
        }
    

        private const string MaterialVocabulary = "type material = enum { uranium, plutonium }\nfact material : material\n";

        [Fact]
        public void A_misspelt_value_in_a_set_is_reported_once()
        {
            var d = SingleError(MaterialVocabulary + "rule r cites \"X\" on enrich when material in { uranum, plutonium } then permitted\n");
            Assert.Equal(RulesDiagnosticIds.TypeMismatch, d.Id);
            Assert.Equal((6, 47), (d.Span.Line, d.Span.Column));
            Assert.StartsWith("'uranum' is not a value of material (did you mean 'uranium'?)", d.Message);
        }

        [Fact]
        public void A_misspelt_quoted_value_in_a_set_is_reported_once()
        {
            var d = SingleError(MaterialVocabulary + "rule r cites \"X\" on enrich when material in { plutonium, \"uranum\" } then permitted\n");
            Assert.Equal(RulesDiagnosticIds.TypeMismatch, d.Id);
            Assert.StartsWith("'uranum' is not a value of material", d.Message);
        }

        [Fact]
        public void A_set_of_known_values_checks_clean()
        {
            var result = Compile(MaterialVocabulary + "rule r cites \"X\" on enrich when material in { uranium, plutonium } then permitted\n");
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        }

        [Theory]
        [InlineData("consents JPP", "consent")]
        [InlineData("notifications USA", "notification")]
        public void An_example_that_names_no_party_of_any_agreement_is_an_error(string evidence, string kind)
        {
            var d = SingleError("rule r cites \"X\" on enrich then requires consent of JP\n" +
                                $"example \"e\" {{\n  enrich enrichment = 5 %\n  {evidence}\n  expect permitted\n}}\n");
            Assert.Equal(RulesDiagnosticIds.UnknownParty, d.Id);
            Assert.Equal(7, d.Span.Line);
            Assert.Contains($"is not a party of any agreement (JP, US)", d.Message);
            Assert.Contains($"a {kind} in an example names one of the agreements' parties", d.Message);
        }
    }
}
