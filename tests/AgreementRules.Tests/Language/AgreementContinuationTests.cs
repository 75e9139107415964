using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Language
{
    /// <summary>
    /// `agreement ID continued { … }`: a file whose rules belong to an agreement declared in another
    /// file (the JP-US Implementing Arrangement beside the JP-US agreement, both under JP-US-1988).
    /// </summary>
    public class AgreementContinuationTests
    {
        private const string Vocabulary = "type party = enum { JP, US }\nactivity reprocess\nfact facility : text\n";

        private const string Main = "agreement A-1 { parties JP, US }\n" +
                                    "rule needs-consent cites \"Art. 5\" on reprocess then requires consent of JP, US\n";

        private const string Arrangement = "agreement A-1 continued { title \"Implementing Arrangement\" }\n" +
                                           "rule grant cites \"IA Art. 1\" on reprocess when facility == plant then grants consent of JP, US\n" +
                                           "example \"granted\" {\n  reprocess facility = plant\n  expect permitted\n}\n";

        private static RulesCompilationResult Compile(params (string path, string text)[] files) =>
            RulesCompiler.Compile(files.Select(f => new RulesSource(f.path, f.text)).ToList());

        [Fact]
        public void A_continuation_puts_its_rules_under_the_agreement_declared_elsewhere()
        {
            // The arrangement sorts before the agreement ('-' < '.'), so resolution must not depend on file order.
            var result = Compile(("a-ia.rules", Arrangement), ("a.rules", Main), ("v.rules", Vocabulary));
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            var rules = result.RuleSet!;
            Assert.Equal(new[] { "A-1" }, rules.Agreements);

            var granted = rules.Evaluate(Activity.Create("reprocess").With("facility", "plant"));
            Assert.Equal(Outcome.Permitted, granted.Outcome);
            Assert.Equal("programmatic consent A-1 IA Art. 1", Assert.Single(granted.Requirements).SatisfiedBy);

            var elsewhere = rules.Evaluate(Activity.Create("reprocess").With("facility", "other"));
            Assert.Equal(Outcome.ConsentRequired, elsewhere.Outcome);
            Assert.Equal(new[] { "A-1 Art. 5" }, elsewhere.Citations);
        }

        [Fact]
        public void Continuing_an_agreement_that_no_loaded_file_declares_is_one_precise_error()
        {
            var result = Compile(("a-ia.rules", Arrangement.Replace("A-1 continued", "A-2 continued")), ("a.rules", Main), ("v.rules", Vocabulary));
            var d = Assert.Single(result.Diagnostics);
            Assert.Equal(RulesDiagnosticIds.UnknownName, d.Id);
            Assert.Equal(("a-ia.rules", 1, 11), (d.Span.Path, d.Span.Line, d.Span.Column));
            Assert.Equal("agreement 'A-2' is continued here, but no loaded file declares it (did you mean 'A-1'?); " +
                         "load the file that says 'agreement A-2 { … }' together with this one, or drop 'continued' to declare it here", d.Message);
        }

        [Fact]
        public void A_continuation_takes_its_parties_from_the_declaration()
        {
            var result = Compile(("a-ia.rules", Arrangement.Replace("title \"Implementing Arrangement\"", "parties JP")), ("a.rules", Main), ("v.rules", Vocabulary));
            var d = Assert.Single(result.Diagnostics);
            Assert.Equal(RulesDiagnosticIds.Duplicate, d.Id);
            Assert.Equal(1, d.Span.Line);
            Assert.StartsWith("a continuation takes its parties from 'agreement A-1' in a.rules", d.Message);
        }

        [Fact]
        public void A_file_belongs_to_one_agreement_only()
        {
            var result = Compile(("a-ia.rules", Arrangement + "agreement B-1 { parties JP }\n"), ("a.rules", Main), ("v.rules", Vocabulary));
            var d = Assert.Single(result.Diagnostics);
            Assert.Equal(RulesDiagnosticIds.Duplicate, d.Id);
            Assert.Equal(7, d.Span.Line);
            Assert.Equal("this file already continues agreement 'A-1'; put each agreement in a file of its own", d.Message);
        }

        [Fact]
        public void The_syntax_tree_marks_a_continuation()
        {
            var file = RulesParser.Parse(Arrangement, "a-ia.rules");
            Assert.Empty(file.Diagnostics);
            var header = Assert.IsType<AgreementContinuationDecl>(file.Declarations[0]);
            Assert.Equal(("A-1", "Implementing Arrangement"), (header.Id.Text, header.Title));
        }
    }
}
