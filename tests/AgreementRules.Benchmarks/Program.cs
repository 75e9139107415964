using System.Linq;
using BenchmarkDotNet.Running;

namespace AgreementRules.Benchmarks
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "analyzer-overhead") return AnalyzerOverhead.Run(args[1..]);
            if (args.Length > 0 && args[0] == "batch") return BatchMeasurement.Run(args[1..]);
            if (args.Length > 0 && args[0] == "alloc") return AllocationProfile.Run(args[1..]);
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            // A benchmark that throws must fail CI's dry run, not pass it silently.
            var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
            return failed ? 1 : 0;
        }
    }
}
