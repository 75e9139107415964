using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>Meta-tests over every analyzer and descriptor the assembly ships.</summary>
    public class AnalyzerConfigurationTests
    {
        private static Type[] AnalyzerTypes() => typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

        public static TheoryData<Type> Analyzers() => new(AnalyzerTypes());

        private static DiagnosticAnalyzer Create(Type type) => (DiagnosticAnalyzer)Activator.CreateInstance(type)!;

        [Theory]
        [MemberData(nameof(Analyzers))]
        public void Every_descriptor_links_to_its_docs_page(Type analyzer)
        {
            foreach (var descriptor in Create(analyzer).SupportedDiagnostics)
            {
                Assert.Matches("^AGR[01][0-9]{3}$", descriptor.Id);
                Assert.Equal($"https://github.com/agreementrules/agreementrules/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
                var page = Path.Combine(RepoRoot, "docs", "diagnostics", descriptor.Id + ".md");
                Assert.True(File.Exists(page), $"{descriptor.Id} has no page at docs/diagnostics/{descriptor.Id}.md");
                Assert.Contains("# " + descriptor.Id, File.ReadAllText(page));
            }
        }

        [Theory]
        [MemberData(nameof(Analyzers))]
        public Task Runs_clean_on_empty_source(Type analyzer) => Run(analyzer, "", withRuntime: false);

        [Theory]
        [MemberData(nameof(Analyzers))]
        public Task Runs_clean_on_a_guarded_host_with_valid_rules(Type analyzer) => Run(analyzer, """
            using AgreementRules;
            public class S
            {
                public void W(RuleSet rules, Line line, Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    if (decision.IsPermitted) line.Run(batch);
                }
            }
            """, withRuntime: true);

        [Fact]
        public void Every_id_is_supported_by_exactly_one_analyzer_and_listed_in_the_release_notes()
        {
            var ids = AnalyzerTypes().SelectMany(t => Create(t).SupportedDiagnostics.Select(d => d.Id)).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
            var expected = RulesDiagnosticIds.All.Concat(Enumerable.Range(1, 8).Select(i => $"AGR100{i}")).OrderBy(i => i).ToList();
            Assert.Equal(expected, ids.OrderBy(i => i).ToList());
            var unshipped = File.ReadAllText(Path.Combine(RepoRoot, "src", "AgreementRules.Analyzers", "AnalyzerReleases.Unshipped.md"));
            foreach (var id in ids) Assert.Contains(id + " |", unshipped);
        }

        private static Task Run(Type analyzer, string source, bool withRuntime)
        {
            var method = typeof(Verify).GetMethods()
                .Single(m => m.Name == nameof(Verify.Analyzer) && m.GetParameters().Length == 6)
                .MakeGenericMethod(analyzer);
            return (Task)method.Invoke(null, new object?[]
            {
                source, Verify.Rules, withRuntime, withRuntime, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors,
                Array.Empty<Microsoft.CodeAnalysis.Testing.DiagnosticResult>(),
            })!;
        }

        internal static string RepoRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgreementRules.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new DirectoryNotFoundException("AgreementRules.sln not found above the test folder");
            }
        }
    }
}
