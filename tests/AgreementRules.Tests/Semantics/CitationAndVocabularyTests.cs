using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Compilation;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>
    /// A rule must cite an article (AGR0015), and a file checked without the file that declares its
    /// vocabulary gets one error that says so (AGR0016), not one per name.
    /// </summary>
    public class CitationAndVocabularyTests
    {
        private const string Vocabulary = "type party = enum { JP, US }\nactivity enrich\nfact enrichment : number %\nfact agreements : list of text\nagreement A { parties JP, US }\n";

        private static RulesDiagnostic[] Check(params RulesSource[] sources) => RulesCompiler.Compile(sources).Diagnostics.ToArray();

        [Theory]
        [InlineData("\"\"")]
        [InlineData("\"   \"")]
        [InlineData("\"\t \"")] // a tab and a space
        public void A_blank_citation_is_an_error_at_the_rule_that_says_what_to_write(string citation)
        {
            var d = Assert.Single(Check(new RulesSource("c.rules", Vocabulary + $"rule lo cites {citation} on enrich when enrichment < 20 % then permitted\n" +
                                                                   "rule hi cites \"Art. 6\" on enrich when enrichment >= 20 % then requires consent of JP, US\n")));
            Assert.Equal(RulesDiagnosticIds.EmptyCitation, d.Id);
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Equal((6, 6), (d.Span.Line, d.Span.Column));
            Assert.Equal("rule 'lo' cites a blank text, so the answers it decides would cite no article; write the article it encodes, as in 'cites \"Art. 6\"'", d.Message);
        }

        [Fact]
        public void A_citation_with_text_is_accepted()
        {
            Assert.Empty(Check(new RulesSource("c.rules", Vocabulary + "rule lo cites \"Art. 6\" on enrich when enrichment < 20 % then permitted\n" +
                                                                   "rule hi cites \"Art. 6\" on enrich when enrichment >= 20 % then requires consent of JP, US\n")));
        }

        [Fact]
        public void A_shipped_agreement_checked_without_the_vocabulary_gets_one_error_that_says_what_is_missing()
        {
            var path = Path.Combine(TestRules.ShippedRules, "jp-fr-1990.rules");
            var diagnostics = Check(new RulesSource(path, File.ReadAllText(path)));
            var d = Assert.Single(diagnostics);
            Assert.Equal(RulesDiagnosticIds.VocabularyNotLoaded, d.Id);
            Assert.Equal(path, d.Span.Path);
            // The error names the activity of the file's first rule (whatever article comes first there).
            var firstActivity = Regex.Match(File.ReadAllText(path), @"^rule [^\n]*\n\s+on (?<activity>\S+)", RegexOptions.Multiline).Groups["activity"].Value;
            Assert.NotEmpty(firstActivity);
            Assert.StartsWith($"no activity or fact is declared in the loaded files, so '{firstActivity}' and every other name these rules use is unknown", d.Message);
            Assert.Contains("load the folder that holds the vocabulary, or the file that declares it (such as vocabulary.rules), together with this one", d.Message);
            // With the vocabulary, the same file checks clean.
            var vocabulary = Path.Combine(TestRules.ShippedRules, "vocabulary.rules");
            Assert.DoesNotContain(Check(new RulesSource(vocabulary, File.ReadAllText(vocabulary)), new RulesSource(path, File.ReadAllText(path))),
                x => x.Severity == Severity.Error);
        }

        [Fact]
        public void A_vocabulary_that_lacks_some_names_still_reports_each_unknown_name()
        {
            var d = Assert.Single(Check(new RulesSource("c.rules", Vocabulary + "rule r cites \"Art. 6\" on enrich when quantity > 1 g then permitted\n")),
                x => x.Severity == Severity.Error);
            Assert.Equal(RulesDiagnosticIds.UnknownName, d.Id);
            Assert.Contains("'quantity'", d.Message);
        }

        [Fact]
        public void An_unknown_party_message_does_not_suggest_the_name_it_rejects()
        {
            var d = Assert.Single(Check(new RulesSource("c.rules",
                "activity transfer\nagreement A { parties JP, US }\nrule t cites \"Art. 4\" on transfer then requires notification by supplier\n")),
                x => x.Severity == Severity.Error);
            Assert.Equal(RulesDiagnosticIds.UnknownParty, d.Id);
            Assert.Equal("'supplier' is neither a party of A (JP, US) nor a declared fact; name one of the agreement's parties, " +
                         "or declare a fact whose value is the party (fact supplier : party, with 'type party = enum { … }')", d.Message);
        }
    }
}
