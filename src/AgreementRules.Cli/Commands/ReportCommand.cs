using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Cli.Report;

namespace AgreementRules.Cli.Commands
{
    /// <summary>
    /// <c>report --rules PATH [--host-sarif FILE]… --out DIR</c>: writes DIR/report.html and DIR/report.json, the
    /// traceability report from each article to the rules that encode it, the examples that prove them and, with
    /// the host's build log, the host code guarded by it (docs/cli.md, report). Rules that do not check exit 1 with
    /// their diagnostics and no report; a failing example still gets its report, marked, and exits 1.
    /// </summary>
    internal static class ReportCommand
    {
        public const string HtmlFile = "report.html";
        public const string JsonFile = "report.json";

        public static Command Create(TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var rules = new Option<string>("--rules") { Description = "a .rules file or a folder of them", Required = true };
            var sarif = new Option<string[]>("--host-sarif")
            {
                HelpName = "FILE",
                Description = "the SARIF log of the host's build with -p:AgreementRulesReportCallSites=true -p:ErrorLog=FILE%2Cversion=2.1 (repeat for several projects)",
                AllowMultipleArgumentsPerToken = false,
            };
            var output = new Option<string>("--out") { HelpName = "DIR", Description = "the folder to write report.html and report.json to (created if missing)", Required = true };
            var command = new Command("report", "Write the traceability report: articles, the rules that encode them, the examples that prove them, and the host code they guard")
                { rules, sarif, output };
            command.SetAction(parse => Run(parse.GetValue(rules)!, parse.GetValue(sarif) ?? Array.Empty<string>(), parse.GetValue(output)!, stdout, stderr, colour));
            return command;
        }

        private static int Run(string rulesPath, string[] sarifPaths, string outputFolder, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var sources = RulesLoader.Read(rulesPath, stderr, colour.Error);
            if (sources == null) return (int)ExitCode.Usage;
            // The examples are run by the report, one by one, as 'test' runs them; the compiler would stop at the first failure.
            var compiled = RulesCompiler.Compile(sources, runExamples: false);
            if (compiled.RuleSet == null || compiled.Model == null)
            {
                var loaded = new LoadedRules(rulesPath, sources, compiled, compiled.Diagnostics);
                RulesLoader.Print(stdout, colour.Output, loaded);
                stdout.WriteLine($"failed: {loaded.Errors} error(s) in {compiled.Files.Count} file(s); no report was written");
                return (int)ExitCode.RulesInvalid;
            }
            IReadOnlyList<LeftOutArticle> leftOut;
            try
            {
                leftOut = sources.SelectMany(s => LeftOutArticles.In(s.Path, s.Text)).ToList();
            }
            catch (FormatException ex)
            {
                TerminalText.WriteLine(stderr, "error: " + ex.Message + "; no report was written");
                return (int)ExitCode.RulesInvalid;
            }
            HostCallSites? host = null;
            if (sarifPaths.Length > 0)
            {
                try
                {
                    host = HostCallSites.Read(sarifPaths);
                }
                catch (InvalidDataException ex)
                {
                    TerminalText.WriteLine(stderr, "error: " + ex.Message);
                    return (int)ExitCode.Usage;
                }
            }

            var report = TraceabilityReport.Build(compiled.RuleSet, compiled.Model, sources, leftOut, host);
            var html = Path.Combine(outputFolder, HtmlFile);
            var json = Path.Combine(outputFolder, JsonFile);
            try
            {
                Directory.CreateDirectory(outputFolder);
                File.WriteAllText(html, ReportHtml.Render(report), new UTF8Encoding(false));
                using (var file = File.Create(json)) ReportJson.Write(report, file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                TerminalText.WriteLine(stderr, $"error: cannot write the report to '{outputFolder}': {ex.Message}");
                return (int)ExitCode.Usage;
            }
            stdout.WriteLine($"wrote {html} and {json}");
            stdout.WriteLine(Summary(report));
            return report.ExamplesFailed == 0 ? (int)ExitCode.Ok : (int)ExitCode.RulesInvalid;
        }

        private static string Summary(TraceabilityReport report)
        {
            var articles = report.Agreements.Sum(a => a.Articles.Count);
            var text = $"{report.Agreements.Count} agreement(s), {articles} article(s) ({report.UncitedArticles.Count()} no rule encodes), " +
                       $"{report.Coverage.Rules.Count} rule(s) ({report.RulesWithoutExample.Count()} no example proves), " +
                       $"{report.Examples.Count} example(s) ({report.ExamplesFailed} failing)";
            if (report.Host != null)
                text += $", {report.Host.Sites.Count} host call site(s) ({report.Host.Sites.Count(s => !s.Guarded)} not guarded)";
            return text;
        }
    }
}
