using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// `agreement-rules eval` on large JSON Lines batches, run as a real child process pinned to one
    /// core: requests per second and peak resident memory, at each size, so "flat as the batch grows"
    /// is a measurement, not a hope. The baseline, measured in the same run, is a child that only reads
    /// and parses every line as JSON (the floor of any streaming evaluator).
    /// Peak memory is the child's maximum resident set as the kernel counts it over its whole life
    /// (GNU time's %M, from wait4), not a sample; CPU seconds (user + system) come from the same place,
    /// so requests per CPU second do not depend on what else shares the core. Without /usr/bin/time
    /// the peak falls back to polling /proc/pid/status VmHWM (a high-water mark, so only growth in the
    /// last 20 ms could be missed) and CPU time is not reported.
    /// BenchmarkDotNet measures in-process operations; a million-line child process needs this instead.
    /// </summary>
    public static class BatchMeasurement
    {
        public static int Run(string[] args)
        {
            if (args.Length > 0 && args[0] == "parse-only") return ParseOnly(args[1]);
            var sizes = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : new[] { 100_000, 1_000_000 };
            var rules = args.Length > 1 ? args[1] : Path.Combine(RepoRoot(), "rules");
            var cli = Path.Combine(AppContext.BaseDirectory, "agreement-rules.dll");
            var self = Path.Combine(AppContext.BaseDirectory, "AgreementRules.Benchmarks.dll");
            Console.WriteLine("| requests | eval req/s (wall) | eval req per CPU second | eval peak RSS | parse-only req/s (wall) | parse-only req per CPU second | parse-only peak RSS | eval / parse-only CPU time |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var size in sizes)
            {
                var file = Path.Combine(Path.GetTempPath(), $"agreement-rules-batch-{size}.jsonl");
                Generate(file, size);
                var baseline = Measure(self, $"batch parse-only {file}");
                var eval = Measure(cli, $"eval --rules {rules} {file}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {size / eval.seconds:N0} | {PerCpu(size, eval.cpu)} | {eval.peakMb:N0} MB | {size / baseline.seconds:N0} | {PerCpu(size, baseline.cpu)} | {baseline.peakMb:N0} MB | {(eval.cpu > 0 && baseline.cpu > 0 ? (eval.cpu / baseline.cpu).ToString("F2", CultureInfo.InvariantCulture) : "n/a")} |"));
                File.Delete(file);
            }
            return 0;
        }

        private static string PerCpu(int size, double cpu) => cpu > 0 ? (size / cpu).ToString("N0", CultureInfo.InvariantCulture) : "n/a";

        private const string GnuTime = "/usr/bin/time";

        private static (double seconds, double peakMb, double cpu) Measure(string dll, string arguments)
        {
            // taskset pins the child to one core, as the budget is stated for one core; GNU time (which
            // execs the child, same process) reports its peak resident set and CPU time when it ends.
            var stats = Path.GetTempFileName();
            var timed = File.Exists(GnuTime) ? $"{GnuTime} -f \"%M %U %S\" -o {stats} " : "";
            var info = new ProcessStartInfo("taskset", $"-c 0 {timed}dotnet {dll} {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var drain = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var errors = process.StandardError.ReadToEndAsync();
            long peakKb = 0;
            while (!process.HasExited)
            {
                peakKb = Math.Max(peakKb, PeakKb(process.Id));
                Thread.Sleep(20);
            }
            drain.Wait();
            process.WaitForExit();
            var seconds = watch.Elapsed.TotalSeconds;
            // 3 would mean some requests were answered with an error: that measures the error path, not evaluation.
            if (process.ExitCode != 0) throw new InvalidOperationException($"{arguments} exited {process.ExitCode}: {errors.Result}");
            var cpu = 0.0;
            if (timed.Length > 0)
            {
                // "%M %U %S": peak resident set in KB, user and system seconds.
                var fields = File.ReadAllText(stats).Trim().Split('\n')[^1].Split(' ');
                peakKb = long.Parse(fields[0], CultureInfo.InvariantCulture);
                cpu = double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture);
            }
            File.Delete(stats);
            return (seconds, peakKb / 1024.0, cpu);
        }

        /// <summary>VmHWM: the process's peak resident set so far, from /proc.</summary>
        private static long PeakKb(int pid)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        return long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return 0;
        }

        private static int ParseOnly(string file)
        {
            var count = 0;
            foreach (var line in File.ReadLines(file))
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("activity", out _)) count++;
            }
            Console.WriteLine(count);
            return 0;
        }

        /// <summary>
        /// A realistic mix in the contract's vocabulary, as the evaluation benchmarks use it: enrichment
        /// either side of 20 % (with and without consents), reprocessing at an Annex 1 plant under the
        /// Implementing Arrangement's programmatic consent, transfers under two agreements, and a use of
        /// plutonium whose Annex B category depends on its quantity.
        /// </summary>
        internal static void Generate(string path, int count)
        {
            var random = new Random(42);
            using var writer = new StreamWriter(path);
            for (var i = 0; i < count; i++)
            {
                // InvariantGlobalization (the project file) keeps numbers formatted with '.'.
                var line = (i % 5) switch
                {
                    0 => $"{{\"id\":\"{i}\",\"activity\":\"enrich\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":{random.Next(0, 4000) / 100.0:0.##},\"quantity\":{random.Next(1, 100000)}}}",
                    1 => $"{{\"id\":\"{i}\",\"activity\":\"enrich\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":{random.Next(0, 4000) / 100.0:0.##},\"evidence\":{{\"consents\":[\"JP\",\"US\"]}}}}",
                    2 => $"{{\"id\":\"{i}\",\"activity\":\"reprocess\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":3,\"irradiated\":true,\"quantity\":{random.Next(1, 5000)},\"facility\":\"tokai-reprocessing-plant\"}}",
                    3 => $"{{\"id\":\"{i}\",\"activity\":\"use\",\"agreements\":[\"JP-US-1988\"],\"material\":\"plutonium\",\"quantity\":{random.Next(1, 5000)},\"protection\":\"II\"}}",
                    _ => $"{{\"id\":\"{i}\",\"activity\":\"transfer\",\"agreements\":[\"JP-US-1988\",\"JP-FR-1990\"],\"material\":\"uranium\",\"enrichment\":3.5,\"supplier\":\"US\",\"from\":\"JP\",\"to\":\"JP\",\"recipient_authorized\":true,\"evidence\":{{\"notifications\":[{{\"by\":\"US\",\"written\":true,\"prior\":true}}]}}}}",
                };
                writer.WriteLine(line);
            }
        }

        internal static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgreementRules.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("AgreementRules.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
