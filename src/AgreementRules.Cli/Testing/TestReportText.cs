using System.IO;
using System.Linq;
using AgreementRules.Evaluation;

namespace AgreementRules.Cli.Testing
{
    /// <summary>
    /// The report for people: with <c>-v</c> a line per example, always each failure with the expected and the
    /// actual decision and the trace, then a summary line. Every line is escaped for the terminal.
    /// </summary>
    internal static class TestReportText
    {
        public static void Write(TestReport report, bool verbose, TextWriter o)
        {
            foreach (var r in report.Results)
            {
                if (r.Passed)
                {
                    if (verbose) TerminalText.WriteLine(o, $"PASS {TestReport.Location(r)} \"{r.Declaration.Title}\"");
                    continue;
                }
                TerminalText.WriteLine(o, $"FAIL {TestReport.Location(r)} \"{r.Declaration.Title}\"");
                WriteFailure(r, o);
            }
            if (report.Coverage != null) CoverageText.Write(report.Coverage, verbose, o);
            var filtered = report.FilteredOut > 0 ? $", {report.FilteredOut} filtered out" : "";
            TerminalText.WriteLine(o, report.Failed == 0
                ? $"ok: {report.Passed} example(s) passed in {report.Files} file(s){filtered}"
                : $"failed: {report.Failed} of {report.Results.Count} example(s) failed, {report.Passed} passed{filtered}");
        }

        private static void WriteFailure(ExampleResult r, TextWriter o)
        {
            void Line(string text) => TerminalText.WriteLine(o, "    " + text);
            Line("expected: " + r.Expected);
            if (r.Decision == null)
            {
                Line("actual:   not a valid request");
                Line(r.Failure!);
                return;
            }
            var d = r.Decision;
            Line("actual:   " + r.Actual + (d.Citations.Count > 0 ? " (" + string.Join("; ", d.Citations) + ")" : ""));
            if (d.Missing.Count > 0) Line("missing facts: " + string.Join(", ", d.Missing));
            foreach (var q in d.Requirements.Where(q => !q.Satisfied)) Line($"not satisfied: {q.Kind.ToString().ToLowerInvariant()} of {string.Join(", ", q.Parties)} ({q.Citation})");
            Line("trace:");
            foreach (var t in d.Trace) Line("  " + t);
        }
    }
}
