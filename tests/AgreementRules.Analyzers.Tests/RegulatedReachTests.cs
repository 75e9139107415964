using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// A project that references AgreementRules but regulates nothing costs the analyzers of regulated uses nothing:
    /// they register no action. These tests pin that, and that every way a [Regulated] member can reach a compilation
    /// (source, an alias, an identifier spelled with \u escapes, a referenced library) still turns them on.
    /// </summary>
    public class RegulatedReachTests
    {
        private static readonly Func<DiagnosticAnalyzer>[] RegulatedUseAnalyzers =
        {
            () => new UnguardedRegulatedUseAnalyzer(),
            () => new RegulatedDispatchAnalyzer(),
            () => new DynamicConversionAnalyzer(),
            () => new RegulatedActivityAnalyzer(),
        };

        /// <summary>Uses the runtime (rules, activities, decisions) and dynamic, overrides and calls, but regulates nothing.</summary>
        private const string RegulatesNothing = """
            using AgreementRules;
            public abstract class Step { public abstract void Run(); }
            public sealed class Melt : Step { public override void Run() { } }
            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                public bool Ask() => rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                public void Go(Step step) { dynamic d = step; step.Run(); }
            }
            """;

        private const string Caller = "public class C { public void M(Line line) => line.Run(); }";

        [Fact]
        public async Task With_the_runtime_referenced_but_nothing_regulated_no_action_is_registered()
        {
            foreach (var create in RegulatedUseAnalyzers)
            {
                var analyzer = create();
                Assert.Equal(0, await RegisteredActions(analyzer, Compilation(RegulatesNothing)));
                // The same code beside one regulated member: the analyzer is at work (the count above can fail).
                Assert.NotEqual(0, await RegisteredActions(analyzer,
                    Compilation(RegulatesNothing + "public class Line { [Regulated(\"reprocess\")] public void Run() { } }")));
            }
        }

        [Fact]
        public async Task An_alias_of_the_attribute_still_counts()
        {
            var compilation = Compilation("using Guarded = AgreementRules.RegulatedAttribute;\npublic class Line { [Guarded(\"reprocess\")] public void Run() { } }", Caller);
            Assert.Equal(new[] { DiagnosticIds.UnguardedRegulatedCall }, await Ids(compilation));
        }

        [Fact]
        public async Task An_attribute_name_spelled_with_unicode_escapes_still_counts()
        {
            // "\u0052egulated" is the identifier Regulated: no tree contains the word, one token has it as its value.
            var compilation = Compilation("public class Line { [AgreementRules.\\u0052egulated(\"reprocess\")] public void Run() { } }", Caller);
            Assert.DoesNotContain(compilation.SyntaxTrees, t => t.ToString().Contains("Regulated", StringComparison.Ordinal));
            Assert.Equal(new[] { DiagnosticIds.UnguardedRegulatedCall }, await Ids(compilation));
        }

        [Fact]
        public async Task A_regulated_member_of_a_referenced_library_still_counts()
        {
            var library = Library("public interface IPlant { [AgreementRules.Regulated(\"reprocess\")] void Run(); }\npublic class Line { [AgreementRules.Regulated(\"reprocess\")] public void Run() { } }");
            var viaClass = Compilation(new[] { Caller }, library);
            Assert.DoesNotContain(viaClass.SyntaxTrees, t => t.ToString().Contains("Regulated", StringComparison.Ordinal));
            Assert.Equal(new[] { DiagnosticIds.UnguardedRegulatedCall }, await Ids(viaClass));
            // Regulated only through the library's interface, implemented here.
            var viaInterface = Compilation(new[] { "public class Plant : IPlant { public void Run() { } }\npublic class D { public void M(Plant p) => p.Run(); }" }, library);
            Assert.Equal(new[] { DiagnosticIds.UnguardedRegulatedCall }, await Ids(viaInterface));
        }

        [Fact]
        public async Task A_library_that_declares_the_attribute_itself_and_applies_it_still_counts()
        {
            // No AgreementRules runtime: the library is the attribute's home, so its own members are looked at.
            var library = Library("""
                namespace AgreementRules
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    public sealed class RegulatedAttribute : System.Attribute { public RegulatedAttribute(string activity) { } }
                }
                public class Line { [AgreementRules.Regulated("reprocess")] public void Run() { } }
                """, withRuntime: false);
            var compilation = CSharpCompilation.Create("Reach", new[] { CSharpSyntaxTree.ParseText(Caller, path: "/0/Test0.cs") },
                References.Framework.Add(library), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Equal(new[] { DiagnosticIds.UnguardedRegulatedCall }, await Ids(compilation));
        }

        [Fact]
        public async Task A_referenced_library_without_AgreementRules_does_not_turn_the_analyzers_on()
        {
            var plain = Library("public class Tool { public void Use() { } }", withRuntime: false);
            Assert.Equal(0, await RegisteredActions(new UnguardedRegulatedUseAnalyzer(),
                Compilation(new[] { RegulatesNothing + "public class E { public void M(Tool t) => t.Use(); }" }, plain)));
        }

        [Theory]
        [InlineData("public class A { }", false)]
        [InlineData("// Regulated in a comment is enough: the check errs towards 'possible'\npublic class A { }", true)]
        [InlineData("public class A { string s = \"\\u0041\\U00000042\"; }", false)]
        [InlineData("public class A { [Regul\\u0061ted(\"x\")] void M() { } }", true)]
        [InlineData("public class A { [\\u0052\\u0065\\u0067\\u0075\\u006C\\u0061\\u0074\\u0065\\u0064Attribute(\"x\")] void M() { } }", true)]
        [InlineData("public class A { int \\u0078 = 1; }", false)]
        public void A_tree_mentions_the_attribute_when_its_text_or_an_escaped_identifier_names_it(string source, bool mentions)
        {
            Assert.Equal(mentions, RegulatedReach.Mentions(CSharpSyntaxTree.ParseText(source)));
        }

        [Fact]
        public void A_word_or_an_escape_split_across_the_text_chunks_is_found()
        {
            // The scan reads the text 4,096 characters at a time: the word, then the escape, straddles the first boundary.
            var word = "//" + new string(' ', 4096 - 2 - 4) + "Regulated\npublic class A { }";
            Assert.Equal(4092, word.IndexOf("Regulated", StringComparison.Ordinal));
            Assert.True(RegulatedReach.Mentions(CSharpSyntaxTree.ParseText(word)));
            var escape = "//" + new string(' ', 4069) + "\npublic class A { [Regul\\u0061ted(\"x\")] void M() { } }";
            Assert.Equal(4095, escape.IndexOf('\\'));
            Assert.True(RegulatedReach.Mentions(CSharpSyntaxTree.ParseText(escape)));
        }

        private static CSharpCompilation Compilation(params string[] sources) => Compilation(sources, null);

        private static CSharpCompilation Compilation(string[] sources, MetadataReference? library)
        {
            var references = References.Framework.Add(MetadataReference.CreateFromFile(typeof(RuleSet).Assembly.Location));
            if (library != null) references = references.Add(library);
            var compilation = CSharpCompilation.Create("Reach", sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"/0/Test{i}.cs")),
                references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0) throw new InvalidOperationException("the test source does not compile: " + string.Join("; ", errors));
            return compilation;
        }

        private static MetadataReference Library(string source, bool withRuntime = true)
        {
            var references = withRuntime ? References.Framework.Add(MetadataReference.CreateFromFile(typeof(RuleSet).Assembly.Location)) : References.Framework;
            var compilation = CSharpCompilation.Create("Plant", new[] { CSharpSyntaxTree.ParseText(source) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success) throw new InvalidOperationException("the library does not compile: " + string.Join("; ", result.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray());
        }

        private static CompilationWithAnalyzers WithAnalyzer(Microsoft.CodeAnalysis.Compilation compilation, DiagnosticAnalyzer analyzer) =>
            compilation.WithAnalyzers(ImmutableArray.Create(analyzer), new AnalyzerOptions(
                ImmutableArray.Create<AdditionalText>(new Verify.InMemoryText(Verify.RulesPath, Verify.Rules))));

        private static async Task<string[]> Ids(Microsoft.CodeAnalysis.Compilation compilation) =>
            (await WithAnalyzer(compilation, new UnguardedRegulatedUseAnalyzer()).GetAnalyzerDiagnosticsAsync(CancellationToken.None))
                .Select(d => d.Id).ToArray();

        /// <summary>Every action the analyzer registered at compilation start (the start action itself left out).</summary>
        private static async Task<int> RegisteredActions(DiagnosticAnalyzer analyzer, Microsoft.CodeAnalysis.Compilation compilation)
        {
            var run = WithAnalyzer(compilation, analyzer);
            await run.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var t = await run.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            return t.CompilationEndActionsCount + t.SymbolActionsCount + t.SymbolStartActionsCount + t.OperationActionsCount +
                   t.OperationBlockActionsCount + t.OperationBlockStartActionsCount + t.SyntaxNodeActionsCount + t.SyntaxTreeActionsCount +
                   t.SemanticModelActionsCount + t.CodeBlockActionsCount + t.CodeBlockStartActionsCount + t.AdditionalFileActionsCount;
        }
    }
}
