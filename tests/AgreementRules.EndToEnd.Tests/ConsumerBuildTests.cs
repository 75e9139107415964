using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// How users meet the product: a project references the package and `dotnet build` passes or fails.
    /// The sample builds clean; its bypassing twin fails with each marked id at the marked file(line,col).
    /// </summary>
    [Collection(PackageCollection.Name)]
    public class ConsumerBuildTests(PackageFixture package, ITestOutputHelper output)
    {
        [Fact]
        public void Sample_host_builds_clean_against_the_package()
        {
            var build = package.Build("docs/samples/FuelCycleService/FuelCycleService.csproj");
            output.WriteLine($"pack {package.PackSeconds:0.0}s, sample build {build.Seconds:0.0}s");
            Assert.True(build.ExitCode == 0, "the sample did not build:\n" + build.Output);
            Assert.DoesNotContain(build.Diagnostics, d => d.Severity == "error");
            // Host code raises nothing; warnings about the shipped rules themselves belong to the rules.
            Assert.DoesNotContain(build.Diagnostics, d => d.Id.StartsWith("AGR1"));
        }

        [Fact]
        public void Bypassing_twin_fails_with_every_marked_id_at_its_place()
        {
            var build = package.Build("tests/BypassingFuelCycleService/BypassingFuelCycleService.csproj");
            output.WriteLine($"twin build {build.Seconds:0.0}s");
            Assert.NotEqual(0, build.ExitCode);
            var expected = Markers().ToList();
            // Every host-code id that a project with rules can raise, and rules-file errors of several kinds.
            Assert.Equal(Enumerable.Range(1, 11).Where(i => i != 8).Select(i => $"AGR{1000 + i}").Append("AGR1020").Append("AGR1022"),
                expected.Select(e => e.Id).Where(i => i.StartsWith("AGR1")).Distinct().Order());
            Assert.True(expected.Select(e => e.Id).Where(i => i.StartsWith("AGR0")).Distinct().Count() >= 3, "the broken rules file should hold several kinds of error");
            var actual = build.Diagnostics
                .Where(d => d.Id.StartsWith("AGR") && !d.File.StartsWith("rules/"))
                .Select(d => $"{d.File}({d.Line},{d.Column}): {d.Severity} {d.Id}")
                .ToList();
            // One line each, so a failure shows the whole difference.
            Assert.Equal(
                string.Join("\n", expected.Select(e => e.ToString()).OrderBy(s => s, System.StringComparer.Ordinal)),
                string.Join("\n", actual.OrderBy(s => s, System.StringComparer.Ordinal)));
        }

        /// <summary>
        /// Issue 11, item 9: the twin builds with <c>ErrorLog=build.sarif,version=2.1</c>; every AGR diagnostic suppressed in
        /// source is still in the log, with an in-source suppression and, for the attribute, its justification.
        /// </summary>
        [Fact]
        public void Suppressed_diagnostics_are_listed_in_the_SARIF_log()
        {
            package.Build("tests/BypassingFuelCycleService/BypassingFuelCycleService.csproj");
            var path = Path.Combine(package.Root, "tests", "BypassingFuelCycleService", "build.sarif");
            Assert.True(File.Exists(path), "no SARIF log at " + path);
            using var log = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            var suppressed = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("ruleId").GetString() == "AGR1001" && r.TryGetProperty("suppressions", out var s) && s.GetArrayLength() > 0)
                .Select(r => (Line: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(),
                    File: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() ?? "",
                    Suppression: r.GetProperty("suppressions")[0]))
                .Where(r => r.File.EndsWith("GuardBypasses.cs", System.StringComparison.Ordinal))
                .ToList();
            var source = File.ReadAllLines(Path.Combine(package.Root, "tests", "BypassingFuelCycleService", "GuardBypasses.cs"));
            int LineOf(string text) => System.Array.FindIndex(source, l => l.Contains(text)) + 1;
            var expectedLines = new[]
            {
                LineOf("#pragma warning disable AGR1001 // e2e") + 1,
                LineOf("public void SuppressedByAttribute"),
                LineOf("public void SuppressedWithoutAReason"),
            };
            Assert.Equal(expectedLines.OrderBy(l => l), suppressed.Select(r => r.Line).OrderBy(l => l));
            Assert.All(suppressed, r => Assert.Equal("inSource", r.Suppression.GetProperty("kind").GetString()));
            Assert.Contains(suppressed, r => r.Suppression.TryGetProperty("justification", out var j) && j.GetString() == "e2e: justified attribute");
        }

        private sealed record Marker(string File, int Line, int Column, string Id)
        {
            /// <summary>Warnings by default; every other AGR id is an error, so it fails the build on its own.</summary>
            private static readonly string[] Warnings = { "AGR0007", "AGR0009", "AGR1008" };

            public override string ToString() => $"{File}({Line},{Column}): {(Warnings.Contains(Id) ? "warning" : "error")} {Id}";
        }

        /// <summary><c>/*!AGR1001*/</c> in C# marks the column after it; <c>#! AGR0004 word</c> in a .rules file marks that word on the next line.</summary>
        private IEnumerable<Marker> Markers()
        {
            var twin = Path.Combine(package.Root, "tests", "BypassingFuelCycleService");
            foreach (var file in Directory.EnumerateFiles(twin, "*.cs"))
            {
                var relative = Path.GetRelativePath(package.Root, file).Replace('\\', '/');
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    foreach (Match m in Regex.Matches(lines[i], @"/\*!(AGR\d{4})\*/"))
                        yield return new Marker(relative, i + 1, m.Index + m.Length + 1, m.Groups[1].Value);
            }
            foreach (var file in Directory.EnumerateFiles(Path.Combine(twin, "rules"), "*.rules"))
            {
                var relative = Path.GetRelativePath(package.Root, file).Replace('\\', '/');
                var lines = File.ReadAllLines(file);
                for (var i = 0; i + 1 < lines.Length; i++)
                {
                    var m = Regex.Match(lines[i], @"^#!\s*(AGR\d{4})\s+(\S+)");
                    if (m.Success) yield return new Marker(relative, i + 2, lines[i + 1].IndexOf(m.Groups[2].Value, System.StringComparison.Ordinal) + 1, m.Groups[1].Value);
                }
            }
        }
    }
}
