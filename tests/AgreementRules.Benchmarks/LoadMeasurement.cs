using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using AgreementRules.Analysis;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Loading as a command-line run or a build meets it: cold, in a fresh process (JIT included),
    /// once. Each run is its own child process; the phases are the pipeline's (parse, check, coverage,
    /// compile to delegates; the generated file has no examples). Reports the median of the runs in
    /// wall-clock time and in CPU time of the whole process (JIT and GC threads included), which does
    /// not grow when other processes take the cores. LoadingBenchmarks gives the warm, steady-state figures.
    /// Run: dotnet run -c Release --project tests/AgreementRules.Benchmarks -- load [rules] [runs]
    /// </summary>
    public static class LoadMeasurement
    {
        public static int Run(string[] args)
        {
            var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
            var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
            var self = System.IO.Path.Combine(AppContext.BaseDirectory, "AgreementRules.Benchmarks.dll");
            var results = new List<double[]>();
            for (var r = 0; r < runs; r++)
            {
                var info = new ProcessStartInfo("dotnet", $"{self} load-once {count}") { RedirectStandardOutput = true, UseShellExecute = false };
                using var process = Process.Start(info)!;
                var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException("load-once failed: " + line);
                results.Add(line.Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray());
            }
            string Median(int i) => results.Select(x => x[i]).OrderBy(x => x).ElementAt(runs / 2).ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine($"Cold load of {count:N0} generated rules, one fresh process per run, median of {runs}:");
            Console.WriteLine("| parse | check | coverage | compile | parse + check + compile (wall) | same, process CPU time |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine($"| {Median(0)} ms | {Median(1)} ms | {Median(2)} ms | {Median(3)} ms | {Median(4)} ms | {Median(5)} ms |");
            return 0;
        }

        public static int Once(string[] args)
        {
            var count = int.Parse(args[0], CultureInfo.InvariantCulture);
            var sources = new[] { new RulesSource("generated.rules", GeneratedRules.Text(count)) };
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var files = sources.Select(s => RulesParser.Parse(s.Text, s.Path)).ToList();
            var parse = watch.Elapsed.TotalMilliseconds;
            var (model, diagnostics) = Checker.Check(files);
            var check = watch.Elapsed.TotalMilliseconds;
            var coverage = CoverageAnalysis.Analyse(model).ToList();
            var covered = watch.Elapsed.TotalMilliseconds;
            var ruleSet = RulesCompiler.Build(model, new List<RulesDiagnostic>());
            var compiled = watch.Elapsed.TotalMilliseconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            if (diagnostics.Any(d => d.Severity == Severity.Error) || ruleSet == null) throw new InvalidOperationException("the generated rules do not load");
            // 'load-once N overlaps': then what 'agreement-rules check' adds, the overlap analysis (AGR0017), timed on its own;
            // the same process without it is the baseline for instruction counts (docs/performance.md).
            var overlaps = "";
            if (args.Length > 1 && args[1] == "overlaps")
            {
                var found = Evaluation.OverlapAnalysis.Analyse(model, (request, first, second) => Evaluation.OverlapAnalysis.BothApply(ruleSet.Inspect, request, first, second)).Count;
                var withOverlapsCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                // Appended: the analysis' wall time, the process CPU time with it, the overlaps found.
                overlaps = string.Create(CultureInfo.InvariantCulture, $" {watch.Elapsed.TotalMilliseconds - compiled:F1} {withOverlapsCpu:F1} {found}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parse:F1} {check - parse:F1} {covered - check:F1} {compiled - covered:F1} {compiled:F1} {cpuMs:F1}") + overlaps);
            return 0;
        }
    }
}
