using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Cli.Json;

namespace AgreementRules.Cli.Commands
{
    /// <summary><c>eval --rules &lt;rules&gt; &lt;request.json|requests.jsonl|-&gt;</c>: one JSON answer line per request, in order.</summary>
    internal static class EvalCommand
    {
        public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var rules = new Option<string>("--rules") { Description = "a .rules file or a folder of them", Required = true };
            var input = new Argument<string>("requests") { Description = "request.json, requests.jsonl, or - for JSON Lines on standard input" };
            var command = new Command("eval", "Answer requests of the JSON contract, one answer line per request") { rules, input };
            command.SetAction(parse => Run(parse.GetValue(rules)!, parse.GetValue(input)!, stdin, stdout, stderr, colour));
            return command;
        }

        private static int Run(string rulesPath, string input, TextReader stdin, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var ruleSet = RulesLoader.Load(rulesPath, stderr, colour.Error, out var failure);
            if (ruleSet == null) return (int)failure;
            if (input != "-" && !File.Exists(input))
            {
                TerminalText.WriteLine(stderr, $"error: no request file at '{input}'");
                return (int)ExitCode.Usage;
            }
            var errors = 0;
            // Answers go out as UTF-8 bytes: straight into the stream under a StreamWriter (the real
            // stdout), or through a text writer otherwise (tests). Nothing accumulates across requests.
            var direct = stdout as StreamWriter;
            direct?.Flush();
            var buffer = new MemoryStream();
            using var writer = new Utf8JsonWriter(direct != null ? direct.BaseStream : buffer, JsonOptions.Writer);
            foreach (var (_, request) in RequestSource.Read(input, stdin))
            {
                if (!Answer(writer, ruleSet, request)) errors++;
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
                AnswerWriter.WriteDecision(writer, request.Id, ruleSet.Evaluate(request.Activity, request.Evidence), ruleSet.RulesSha256);
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
