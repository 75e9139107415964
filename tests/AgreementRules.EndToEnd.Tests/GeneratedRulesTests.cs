using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// Issue 15: a consumer of the packed package runs the rule set the generator compiled into it — from bin/, as a
    /// single-file publish and under NativeAOT, in a folder with no rules files — and gets the answers
    /// <see cref="RuleSet.Load"/> gives for the same files, with their hash. Changing, adding or deleting a rules file
    /// and building again changes what the program runs.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public class GeneratedRulesTests(PackageFixture package, ITestOutputHelper output)
    {
        /// <summary>Requests the guide and the sample make; each line of the program's output names one.</summary>
        private const string Program = """
            using System;
            using System.Reflection;
            using AgreementRules;
            using AgreementRules.Generated;

            // No path anywhere: the rules are the ones compiled into this assembly.
            var rules = HostRules.RuleSet;
            var requests = new (string Name, Activity Activity, Evidence Evidence)[]
            {
                // docs/getting-started.md, "Ask before you act"
                ("reprocess-with-consent", Activity.Create("reprocess").With("agreements", new[] { "JP-US-1988" }).With("material", "plutonium").With("irradiated", true),
                    Evidence.None.WithConsent("JP").WithConsent("US")),
                ("reprocess-without-consent", HostRules.Activities.Reprocess().WithAgreements(HostRules.Agreement.JP_US_1988)
                    .WithMaterial(HostRules.Material.Plutonium).WithIrradiated(true), Evidence.None),
                ("enrich-5", HostRules.Activities.Enrich().WithAgreements(HostRules.Agreement.JP_US_1988).WithMaterial(HostRules.Material.Uranium)
                    .WithEnrichment(new Percent(5)), Evidence.None),
                ("enrich-93", HostRules.Activities.Enrich().WithAgreements(HostRules.Agreement.JP_US_1988).WithMaterial(HostRules.Material.Uranium)
                    .WithEnrichment(new Percent(93)), Evidence.None),
                ("store-1kg", HostRules.Activities.Store().WithAgreements(HostRules.Agreement.JP_US_1988).WithMaterial(HostRules.Material.Plutonium)
                    .WithQuantity(Mass.FromKilograms(1)), Evidence.None),
            };
            // Past the point where a JIT would compile the conditions to IL: answers must not change on the way.
            for (var round = 0; round < 300; round++)
                foreach (var request in requests)
                    if (rules.Evaluate(request.Activity, request.Evidence).RulesSha256 != HostRules.RulesSha256) return 3;
            foreach (var request in requests)
            {
                var decision = rules.Evaluate(request.Activity, request.Evidence);
                Console.WriteLine($"{request.Name} {decision.Outcome} {decision.RulesSha256}");
            }
            Console.WriteLine("constant " + HostRules.RulesSha256);
            Console.WriteLine("attribute " + typeof(HostRules).Assembly.GetCustomAttribute<RulesSha256Attribute>()?.Value);
            return 0;
            """;

        private static readonly (string Name, string Kind, string[] Facts, string[] Consents)[] Requests =
        {
            ("reprocess-with-consent", "reprocess", new[] { "agreements=JP-US-1988", "material=plutonium", "irradiated=true" }, new[] { "JP", "US" }),
            ("reprocess-without-consent", "reprocess", new[] { "agreements=JP-US-1988", "material=plutonium", "irradiated=true" }, Array.Empty<string>()),
            ("enrich-5", "enrich", new[] { "agreements=JP-US-1988", "material=uranium", "enrichment=5" }, Array.Empty<string>()),
            ("enrich-93", "enrich", new[] { "agreements=JP-US-1988", "material=uranium", "enrichment=93" }, Array.Empty<string>()),
            ("store-1kg", "store", new[] { "agreements=JP-US-1988", "material=plutonium", "quantity=1000" }, Array.Empty<string>()),
        };

        [Fact]
        public void Generated_rule_set_runs_from_bin_and_as_a_single_file_with_the_answers_of_RuleSet_Load()
        {
            var project = WriteConsumer("GeneratedHost");
            var build = Dotnet(project, "build", "-c", "Release");
            Assert.True(build.ExitCode == 0, "the consumer did not build:\n" + build.Output);
            Assert.DoesNotContain(": error ", build.Output);

            var expected = Expected(Path.Combine(project, "rules"));
            // The guide's request, permitted with both consents; the same without them is not.
            Assert.StartsWith("reprocess-with-consent Permitted ", expected[0], StringComparison.Ordinal);
            Assert.DoesNotContain("Permitted", expected[1]);

            Assert.Equal(expected, RunFromElsewhere(Path.Combine(project, "bin", "Release", "net10.0", "GeneratedHost.dll"), viaDotnet: true));

            var publish = Dotnet(project, "publish", "-c", "Release", "-r", Rid, "--self-contained", "false", "-p:PublishSingleFile=true", "-o", Path.Combine(project, "single"));
            Assert.True(publish.ExitCode == 0, "single-file publish failed:\n" + publish.Output);
            Assert.Equal(new[] { "GeneratedHost" }, Directory.GetFiles(Path.Combine(project, "single")).Select(Path.GetFileName).Where(f => !f!.EndsWith(".pdb")));
            Assert.Equal(expected, RunFromElsewhere(Path.Combine(project, "single", "GeneratedHost"), viaDotnet: false));
        }

        [Fact]
        public void Generated_rule_set_runs_under_NativeAOT_with_the_answers_of_RuleSet_Load()
        {
            var project = WriteConsumer("GeneratedAot");
            var publish = Dotnet(project, "publish", "-c", "Release", "-r", Rid, "-p:PublishAot=true", "-o", Path.Combine(project, "native"));
            output.WriteLine(string.Join("\n", publish.Output.Split('\n').Where(l => l.Contains("warning IL", StringComparison.Ordinal)).Distinct()));
            Assert.True(publish.ExitCode == 0, "NativeAOT publish failed:\n" + publish.Output);
            // Trimming and AOT analysis have nothing to say about the generated code or the runtime it calls.
            Assert.DoesNotContain("warning IL", publish.Output);
            Assert.Equal(Expected(Path.Combine(project, "rules")), RunFromElsewhere(Path.Combine(project, "native", "GeneratedAot"), viaDotnet: false));
        }

        [Fact]
        public void Changing_adding_or_deleting_a_rules_file_and_building_again_changes_what_runs()
        {
            var project = WriteConsumer("GeneratedEdit");
            var dll = Path.Combine(project, "bin", "Release", "net10.0", "GeneratedEdit.dll");
            var rules = Path.Combine(project, "rules");
            string[] BuildAndRun()
            {
                var build = Dotnet(project, "build", "-c", "Release");
                Assert.True(build.ExitCode == 0, "the consumer did not build:\n" + build.Output);
                return RunFromElsewhere(dll, viaDotnet: true);
            }

            var first = BuildAndRun();
            Assert.Equal(Expected(rules), first);

            // JP-US Art. 6 with the threshold at 4 % instead of 20 % (and its example below the line moved with it):
            // enriching to 5 % now needs consent.
            var agreement = Path.Combine(rules, "jp-us-1988.rules");
            var original = File.ReadAllText(agreement);
            File.WriteAllText(agreement, original
                .Replace("when enrichment < 20 %", "when enrichment < 4 %", StringComparison.Ordinal)
                .Replace("when enrichment >= 20 %", "when enrichment >= 4 %", StringComparison.Ordinal)
                .Replace("enrich material = uranium, enrichment = 19.99 %", "enrich material = uranium, enrichment = 3.99 %", StringComparison.Ordinal));
            var changed = BuildAndRun();
            Assert.Equal(Expected(rules), changed);
            Assert.NotEqual(Line(first, "enrich-5"), Line(changed, "enrich-5"));
            Assert.NotEqual(Hash(first), Hash(changed));

            // A file added with an old time (as a checkout or an unzip leaves it) is older than the assembly:
            // only the list of rules files says that something changed.
            var added = Path.Combine(rules, "zz-added.rules");
            File.WriteAllText(added, "# a reviewer's note: no rule yet\n");
            File.SetLastWriteTimeUtc(added, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var withAdded = BuildAndRun();
            Assert.Equal(Expected(rules), withAdded);
            Assert.NotEqual(Hash(changed), Hash(withAdded));

            File.Delete(added);
            var afterDelete = BuildAndRun();
            Assert.Equal(changed, afterDelete);

            // The rule changed without its example: the build fails on the example, reported as such — the program's
            // use of the generated members still compiles, so the compiler does not hold the analyzers' report back.
            File.WriteAllText(agreement, original.Replace("when enrichment < 20 %", "when enrichment < 4 %", StringComparison.Ordinal)
                .Replace("when enrichment >= 20 %", "when enrichment >= 4 %", StringComparison.Ordinal));
            var broken = Dotnet(project, "build", "-c", "Release");
            Assert.NotEqual(0, broken.ExitCode);
            // The first example of Art. 6, found in the file so that lines added above it do not move the test.
            var failing = original.Split('\n').ToList().FindIndex(l => l.StartsWith("example \"Art. 6: 19.99 % is below the HEU line\"", StringComparison.Ordinal)) + 1;
            Assert.True(failing > 0, "the Art. 6 example is in the shipped file");
            Assert.Contains($"jp-us-1988.rules({failing},1): error AGR0010", broken.Output);
            Assert.DoesNotContain("error CS", broken.Output);
        }

        private static string Rid => RuntimeInformation.RuntimeIdentifier.StartsWith("linux-", StringComparison.Ordinal) ||
                                     RuntimeInformation.RuntimeIdentifier.StartsWith("osx-", StringComparison.Ordinal) ||
                                     RuntimeInformation.RuntimeIdentifier.StartsWith("win-", StringComparison.Ordinal)
            ? RuntimeInformation.RuntimeIdentifier
            : (OperatingSystem.IsWindows() ? "win-" : OperatingSystem.IsMacOS() ? "osx-" : "linux-") + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

        /// <summary>The program's expected output: each request's outcome under <see cref="RuleSet.Load"/> of the files, and their hash.</summary>
        private static string[] Expected(string rulesFolder)
        {
            var rules = RuleSet.Load(rulesFolder);
            var lines = new List<string>();
            foreach (var (name, kind, facts, consents) in Requests)
            {
                var activity = Activity.Create(kind);
                foreach (var fact in facts)
                {
                    var (key, value) = (fact[..fact.IndexOf('=')], fact[(fact.IndexOf('=') + 1)..]);
                    activity = activity.With(key, key == "agreements" ? new[] { value } : value is "true" or "false" ? value == "true" : double.TryParse(value, out var n) ? n : value);
                }
                var evidence = consents.Aggregate(Evidence.None, (e, party) => e.WithConsent(party));
                lines.Add($"{name} {rules.Evaluate(activity, evidence).Outcome} {rules.RulesSha256}");
            }
            lines.Add("constant " + rules.RulesSha256);
            lines.Add("attribute " + rules.RulesSha256);
            return lines.ToArray();
        }

        private static string Line(string[] lines, string name) => lines.Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));

        private static string Hash(string[] lines) => Line(lines, "constant");

        /// <summary>Runs the built program from an empty folder: a rule set that read files would find none there.</summary>
        private string[] RunFromElsewhere(string program, bool viaDotnet)
        {
            var empty = Path.Combine(package.Root, "empty-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(empty);
            var run = viaDotnet ? PackageFixture.Run(empty, program) : PackageFixture.RunProgram(program, empty);
            Assert.True(run.ExitCode == 0, $"{program} exited with {run.ExitCode}:\n{run.Output}");
            return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        private (int ExitCode, string Output) Dotnet(string project, params string[] arguments)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = PackageFixture.Run(project, arguments.Concat(new[] { "--disable-build-servers", "-nodeReuse:false", "-p:AgreementRulesVersion=" + package.Version }).ToArray());
            output.WriteLine($"dotnet {arguments[0]} {Path.GetFileName(project)}: {watch.Elapsed.TotalSeconds:0.0} s");
            return result;
        }

        /// <summary>A console project with its own copy of the shipped rules, referencing the packed package.</summary>
        private string WriteConsumer(string name)
        {
            var folder = Path.Combine(package.Root, "consumers", name);
            PackageFixture.Copy(Path.Combine(package.Root, "rules"), Path.Combine(folder, "rules"));
            File.WriteAllText(Path.Combine(folder, name + ".csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                    <InvariantGlobalization>true</InvariantGlobalization>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="AgreementRules" Version="$(AgreementRulesVersion)" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
            return folder;
        }
    }
}
