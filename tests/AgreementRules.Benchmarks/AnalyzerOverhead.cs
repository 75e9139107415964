using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// The analyzer's cost where users pay it: full rebuilds of a generated host project (1,000 files,
    /// ten call sites each to regulated members, half guarded) with no analyzer (the baseline), with
    /// Microsoft.CodeAnalysis.BannedApiAnalyzers banning the same members, and with AgreementRules.
    /// Reports wall-clock build ratios and the compiler's own per-analyzer times (-p:ReportAnalyzer=true),
    /// and for AgreementRules its source generator's time (the same assembly; ReportAnalyzer lists it apart).
    /// Run: dotnet run -c Release --project tests/AgreementRules.Benchmarks -- analyzer-overhead [files] [repeats]
    /// </summary>
    public static class AnalyzerOverhead
    {
        public static int Run(string[] args)
        {
            var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
            var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
            var root = BatchMeasurement.RepoRoot();
            var analyzerDir = Path.Combine(root, "src", "AgreementRules.Analyzers", "bin", "Release", "netstandard2.0");
            if (!File.Exists(Path.Combine(analyzerDir, "AgreementRules.Analyzers.dll")))
            {
                Console.Error.WriteLine($"build the analyzer first: dotnet build src/AgreementRules.Analyzers -c Release (looked in {analyzerDir})");
                return 2;
            }
            var work = Path.Combine(Path.GetTempPath(), "agreement-rules-overhead-" + files);
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Generate(work, files, root, analyzerDir);

            var modes = new[] { "none", "banned-api", "agreement-rules" };
            foreach (var mode in modes) Build(work, mode); // restore and warm the build once per mode
            var results = modes.ToDictionary(m => m, _ => new List<(double wall, double analyzer, double generator)>());
            for (var r = 0; r < repeats; r++)
                foreach (var mode in modes)
                    results[mode].Add(Build(work, mode));

            var baseline = Median(results["none"].Select(x => x.wall));
            Console.WriteLine($"Host project: {files:N0} files, {files * 10:N0} call sites (half guarded); median of {repeats} full rebuilds.");
            Console.WriteLine("| analyzer | build wall time | ratio to no analyzer | compiler-reported analyzer time | share of the build | compiler-reported generator time |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var mode in modes)
            {
                var wall = Median(results[mode].Select(x => x.wall));
                var analyzer = Median(results[mode].Select(x => x.analyzer));
                var generator = Median(results[mode].Select(x => x.generator));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {mode} | {wall:F2} s | {wall / baseline:F3} | {analyzer:F3} s | {100 * analyzer / wall:F1}% | {generator:F3} s |"));
            }
            return 0;
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted[sorted.Length / 2];
        }

        /// <summary>One full rebuild; returns wall seconds and the times ReportAnalyzer attributes to the analyzers and the generators of this mode.</summary>
        private static (double wall, double analyzer, double generator) Build(string work, string mode)
        {
            var info = new ProcessStartInfo("dotnet",
                $"build Host.csproj -c Release --no-incremental -nodeReuse:false -p:UseSharedCompilation=false -p:Mode={mode} -p:ReportAnalyzer=true -v:d")
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var wall = watch.Elapsed.TotalSeconds;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"the {mode} build failed:\n" + string.Join("\n", output.Split('\n').Where(l => l.Contains("error")).Take(20)));
            var name = mode switch { "banned-api" => "BannedApi", "agreement-rules" => "AgreementRules.Analyzers", _ => "(none)" };
            // The generators' table follows the analyzers' and names the same assembly: read each table alone.
            var generators = output.IndexOf("Total generator execution time", StringComparison.Ordinal);
            var analyzerTable = generators < 0 ? output : output[..generators];
            var generatorTable = generators < 0 ? "" : output[generators..];
            return (wall, AnalyzerSeconds(analyzerTable, name), AnalyzerSeconds(generatorTable, name));
        }

        /// <summary>
        /// Reads ReportAnalyzer's table: assembly lines look like "   0.139   61   Name, Version=…"
        /// (analyzer lines under them are indented further); "&lt;0.001" counts as zero.
        /// </summary>
        private static double AnalyzerSeconds(string output, string name)
        {
            if (name.StartsWith("Total", StringComparison.Ordinal))
            {
                var total = Regex.Match(output, @"Total analyzer execution time: (\d+(?:\.\d+)?) seconds");
                return total.Success ? double.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            }
            var sum = 0.0;
            foreach (Match m in Regex.Matches(output, @"^\s*(<?)(\d+(?:\.\d+)?)\s+<?\d+\s+([^\s,]+), Version=", RegexOptions.Multiline))
                if (m.Groups[3].Value.Contains(name, StringComparison.Ordinal) && m.Groups[1].Value.Length == 0)
                    sum += double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            return sum;
        }

        /// <summary>The two regulated members every generated service calls.</summary>
        internal const string PlantSource = """
            using AgreementRules;
            namespace Host
            {
                public sealed class Plant
                {
                    [Regulated("reprocess")] public void Reprocess(int batch) { }
                    [Regulated("enrich")] public void Enrich(int batch) { }
                }
            }
            """;

        /// <summary>A service with ten methods, each calling a regulated member: five behind a permitted decision, five not.</summary>
        internal static string ServiceSource(int i)
        {
            var text = new StringBuilder();
            text.Append("using AgreementRules;\nnamespace Host\n{\n    public sealed class Service").Append(i).Append("\n    {\n");
            text.Append("        private readonly RuleSet rules;\n        private readonly Plant plant;\n");
            text.Append("        public Service").Append(i).Append("(RuleSet rules, Plant plant) { this.rules = rules; this.plant = plant; }\n");
            for (var m = 0; m < 10; m++)
            {
                var (activity, call) = m % 2 == 0 ? ("reprocess", "Reprocess") : ("enrich", "Enrich");
                text.Append("        public int Method").Append(m).Append("(int batch)\n        {\n            var total = batch * ").Append(m + 1).Append(";\n");
                if (m < 5)
                    text.Append("            var decision = rules.Evaluate(Activity.Create(\"").Append(activity)
                        .Append("\").With(\"material\", \"uranium\"));\n            if (decision.IsPermitted) plant.").Append(call).Append("(batch);\n");
                else
                    text.Append("            plant.").Append(call).Append("(batch);\n");
                text.Append("            return total;\n        }\n");
            }
            text.Append("    }\n}\n");
            return text.ToString();
        }

        private static void Generate(string work, int files, string root, string analyzerDir)
        {
            // The analyzers as the package lays them out (analyzers/dotnet/cs/): the analyzer assembly, the
            // language assembly and Sprache beside them. The analyzer project's bin folder lacks Sprache
            // (a library does not copy its package dependencies), and without it every rules file fails
            // to load inside the compiler (AGR0001, TypeInitializationException in Grammar).
            var analyzers = Path.Combine(work, "analyzers");
            Directory.CreateDirectory(analyzers);
            foreach (var dll in new[] { "AgreementRules.Analyzers.dll", "AgreementRules.dll" })
                File.Copy(Path.Combine(analyzerDir, dll), Path.Combine(analyzers, dll));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Sprache.dll"), Path.Combine(analyzers, "Sprache.dll"));
            Directory.CreateDirectory(Path.Combine(work, "rules"));
            File.Copy(Path.Combine(root, "rules", "vocabulary.rules"), Path.Combine(work, "rules", "vocabulary.rules"));
            foreach (var f in Directory.GetFiles(Path.Combine(root, "rules"), "*.rules"))
                File.Copy(f, Path.Combine(work, "rules", Path.GetFileName(f)), overwrite: true);
            var runtime = Path.Combine(root, "src", "AgreementRules", "AgreementRules.csproj");
            File.WriteAllText(Path.Combine(work, "Host.csproj"), $$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                    <NoWarn>$(NoWarn);RS0030</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{{runtime}}" />
                  </ItemGroup>
                  <ItemGroup Condition="'$(Mode)' == 'banned-api'">
                    <PackageReference Include="Microsoft.CodeAnalysis.BannedApiAnalyzers" Version="5.6.0" PrivateAssets="all" />
                    <AdditionalFiles Include="BannedSymbols.txt" />
                  </ItemGroup>
                  <ItemGroup Condition="'$(Mode)' == 'agreement-rules'">
                    <Analyzer Include="analyzers/*.dll" />
                    <AdditionalFiles Include="rules/**/*.rules" />
                  </ItemGroup>
                </Project>
                """);
            // Unguarded calls are errors by default; the comparison wants full builds that succeed.
            File.WriteAllText(Path.Combine(work, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.AGR1001.severity = warning\n");
            File.WriteAllText(Path.Combine(work, "BannedSymbols.txt"),
                "M:Host.Plant.Reprocess(System.Int32);needs a permitted decision\nM:Host.Plant.Enrich(System.Int32);needs a permitted decision\n");
            File.WriteAllText(Path.Combine(work, "Plant.cs"), PlantSource);
            for (var i = 0; i < files; i++)
                File.WriteAllText(Path.Combine(work, $"Service{i}.cs"), ServiceSource(i));
        }
    }
}
