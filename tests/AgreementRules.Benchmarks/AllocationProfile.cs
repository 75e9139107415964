using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AgreementRules.Analysis;
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
            Console.WriteLine();
            Pieces();
            Console.WriteLine();
            Evaluations();
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
            // What the parse keeps: the syntax trees themselves, the floor for what parsing must allocate.
            files = null!;
            model = null!;
            var before = GC.GetTotalMemory(forceFullCollection: true);
            files = sources.Select(s => RulesParser.Parse(s.Text, s.Path)).ToList();
            var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            GC.KeepAlive(files);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {corpus} | {lines:N0} | {rules:N0} | syntax trees kept after parse | {retained:N0} | {retained / (double)lines:N0} | {retained / (double)Math.Max(1, rules):N0} |"));
        }

        /// <summary>One declaration of each shape the generated file has, and the pieces of one, parsed alone.</summary>
        private static void Pieces()
        {
            var samples = new (string what, string text)[]
            {
                ("comment line", "# a comment line of about sixty characters, as the shipped files have\nactivity x\n"),
                ("activity", "activity enrich \"enrich uranium\"\n"),
                ("fact", "fact enrichment : number % \"U-235 content\"\n"),
                ("define", "define heu = material == uranium and enrichment >= 20 %\n"),
                ("rule, kind 0", "rule gen-0 cites \"Art. 1(1)\"\n  on enrich\n  when material == uranium and enrichment < 7 % and quantity >= 0 g\n  then permitted\n"),
                ("rule, kind 1", "rule gen-1 cites \"Art. 1(2)\"\n  on enrich\n  when heu and quantity >= 10 g and quantity < 20 g\n  then requires consent of JP, US\n"),
                ("rule, kind 2", "rule gen-2 cites \"Art. 1(3)\"\n  on enrich\n  when facility in annex-1 and not (purpose == military) and quantity * enrichment >= 31 g\n  then permitted\n"),
                ("rule, no condition", "rule r cites \"Art. 1\" on enrich then permitted\n"),
                ("example", "example \"t\" {\n  enrich material = uranium, enrichment = 20 %\n  consents JP, US\n  expect permitted\n}\n"),
            };
            Console.WriteLine("| declaration parsed alone | lines | bytes | bytes/line |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (what, text) in samples)
            {
                RulesParser.Parse(text, "p.rules");
                var bytes = Measure(() => RulesParser.Parse(text, "p.rules"));
                var lines = text.Count(c => c == '\n');
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {lines} | {bytes:N0} | {bytes / (double)lines:N0} |"));
            }
        }

        /// <summary>
        /// Bytes allocated per evaluation of each mix request, by the rules and by the hand-written
        /// code that builds the same decision out of the same kinds of objects and nothing else: what
        /// the rules allocate beyond that is allocation beyond the returned decision.
        /// </summary>
        private static void Evaluations()
        {
            var rules = RuleSet.Load(Path.Combine(BatchMeasurement.RepoRoot(), "rules"));
            MixEvaluationBenchmarks.Verify(rules);
            var emitted = EmittedShippedRules.Attach(rules);
            MixEvaluationBenchmarks.Verify(emitted);
            Console.WriteLine("| request | hand-written C# bytes/call | AgreementRules bytes/call | difference | emitted C# bytes/call | difference |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (name, activity, evidence) in MixScenario.Requests)
            {
                const int n = 10_000;
                var hand = PerCall(() => MixScenario.HandWritten(activity, evidence), n);
                var product = PerCall(() => rules.Evaluate(activity, evidence), n);
                var fromEmitted = PerCall(() => emitted.Evaluate(activity, evidence), n);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {hand:N0} | {product:N0} | {product - hand:+#,0;-#,0;0} | {fromEmitted:N0} | {fromEmitted - hand:+#,0;-#,0;0} |"));
            }
        }

        private static long PerCall(Func<Decision> evaluate, int n)
        {
            for (var i = 0; i < 100; i++) evaluate();
            return Measure(() => { for (var i = 0; i < n; i++) evaluate(); }) / n;
        }

        internal static long Measure(Action run)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
