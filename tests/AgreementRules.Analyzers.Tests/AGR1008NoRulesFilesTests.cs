using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    public class AGR1008NoRulesFilesTests
    {
        [Fact]
        public Task Project_using_the_runtime_without_rules_files_warns() => Verify.Analyzer<MissingRulesFilesAnalyzer>(
            "public class C { }", rules: null,
            expected: new DiagnosticResult(DiagnosticIds.NoRulesFiles, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithArguments("rules"));

        [Fact]
        public Task Project_with_rules_files_is_clean() => Verify.Analyzer<MissingRulesFilesAnalyzer>("public class C { }");

        [Fact]
        public Task Project_without_the_runtime_is_clean() =>
            Verify.Analyzer<MissingRulesFilesAnalyzer>("public class C { }", rules: null, withHost: false, withRuntime: false);
    }
}
