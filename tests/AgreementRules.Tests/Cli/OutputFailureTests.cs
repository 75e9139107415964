using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Issue 10, item 6: standard output that cannot be written — a full disk, a reader that stopped reading —
    /// used to end in an unhandled IOException (exit 134) or, for a closed pipe, in silence and exit 0. Now it
    /// is one line on standard error and <see cref="ExitCode.OutputFailed"/>. The real process, with real
    /// file descriptors: only those fail this way.
    /// </summary>
    public class OutputFailureTests
    {
        private static string Cli => Path.Combine(AppContext.BaseDirectory, "agreement-rules.dll");

        private const string Request = """{"id":"r","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":5}""";

        private static ProcessStartInfo Shell(string command) => new("/bin/sh", new[] { "-c", command })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        [Theory]
        [InlineData("eval")]
        [InlineData("explain")]
        [InlineData("check")]
        public void Writing_to_a_full_disk_is_one_error_line_and_exit_4(string command)
        {
            using var folder = new TempFolder();
            var requests = folder.Write("requests.jsonl", Request + "\n");
            var args = command == "check" ? $"check '{TestRules.ShippedRules}'" : $"{command} --rules '{TestRules.ShippedRules}' '{requests}'";
            using var process = Process.Start(Shell($"exec dotnet '{Cli}' {args} > /dev/full"))!;
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal((int)ExitCode.OutputFailed, process.ExitCode);
            Assert.Equal("error: standard output could not be written: No space left on device; the output is incomplete\n", stderr);
        }

        [Fact]
        public void Answers_written_to_a_file_the_shell_shares_stay_between_what_was_written_before_and_after()
        {
            // CI does exactly this: '{ echo …; agreement-rules eval …; echo …; } > log'. A stream that kept a position
            // of its own wrote the answers at the start of the file, and the shell's next line overwrote them.
            using var folder = new TempFolder();
            var requests = folder.Write("requests.jsonl", Request + "\n" + Request + "\n");
            var log = Path.Combine(folder.Path, "log.txt");
            using var process = Process.Start(Shell(
                $"{{ echo before; dotnet '{Cli}' eval --rules '{TestRules.ShippedRules}' '{requests}'; echo after; }} > '{log}'"))!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            var lines = File.ReadAllLines(log);
            Assert.Equal(4, lines.Length);
            Assert.Equal("before", lines[0]);
            Assert.All(lines[1..3], line => Assert.StartsWith("{\"id\":\"r\",\"decision\":\"permitted\"", line));
            Assert.Equal("after", lines[3]);
        }

        [Fact]
        public async System.Threading.Tasks.Task A_reader_that_closes_the_pipe_after_one_answer_is_one_error_line_and_exit_4()
        {
            using var folder = new TempFolder();
            var requests = folder.Write("requests.jsonl", string.Concat(Enumerable.Repeat(Request + "\n", 20_000)));
            var start = Shell($"exec dotnet '{Cli}' eval --rules '{TestRules.ShippedRules}' '{requests}'");
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.StartsWith("{\"id\":\"r\",\"decision\":\"permitted\"", await process.StandardOutput.ReadLineAsync());
            process.StandardOutput.Close(); // the reader goes away: 'agreement-rules eval … | head -1'
            await process.WaitForExitAsync(new System.Threading.CancellationTokenSource(60_000).Token);
            Assert.Equal((int)ExitCode.OutputFailed, process.ExitCode);
            Assert.Equal("error: standard output could not be written: Broken pipe; the output is incomplete\n", await stderr);
        }
    }
}
