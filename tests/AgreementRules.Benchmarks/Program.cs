using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AgreementRules.Benchmarks
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "analyzer-overhead") return AnalyzerOverhead.Run(args[1..]);
            if (args.Length > 0 && args[0] == "analyzer-scaling") return AnalyzerScaling.Run(args[1..]);
            if (args.Length > 0 && args[0] == "batch") return BatchMeasurement.Run(args[1..]);
            if (args.Length > 0 && args[0] == "alloc") return AllocationProfile.Run(args[1..]);
            if (args.Length > 0 && args[0] == "loop") return InstructionLoop.Run(args[1..]);
            if (args.Length > 0 && args[0] == "load") return LoadMeasurement.Run(args[1..]);
            if (args.Length > 0 && args[0] == "load-once") return LoadMeasurement.Once(args[1..]);
            if (args.Length > 0 && args[0] == "cold-start") return GeneratedColdStart.Run(args[1..]);
            if (args.Length > 0 && args[0] == "analyzer-cost") return AnalyzerCost.Run(args[1..]);
            // With no arguments, every benchmark (rather than BenchmarkDotNet's interactive menu).
            if (args.Length == 0) args = new[] { "--filter", "*" };
            // ShortRun (1 launch, 3 warm-ups, 3 iterations) unless the command line names a job (CI: --job dry):
            // the whole suite then takes minutes on two cores. Given as --job short, so that other options
            // (--inProcess, --filter) combine with it as they do with any named job.
            if (!args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", System.StringComparison.Ordinal)))
                args = new[] { "--job", "short" }.Concat(args).ToArray();
            var config = DefaultConfig.Instance;
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
            // A benchmark that throws must fail CI's dry run, not pass it silently.
            var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
            return failed ? 1 : 0;
        }
    }
}
