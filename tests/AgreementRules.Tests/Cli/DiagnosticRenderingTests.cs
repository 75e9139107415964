using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Cli;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Tests.Robustness;
using AgreementRules.Tests.Snapshots;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Issue 14 item 5: diagnostics as people read them (source line, carets, help), pinned as snapshots
    /// (Snapshots/__snapshots__/Rendering.*.snap), with colour only where the stream is a terminal.
    /// </summary>
    public class DiagnosticRenderingTests
    {
        /// <summary>Every Rendering.* snapshot, these tests' and <see cref="CheckFormatTests"/>' (each snapshot must belong to a test).</summary>
        internal static readonly string[] Snapshots = { "Rendering.typos", "Rendering.broken", CheckFormatTests.JsonSnapshot, CheckFormatTests.SarifSnapshot };

        private static string Sample(string name) => Path.Combine(TestRules.RepoRoot, "docs", "samples", "cli", name);

        /// <summary>What 'check' prints, as lines, with the repository's path cut off (as if run from its root).</summary>
        private static List<string> CheckLines(string path, Colour? colour = null)
        {
            var output = new StringWriter();
            var code = Program.Run(new[] { "check", path }, new StringReader(""), output, output, colour ?? Colour.None);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            return output.ToString().Replace(TestRules.RepoRoot + Path.DirectorySeparatorChar, "").Split('\n').ToList();
        }

        [Fact]
        public void The_issue_examples_render_with_snippet_caret_and_help() =>
            // fact quantity : numbr g / when (enrichment … then / then permited
            SnapshotFiles.Match(CheckLines(Sample("typos.rules")), Snapshots[0]);

        [Fact]
        public void Checker_errors_render_with_their_suggestion_and_fix() =>
            SnapshotFiles.Match(CheckLines(Sample("broken.rules")), Snapshots[1]);

        [Fact]
        public void Warnings_render_with_their_fix()
        {
            using var folder = new TempFolder();
            var path = folder.Write("warn.rules", "activity enrich\nfact enrichment : number %\nagreement A { parties JP }\n" +
                                                  "rule lo cites \"Art. 1\" on enrich when enrichment < 20 % then permitted\n");
            var output = new StringWriter();
            Assert.Equal((int)ExitCode.Ok, Program.Run(new[] { "check", path }, new StringReader(""), output, output));
            Assert.Equal(new[]
            {
                $"{path}:4:6: warning AGR0009: no rule of A on 'enrich' covers enrichment [20, 100] %; add a rule for those values or widen a condition (silence is never permission)",
                "  |",
                "4 | rule lo cites \"Art. 1\" on enrich when enrichment < 20 % then permitted",
                "  |      ^^",
                "  = help: add a rule for those values or widen a condition (silence is never permission)",
                "",
                "ok: 1 file(s), 1 rule(s), 0 example(s) passed, 1 warning(s)",
                "",
            }, output.ToString().Split('\n'));
        }

        [Fact]
        public void On_a_terminal_the_severity_carets_and_help_are_coloured()
        {
            var lines = CheckLines(Sample("typos.rules"), new Colour(Output: true, Error: true));
            Assert.Equal("\u001b[1mdocs/samples/cli/typos.rules:5:17:\u001b[0m \u001b[1;31merror AGR0001\u001b[0m\u001b[1m: unknown type 'numbr' " +
                         "(did you mean 'number'?), so 'g' cannot follow it\u001b[0m", lines[0]);
            Assert.Equal("\u001b[1;34m  |\u001b[0m                 \u001b[1;31m^^^^^\u001b[0m", lines[3]);
            Assert.Equal("  \u001b[1;34m=\u001b[0m \u001b[1;36mhelp\u001b[0m: did you mean 'number'?", lines[4]);
            // Without the escapes, the same text as without colour.
            Assert.Equal(CheckLines(Sample("typos.rules")), lines.Select(StripEscapes));
        }

        [Fact]
        public void Colour_goes_only_to_the_stream_that_is_a_terminal()
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            // check prints rules it read on standard output; eval prints their errors on standard error.
            Program.Run(new[] { "check", Sample("broken.rules") }, new StringReader(""), stdout, stderr, new Colour(Output: false, Error: true));
            Program.Run(new[] { "eval", "--rules", Sample("broken.rules"), "-" }, new StringReader(""), stdout, stderr, new Colour(Output: false, Error: true));
            Assert.DoesNotContain('\u001b', stdout.ToString());
            Assert.Contains("\u001b[1;31merror AGR0003\u001b[0m", stderr.ToString());
        }

        [Theory]
        [InlineData(true, null, null, true)]
        [InlineData(false, null, null, false)] // redirected to a file or a pipe
        [InlineData(true, "1", null, false)] // NO_COLOR set
        [InlineData(true, "", null, true)] // NO_COLOR empty counts as not set (no-color.org)
        [InlineData(true, null, "dumb", false)]
        [InlineData(true, null, "xterm-256color", true)]
        public void Colour_is_used_on_a_terminal_unless_NO_COLOR_or_a_dumb_terminal(bool terminal, string? noColor, string? term, bool coloured)
        {
            var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };
            var colour = Colour.Decide(terminal, terminal, name => environment.TryGetValue(name, out var v) ? v : null);
            Assert.Equal(new Colour(coloured, coloured), colour);
        }

        [Theory]
        // line, start, length → the line shown, then the caret line under it
        [InlineData("\twhen x", 6, 1, "    when x", "         ^")]                 // a tab shows as four spaces
        [InlineData("note \"核燃料\" x", 11, 1, "note \"核燃料\" x", "              ^")] // wide characters take two columns
        [InlineData("a \u001b[2J b", 8, 1, "a \\u001B[2J b", "             ^")]        // an escape shows as text, the caret after it
        [InlineData("abc", 3, 0, "abc", "   ^")]                                     // at the end of the line: just past it
        [InlineData("abc", 1, 10, "abc", " ^^")]                                     // a span past the line: to its end
        public void The_caret_stands_under_the_span_as_the_terminal_shows_the_line(string line, int start, int length, string shown, string carets)
        {
            var (text, at, count) = DiagnosticText.Excerpt(line, start, length);
            Assert.Equal(shown, text);
            Assert.Equal(carets, new string(' ', at) + new string('^', count));
        }

        [Fact]
        public void A_long_line_is_cut_to_the_part_around_the_span()
        {
            var line = new string('a', 500) + " target " + new string('b', 500);
            var (text, at, count) = DiagnosticText.Excerpt(line, 501, 6);
            Assert.StartsWith("…", text);
            Assert.EndsWith("…", text);
            Assert.True(text.Length < DiagnosticText.MaxShownColumns + 10, text);
            Assert.Equal("target", text.Substring(at, count));
        }

        [Fact]
        public void A_rules_file_cannot_print_a_line_that_looks_like_the_tools_own()
        {
            using var folder = new TempFolder();
            // A rules file whose broken line carries a newline in a text and an ANSI sequence.
            var path = folder.Write("evil.rules", "activity a \"x\u001b[31m\rfake: ok\" extra\n");
            var lines = CheckLines(path);
            Assert.Equal("1 | activity a \"x\\u001B[31m\\rfake: ok\" extra", lines[2]);
            Assert.DoesNotContain(lines, l => l.Contains('\u001b') || l.Contains('\r'));
        }

        private static string StripEscapes(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", "");
    }
}
