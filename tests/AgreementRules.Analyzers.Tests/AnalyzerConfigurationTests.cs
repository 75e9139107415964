using System;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
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
                Assert.Equal(DiagnosticIds.HelpLink(descriptor.Id), descriptor.HelpLinkUri);
                var page = Path.Combine(RepoRoot, "docs", "diagnostics", descriptor.Id + ".md");
                Assert.True(File.Exists(page), $"{descriptor.Id} has no page at docs/diagnostics/{descriptor.Id}.md");
            }
        }

        /// <summary>The sections every page has, in this order (StyleCop's documentation/ shape).</summary>
        private static readonly string[] PageSections =
            { "Cause", "Description", "Failing example", "Fixed example", "How to fix", "Configuration", "How to suppress" };

        [Theory]
        [MemberData(nameof(Analyzers))]
        public void Every_docs_page_has_the_fixed_shape_and_agrees_with_its_descriptor(Type analyzer)
        {
            foreach (var descriptor in Create(analyzer).SupportedDiagnostics)
            {
                var id = descriptor.Id;
                var lines = File.ReadAllLines(Path.Combine(RepoRoot, "docs", "diagnostics", id + ".md"));
                Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);

                // The header table: id, category, default severity, the analyzer that reports it.
                string Row(string name) => lines.Select(l => Regex.Match(l, $@"^\| {Regex.Escape(name)} \| (.*) \|$"))
                    .Where(m => m.Success).Select(m => m.Groups[1].Value).SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"{id}.md has no '{name}' row");
                Assert.Equal(id, Row("Id"));
                Assert.StartsWith(descriptor.Category + " ", Row("Category"));
                Assert.Equal(descriptor.DefaultSeverity.ToString(), Row("Default severity"));
                Assert.Contains($"`{analyzer.Name}`", Row("Reported by"));

                Assert.Equal(PageSections, lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l.Substring(3)));
                var sections = SectionsOf(lines);
                foreach (var name in PageSections)
                    Assert.True(sections[name].Any(l => l.Trim().Length > 0), $"{id}.md: '## {name}' is empty");
                foreach (var example in new[] { "Failing example", "Fixed example" })
                    Assert.True(sections[example].Count(l => l.StartsWith("```", StringComparison.Ordinal)) >= 2, $"{id}.md: '## {example}' has no code block");
                Assert.Contains(sections["Configuration"], l => l.Contains($"dotnet_diagnostic.{id}.severity"));
                var suppression = string.Join("\n", sections["How to suppress"]);
                if (id.StartsWith("AGR1", StringComparison.Ordinal) && !descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
                {
                    // Host-code diagnostics with a place in the source can be suppressed there; the page shows how.
                    Assert.Contains($"#pragma warning disable {id}", suppression);
                    Assert.Contains($"SuppressMessage(\"{descriptor.Category}\", \"{id}\"", suppression);
                }
            }
        }

        [Fact]
        public void Every_docs_page_belongs_to_a_descriptor()
        {
            var ids = AnalyzerTypes().SelectMany(t => Create(t).SupportedDiagnostics.Select(d => d.Id)).ToHashSet();
            var pages = Directory.GetFiles(Path.Combine(RepoRoot, "docs", "diagnostics"), "*.md").Select(Path.GetFileNameWithoutExtension);
            Assert.DoesNotContain(pages, p => !ids.Contains(p!));
        }

        private static Dictionary<string, List<string>> SectionsOf(string[] lines)
        {
            var sections = new Dictionary<string, List<string>>();
            List<string>? current = null;
            var inCode = false;
            foreach (var line in lines)
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
                if (!inCode && line.StartsWith("## ", StringComparison.Ordinal)) sections[line.Substring(3)] = current = new List<string>();
                else current?.Add(line);
            }
            return sections;
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
        public void Every_id_is_supported_by_exactly_one_analyzer()
        {
            var ids = AnalyzerTypes().SelectMany(t => Create(t).SupportedDiagnostics.Select(d => d.Id)).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
            // AGR1001–AGR1012, then AGR1020–AGR1022 (the ids between were kept apart while two branches added ids at once).
            var expected = RulesDiagnosticIds.All.Concat(Enumerable.Range(1, 12).Select(i => $"AGR{1000 + i}"))
                .Concat(new[] { DiagnosticIds.DecisionForOtherFacts, DiagnosticIds.UndeclaredParameterFact, DiagnosticIds.UnjustifiedSuppression })
                .OrderBy(i => i).ToList();
            Assert.Equal(expected, ids.OrderBy(i => i).ToList());
        }

        /// <summary>
        /// Release tracking (roslyn-analyzers' RS2000–RS2008 format): one row per id, in Unshipped until a release
        /// moves it to Shipped, with the descriptor's category and default severity and the analyzer that reports it.
        /// </summary>
        [Fact]
        public void Release_tracking_has_one_row_per_id_that_agrees_with_its_descriptor()
        {
            var expected = AnalyzerTypes()
                // A rule off by default is "Disabled" in the release files (RS2001), whatever severity it has when turned on.
                .SelectMany(t => Create(t).SupportedDiagnostics.Select(d => $"{d.Id} | {d.Category} | {(d.IsEnabledByDefault ? d.DefaultSeverity.ToString() : "Disabled")} | {t.Name}"))
                .OrderBy(r => r, StringComparer.Ordinal);
            var folder = Path.Combine(RepoRoot, "src", "AgreementRules.Analyzers");
            var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
                .SelectMany(f => File.ReadAllLines(Path.Combine(folder, f)))
                .Where(l => Regex.IsMatch(l, @"^AGR\d{4} \|"))
                .Select(l => Regex.Replace(l.Trim(), @"\s*\|\s*", " | "))
                .OrderBy(r => r, StringComparer.Ordinal);
            Assert.Equal(expected, rows);
        }

        /// <summary>Every id the 0.1.0 package carried: frozen, as a release's content is.</summary>
        private static readonly string[] ShippedIn0_1_0 = Enumerable.Range(1, 16).Concat(Enumerable.Range(20, 5)).Select(i => $"AGR{i:0000}")
            .Concat(Enumerable.Range(1001, 11).Concat(Enumerable.Range(1020, 3)).Select(i => $"AGR{i}"))
            .ToArray();

        /// <summary>
        /// The ids of 0.1.0 are rows of Shipped.md under "## Release 0.1.0" and none is left among Unshipped.md's new
        /// rules, so an id added later (a new row in Unshipped) and a change to a shipped one (a "Changed Rules" row) show.
        /// </summary>
        [Fact]
        public void Release_0_1_0_ships_its_ids_and_Unshipped_holds_none_of_them()
        {
            var folder = Path.Combine(RepoRoot, "src", "AgreementRules.Analyzers");
            static IEnumerable<string> Ids(IEnumerable<string> lines) =>
                lines.Select(l => Regex.Match(l, @"^(AGR\d{4}) \|")).Where(m => m.Success).Select(m => m.Groups[1].Value);

            var shipped = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"));
            var releases = shipped.Select((l, i) => (Line: l, Index: i)).Where(x => x.Line.StartsWith("## Release ", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { "## Release 0.1.0" }, releases.Select(r => r.Line));
            Assert.Equal(ShippedIn0_1_0.OrderBy(i => i, StringComparer.Ordinal), Ids(shipped.Skip(releases[0].Index)).OrderBy(i => i, StringComparer.Ordinal));

            // A shipped id may come back in Unshipped only as a "### Changed Rules" or "### Removed Rules" row.
            var newInUnshipped = Ids(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"))
                .SkipWhile(l => l != "### New Rules").Skip(1).TakeWhile(l => !l.StartsWith("### ", StringComparison.Ordinal)));
            Assert.Empty(newInUnshipped.Intersect(ShippedIn0_1_0));
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
