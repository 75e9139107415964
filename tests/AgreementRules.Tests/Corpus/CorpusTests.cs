using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Cli;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Corpus
{
    /// <summary>
    /// The golden corpus, run through 'agreement-rules check' exactly as a rule author runs it.
    ///
    /// Corpus/good/: each .rules file, or folder of them (checked together), must check clean (overlaps, AGR0017, aside): no error,
    /// no warning, and every in-file example passes.
    ///
    /// Corpus/bad/: each .rules file, or folder, has NAME.expected next to it: what the command prints,
    /// line for line (each diagnostic as people see it: path:line:col: severity ID: message, the source line
    /// with carets, the help line; then the summary), with paths relative to
    /// Corpus/bad/ as if run from there. The exit code follows from it: 2 for AGR0014 (nothing to check),
    /// else 1 if any line is an error, else 0. Every id of RulesDiagnosticIds.All has an entry named after it
    /// (the ids that only the file system can cause are made by Cli/RulesFileReadingTests instead).
    ///
    /// To re-record the .expected files after a deliberate change to a message:
    ///
    ///     AGREEMENT_RULES_RECORD=1 dotnet test tests/AgreementRules.Tests -c Release --filter FullyQualifiedName~CorpusTests
    ///
    /// and review the diff of Corpus/bad/*.expected before committing (see <see cref="Recording"/>).
    /// </summary>
    public class CorpusTests
    {
        private static string Root => Path.Combine(TestRules.RepoRoot, "tests", "AgreementRules.Tests", "Corpus");

        /// <summary>The .rules files and the folders of a corpus directory, by name.</summary>
        private static IEnumerable<string> Entries(string kind) =>
            Directory.EnumerateFiles(Path.Combine(Root, kind), "*.rules").Concat(Directory.EnumerateDirectories(Path.Combine(Root, kind)))
                .Select(p => Path.GetFileName(p)!)
                .OrderBy(n => n, StringComparer.Ordinal);

        public static IEnumerable<object[]> Good => Entries("good").Select(e => new object[] { e });

        public static IEnumerable<object[]> Bad => Entries("bad").Select(e => new object[] { e });

        [Theory]
        [MemberData(nameof(Good))]
        public void Good_rules_check_clean_and_every_example_passes(string entry)
        {
            var path = Path.Combine(Root, "good", entry);
            var (code, stdout, stderr) = Run("", "check", path);
            Assert.True(code == (int)ExitCode.Ok, stdout + stderr);
            // Clean but for overlaps (AGR0017), which check reports for the author to review: a baseline 'permitted'
            // beside stricter rules for some cases is how articles add up (the strictest outcome decides).
            var overlaps = Regex.Matches(stdout, @": warning AGR0017: ").Count;
            var summary = Regex.Match(stdout, @"(?:^|\n)ok: (\d+) file\(s\), (\d+) rule\(s\), (\d+) example\(s\) passed, " + overlaps + @" warning\(s\)\n$");
            Assert.True(summary.Success, stdout);
            Assert.Equal(overlaps, Regex.Matches(stdout, @": warning AGR").Count);
            Assert.True(int.Parse(summary.Groups[3].Value) > 0, $"{entry} has no example: a good corpus entry shows what its rules decide");
            Assert.Equal("", stderr);
            Assert.Empty(RuleSet.Load(path).Warnings);
        }

        [Theory]
        [MemberData(nameof(Bad))]
        public void Bad_rules_print_exactly_their_expected_diagnostics(string entry)
        {
            var folder = Path.Combine(Root, "bad");
            var (code, stdout, stderr) = Run("", "check", Path.Combine(folder, entry));
            AssertNoStackTrace(stdout + stderr);
            // As if run from Corpus/bad: 'check AGR0003-unknown-names.rules'.
            var actual = (stdout + stderr).Replace(folder + Path.DirectorySeparatorChar, "");
            var expectedFile = Path.Combine(folder, ExpectedName(entry));
            if (Recording.IsRecording) File.WriteAllText(expectedFile, actual);
            Assert.True(File.Exists(expectedFile),
                $"{ExpectedName(entry)} is missing; record it with {Recording.Variable}=1 and review it. The command printed:\n{actual}");
            var expected = File.ReadAllText(expectedFile);
            Assert.True(expected == actual, Diff(expected, actual));

            var lines = actual.Split('\n');
            var exit = lines.Any(l => l.Contains(": error AGR0014: ")) ? ExitCode.Usage
                : lines.Any(l => l.Contains(": error AGR")) ? ExitCode.RulesInvalid
                : ExitCode.Ok;
            Assert.Equal((int)exit, code);
        }

        [Fact]
        public void Every_diagnostic_id_has_a_bad_entry_that_reports_it()
        {
            var uncovered = new List<string>();
            // What only the file system can cause (a FIFO, a 16 MiB file, a file that cannot be read) cannot be kept
            // in the corpus: Cli/RulesFileReadingTests makes each of those on the spot and checks it has a test.
            foreach (var id in RulesDiagnosticIds.All.Where(i => i == RulesDiagnosticIds.NoRules || !RulesDiagnosticIds.FromReadingFiles.Contains(i)))
            {
                var entries = Entries("bad").Where(e => e.StartsWith(id + "-", StringComparison.Ordinal)).ToList();
                if (entries.Count == 0) { uncovered.Add($"{id}: no Corpus/bad/{id}-….rules"); continue; }
                foreach (var e in entries)
                {
                    var expected = Path.Combine(Root, "bad", ExpectedName(e));
                    if (!File.Exists(expected) || !File.ReadAllText(expected).Contains(" " + id + ": "))
                        uncovered.Add($"{id}: {ExpectedName(e)} does not report {id}");
                }
            }
            Assert.Empty(uncovered);
        }

        [Fact]
        public void Every_expected_file_belongs_to_an_entry()
        {
            var entries = Entries("bad").Select(ExpectedName).ToHashSet();
            var orphans = Directory.EnumerateFiles(Path.Combine(Root, "bad"), "*.expected").Select(Path.GetFileName).Where(f => !entries.Contains(f!));
            Assert.Empty(orphans);
        }

        private static string ExpectedName(string entry) => Path.GetFileNameWithoutExtension(entry) + ".expected";

        /// <summary>The lines that differ, as '-expected' and '+actual', with their line numbers.</summary>
        private static string Diff(string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var lines = new List<string> { $"the output differs from the .expected file (re-record with {Recording.Variable}=1 if the change is meant):" };
            for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
            {
                var x = i < e.Length ? e[i] : null;
                var y = i < a.Length ? a[i] : null;
                if (x == y) continue;
                if (x != null) lines.Add($"{i + 1,4} - {x}");
                if (y != null) lines.Add($"{i + 1,4} + {y}");
            }
            return string.Join("\n", lines);
        }
    }
}
