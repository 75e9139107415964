using System.Linq;
using AgreementRules.Cli;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Issue 14: 'check --json' was taken as a rules path and 'chek rules' got no suggestion. An unknown command
    /// or option is a usage error (exit 2) naming it, with the nearest known one; nothing runs.
    /// </summary>
    public class UsageErrorTests
    {
        private static string UsageError(params string[] args)
        {
            var (code, stdout, stderr) = Run("", args);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.EndsWith("\nRun 'agreement-rules --help' for usage.\n", stderr);
            return stderr.Substring(0, stderr.IndexOf('\n'));
        }

        [Fact]
        public void A_misspelt_command_is_named_with_the_command_it_may_mean() =>
            Assert.Equal("error: unknown command 'chek' (did you mean 'check'?); the commands are check, eval, explain, fmt, test, report", UsageError("chek", "rules"));

        [Fact]
        public void A_command_near_none_is_named_with_the_list() =>
            Assert.Equal("error: unknown command 'frobnicate'; the commands are check, eval, explain, fmt, test, report", UsageError("frobnicate"));

        [Theory]
        [InlineData("--json")]
        [InlineData("--json", "rules")]
        [InlineData("rules", "--json")]
        public void A_flag_for_a_format_is_an_unknown_option_not_a_path(params string[] rest) =>
            Assert.Equal("error: unknown option '--json' for 'check' (did you mean '--format json'?); its options are --format, --help, and '--' before a path that starts with '-'",
                UsageError(new[] { "check" }.Concat(rest).ToArray()));

        [Fact]
        public void A_misspelt_option_suggests_the_option() =>
            Assert.StartsWith("error: unknown option '--rule' for 'eval' (did you mean '--rules'?)", UsageError("eval", "--rule", "rules", "-"));

        [Fact]
        public void A_misspelt_format_suggests_the_format() =>
            Assert.Equal("error: 'jsn' is not a value of --format (did you mean 'json'?); use one of json, sarif, text", UsageError("check", "rules", "--format", "jsn"));

        [Fact]
        public void After_a_double_dash_a_word_that_starts_with_a_dash_is_a_path()
        {
            var (code, _, stderr) = Run("", "check", "--", "-no-such.rules");
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.StartsWith("-no-such.rules:1:1: error AGR0014: no .rules file or folder at '-no-such.rules'", stderr);
        }

        [Fact]
        public void Standard_input_as_a_dash_is_still_an_argument()
        {
            var (code, _, stderr) = Run("", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("", stderr);
        }
    }
}
