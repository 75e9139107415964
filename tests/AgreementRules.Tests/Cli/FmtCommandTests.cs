using System;
using System.IO;
using System.Linq;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// <c>agreement-rules fmt</c> (issue 14, item 1): rewrites files, <c>--check</c> lists what would change
    /// and exits 1, <c>--diff</c> prints a unified diff; neither writes. A file that does not parse is
    /// reported as <c>check</c> reports it, exit 1, and left untouched; nothing is ever half written.
    /// </summary>
    public class FmtCommandTests
    {
        private const string Messy = "fact a : bool\nrule r cites \"A\" on go when a   and not a then permitted # why\n";
        private const string Tidy = "fact a : bool\n\nrule r cites \"A\"\n  on go\n  when a and not a\n  then permitted # why\n";
        private const string Broken = "fact a : bool\nrule r cites \"A\" on go when a and then permitted\n";

        [Fact]
        public void Fmt_rewrites_what_is_not_formatted_and_leaves_the_rest_alone()
        {
            using var folder = new TempFolder();
            var messy = folder.Write("messy.rules", Messy);
            var tidy = folder.Write("sub/tidy.rules", Tidy);
            var before = File.GetLastWriteTimeUtc(tidy);
            var (code, stdout, stderr) = Run("", "fmt", folder.Path);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal($"formatted {messy}\n1 of 2 file(s) reformatted\n", stdout);
            Assert.Equal("", stderr);
            Assert.Equal(Tidy, File.ReadAllText(messy));
            Assert.Equal(before, File.GetLastWriteTimeUtc(tidy));
            Assert.Equal(new[] { messy, tidy }.OrderBy(p => p), Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).OrderBy(p => p));
            Assert.Equal((0, $"ok: 2 file(s) already formatted\n", ""), Run("", "fmt", folder.Path));
        }

        [Fact]
        public void Check_lists_the_files_that_would_change_exits_1_and_writes_nothing()
        {
            using var folder = new TempFolder();
            var messy = folder.Write("messy.rules", Messy);
            var tidy = folder.Write("tidy.rules", Tidy);
            var (code, stdout, stderr) = Run("", "fmt", "--check", messy, tidy);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Equal($"{messy}\n1 of 2 file(s) would be reformatted\n", stdout);
            Assert.Equal("", stderr);
            Assert.Equal(Messy, File.ReadAllText(messy));
            Assert.Equal((0, "ok: 1 file(s) already formatted\n", ""), Run("", "fmt", "--check", tidy));
        }

        [Fact]
        public void Diff_prints_a_unified_diff_and_writes_nothing()
        {
            using var folder = new TempFolder();
            var messy = folder.Write("messy.rules", Messy);
            var (code, stdout, _) = Run("", "fmt", "--diff", messy);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal(
                $"--- {messy}\t(original)\n+++ {messy}\t(formatted)\n@@ -1,2 +1,6 @@\n fact a : bool\n" +
                "-rule r cites \"A\" on go when a   and not a then permitted # why\n" +
                "+\n+rule r cites \"A\"\n+  on go\n+  when a and not a\n+  then permitted # why\n" +
                "1 of 1 file(s) would be reformatted\n", stdout);
            Assert.Equal(Messy, File.ReadAllText(messy));
            var (checkCode, checkOut, _) = Run("", "fmt", "--check", "--diff", messy);
            Assert.Equal((int)ExitCode.RulesInvalid, checkCode);
            Assert.StartsWith(messy + "\n--- ", checkOut);
        }

        [Fact]
        public void A_file_that_does_not_parse_is_reported_as_check_reports_it_and_left_untouched()
        {
            using var folder = new TempFolder();
            var broken = folder.Write("broken.rules", Broken);
            var messy = folder.Write("messy.rules", Messy);
            var (code, stdout, stderr) = Run("", "fmt", folder.Path);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            var checkOutput = Run("", "check", broken).stdout;
            var checkRendering = checkOutput.Substring(0, checkOutput.IndexOf("failed: ", StringComparison.Ordinal));
            var checkLine = checkRendering.Split('\n')[0];
            Assert.Equal($"{checkRendering}formatted {messy}\nfailed: 1 file(s) could not be formatted; 1 of 2 file(s) reformatted\n", stdout);
            Assert.Equal($"{broken}:2:35: error AGR0001: unexpected 'then'; expected 'not' or a value, a name or '('", checkLine);
            Assert.Equal("", stderr);
            Assert.Equal(Broken, File.ReadAllText(broken));
            Assert.Equal(Tidy, File.ReadAllText(messy));
        }

        [Fact]
        public void A_path_that_names_no_rules_is_a_usage_error_as_for_check()
        {
            using var folder = new TempFolder();
            var missing = Path.Combine(folder.Path, "nothing.rules");
            var (code, stdout, stderr) = Run("", "fmt", missing);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.Equal(Run("", "check", missing).stderr, stderr);
            Assert.Equal((int)ExitCode.Usage, Run("", "fmt").code);
        }

        /// <summary>Unix file modes and links as the CI machine has them (Linux).</summary>
        [Fact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void A_linked_file_is_rewritten_through_the_link_with_its_permissions()
        {
            using var folder = new TempFolder();
            var real = folder.Write("real/messy.rules", Messy);
            File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var link = Path.Combine(folder.Path, "link.rules");
            File.CreateSymbolicLink(link, real);
            Assert.Equal(0, Run("", "fmt", link).code);
            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.Equal(Tidy, File.ReadAllText(real));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(real));
            Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "real")));
        }
    }
}
