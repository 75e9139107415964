using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// Packs the package once per run into a temporary folder with a version of its own (so no copy that
    /// NuGet cached earlier can stand in for it), lays out consumer projects beside it as the repository
    /// has them (rules/, docs/samples/FuelCycleService, tests/BypassingFuelCycleService) with a nuget.config
    /// that adds the folder as a source and keeps the machine's other sources, and builds them with the
    /// real `dotnet build`. Removes the temporary folder and the version's cache entry afterwards.
    /// </summary>
    public sealed class PackageFixture : IDisposable
    {
#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10); // a NativeAOT publish on a busy machine
        private readonly Dictionary<string, BuildResult> builds = new();

        public PackageFixture()
        {
            RepoRoot = FindRepoRoot();
            Version = "0.0.0-e2e." + DateTime.UtcNow.Ticks;
            Root = Path.Combine(Path.GetTempPath(), "agreementrules-e2e-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Root);
            try
            {
                Package = Prepare(out var seconds);
                PackSeconds = seconds;
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        private string Prepare(out double packSeconds)
        {
            var watch = Stopwatch.StartNew();
            var pack = Run(RepoRoot, "pack", Path.Combine(RepoRoot, "src", "AgreementRules.Package", "AgreementRules.Package.csproj"),
                "-c", Configuration, "--no-build", "-p:PackageVersion=" + Version, "-o", Path.Combine(Root, "feed"));
            if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
            packSeconds = watch.Elapsed.TotalSeconds;

            // The consumers see nothing of the repository's build files: their own folder stops the search.
            File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(Root, "nuget.config"), """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <!-- The freshly packed package; the machine's own sources still serve everything else. -->
                    <add key="agreementrules-e2e" value="feed" />
                  </packageSources>
                </configuration>
                """);
            Copy(Path.Combine(RepoRoot, "rules"), Path.Combine(Root, "rules"));
            Copy(Path.Combine(RepoRoot, "docs", "samples", "FuelCycleService"), Path.Combine(Root, "docs", "samples", "FuelCycleService"));
            Copy(Path.Combine(RepoRoot, "tests", "BypassingFuelCycleService"), Path.Combine(Root, "tests", "BypassingFuelCycleService"));
            return Path.Combine(Root, "feed", $"AgreementRules.{Version}.nupkg");
        }

        public string RepoRoot { get; }
        public string Root { get; }
        public string Version { get; }
        public string Package { get; }
        public double PackSeconds { get; }

        /// <summary>Builds the project once per run; later calls get the first build's result.</summary>
        public BuildResult Build(string relativeProject)
        {
            lock (builds)
            {
                if (builds.TryGetValue(relativeProject, out var cached)) return cached;
                var built = BuildNow(relativeProject);
                builds[relativeProject] = built;
                return built;
            }
        }

        /// <summary>Runs `dotnet build` on the project every time: for tests of what an incremental build notices, or with <paramref name="more"/> arguments.</summary>
        public BuildResult BuildNow(string relativeProject, params string[] more)
        {
            var watch = Stopwatch.StartNew();
            var result = Run(Root, new[] { "build", Path.Combine(Root, relativeProject), "-c", "Release",
                "--disable-build-servers", "-nodeReuse:false", "-p:AgreementRulesVersion=" + Version }.Concat(more).ToArray());
            return new BuildResult(result.ExitCode, result.Output, Diagnostics(result.Output), watch.Elapsed.TotalSeconds);
        }

        /// <summary>
        /// A consumer project at <paramref name="relativeFolder"/> under the root: net10.0, nullable on, a reference to
        /// this run's package, Cascade.cs with a member regulated for <c>enrich</c>, <paramref name="hostSource"/> as
        /// Host.cs, and with <paramref name="withRules"/> a copy of the shipped rules in its own rules/ folder. Returns the folder.
        /// </summary>
        public string WriteConsumer(string relativeFolder, string hostSource, bool withRules)
        {
            var folder = Path.Combine(Root, relativeFolder);
            Directory.CreateDirectory(folder);
            if (withRules) Copy(Path.Combine(Root, "rules"), Path.Combine(folder, "rules"));
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(relativeFolder) + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="AgreementRules" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "Cascade.cs"), """
                using AgreementRules;

                public sealed class Cascade
                {
                    [Regulated("enrich")]
                    public void Enrich() { }
                }
                """);
            File.WriteAllText(Path.Combine(folder, "Host.cs"), hostSource);
            return folder;
        }

        /// <summary>Compiler diagnostics as MSBuild prints them: <c>path(line,col): error AGR1001: …</c>, once each, paths relative to the root.</summary>
        private IReadOnlyList<Reported> Diagnostics(string output)
        {
            var pattern = new Regex(@"^\s*(?<file>.+?)\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\): (?<severity>error|warning) (?<id>[A-Z]+\d+):", RegexOptions.Multiline);
            return pattern.Matches(output)
                .Select(m => new Reported(Relative(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value),
                    m.Groups["severity"].Value, m.Groups["id"].Value))
                .Distinct()
                .OrderBy(r => r.ToString(), StringComparer.Ordinal)
                .ToList();
        }

        private string Relative(string path) =>
            Path.IsPathRooted(path) ? Path.GetRelativePath(Root, path).Replace('\\', '/') : path.Replace('\\', '/');

        /// <summary>Runs <c>dotnet</c> with these arguments in a clean environment; the exit code and everything it printed.</summary>
        public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments) =>
            RunProgram(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet", workingDirectory, arguments);

        /// <summary>Runs a program (a built host, a published executable) in a clean environment.</summary>
        public static (int ExitCode, string Output) RunProgram(string program, string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            // The test host runs under MSBuild's environment; a nested build must start from a clean one.
            foreach (var key in start.Environment.Keys.ToList())
                if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                    start.Environment.Remove(key);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} took longer than {CommandTimeout}:\n{output}");
            }
            process.WaitForExit();
            lock (output) return (process.ExitCode, output.ToString());
        }

        public static void Copy(string from, string to)
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                if (parts.Any(p => p is "bin" or "obj")) continue;
                var target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        private static string FindRepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgreementRules.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("AgreementRules.sln not found above the test folder");
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            // The version is unique to this run: drop it from the NuGet cache so runs do not pile up.
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var cached = Path.Combine(packages, "agreementrules", Version);
            try { if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public sealed record Reported(string File, int Line, int Column, string Severity, string Id)
    {
        public override string ToString() => $"{File}({Line},{Column}): {Severity} {Id}";
    }

    public sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<Reported> Diagnostics, double Seconds);

    [CollectionDefinition(Name)]
    public sealed class PackageCollection : ICollectionFixture<PackageFixture>
    {
        public const string Name = "packed AgreementRules";
    }
}
