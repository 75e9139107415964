using System.IO;
using System.IO.Pipes;
using System.Text;
using System.Threading.Tasks;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// A program that keeps 'agreement-rules eval --rules … -' running, writes one request and waits for
    /// its answer must get the answer while its end of standard input is still open: the answers are
    /// buffered for batches, so they have to be flushed before the command waits for more input.
    /// Real pipes, as a host process would use them.
    /// </summary>
    public class InteractiveStdinTests
    {
        private const string Rules = """
            activity enrich
            fact enrichment : number %
            agreement A { parties JP, US }
            rule lo cites "Art. 1" on enrich when enrichment < 20 % then permitted
            rule hi cites "Art. 1" on enrich when enrichment >= 20 % then requires consent of JP, US

            """;

        [Fact]
        public async Task Each_answer_arrives_before_the_next_request_is_sent()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("a.rules", Rules);
            using var toCli = new AnonymousPipeServerStream(PipeDirection.Out);
            using var cliIn = new AnonymousPipeClientStream(PipeDirection.In, toCli.ClientSafePipeHandle);
            using var fromCli = new AnonymousPipeServerStream(PipeDirection.In);
            using var cliOut = new AnonymousPipeClientStream(PipeDirection.Out, fromCli.ClientSafePipeHandle);

            var (stdin, stdout) = StandardStreams.Open(cliIn, cliOut);
            var run = Task.Run(() =>
            {
                var code = Program.Run(new[] { "eval", "--rules", rules, "-" }, stdin, stdout, TextWriter.Null);
                stdout.Flush();
                cliOut.Dispose(); // the process's exit closes its standard output
                return code;
            });

            using var requests = new StreamWriter(toCli, new UTF8Encoding(false)) { AutoFlush = true };
            using var answers = new StreamReader(fromCli, Encoding.UTF8);
            foreach (var (level, decision) in new[] { (5, "permitted"), (25, "consent-required") })
            {
                await requests.WriteLineAsync($$"""{"id":"r{{level}}","activity":"enrich","enrichment":{{level}}}""");
                var answer = answers.ReadLineAsync();
                var first = await Task.WhenAny(answer, Task.Delay(20_000));
                Assert.True(first == answer, $"no answer to the request for {level} % while standard input stays open");
                Assert.Contains($"\"decision\":\"{decision}\"", await answer);
            }

            requests.Close();
            Assert.Equal((int)ExitCode.Ok, await run);
            Assert.Null(await answers.ReadLineAsync());
        }
    }
}
