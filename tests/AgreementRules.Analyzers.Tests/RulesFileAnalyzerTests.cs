using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgreementRules.Compilation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR0001–AGR0014: problems in .rules files fail the build, located in the file, with the language's own ids.</summary>
    public class RulesFileAnalyzerTests
    {
        [Fact]
        public Task Valid_rules_report_nothing() => Verify.Analyzer<RulesFileAnalyzer>("public class C { }");

        [Fact]
        public Task Syntax_error_is_located_in_the_rules_file() => Verify.Analyzer<RulesFileAnalyzer>("public class C { }",
            rules: "activity enrich\nfact enrichment : number %\nrule r cites \"Art. 1\"\n  on enrich\n  then permited\n",
            expected: new DiagnosticResult(RulesDiagnosticIds.Syntax, DiagnosticSeverity.Error)
                .WithLocation(Verify.RulesPath, 5, 8));

        [Fact]
        public Task Checker_errors_keep_their_ids_and_lines() => Verify.Analyzer<RulesFileAnalyzer>("public class C { }",
            rules: "activity enrich\nfact enrichment : number %\nagreement A { parties JP }\ntype party = enum { JP }\n" +
                   "rule r cites \"Art. 1\"\n  on enrich\n  when enrichmnt >= 20 %\n  then permitted\n",
            expected: new DiagnosticResult(RulesDiagnosticIds.UnknownName, DiagnosticSeverity.Error)
                .WithLocation(Verify.RulesPath, 7, 8));

        // The exact wording belongs to the language's tests; here only id, severity and place matter.

        /// <summary>
        /// Each problem the language can find in a .rules file the build can see (AGR0014 and AGR0020–AGR0024 come only
        /// from reading a path in RuleSet.Load; the build reads no files). Appended to the test vocabulary; a second file where given.
        /// </summary>
        public static TheoryData<string, string, string?> EveryRulesError() => new()
        {
            { RulesDiagnosticIds.Syntax, "rule x cites \"A\"\n  on store\n  then permited\n", null },
            { RulesDiagnosticIds.NestingTooDeep, "define deep = " + new string('(', 70) + "irradiated" + new string(')', 70) + "\n", null },
            { RulesDiagnosticIds.UnknownName, "rule x cites \"A\" on store when enrichmnt >= 20 % then permitted\n", null },
            { RulesDiagnosticIds.TypeMismatch, "rule x cites \"A\" on store when material == uranim then permitted\n", null },
            { RulesDiagnosticIds.UnitMismatch, "rule x cites \"A\" on store when quantity >= 20 % then permitted\n", null },
            { RulesDiagnosticIds.Duplicate, "activity store\n", null },
            { RulesDiagnosticIds.UnreachableRule, "rule x cites \"A\" on store when enrichment < 5 % and enrichment > 10 % then permitted\n", null },
            { RulesDiagnosticIds.ContradictoryRules, "activity melt\nrule p cites \"A\" on melt when material == uranium then permitted\n" +
                                                     "rule q cites \"A\" on melt when material == uranium then prohibited\n", null },
            { RulesDiagnosticIds.Gap, "activity melt\nrule lo cites \"A\" on melt when enrichment < 20 % then permitted\n" +
                                      "rule hi cites \"A\" on melt when enrichment > 20 % then prohibited\n", null },
            { RulesDiagnosticIds.ExampleFailed, "example \"wrong\" {\n  reprocess material = plutonium\n  expect permitted\n}\n", null },
            { RulesDiagnosticIds.MissingAgreement, "", "rule loose cites \"A\" on store then permitted\n" },
            { RulesDiagnosticIds.UnknownParty, "rule x cites \"A\" on store then requires consent of UK\n", null },
            { RulesDiagnosticIds.CyclicDefinition, "define a = b\ndefine b = a\n", null },
            { RulesDiagnosticIds.EmptyCitation, "rule x cites \"  \" on store then requires consent of JP\n", null },
        };

        [Theory]
        [MemberData(nameof(EveryRulesError))]
        public Task Every_rules_error_fails_the_build_with_its_id_at_its_place(string id, string appended, string? secondFile)
        {
            var files = new List<(string Path, string Text)> { (Verify.RulesPath, Verify.Rules + "\n" + appended) };
            if (secondFile != null) files.Add(("/0/rules/second.rules", secondFile));
            return BuildReportsWhatThePipelineFinds(id, files);
        }

        /// <summary>The one id the cases above cannot meet: it needs rules files without the test vocabulary.</summary>
        private static readonly string[] WithoutVocabulary = { RulesDiagnosticIds.VocabularyNotLoaded };

        [Fact]
        public Task Rules_without_their_vocabulary_fail_the_build_once() =>
            BuildReportsWhatThePipelineFinds(RulesDiagnosticIds.VocabularyNotLoaded, new List<(string Path, string Text)>
            {
                (Verify.RulesPath, "agreement A { parties JP }\nrule x cites \"A\" on store when enrichment < 5 % then permitted\n" +
                                   "rule y cites \"A\" on store then requires consent of supplier\n"),
            });

        private static async Task BuildReportsWhatThePipelineFinds(string id, List<(string Path, string Text)> files)
        {
            // The language pipeline is the reference: the build must report exactly what it finds, where it finds it.
            var found = RulesCompiler.Compile(files.Select(f => new RulesSource(f.Path, f.Text)).ToList()).Diagnostics;
            Assert.Contains(found, d => d.Id == id);
            var test = new CSharpAnalyzerTest<RulesFileAnalyzer, DefaultVerifier> { TestCode = "public class C { }", ReferenceAssemblies = References.Empty };
            Verify.Configure(test.TestState, rules: null, withHost: true, withRuntime: true);
            test.TestState.AdditionalFiles.AddRange(files.Select(f => (f.Path, Microsoft.CodeAnalysis.Text.SourceText.From(f.Text))));
            test.ExpectedDiagnostics.AddRange(found.Select(d =>
                new DiagnosticResult(d.Id, d.Severity == Severity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning)
                    .WithLocation(d.Span.Path, d.Span.Line, d.Span.Column)));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public void The_cases_above_cover_every_id_the_build_can_meet() =>
            Assert.Equal(RulesDiagnosticIds.All.Except(RulesDiagnosticIds.FromReadingFiles).Except(RulesDiagnosticIds.OnlyFromCheck).OrderBy(i => i, System.StringComparer.Ordinal),
                EveryRulesError().Select(row => (string)row[0]).Concat(WithoutVocabulary).OrderBy(i => i, System.StringComparer.Ordinal));
    }
}
