using System;
using System.Diagnostics;
using System.IO;
using AgreementRules.Cli;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Colour decided by the real process from its real streams: on a terminal (a pseudo-terminal made by
    /// util-linux's <c>script</c>) the diagnostics are coloured; redirected to a pipe, or with NO_COLOR set,
    /// there is not one escape sequence.
    /// </summary>
    public class TerminalColourTests
    {
        private static string Cli => Path.Combine(AppContext.BaseDirectory, "agreement-rules.dll");

        private static string Typos => Path.Combine(TestRules.RepoRoot, "docs", "samples", "cli", "typos.rules");

        private static (int code, string output) Run(string command, string? noColor)
        {
            var start = new ProcessStartInfo("/bin/sh", new[] { "-c", command })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Remove("NO_COLOR");
            start.Environment["TERM"] = "xterm";
            if (noColor != null) start.Environment["NO_COLOR"] = noColor;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), command + " did not finish");
            return (process.ExitCode, stdout.Result + stderr);
        }

        /// <summary>The CLI with its standard streams on a pseudo-terminal, as a person runs it.</summary>
        private static (int code, string output) OnTerminal(string args, string? noColor = null)
        {
            Assert.True(File.Exists("/usr/bin/script") || File.Exists("/bin/script"),
                "util-linux 'script' is needed to run the CLI on a pseudo-terminal (apt-get install util-linux)");
            return Run($"exec script -qec \"dotnet '{Cli}' {args}\" /dev/null", noColor);
        }

        [Fact]
        public void On_a_terminal_diagnostics_are_coloured()
        {
            var (code, output) = OnTerminal($"check '{Typos}'");
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Contains("\u001b[1;31merror AGR0001\u001b[0m", output);
            Assert.Contains("\u001b[1;36mhelp\u001b[0m: did you mean 'permitted'?", output);
        }

        [Fact]
        public void On_a_terminal_with_NO_COLOR_there_is_no_escape_sequence()
        {
            var (code, output) = OnTerminal($"check '{Typos}'", noColor: "1");
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Contains("error AGR0001", output);
            Assert.DoesNotContain('\u001b', output);
        }

        [Fact]
        public void Redirected_to_a_pipe_there_is_no_escape_sequence()
        {
            // Both streams are pipes here; eval's diagnostics go to standard error.
            var (code, output) = Run($"dotnet '{Cli}' check '{Typos}'; dotnet '{Cli}' eval --rules '{Typos}' - < /dev/null", noColor: null);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            Assert.Contains("error AGR0001", output);
            Assert.DoesNotContain('\u001b', output);
        }
    }
}
