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
            Console.WriteLine("| requests | eval req/s | eval peak RSS | parse-only req/s | parse-only peak RSS | eval / parse-only time |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            foreach (var size in sizes)
            {
                var file = Path.Combine(Path.GetTempPath(), $"agreement-rules-batch-{size}.jsonl");
                Generate(file, size);
                var baseline = Measure(self, $"batch parse-only {file}");
                var eval = Measure(cli, $"eval --rules {rules} {file}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {size / eval.seconds:N0} | {eval.peakMb:N0} MB | {size / baseline.seconds:N0} | {baseline.peakMb:N0} MB | {eval.seconds / baseline.seconds:F2} |"));
                File.Delete(file);
            }
            return 0;
        }

        private static (double seconds, double peakMb) Measure(string dll, string arguments)
        {
            // taskset pins the child to one core, as the budget is stated for one core.
            var info = new ProcessStartInfo("taskset", $"-c 0 dotnet {dll} {arguments}")
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
            if (process.ExitCode is not (0 or 3)) throw new InvalidOperationException($"{arguments} exited {process.ExitCode}: {errors.Result}");
            return (seconds, peakKb / 1024.0);
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

        /// <summary>A realistic mix in the contract's vocabulary: enrichment either side of 20%, reprocessing, transfers.</summary>
        internal static void Generate(string path, int count)
        {
            var random = new Random(42);
            using var writer = new StreamWriter(path);
            for (var i = 0; i < count; i++)
            {
                // InvariantGlobalization (the project file) keeps numbers formatted with '.'.
                var line = (i % 4) switch
                {
                    0 => $"{{\"id\":\"{i}\",\"activity\":\"enrich\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":{random.Next(0, 4000) / 100.0:0.##},\"quantity\":{random.Next(1, 100000)}}}",
                    1 => $"{{\"id\":\"{i}\",\"activity\":\"enrich\",\"agreements\":[\"JP-US-1988\"],\"material\":\"uranium\",\"enrichment\":{random.Next(0, 4000) / 100.0:0.##},\"evidence\":{{\"consents\":[\"JP\",\"US\"]}}}}",
                    2 => $"{{\"id\":\"{i}\",\"activity\":\"reprocess\",\"agreements\":[\"JP-US-1988\"],\"material\":\"plutonium\",\"quantity\":{random.Next(1, 5000)}}}",
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
