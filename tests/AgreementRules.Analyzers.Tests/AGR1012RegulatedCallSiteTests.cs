using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// AGR1012: off by default, so an ordinary build shows nothing; switched on by the package's globalconfig
    /// (what AgreementRulesReportCallSites=true adds) or .editorconfig, one per regulated use, guarded or not, with the
    /// guard the AGR1001 analysis found.
    /// </summary>
    public class AGR1012RegulatedCallSiteTests
    {
        private const string Host = """
            using AgreementRules;

            public class Service
            {
                public void Guarded(RuleSet rules, Line line, Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) line.Run(batch);
                }

                public void Unguarded(Line line, Batch batch)
                {
                    {|AGR1001:line.Run(batch)|};
                }

                public void Undecided(RuleSet rules, Line line, Batch batch, string kind)
                {
                    var decision = rules.Evaluate(Activity.Create(kind));
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                }

                public void WrongActivity(RuleSet rules, Cascade cascade, Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) {|AGR1001:cascade.Run(batch)|};
                }
            }
            """;

        /// <summary>The file the package adds to the compilation when the project sets AgreementRulesReportCallSites=true.</summary>
        private static string PackageGlobalConfig => File.ReadAllText(Path.Combine(AnalyzerConfigurationTests.RepoRoot,
            "src", "AgreementRules.Package", "build", "AgreementRules.ReportCallSites.globalconfig"));

        private static DiagnosticResult Site(int line, int column, int endColumn, string member, string activity, string guard) =>
            new DiagnosticResult(DiagnosticIds.RegulatedCallSite, DiagnosticSeverity.Info)
                .WithSpan("/0/Test0.cs", line, column, line, endColumn).WithArguments(member, activity, guard);

        private static readonly DiagnosticResult[] EverySite =
        {
            Site(8, 35, 50, "Line.Run(Batch)", "reprocess", "a permitted decision for it is in force on every path"),
            Site(13, 9, 24, "Line.Run(Batch)", "reprocess", "on some path no permitted decision for it is in force (AGR1001/AGR1002)"),
            Site(19, 35, 50, "Line.Run(Batch)", "reprocess", "the analysis cannot tell which activity the decision in force is about (AGR1007)"),
            Site(25, 35, 53, "Cascade.Run(Batch)", "enrich", "on some path no permitted decision for it is in force (AGR1001/AGR1002)"),
        };

        /// <summary>A compilation with no option set, as an ordinary build has: the errors, and not one AGR1012.</summary>
        [Fact]
        public async Task Off_by_default_only_the_errors_show()
        {
            var source = System.Text.RegularExpressions.Regex.Replace(Host, @"\{\|AGR\d+:|\|\}", "");
            var reported = await Verify.Run<UnguardedRegulatedUseAnalyzer>(source);
            Assert.Equal(new[] { "AGR1001", "AGR1001", "AGR1007" }, reported.Select(d => d.Id).OrderBy(i => i));
        }

        [Fact]
        public Task The_package_globalconfig_reports_every_call_site_with_its_guard() =>
            Verify.Analyzer<UnguardedRegulatedUseAnalyzer>(Host, editorConfig: PackageGlobalConfig, expected: EverySite);

        [Fact]
        public Task Editorconfig_severity_turns_it_on_too() =>
            Verify.Analyzer<UnguardedRegulatedUseAnalyzer>(Host, editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.AGR1012.severity = suggestion\n", expected: EverySite);

        [Fact]
        public Task A_decision_for_other_facts_is_not_guarded() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;

            public class Plant
            {
                [Regulated("enrich")] public void Enrich([ActivityFact("enrichment")] double toPercent) { }
            }

            public class Service
            {
                public void Work(RuleSet rules, Plant plant)
                {
                    rules.Evaluate(Activity.Create("enrich").With("enrichment", 4.0)).ThrowIfNotPermitted();
                    {|AGR1020:plant.Enrich(25.0)|};
                }
            }
            """, editorConfig: PackageGlobalConfig, expected: new DiagnosticResult(DiagnosticIds.RegulatedCallSite, DiagnosticSeverity.Info)
                .WithSpan("/0/Test0.cs", 13, 9, 13, 27)
                .WithArguments("Plant.Enrich(double)", "enrich", "a permitted decision is in force, but it may be about other facts (AGR1020)"));
    }
}
