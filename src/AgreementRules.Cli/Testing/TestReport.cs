using System.Collections.Generic;
using System.Linq;
using AgreementRules.Evaluation;

namespace AgreementRules.Cli.Testing
{
    /// <summary>The examples a <c>test</c> run selected and their results, for the text, JSON and JUnit writers.</summary>
    internal sealed class TestReport
    {
        public TestReport(IReadOnlyList<ExampleResult> results, int filteredOut, int files)
        {
            Results = results; FilteredOut = filteredOut; Files = files;
        }

        public IReadOnlyList<ExampleResult> Results { get; }
        public int FilteredOut { get; }
        public int Files { get; }
        public int Failed => Results.Count(r => !r.Passed);
        public int Passed => Results.Count - Failed;

        /// <summary>Where an example is written: <c>path:line</c>.</summary>
        public static string Location(ExampleResult r) => $"{r.Declaration.Span.Path}:{r.Declaration.Span.Line}";
    }
}
