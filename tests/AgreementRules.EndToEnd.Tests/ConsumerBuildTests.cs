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
            Assert.Equal(Enumerable.Range(1, 11).Where(i => i != 8).Select(i => $"AGR{1000 + i}"),
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

        private sealed record Marker(string File, int Line, int Column, string Id)
        {
            /// <summary>Warnings by default; every other AGR id is an error, so it fails the build on its own.</summary>
            private static readonly string[] Warnings = { "AGR0007", "AGR0009", "AGR1007", "AGR1008" };

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
