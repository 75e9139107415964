using System.Collections.Generic;
using System.Linq;
using AgreementRules.Evaluation;

namespace AgreementRules.Cli.Testing
{
    /// <summary>The examples a <c>test</c> run selected and their results, for the text, JSON and JUnit writers.</summary>
    internal sealed class TestReport
    {
        public TestReport(IReadOnlyList<ExampleResult> results, int filteredOut, int files, CoverageSummary? coverage)
        {
            Results = results; FilteredOut = filteredOut; Files = files; Coverage = coverage;
        }

        /// <summary>With <c>--coverage</c>: how the selected examples cover the rules.</summary>
        public CoverageSummary? Coverage { get; }

        public IReadOnlyList<ExampleResult> Results { get; }
        public int FilteredOut { get; }
        public int Files { get; }
        public int Failed => Results.Count(r => !r.Passed);
        public int Passed => Results.Count - Failed;

        /// <summary>Where an example is written: <c>path:line</c>.</summary>
        public static string Location(ExampleResult r) => $"{r.Declaration.Span.Path}:{r.Declaration.Span.Line}";
    }
}
