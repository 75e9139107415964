using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>Half-typed code in the IDE must never make an analyzer throw (AD0001 fails these tests).</summary>
    public class BrokenCodeTests
    {
        private const string Broken = """
            using AgreementRules;
            public class S
            {
                RuleSet rules;
                Line line;
                public void A(Batch b)
                {
                    var d = rules.Evaluate(Activity.Create(
                    if (d.IsPermitted line.Run(b
                    line.Run(;
                    Activity.Create("enrich").With(
                    switch (d.Outcome) { case : line.Run(b) }
                    foreach (var x in ) { line.Run(x); }
                    try { } finally { line. }
                    void L() => line.Run(
                }
                [Regulated()] public void B() { new Line().Run(null) }
                [Regulated(null)] public int P { get => line.TryRun(null); }
                public object C => typeof(Line).GetMethod(;
            """;

        [Fact]
        public Task Guard_analysis_survives_broken_code() =>
            Verify.Analyzer<UnguardedRegulatedUseAnalyzer>(Broken, compilerDiagnostics: CompilerDiagnostics.None,
                // The calls that did bind are still unguarded: reported, and nothing throws.
                expected: new[] { Unguarded(12, 37), Unguarded(17, 37), Unguarded(18, 45) });

        [Fact]
        public Task Name_checks_survive_broken_code() =>
            Verify.Analyzer<ActivityRequestAnalyzer>(Broken, compilerDiagnostics: CompilerDiagnostics.None);

        [Fact]
        public Task Regulated_activity_check_survives_broken_code() =>
            Verify.Analyzer<RegulatedActivityAnalyzer>(Broken, compilerDiagnostics: CompilerDiagnostics.None,
                expected: new[]
                {
                    new DiagnosticResult(DiagnosticIds.UndeclaredRegulatedActivity, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(17, 6),
                    new DiagnosticResult(DiagnosticIds.UndeclaredRegulatedActivity, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(18, 16),
                });

        private static DiagnosticResult Unguarded(int line, int column) =>
            new DiagnosticResult(DiagnosticIds.UnguardedRegulatedCall, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(line, column);
    }
}
