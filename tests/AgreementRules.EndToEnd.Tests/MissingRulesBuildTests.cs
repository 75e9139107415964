using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// A project that references the package but has no rules/ folder, the first state of every new
    /// consumer: the build warns AGR1008 once, without a location, and the guard analysis still fails
    /// the unguarded call (it needs no rules), while the guarded one passes.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public class MissingRulesBuildTests(PackageFixture package, ITestOutputHelper output)
    {
        private const string Project = "consumers/NoRules/NoRules.csproj";

        [Fact]
        public void Project_without_rules_warns_AGR1008_and_still_fails_the_unguarded_call()
        {
            WriteProject();
            var build = package.Build(Project);
            output.WriteLine($"no-rules build {build.Seconds:0.0}s");

            Assert.NotEqual(0, build.ExitCode);
            // AGR1008 has no source location: MSBuild prints it as "CSC : warning AGR1008: …".
            var agr1008 = build.Output.Split('\n').Where(l => l.Contains("warning AGR1008:")).Select(l => l.Trim()).Distinct().ToList();
            Assert.NotEmpty(agr1008);
            Assert.All(agr1008, l => Assert.StartsWith("CSC : warning AGR1008:", l));
            Assert.Contains("no .rules file reached the compiler", agr1008[0]);
            Assert.Contains("AgreementRulesFolder", agr1008[0]);

            var reported = build.Diagnostics.Where(d => d.Id.StartsWith("AGR")).Select(d => $"{d.File}({d.Line},{d.Column}): {d.Severity} {d.Id}").ToList();
            Assert.Equal(new[] { "consumers/NoRules/Host.cs(16,9): error AGR1001" }, reported);
        }

        private void WriteProject() =>
            // Line 16, column 9 is the unguarded call; the test above pins it.
            package.WriteConsumer("consumers/NoRules", """
                using AgreementRules;

                public sealed class Host
                {
                    private readonly Cascade cascade = new();

                    public void Guarded(RuleSet rules)
                    {
                        var decision = rules.Evaluate(Activity.Create("enrich").With("enrichment", 5.0));
                        if (decision.IsPermitted) cascade.Enrich();
                    }

                    public void Unguarded()
                    {
                        // Nothing asked the rules.
                        cascade.Enrich();
                    }
                }
                """, withRules: false);
    }
}
