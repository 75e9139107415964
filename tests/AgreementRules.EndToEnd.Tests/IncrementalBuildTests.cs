using System;
using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// Issue 15: an incremental build sees the set of .rules files change, not only their contents. MSBuild
    /// reruns the compiler when an input is newer than the assembly; a deleted file is newer than nothing, and a
    /// file put back with its old timestamp (a checkout, a restore, <c>cp -p</c>) is not newer either, so such
    /// builds stayed green on rules the compiler never saw. No .cs file is touched between the builds here.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public class IncrementalBuildTests(PackageFixture package, ITestOutputHelper output)
    {
        private const string Project = "consumers/Incremental/Incremental.csproj";

        [Fact]
        public void Deleting_or_adding_a_rules_file_reruns_the_analyzers_without_a_cs_change()
        {
            var folder = WriteProject();
            var vocabulary = Path.Combine(folder, "rules", "vocabulary.rules");
            var oldTimestamp = File.GetLastWriteTimeUtc(vocabulary);

            var first = package.BuildNow(Project);
            output.WriteLine($"first build {first.Seconds:0.0}s");
            Assert.True(first.ExitCode == 0, "the consumer did not build:\n" + first.Output);

            var saved = File.ReadAllBytes(vocabulary);
            File.Delete(vocabulary);
            var withoutVocabulary = package.BuildNow(Project);
            output.WriteLine($"after deleting vocabulary.rules {withoutVocabulary.Seconds:0.0}s");
            Assert.True(withoutVocabulary.ExitCode != 0, "the build stayed green without the vocabulary:\n" + withoutVocabulary.Output);
            Assert.Contains(withoutVocabulary.Diagnostics, d => d.Severity == "error" && d.Id == "AGR0016" && d.File.StartsWith("consumers/Incremental/rules/", StringComparison.Ordinal));

            // Put back as a restore does: same bytes, old timestamp, older than the assembly the last good build wrote.
            File.WriteAllBytes(vocabulary, saved);
            File.SetLastWriteTimeUtc(vocabulary, oldTimestamp);
            var restored = package.BuildNow(Project);
            output.WriteLine($"after restoring it {restored.Seconds:0.0}s");
            Assert.True(restored.ExitCode == 0, "the build still failed with the vocabulary back:\n" + restored.Output);
            Assert.DoesNotContain(restored.Diagnostics, d => d.Severity == "error");

            // A new file, also with an old timestamp: its misspelt fact must fail the build.
            var added = Path.Combine(folder, "rules", "added.rules");
            File.WriteAllText(added, """
                rule added-misspelt cites "Art. 6"
                  on enrich
                  when enrichmnt >= 20 %
                  then prohibited
                """);
            File.SetLastWriteTimeUtc(added, oldTimestamp);
            var withAdded = package.BuildNow(Project);
            output.WriteLine($"after adding added.rules {withAdded.Seconds:0.0}s");
            Assert.True(withAdded.ExitCode != 0, "the build stayed green with a broken rules file added:\n" + withAdded.Output);
            Assert.Contains(withAdded.Diagnostics, d => d.Severity == "error" && d.File == "consumers/Incremental/rules/added.rules" && d.Line == 3);
        }

        private string WriteProject() =>
            package.WriteConsumer("consumers/Incremental", """
                using AgreementRules;

                public sealed class Host
                {
                    private readonly Cascade cascade = new();

                    public void Guarded(RuleSet rules)
                    {
                        var decision = rules.Evaluate(Activity.Create("enrich").With("enrichment", 5.0));
                        if (decision.IsPermitted) cascade.Enrich();
                    }
                }
                """, withRules: true);
    }
}
