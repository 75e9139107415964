using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Cli;

namespace AgreementRules.Tests.Cli
{
    /// <summary>Runs the command line in-process with its streams captured.</summary>
    internal static class CliRunner
    {
        public static (int code, string stdout, string stderr) Run(string stdin, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = Program.Run(args, new StringReader(stdin), output, error);
            return (code, output.ToString(), error.ToString());
        }

        /// <summary>The output with <paramref name="folder"/> (a temporary one) written as &lt;dir&gt;, so snapshots do not depend on it.</summary>
        public static string Portable(string text, string folder) => text.Replace(folder + Path.DirectorySeparatorChar, "<dir>/");

        /// <summary>
        /// The output without what renders each diagnostic for people (its source line, carets, help line and
        /// the blank line after it): the header lines and the summary, for tests about what is reported rather
        /// than how it is drawn (Cli/DiagnosticRenderingTests pins that).
        /// </summary>
        public static string Headers(string output) =>
            string.Concat(output.Split('\n').Where(line => line.Length > 0 && !RenderedLine.IsMatch(line)).Select(line => line + "\n"));

        private static readonly Regex RenderedLine = new(@"^(?: *\||\d+ \|| *= help: )");

        /// <summary>No exception text reached the user: no stack frame, no exception type name.</summary>
        public static void AssertNoStackTrace(string text)
        {
            Assert.DoesNotContain("   at ", text);
            Assert.DoesNotContain("Exception", text);
        }
    }
}
