using System.CommandLine;
using AgreementRules.Cli.Commands;

namespace AgreementRules.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            // Console.Out flushes on every line; a batch of a million answers wants one buffered stream.
            var (stdin, stdout) = StandardStreams.Open(System.Console.OpenStandardInput(), System.Console.OpenStandardOutput());
            using var input = stdin;
            using var output = stdout;
            var code = Run(args, stdin, stdout, System.Console.Error);
            stdout.Flush();
            return code;
        }

        /// <summary>The whole command line, with its streams passed in so tests can run it in-process.</summary>
        public static int Run(string[] args, System.IO.TextReader stdin, System.IO.TextWriter stdout, System.IO.TextWriter stderr)
        {
            var root = new RootCommand("agreement-rules: check nuclear cooperation agreement rules and ask them whether an activity may go ahead")
            {
                CheckCommand.Create(stdout, stderr),
                EvalCommand.Create(stdin, stdout, stderr),
                ExplainCommand.Create(stdin, stdout, stderr),
            };
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors) stderr.WriteLine("error: " + error.Message);
                stderr.WriteLine("Run 'agreement-rules --help' for usage.");
                return (int)ExitCode.Usage;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
    }
}
