using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Bytes allocated by each loading phase, per source line and per rule, counted exactly with
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/>. Allocation does not depend on what else the
    /// machine is doing, so these figures compare before and after a change where timings on a busy
    /// machine cannot. Every phase runs once to warm up (JIT, static grammar), then is counted.
    /// Run: dotnet run -c Release --project tests/AgreementRules.Benchmarks -- alloc [rules]
    /// </summary>
    public static class AllocationProfile
    {
        public static int Run(string[] args)
        {
            var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
            Console.WriteLine("| corpus | lines | rules | phase | bytes | bytes/line | bytes/rule |");
            Console.WriteLine("|---|---:|---:|---|---:|---:|---:|");
            Profile("shipped rules/", RuleSet.ReadSources(Path.Combine(BatchMeasurement.RepoRoot(), "rules")));
            Profile($"generated {count:N0} rules", new[] { new RulesSource("generated.rules", GeneratedRules.Text(count)) });
            return 0;
        }

        private static void Profile(string corpus, IReadOnlyList<RulesSource> sources)
        {
            var lines = sources.Sum(s => s.Text.Count(c => c == '\n') + 1);
            List<RulesFile> files = null!;
            CheckedModel model = null!;
            var phases = new (string name, Action run)[]
            {
                ("parse", () => files = sources.Select(s => RulesParser.Parse(s.Text, s.Path)).ToList()),
                ("check", () => model = Checker.Check(files).model),
                ("coverage", () => CoverageAnalysis.Analyse(model).Count()),
                ("compile", () => RulesCompiler.Build(model, new List<RulesDiagnostic>())),
                ("whole pipeline (+ examples)", () => RulesCompiler.Compile(sources)),
            };
            foreach (var (_, run) in phases) run(); // warm-up
            var rules = files.Sum(f => f.Declarations.OfType<RuleDecl>().Count());
            foreach (var (name, run) in phases)
            {
                var bytes = Measure(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {corpus} | {lines:N0} | {rules:N0} | {name} | {bytes:N0} | {bytes / (double)lines:N0} | {bytes / (double)Math.Max(1, rules):N0} |"));
            }
        }

        internal static long Measure(Action run)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
