using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Cli.Testing;
using AgreementRules.Evaluation;

namespace AgreementRules.Cli.Commands
{
    /// <summary>
    /// <c>test &lt;paths&gt;… [-v] [--filter TEXT] [--format text|json|junit] [--junit FILE]</c>: runs the in-file
    /// examples and reports each one, as <c>opa test</c> does. Rules that do not check are reported as
    /// <c>check</c> reports them (exit 1); a failing example exits 1; a filter that selects nothing is a usage
    /// error (exit 2), never a green run of no examples.
    /// </summary>
    internal static class TestCommand
    {
        public static Command Create(TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var paths = new Argument<string[]>("paths") { Description = ".rules files or folders of them", Arity = ArgumentArity.OneOrMore };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "one line per example: file:line, name, PASS or FAIL" };
            var filter = new Option<string?>("--filter") { HelpName = "TEXT", Description = "run only the examples whose name contains TEXT (case-insensitive), or matches it as a glob when it has * or ?" };
            var format = new Option<string>("--format") { Description = "text (default), json or junit (JUnit XML for CI systems)", DefaultValueFactory = _ => "text" };
            format.AcceptOnlyFromAmong("text", "json", "junit");
            var junit = new Option<string?>("--junit") { HelpName = "FILE", Description = "also write the results as JUnit XML to FILE" };
            var coverage = new Option<bool>("--coverage") { Description = "also report the rules no example makes apply and the conditions not seen both true and false (text and json)" };
            var command = new Command("test", "Run the in-file examples and report each one; exit 1 if any fails") { paths, verbose, filter, format, junit, coverage };
            command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(verbose), parse.GetValue(filter), parse.GetValue(format)!,
                parse.GetValue(junit), parse.GetValue(coverage), stdout, stderr, colour));
            return command;
        }

        private static int Run(string[] paths, bool verbose, string? filter, string format, string? junitFile, bool coverage, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var sources = RulesLoader.ReadAll(paths, stderr, colour.Error);
            if (sources == null) return (int)ExitCode.Usage;
            // The examples are run here, one by one, not by the compiler, which stops at the first failure.
            var compiled = RulesCompiler.Compile(sources, runExamples: false);
            if (compiled.RuleSet == null || compiled.Model == null)
            {
                var loaded = new LoadedRules(string.Join(" ", paths), sources, compiled, compiled.Diagnostics);
                RulesLoader.Print(stdout, colour.Output, loaded);
                stdout.WriteLine($"failed: {loaded.Errors} error(s) in {compiled.Files.Count} file(s); no example was run");
                return (int)ExitCode.RulesInvalid;
            }
            var all = ExampleRunner.Results(compiled.RuleSet, compiled.Model).ToList();
            var selected = filter == null ? all : all.Where(ExampleFilter.Parse(filter).Matches).ToList();
            if (selected.Count == 0)
            {
                TerminalText.WriteLine(stderr, filter == null
                    ? "error: the rules have no example to run; add 'example' declarations beside the rules they test"
                    : $"error: no example's name matches --filter '{filter}' (of {all.Count}); check the spelling, or use * and ? as a glob");
                return (int)ExitCode.Usage;
            }
            var measured = coverage ? new CoverageSummary(ExampleCoverage.Measure(compiled.RuleSet, compiled.Model, selected)) : null;
            var report = new TestReport(selected, all.Count - selected.Count, compiled.Files.Count, measured);
            if (junitFile != null && !WriteJunit(report, junitFile, stderr)) return (int)ExitCode.Usage;
            switch (format)
            {
                case "json": TestReportJson.Write(report, stdout); break;
                case "junit": TestReportJunit.Write(report, stdout); break;
                default: TestReportText.Write(report, verbose, stdout); break;
            }
            return report.Failed == 0 ? (int)ExitCode.Ok : (int)ExitCode.RulesInvalid;
        }

        private static bool WriteJunit(TestReport report, string path, TextWriter stderr)
        {
            try
            {
                using var file = new StreamWriter(path);
                TestReportJunit.Write(report, file);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                TerminalText.WriteLine(stderr, $"error: cannot write the JUnit report to '{path}': {ex.Message}");
                return false;
            }
        }
    }

    /// <summary>Which examples <c>--filter</c> selects: a case-insensitive substring of the name, or a glob (* and ?) over the whole name.</summary>
    internal sealed class ExampleFilter
    {
        private readonly Func<string, bool> matches;
        private ExampleFilter(Func<string, bool> matches) => this.matches = matches;

        public static ExampleFilter Parse(string text)
        {
            if (text.IndexOfAny(new[] { '*', '?' }) < 0)
                return new ExampleFilter(name => name.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0);
            var pattern = new Regex("^" + Regex.Escape(text).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return new ExampleFilter(pattern.IsMatch);
        }

        public bool Matches(ExampleResult result) => matches(result.Declaration.Title);
    }
}
