using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Cli;

namespace AgreementRules.Tests.Docs
{
    /// <summary>
    /// docs/cli.md says what the command line does; these tests hold it to the code. The exit-code
    /// table is the ExitCode enum, and every ```console block is a session that the CLI, run here
    /// in-process from the repository root, reproduces line for line, exit codes included.
    /// </summary>
    public class CliDocTests
    {
        private const string Page = "docs/cli.md";

        [Fact]
        public void The_exit_code_table_is_the_ExitCode_enum()
        {
            // Rows of the table: | 0 | `Ok` | meaning |
            var rows = Markdown.TableRows(Page)
                .Where(r => r.Length >= 3 && Regex.IsMatch(r[0], @"^\d+$") && Regex.IsMatch(r[1], @"^`\w+`$"))
                .Select(r => (code: int.Parse(r[0]), name: r[1].Trim('`')))
                .ToList();
            var codes = Enum.GetValues<ExitCode>().Select(c => ((int)c, c.ToString())).ToList();
            Assert.Equal(codes, rows);
        }

        public static IEnumerable<object[]> SessionLines() =>
            Markdown.Blocks(Page).Where(b => b.Info == "console").Select(b => new object[] { b.Line });

        [Fact]
        public void Every_shown_command_is_in_a_checked_session()
        {
            var blocks = Markdown.Blocks(Page);
            Assert.True(blocks.Count(b => b.Info == "console") >= 8, "too few ```console sessions");
            foreach (var b in blocks.Where(b => b.Info != "console"))
                Assert.False(b.Text.Contains("$ agreement-rules"), $"{b}: a session must be fenced ```console so that it is checked");
        }

        /// <summary>One command of a session, what it prints, and the exit code that `echo $?` shows, if it does.</summary>
        private sealed record Step(string Command, List<string> Output, int? ExitCode);

        private static List<Step> Steps(FencedBlock block)
        {
            var steps = new List<Step>();
            var lines = block.Text.TrimEnd('\n').Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                Assert.True(lines[i].StartsWith("$ "), $"{block}: line {i + 1} should be a command ('$ …'): {lines[i]}");
                var command = lines[i].Substring(2);
                var output = new List<string>();
                while (i + 1 < lines.Length && !lines[i + 1].StartsWith("$ ")) output.Add(lines[++i]);
                if (command == "echo $?")
                {
                    Assert.True(steps.Count > 0 && steps[^1].ExitCode == null && output.Count == 1, $"{block}: 'echo $?' follows a command and prints one number");
                    steps[^1] = steps[^1] with { ExitCode = int.Parse(output[0]) };
                    continue;
                }
                steps.Add(new Step(command, output, null));
            }
            return steps;
        }

        private static string FromRoot(string path) =>
            File.Exists(Markdown.Path(path)) || Directory.Exists(Markdown.Path(path)) ? Markdown.Path(path) : path;

        [Theory]
        [MemberData(nameof(SessionLines))]
        public void Every_session_is_what_the_cli_prints(int line)
        {
            var block = Markdown.Blocks(Page).Single(b => b.Line == line);
            foreach (var step in Steps(block))
            {
                // agreement-rules ARGS [< FILE]   or   cat FILE | agreement-rules ARGS
                var m = Regex.Match(step.Command, @"^(?:cat (?<pipe>\S+) \| )?agreement-rules(?<args>(?: [^<\s]\S*)*)(?: < (?<redirect>\S+))?$");
                Assert.True(m.Success, $"{block}: cannot run '{step.Command}' (only agreement-rules, with '< file' or 'cat file |', and 'echo $?')");
                var stdinPath = m.Groups["pipe"].Success ? m.Groups["pipe"].Value : m.Groups["redirect"].Success ? m.Groups["redirect"].Value : null;
                var stdin = stdinPath == null ? "" : File.ReadAllText(Markdown.Path(stdinPath));
                var args = m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(FromRoot).ToArray();

                // One writer for both streams: the order a terminal shows with 2>&1 (diagnostics come before answers).
                var output = new StringWriter();
                var code = Program.Run(args, new StringReader(stdin), output, output);
                var printed = output.ToString().Replace(TestRules.RepoRoot + Path.DirectorySeparatorChar, "").Replace("\r\n", "\n").TrimEnd('\n')
                    // Help names the running executable: agreement-rules for the tool, the test host here.
                    .Replace("Usage:\n  " + System.CommandLine.RootCommand.ExecutableName + " ", "Usage:\n  agreement-rules ");
                Assert.Equal(string.Join("\n", step.Output), printed);
                if (step.ExitCode is { } expected) Assert.True(expected == code, $"'{step.Command}' exits {code}, the page says {expected}");
            }
        }
    }
}
