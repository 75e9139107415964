using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// Cold start of the rule set the source generator compiles into a host (issue 15) against <see cref="RuleSet.Load"/>
    /// of the same files: a small console host with the shipped rules, built once with the generator from
    /// src/AgreementRules.Analyzers, run in a fresh process per measurement, alternating the two ways. Each run reports
    /// the time from its Main to the first decision, and the process's CPU time by then (JIT included).
    /// Run: dotnet run -c Release --project tests/AgreementRules.Benchmarks -- cold-start [runs]
    /// (first `dotnet build src/AgreementRules.Analyzers -c Release`).
    /// </summary>
    public static class GeneratedColdStart
    {
        private const string Program = """
            using System;
            using AgreementRules;
            using AgreementRules.Generated;

            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var rules = args[0] == "generated" ? HostRules.RuleSet : RuleSet.Load(System.IO.Path.Combine(AppContext.BaseDirectory, "rules"));
            var decision = rules.Evaluate(Activity.Create("enrich").With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", 5.0));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            if (decision.RulesSha256 != HostRules.RulesSha256) return 1;
            Console.WriteLine(FormattableString.Invariant($"{elapsed:F1} {cpuMs:F1}"));
            return 0;
            """;

        public static int Run(string[] args)
        {
            var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
            var root = BatchMeasurement.RepoRoot();
            var analyzerDir = Path.Combine(root, "src", "AgreementRules.Analyzers", "bin", "Release", "netstandard2.0");
            if (!File.Exists(Path.Combine(analyzerDir, "AgreementRules.Analyzers.dll")))
            {
                Console.Error.WriteLine($"build the analyzer first: dotnet build src/AgreementRules.Analyzers -c Release (looked in {analyzerDir})");
                return 2;
            }
            var work = Path.Combine(Path.GetTempPath(), "agreement-rules-cold-start");
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Generate(work, root, analyzerDir);
            var build = Start("dotnet", "build Host.csproj -c Release -nodeReuse:false", work);
            if (build.ExitCode != 0) throw new InvalidOperationException("the host did not build:\n" + build.Output);

            var host = Path.Combine(work, "bin", "Release", "net10.0", "Host.dll");
            var results = new Dictionary<string, List<double[]>> { ["generated"] = new(), ["load"] = new() };
            for (var r = 0; r < runs; r++)
                foreach (var way in results.Keys)
                {
                    var run = Start("dotnet", $"{host} {way}", work);
                    if (run.ExitCode != 0) throw new InvalidOperationException($"the {way} run failed:\n" + run.Output);
                    results[way].Add(run.Output.Trim().Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray());
                }
            string Median(string way, int i) => results[way].Select(x => x[i]).OrderBy(x => x).ElementAt(runs / 2).ToString("F1", CultureInfo.InvariantCulture);
            Console.WriteLine($"Cold start to the first decision, shipped rules, one fresh process per run, median of {runs}:");
            Console.WriteLine("| rule set | wall | process CPU |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| generated (HostRules.RuleSet) | {Median("generated", 0)} ms | {Median("generated", 1)} ms |");
            Console.WriteLine($"| RuleSet.Load(\"rules\") | {Median("load", 0)} ms | {Median("load", 1)} ms |");
            return 0;
        }

        private static (int ExitCode, string Output) Start(string program, string arguments, string folder)
        {
            var info = new ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }

        private static void Generate(string work, string root, string analyzerDir)
        {
            // The generator as the package lays it out: the analyzer assembly, the language assembly and Sprache beside them.
            var analyzers = Path.Combine(work, "analyzers");
            Directory.CreateDirectory(analyzers);
            foreach (var dll in new[] { "AgreementRules.Analyzers.dll", "AgreementRules.dll" })
                File.Copy(Path.Combine(analyzerDir, dll), Path.Combine(analyzers, dll));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Sprache.dll"), Path.Combine(analyzers, "Sprache.dll"));
            Directory.CreateDirectory(Path.Combine(work, "rules"));
            foreach (var f in Directory.GetFiles(Path.Combine(root, "rules"), "*.rules"))
                File.Copy(f, Path.Combine(work, "rules", Path.GetFileName(f)));
            File.WriteAllText(Path.Combine(work, "Host.csproj"), $$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <InvariantGlobalization>true</InvariantGlobalization>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{{Path.Combine(root, "src", "AgreementRules", "AgreementRules.csproj")}}" />
                    <Analyzer Include="analyzers/*.dll" />
                    <AdditionalFiles Include="rules/**/*.rules" />
                    <!-- The same files at run time, for RuleSet.Load. -->
                    <None Include="rules/**/*.rules" CopyToOutputDirectory="PreserveNewest" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(work, "Program.cs"), Program);
        }
    }
}
