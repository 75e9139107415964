using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Cli.Json;

namespace AgreementRules.Cli.Commands
{
    /// <summary>
    /// <c>eval --rules &lt;rules&gt; [--log FILE] &lt;request.json|requests.jsonl|-&gt;</c>: one JSON answer line per request,
    /// in order; with <c>--log</c>, each decision also appended to FILE through the core's decision log.
    /// </summary>
    internal static class EvalCommand
    {
        public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var rules = new Option<string>("--rules") { Description = "a .rules file or a folder of them", Required = true };
            var input = new Argument<string>("requests") { Description = "request.json, requests.jsonl, or - for JSON Lines on standard input" };
            var log = new Option<string?>("--log") { Description = "append a record of each decision (request, answer, time, id) to this JSON Lines file" };
            var command = new Command("eval", "Answer requests of the JSON contract, one answer line per request") { rules, input, log };
            command.SetAction(parse => Run(parse.GetValue(rules)!, parse.GetValue(input)!, parse.GetValue(log), stdin, stdout, stderr, colour));
            return command;
        }

        private static int Run(string rulesPath, string input, string? logPath, TextReader stdin, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            // Every answer printed carries its derived facts: computed during the evaluation, from what it computed.
            var ruleSet = RulesLoader.Load(rulesPath, stderr, colour.Error, out var failure)?.WithEagerDerivedFacts();
            if (ruleSet == null) return (int)failure;
            if (input != "-" && !File.Exists(input))
            {
                TerminalText.WriteLine(stderr, $"error: no request file at '{input}'");
                return (int)ExitCode.Usage;
            }
            if (logPath == null) return Answer(ruleSet, input, stdin, stdout);
            var log = DecisionLogFile.Open(logPath, stderr);
            if (log == null) return (int)ExitCode.Usage;
            int code;
            using (log) code = Answer(ruleSet.WithDecisionLog(log.Log), input, stdin, stdout, log);
            return log.Report(stderr) ? code : (int)ExitCode.OutputFailed;
        }

        /// <param name="log">Waited for whenever its queue is half full: the command line loses no record to a full queue.</param>
        private static int Answer(RuleSet ruleSet, string input, TextReader stdin, TextWriter stdout, DecisionLogFile? log = null)
        {            var errors = 0;
            // Answers go out as UTF-8 bytes: straight into the stream under a StreamWriter (the real
            // stdout), or through a text writer otherwise (tests). Nothing accumulates across requests.
            var direct = stdout as StreamWriter;
            direct?.Flush();
            var buffer = new MemoryStream();
            using var writer = new Utf8JsonWriter(direct != null ? direct.BaseStream : buffer, JsonOptions.Writer);
            foreach (var (_, request) in RequestSource.Read(input, stdin))
            {
                if (!Answer(writer, ruleSet, request)) errors++;
                log?.KeepUp();
                writer.Flush();
                if (direct != null)
                {
                    direct.BaseStream.WriteByte((byte)'\n');
                }
                else
                {
                    stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                    buffer.SetLength(0);
                }
                writer.Reset();
            }
            stdout.Flush();
            return errors == 0 ? (int)ExitCode.Ok : (int)ExitCode.RequestErrors;
        }

        internal static bool Answer(Utf8JsonWriter writer, RuleSet ruleSet, Request request)
        {
            if (request.Error != null || request.Activity == null)
            {
                AnswerWriter.WriteError(writer, request.Id, request.Error ?? "unreadable request", ruleSet.RulesSha256);
                return false;
            }
            try
            {
                // The request's id is the log record's correlation id.
                AnswerWriter.WriteDecision(writer, request.Id, ruleSet.Evaluate(request.Activity, request.Evidence, request.Id), ruleSet.RulesSha256);
                return true;
            }
            catch (InvalidActivityException ex)
            {
                AnswerWriter.WriteError(writer, request.Id, ProblemList.Join(ex.Problems), ruleSet.RulesSha256);
                return false;
            }
        }
    }
}
