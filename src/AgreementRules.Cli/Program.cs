using System.CommandLine;
using AgreementRules.Cli.Commands;

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
                var code = Run(args, stdin, stdout, System.Console.Error);
                stdout.Flush();
                return code;
            }
            catch (OutputFailedException ex)
            {
                return OutputFailed(ex, System.Console.Error);
            }
        }

        /// <summary>The whole command line, with its streams passed in so tests can run it in-process.</summary>
        public static int Run(string[] args, System.IO.TextReader stdin, System.IO.TextWriter stdout, System.IO.TextWriter stderr)
        {
            var root = new RootCommand("agreement-rules: check nuclear cooperation agreement rules and ask them whether an activity may go ahead")
            {
                CheckCommand.Create(stdout, stderr),
                EvalCommand.Create(stdin, stdout, stderr),
                ExplainCommand.Create(stdin, stdout, stderr),
                FmtCommand.Create(stdout, stderr),
                TestCommand.Create(stdout, stderr),
            };
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors) TerminalText.WriteLine(stderr, "error: " + error.Message);
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
