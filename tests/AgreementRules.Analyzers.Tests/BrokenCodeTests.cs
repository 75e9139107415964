using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// Half-typed code in the IDE must never make an analyzer throw (AD0001), nor the guard analysis fail and
    /// report that as AGR1007. A fixed broken snippet per analyzer, then every analyzer over prefixes of a host
    /// file that uses every form the analyzers read, and of a rules file, as they are while being typed.
    /// </summary>
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

        [Fact]
        public Task Every_analyzer_survives_every_prefix_of_a_host_file()
        {
            // Cut after every fourth token, and inside string literals, so most constructs are seen half-typed.
            var tokens = CSharpSyntaxTree.ParseText(Complete).GetRoot().DescendantTokens().ToList();
            var cuts = tokens.Where((_, i) => i % 4 == 0).Select(t => t.Span.End)
                .Concat(tokens.Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.SpanStart + 2))
                .Distinct().OrderBy(c => c);
            return Survives(cuts.Select(cut => (Complete.Substring(0, cut), Verify.Rules)));
        }

        [Fact]
        public Task Every_analyzer_survives_every_prefix_of_a_rules_file()
        {
            var rules = Verify.Rules;
            var cuts = Enumerable.Range(0, rules.Length).Where(i => i % 17 == 0 || rules[i] == '\n').Append(rules.Length);
            return Survives(cuts.Select(cut => (Complete, rules.Substring(0, cut))));
        }

        private const string Complete = """
            using System;
            using System.Reflection;
            using System.Threading.Tasks;
            using AgreementRules;

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();
                private readonly Vault vault = new Vault();

                [Regulated("reprocess")]
                public void Delegated(Batch batch) => line.Run(batch);

                public async Task Work(Batch batch, bool flag, string kind, Batch[] batches)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium").With("quantity", 10));
                    if (decision is { IsPermitted: true }) line.Run(batch);
                    if (decision?.IsPermitted == true && flag) line.Run(batch);
                    if (!decision.IsPermitted) return;
                    foreach (var item in batches) { line.Run(item); decision = rules.Evaluate(Activity.Create(kind)); }
                    try { await Task.Yield(); decision.ThrowIfNotPermitted(); }
                    catch (ActivityNotPermittedException) when (flag) { }
                    finally { vault.Capacity += 1; }
                    var ran = decision.Outcome switch { Outcome.Permitted => line.TryRun(batch), _ => false };
                    switch (decision) { case { Outcome: Outcome.ConsentRequired }: break; }
                    Action<Batch> run = line.Run;
                    Func<bool> later = () => line.TryRun(batch);
                    Local();
                    var method = typeof(Line).GetMethod("Run");
                    var reactor = Activator.CreateInstance<Reactor>();
                    (decision, ran) = (rules.Evaluate(Activity.Create("enrich")), true);
                    void Local() { if (rules.Evaluate(Activity.Create("store")).IsPermitted) vault.Capacity = 2; }
                }
            }
            """;

        private static async Task Survives(IEnumerable<(string Source, string Rules)> cases)
        {
            var analyzers = typeof(DiagnosticIds).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            var references = References.Framework.Add(MetadataReference.CreateFromFile(typeof(RuleSet).Assembly.Location));
            var host = CSharpSyntaxTree.ParseText(Verify.Host, path: "/0/Host.cs");
            var failures = new List<string>();
            var count = 0;
            var compilations = new Dictionary<string, CSharpCompilation>();
            foreach (var (source, rules) in cases)
            {
                count++;
                if (!compilations.TryGetValue(source, out var compilation))
                    compilations[source] = compilation = CSharpCompilation.Create("Broken",
                        new[] { host, CSharpSyntaxTree.ParseText(source, path: "/0/Test0.cs") }, references,
                        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                var thrown = new ConcurrentQueue<string>();
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new Verify.InMemoryText(Verify.RulesPath, rules))),
                    (exception, analyzer, _) => thrown.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
                    concurrentAnalysis: false, logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                // The analyzers turn their own exceptions into diagnostics rather than crash the build; here those are failures too.
                var internalFailures = diagnostics.Where(d => d.Id.StartsWith("AD", StringComparison.Ordinal) ||
                    d.Id == DiagnosticIds.CannotDecide && d.GetMessage().Contains("flow analysis of this member failed") ||
                    d.GetMessage().Contains("internal error while checking the rules"));
                foreach (var problem in thrown.Concat(internalFailures.Select(d => d.ToString())))
                    failures.Add($"cut at {source.Length} chars of C#, {rules.Length} of rules: {problem}");
            }
            Assert.True(count > 20, "too few cases to mean anything");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        }

        private static DiagnosticResult Unguarded(int line, int column) =>
            new DiagnosticResult(DiagnosticIds.UnguardedRegulatedCall, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(line, column);
    }
}
