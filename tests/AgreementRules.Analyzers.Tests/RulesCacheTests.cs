using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgreementRules.Compilation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// The checked rules are kept with the rules files' SourceTexts: each compilation must still get the answers
    /// of its own rules, whatever ran before it, beside it, or with the same text in another set.
    /// </summary>
    public class RulesCacheTests
    {
        private const string Vocabulary = "activity store\n";
        private const string DeclaresMelt = "activity melt\n";
        private const string DeclaresShip = "activity ship\n";

        private const string Source = """
            using AgreementRules;
            public class Plant
            {
                [Regulated("melt")] public void Melt() { }
                [Regulated("ship")] public void Ship() { }
                [Regulated("store")] public void Store() { }
            }
            """;

        // One analyzer instance of each kind for every compilation, as the compiler server and the IDE keep them.
        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
            ImmutableArray.Create<DiagnosticAnalyzer>(new RegulatedActivityAnalyzer(), new RulesFileAnalyzer());

        [Fact]
        public async Task Compilations_one_after_the_other_each_get_their_own_rules()
        {
            var shared = new FixedText("/0/rules/a.rules", Vocabulary);
            var melt = new[] { shared, new FixedText("/0/rules/b.rules", DeclaresMelt) };
            var ship = new[] { shared, new FixedText("/0/rules/b.rules", DeclaresShip) };

            Assert.Equal(new[] { "AGR1003 ship" }, await Undeclared(melt));
            Assert.Equal(new[] { "AGR1003 melt" }, await Undeclared(ship));
            Assert.Equal(new[] { "AGR1003 ship" }, await Undeclared(melt));
            Assert.Equal(new[] { "AGR1003 melt", "AGR1003 ship" }, await Undeclared(new[] { shared }));
        }

        [Fact]
        public async Task Interleaved_compilations_each_get_their_own_rules()
        {
            var shared = new FixedText("/0/rules/a.rules", Vocabulary);
            var melt = new[] { shared, new FixedText("/0/rules/b.rules", DeclaresMelt) };
            var ship = new[] { shared, new FixedText("/0/rules/b.rules", DeclaresShip) };
            var broken = new[] { shared, new FixedText("/0/rules/b.rules", "activity ship\nrule r cites \"A\" on ship then permited\n") };

            for (var round = 0; round < 5; round++)
            {
                var runs = Enumerable.Range(0, 6).Select(i => (i % 3) switch
                {
                    0 => (Expected: new[] { "AGR1003 ship" }, Run: Undeclared(melt)),
                    1 => (Expected: new[] { "AGR1003 melt" }, Run: Undeclared(ship)),
                    // A syntax error: no vocabulary, so no AGR1003, and the error stands in its own file.
                    _ => (Expected: new[] { "AGR0001 /0/rules/b.rules(2,31)" }, Run: Undeclared(broken)),
                }).ToList();
                await Task.WhenAll(runs.Select(r => r.Run));
                foreach (var (expected, run) in runs) Assert.Equal(expected, await run);
            }
        }

        [Fact]
        public async Task The_same_text_at_another_path_reports_at_that_path()
        {
            var text = SourceText.From("activity store\nrule r cites \"A\" on store then permited\n");
            Assert.Equal(new[] { "AGR0001 /0/rules/one.rules(2,32)" }, await Undeclared(new[] { new FixedText("/0/rules/one.rules", text) }));
            Assert.Equal(new[] { "AGR0001 /0/rules/two.rules(2,32)" }, await Undeclared(new[] { new FixedText("/0/rules/two.rules", text) }));
        }

        [Fact]
        public void A_failed_check_keeps_the_declared_names()
        {
            // An unknown name fails the check, but every declaration parsed: host code is still checked against them.
            var rules = RulesFiles.FromTexts(new[] { ("/0/rules/a.rules", "activity melt\nrule r cites \"A\" on melt when nosuch then permitted\n") });
            Assert.Contains(rules.Diagnostics, d => d.Id == RulesDiagnosticIds.UnknownName);
            Assert.NotNull(rules.Vocabulary);
            Assert.Equal(new[] { "melt" }, rules.Vocabulary!.Activities.Keys.ToArray());
        }

        private static async Task<string[]> Undeclared(IReadOnlyList<AdditionalText> rules)
        {
            var trees = new[] { CSharpSyntaxTree.ParseText(Source, path: "/0/Test0.cs") };
            var compilation = CSharpCompilation.Create("Cache", trees,
                References.Framework.Add(MetadataReference.CreateFromFile(typeof(RuleSet).Assembly.Location)),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var diagnostics = await compilation.WithAnalyzers(Analyzers, new AnalyzerOptions(rules.ToImmutableArray()))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return diagnostics.Select(d => d.Id == "AGR1003"
                    ? d.Id + " " + d.GetMessage().Split('"')[1]
                    : $"{d.Id} {d.Location.GetLineSpan().Path}({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1})")
                .OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
        }

        /// <summary>An additional file that hands out one SourceText instance, as the compiler's and the IDE's do.</summary>
        private sealed class FixedText(string path, SourceText text) : AdditionalText
        {
            public FixedText(string path, string text) : this(path, SourceText.From(text)) { }
            public override string Path => path;
            public override SourceText GetText(CancellationToken cancellationToken = default) => text;
        }
    }
}
