using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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
    }
}
