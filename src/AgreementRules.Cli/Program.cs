using System.CommandLine;
using System.Linq;
using AgreementRules.Cli.Commands;
using AgreementRules.Cli.Diagnostics;

namespace AgreementRules.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            // Console.Out flushes on every line; a batch of a million answers wants one buffered stream.
            var (stdin, stdout) = StandardStreams.Open(System.Console.OpenStandardInput(), StandardStreams.Output());
            using var input = stdin;
            using var output = stdout;
            try
            {
                var code = Run(args, stdin, stdout, System.Console.Error, Colour.ForConsole());
                stdout.Flush();
                return code;
            }
            catch (OutputFailedException ex)
            {
                return OutputFailed(ex, System.Console.Error);
            }
        }

        /// <summary>The whole command line, with its streams passed in so tests can run it in-process; no colour.</summary>
        public static int Run(string[] args, System.IO.TextReader stdin, System.IO.TextWriter stdout, System.IO.TextWriter stderr) =>
            Run(args, stdin, stdout, stderr, Colour.None);

        /// <summary>The whole command line, colouring diagnostics on the streams <paramref name="colour"/> says are terminals.</summary>
        public static int Run(string[] args, System.IO.TextReader stdin, System.IO.TextWriter stdout, System.IO.TextWriter stderr, Colour colour)
        {
            var root = new RootCommand("agreement-rules: check nuclear cooperation agreement rules and ask them whether an activity may go ahead")
            {
                CheckCommand.Create(stdout, stderr, colour),
                EvalCommand.Create(stdin, stdout, stderr, colour),
                ExplainCommand.Create(stdin, stdout, stderr, colour),
                FmtCommand.Create(stdout, stderr, colour),
                TestCommand.Create(stdout, stderr, colour),
                ReportCommand.Create(stdout, stderr, colour),
            };
            var parsed = root.Parse(args);
            // Ours first: where they find something, System.CommandLine's errors are its echoes.
            var errors = UsageErrors.Find(root, parsed);
            if (errors.Count == 0) errors = parsed.Errors.Select(e => e.Message).ToList();
            if (errors.Count > 0)
            {
                foreach (var error in errors) TerminalText.WriteLine(stderr, "error: " + error);
                stderr.WriteLine("Run 'agreement-rules --help' for usage.");
                return (int)ExitCode.Usage;
            }
            try
            {
                // The default handler would print a stack trace and exit 1 ("rules invalid") for a failed write.
                return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            }
            catch (OutputFailedException ex)
            {
                return OutputFailed(ex, stderr);
            }
        }

        private static int OutputFailed(OutputFailedException ex, System.IO.TextWriter stderr)
        {
            TerminalText.WriteLine(stderr, "error: " + ex.Message + "; the output is incomplete");
            return (int)ExitCode.OutputFailed;
        }
    }
}
