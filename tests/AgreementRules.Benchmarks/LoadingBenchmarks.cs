using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Analysis;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;
using BenchmarkDotNet.Attributes;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Loading, phase by phase: parse, check (names, types, units, coverage), compile to delegates;
    /// and the whole pipeline (which also runs the in-file examples). The baseline is reading the
    /// same text into lines, a floor no loader can beat.
    /// </summary>
    [MemoryDiagnoser]
    public class LoadingBenchmarks
    {
        private IReadOnlyList<RulesSource> sources = null!;
        private IReadOnlyList<RulesFile> parsed = null!;
        private CheckedModel model = null!;

        [Params("shipped rules/", "generated 10,000 rules")]
        public string Corpus { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            sources = Corpus.StartsWith("shipped")
                ? RuleSet.ReadSources(Path.Combine(BatchMeasurement.RepoRoot(), "rules"))
                : new[] { new RulesSource("generated.rules", GeneratedRules.Text(10_000)) };
            parsed = Parse();
            model = Checker.Check(parsed).model;
        }

        [Benchmark(Baseline = true, Description = "split into lines (floor)")]
        public int SplitLines() => sources.Sum(s => s.Text.Split('\n').Length);

        [Benchmark(Description = "parse")]
        public IReadOnlyList<RulesFile> Parse() => sources.Select(s => RulesParser.Parse(s.Text, s.Path)).ToList();

        [Benchmark(Description = "check (+ coverage)")]
        public int Check() => Checker.Check(parsed).diagnostics.Count + CoverageAnalysis.Analyse(model).Count();

        [Benchmark(Description = "compile to delegates")]
        public RuleSet Compile() => RulesCompiler.Build(model, new List<RulesDiagnostic>());

        [Benchmark(Description = "whole pipeline (parse+check+compile+examples)")]
        public RulesCompilationResult Pipeline() => RulesCompiler.Compile(sources);
    }
}
