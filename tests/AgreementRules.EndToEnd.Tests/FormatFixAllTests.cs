using System.IO;
using Xunit.Abstractions;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// Issue 15: <c>dotnet format analyzers --diagnostics AGR1001</c> on a consumer of the package applies the
    /// guard fix to every unguarded call (it runs each fix's Fix All; before the fixes had one, it changed nothing).
    /// </summary>
    [Collection(PackageCollection.Name)]
    public class FormatFixAllTests(PackageFixture package, ITestOutputHelper output)
    {
        [Fact]
        public void Dotnet_format_guards_every_unguarded_call()
        {
            var folder = package.WriteConsumer("consumers/Format", """
                using AgreementRules;

                public sealed class Host
                {
                    private readonly Cascade cascade = new();
                    private readonly RuleSet rules = RuleSet.Load("rules");

                    public void Unguarded()
                    {
                        cascade.Enrich();
                        cascade.Enrich();
                    }
                }
                """, withRules: true);
            var host = Path.Combine(folder, "Host.cs");

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var format = PackageFixture.Run(folder, "format", "analyzers", "Format.csproj", "--diagnostics", "AGR1001");
            output.WriteLine($"dotnet format {watch.Elapsed.TotalSeconds:0.0}s");
            Assert.True(format.ExitCode == 0, "dotnet format failed:\n" + format.Output);
            Assert.Equal("""
                using AgreementRules;

                public sealed class Host
                {
                    private readonly Cascade cascade = new();
                    private readonly RuleSet rules = RuleSet.Load("rules");

                    public void Unguarded()
                    {
                        var decision = rules.Evaluate(Activity.Create("enrich"));
                        if (decision.IsPermitted)
                        {
                            cascade.Enrich();
                        }
                        var decision2 = rules.Evaluate(Activity.Create("enrich"));
                        if (decision2.IsPermitted)
                        {
                            cascade.Enrich();
                        }
                    }
                }
                """, File.ReadAllText(host).TrimEnd().Replace("\r\n", "\n"));
        }
    }
}
