using BenchmarkDotNet.Running;

namespace AgreementRules.Benchmarks
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "analyzer-overhead") return AnalyzerOverhead.Run(args[1..]);
            if (args.Length > 0 && args[0] == "batch") return BatchMeasurement.Run(args[1..]);
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
