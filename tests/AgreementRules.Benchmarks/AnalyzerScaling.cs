using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// How the analyzers' cost grows, in process: the compiler's own per-analyzer execution time
    /// (<see cref="AnalyzerTelemetryInfo.ExecutionTime"/>, what -p:ReportAnalyzer=true prints) for the
    /// AgreementRules analyzers over generated host code, as call sites grow 1×, 10×, 100× (100, 1,000,
    /// 10,000 regulated calls; shipped rules) and as rules grow 1×, 10×, 100× (100, 1,000, 10,000
    /// generated rules; 1,000 call sites). Linear growth keeps the time per call site, or per rule, flat.
    /// Single-threaded analysis, each run on a fresh compilation; the sizes are measured in rounds and
    /// each reported as its median.
    /// Run: dotnet run -c Release --project tests/AgreementRules.Benchmarks -- analyzer-scaling [repeats]
    /// </summary>
    public static class AnalyzerScaling
    {
        public static int Run(string[] args)
        {
            var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
            var shipped = RuleSet.ReadSources(Path.Combine(BatchMeasurement.RepoRoot(), "rules"))
                .Select(s => (s.Path, s.Text)).ToArray();
            var analyzers = typeof(global::AgreementRules.Analyzers.RulesFileAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

            // Warm up until the compiler and the analyzers run optimised (tiered) code: otherwise the first,
            // smallest sizes would pay for JIT and make the growth look better than it is.
            for (var i = 0; i < 3; i++) Measure(shipped, 300, analyzers);
            Console.WriteLine($"AgreementRules analyzers ({analyzers.Length}), compiler-reported execution time, median of {repeats}, single-threaded.");
            Console.WriteLine("| growing | call sites | rules | analyzer time | per call site | per rule | time ratio to 1× | size ratio |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            Report("call sites", new[] { 10, 100, 1000 }.Select(files => (files, shipped)).ToArray(), analyzers, repeats);
            Report("rules", new[] { 100, 1000, 10_000 }.Select(count => (100, new[] { ("/rules/generated.rules", GeneratedRules.Text(count)) })).ToArray(),
                analyzers, repeats);
            Console.WriteLine();
            foreach (var line in Breakdowns) Console.WriteLine(line);
            return 0;
        }

        /// <summary>
        /// Measures every size once per round, round after round (so a busy spell on the machine falls
        /// on all sizes alike rather than on one), then reports each size's median.
        /// </summary>
        private static void Report(string growing, (int files, (string path, string text)[] rules)[] sizes, ImmutableArray<DiagnosticAnalyzer> analyzers, int repeats)
        {
            var seconds = sizes.Select(_ => new List<double>()).ToArray();
            var breakdown = new string[sizes.Length];
            for (var round = 0; round < repeats; round++)
                for (var i = 0; i < sizes.Length; i++)
                {
                    seconds[i].Add(Measure(sizes[i].rules, sizes[i].files, analyzers));
                    breakdown[i] = LastBreakdown;
                }
            double first = 0;
            var firstSize = 0;
            for (var i = 0; i < sizes.Length; i++)
            {
                var (files, rules) = sizes[i];
                var median = seconds[i].OrderBy(t => t).ElementAt(repeats / 2);
                var callSites = files * 10;
                var ruleCount = rules.Sum(r => r.text.Split("\nrule ").Length - 1 + (r.text.StartsWith("rule ", StringComparison.Ordinal) ? 1 : 0));
                var size = growing == "rules" ? ruleCount : callSites;
                if (i == 0) { first = median; firstSize = size; }
                Breakdowns.Add($"By analyzer, {callSites:N0} call sites and {ruleCount:N0} rules (last round): {breakdown[i]}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {growing} | {callSites:N0} | {ruleCount:N0} | {median * 1000:N0} ms | {median * 1e6 / callSites:N1} µs | {median * 1e6 / ruleCount:N1} µs | {median / first:F1} | {size / (double)firstSize:F0} |"));
            }
        }

        private static int runs;
        private static string LastBreakdown = "";
        private static readonly List<string> Breakdowns = new();

        /// <summary>Seconds the compiler attributes to the AgreementRules analyzers on one fresh compilation.</summary>
        private static double Measure((string path, string text)[] rules, int files, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(AnalyzerOverhead.PlantSource, path: "Plant.cs") };
            for (var i = 0; i < files; i++) trees.Add(CSharpSyntaxTree.ParseText(AnalyzerOverhead.ServiceSource(i), path: $"Service{i}.cs"));
            var compilation = CSharpCompilation.Create("Host", trees, References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            // The analyzers remember the last rules they compiled (the IDE re-analyses on every keystroke);
            // a comment that differs on each run makes every run compile them, as a fresh build does.
            var run = Interlocked.Increment(ref runs);
            var options = new AnalyzerOptions(rules.Select(r => (AdditionalText)new RulesText(r.path, r.text + $"\n# run {run}\n")).ToImmutableArray());
            var withAnalyzers = compilation.WithAnalyzers(analyzers,
                new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (diagnostics.Any(d => d.Id.StartsWith("AD", StringComparison.Ordinal)))
                throw new InvalidOperationException("an analyzer failed: " + diagnostics.First(d => d.Id.StartsWith("AD", StringComparison.Ordinal)));
            var unguarded = diagnostics.Count(d => d.Id == "AGR1001");
            if (unguarded != files * 5) throw new InvalidOperationException($"expected {files * 5} unguarded calls reported, got {unguarded}");
            var times = analyzers.Select(a => (a.GetType().Name, withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds)).ToList();
            LastBreakdown = string.Join(", ", times.OrderByDescending(t => t.Item2).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Item1} {t.Item2 * 1000:N0} ms")));
            return times.Sum(t => t.Item2);
        }

        /// <summary>The framework (as the SDK's reference pack would give it) and the AgreementRules runtime.</summary>
        private static readonly Lazy<MetadataReference[]> References = new(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Append(typeof(RuleSet).Assembly.Location)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray());

        /// <summary>An additional file whose text is read once: the compiler hands analyzers the same instance every time.</summary>
        internal sealed class RulesText : AdditionalText
        {
            private readonly SourceText text;
            public RulesText(string path, string text) { Path = path; this.text = SourceText.From(text); }
            public override string Path { get; }
            public override SourceText GetText(CancellationToken cancellationToken = default) => text;
        }
    }
}
