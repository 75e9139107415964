using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// Runs one analyzer over host code with the AgreementRules runtime referenced and a .rules file as an
    /// AdditionalFile, as the package sets a project up. Expected diagnostics are marked in the source with
    /// <c>{|AGR1001:text|}</c>. References come from the SDK on this machine: nothing is downloaded.
    /// </summary>
    internal static class Verify
    {
        public const string RulesPath = "/0/rules/test.rules";

        /// <summary>Regulated members the tests call. Kept in a second file so test sources stay short.</summary>
        public const string Host = """
            using System;
            using AgreementRules;

            public class Batch { }
            public class Line
            {
                [Regulated("reprocess")] public void Run(Batch batch) { }
                [Regulated("reprocess")] public bool TryRun(Batch batch) => true;
            }
            public class Cascade
            {
                [Regulated("enrich")] public void Run(Batch batch) { }
            }
            public class Vault
            {
                [Regulated("store")] public int Capacity { get; set; }
                public int Shelves { get; set; }
            }
            public class Reactor
            {
                [Regulated("reprocess")] public Reactor() { }
            }
            """;

        public const string Rules = """
            type party = enum { JP, US }
            activity enrich "enrich uranium"
            activity reprocess "reprocess material"
            activity store "store material"
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            fact quantity : number g
            fact irradiated : bool default false
            fact supplier : party
            fact facility : text
            fact assurances : list of enum { peaceful-use, iaea-safeguards }

            agreement T-1 {
              title "Test agreement"
              parties JP, US
            }

            rule t-enrich cites "Art. 1" on enrich then permitted
            rule t-reprocess cites "Art. 2" on reprocess then requires consent of JP, US
            rule t-store cites "Art. 3" on store then permitted
            """;

        public static Task Analyzer<TAnalyzer>(string source, string? rules = Rules, bool withHost = true, bool withRuntime = true,
            CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new() =>
            Analyzer<TAnalyzer>(source, editorConfig: null, rules, withHost, withRuntime, compilerDiagnostics, expected);

        public static Task Analyzer<TAnalyzer>(string source, string? editorConfig, string? rules = Rules, bool withHost = true, bool withRuntime = true,
            CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = References.Empty,
                CompilerDiagnostics = compilerDiagnostics,
            };
            Configure(test.TestState, rules, withHost, withRuntime);
            if (editorConfig != null) test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
            if (editorConfig == null || !editorConfig.Contains(DiagnosticIds.RegulatedCallSite)) KeepOffByDefault(test);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public static Task CodeFix<TAnalyzer, TFix>(string source, string fixedSource, int codeActionIndex = 0, string? equivalenceKey = null)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new() =>
            CodeFixTest<TAnalyzer, TFix>(source, fixedSource, codeActionIndex, equivalenceKey).RunAsync(CancellationToken.None);

        /// <summary>
        /// Fix All in document, project and solution scope over several documents (the test library runs each scope):
        /// <paramref name="fixedSources"/> is what fixing one diagnostic at a time reaches, <paramref name="batchFixedSources"/>
        /// what one Fix All writes: in one pass over the project or solution, and in a pass per document with
        /// diagnostics when fixing "in document".
        /// </summary>
        public static Task FixAll<TAnalyzer, TFix>(string[] sources, string[] fixedSources, string[] batchFixedSources,
            int incrementalIterations)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            // The test library skips its Fix All checks where a fix offers no FixAllProvider.
            var provider = new TFix().GetFixAllProvider();
            Xunit.Assert.True(provider != null, $"{typeof(TFix).Name} offers no Fix All");
            Xunit.Assert.Equal(new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution },
                provider!.GetSupportedFixAllScopes().Where(s => s is FixAllScope.Document or FixAllScope.Project or FixAllScope.Solution).OrderBy(s => s));
            var test = CodeFixTest<TAnalyzer, TFix>(sources[0], fixedSources[0], codeActionIndex: 0, equivalenceKey: null);
            for (var i = 1; i < sources.Length; i++) test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
            for (var i = 1; i < fixedSources.Length; i++) test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
            test.BatchFixedState.Sources.Add(("/0/Test0.cs", batchFixedSources[0]));
            test.BatchFixedState.Sources.Add(("/0/Host.cs", Host));
            for (var i = 1; i < batchFixedSources.Length; i++) test.BatchFixedState.Sources.Add(($"/0/Test{i}.cs", batchFixedSources[i]));
            test.NumberOfIncrementalIterations = incrementalIterations;
            test.NumberOfFixAllIterations = 1;
            test.NumberOfFixAllInDocumentIterations = sources.Length;
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The fix offers nothing for these diagnostics: the source stays as it is, diagnostics and all.</summary>
        public static Task NoCodeFix<TAnalyzer, TFix>(string source)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            var test = CodeFixTest<TAnalyzer, TFix>(source, source, codeActionIndex: 0, equivalenceKey: null);
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            return test.RunAsync(CancellationToken.None);
        }

        private static CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> CodeFixTest<TAnalyzer, TFix>(string source, string fixedSource,
            int codeActionIndex, string? equivalenceKey)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = References.Empty,
                CodeActionIndex = codeActionIndex,
                CodeActionEquivalenceKey = equivalenceKey,
            };
            Configure(test.TestState, Rules, withHost: true, withRuntime: true);
            Configure(test.FixedState, Rules, withHost: true, withRuntime: true);
            KeepOffByDefault(test);
            return test;
        }

        /// <summary>
        /// The diagnostics one analyzer reports on host code (with Host.cs and the rules), the compiler's left out:
        /// for tests that ask whether some id is reported rather than pin every place.
        /// </summary>
        /// <param name="runtime">false: neither the AgreementRules runtime nor Host.cs, as in a project without the package.</param>
        public static async Task<ImmutableArray<Diagnostic>> Run<TAnalyzer>(string source, string rules = Rules, bool runtime = true)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var trees = new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, path: "/0/Test0.cs") };
            if (runtime) trees = trees.Append(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Host, path: "/0/Host.cs")).ToArray();
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Run", trees,
                runtime ? References.Framework.Add(MetadataReference.CreateFromFile(typeof(RuleSet).Assembly.Location)) : References.Framework,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0) throw new InvalidOperationException("the test source does not compile: " + string.Join("; ", errors));
            var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText(RulesPath, rules)));
            return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        }

        internal sealed class InMemoryText(string path, string text) : AdditionalText
        {
            public override string Path => path;
            public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
                Microsoft.CodeAnalysis.Text.SourceText.From(text);
        }

        /// <summary>
        /// The testing library turns on every diagnostic its descriptor has off by default; AGR1012 (one per regulated
        /// use, for the report) stays off as in a real build, unless the test's configuration turns it on.
        /// </summary>
        internal static void KeepOffByDefault<TVerifier>(AnalyzerTest<TVerifier> test) where TVerifier : IVerifier, new() =>
            test.DisabledDiagnostics.Add(DiagnosticIds.RegulatedCallSite);

        internal static void Configure(SolutionState state, string? rules, bool withHost, bool withRuntime)
        {
            state.AdditionalReferences.AddRange(References.Framework);
            if (withRuntime) state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(RuleSet).Assembly.Location));
            if (withHost) state.Sources.Add(("/0/Host.cs", Host));
            if (rules != null) state.AdditionalFiles.Add((RulesPath, rules));
        }
    }

    internal static class References
    {
        /// <summary>No reference package: the framework comes from <see cref="Framework"/> instead of a download.</summary>
        public static readonly ReferenceAssemblies Empty = new("net10.0");

        public static readonly ImmutableArray<MetadataReference> Framework = Load();

        private static ImmutableArray<MetadataReference> Load()
        {
            // The SDK's reference pack, else the running framework's own assemblies.
            var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
            var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
            var refDir = Directory.Exists(packs)
                ? Directory.GetDirectories(packs)
                    .Select(v => Path.Combine(v, "ref", "net" + Environment.Version.Major + ".0"))
                    .Where(Directory.Exists)
                    .OrderByDescending(d => d, StringComparer.Ordinal)
                    .FirstOrDefault()
                : null;
            var files = refDir != null
                ? Directory.GetFiles(refDir, "*.dll")
                : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                    .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) ||
                                Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
            return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
        }
    }
}
