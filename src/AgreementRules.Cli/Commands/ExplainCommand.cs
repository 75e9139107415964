using System.CommandLine;
using System.IO;
using System.Linq;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Cli.Json;
using AgreementRules.Semantics;

namespace AgreementRules.Cli.Commands
{
    /// <summary><c>explain --rules &lt;rules&gt; &lt;request.json|-&gt;</c>: a decision written for people, with the trace.</summary>
    internal static class ExplainCommand
    {
        public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var rules = new Option<string>("--rules") { Description = "a .rules file or a folder of them", Required = true };
            var input = new Argument<string>("requests") { Description = "request.json, requests.jsonl, or - for standard input" };
            var command = new Command("explain", "Explain the decision for each request: outcome, requirements, missing facts, derived facts and the trace") { rules, input };
            command.SetAction(parse =>
            {
                // Every explanation shows its derived facts: computed during the evaluation, from what it computed.
                var ruleSet = RulesLoader.Load(parse.GetValue(rules)!, stderr, colour.Error, out var failure)?.WithEagerDerivedFacts();
                if (ruleSet == null) return (int)failure;
                var path = parse.GetValue(input)!;
                if (path != "-" && !File.Exists(path))
                {
                    TerminalText.WriteLine(stderr, $"error: no request file at '{path}'");
                    return (int)ExitCode.Usage;
                }
                var errors = 0;
                foreach (var (line, request) in RequestSource.Read(path, stdin))
                {
                    if (!Explain(stdout, ruleSet, line, request)) errors++;
                    TerminalText.WriteLine(stdout, "  Rules SHA-256: " + ruleSet.RulesSha256);
                }
                return errors == 0 ? (int)ExitCode.Ok : (int)ExitCode.RequestErrors;
            });
            return command;
        }

        /// <summary>One request's explanation; false when it is an error. Every line is escaped for the terminal.</summary>
        private static bool Explain(TextWriter o, RuleSet ruleSet, int line, Request request)
        {
            TerminalText.WriteLine(o, $"Request {request.Id ?? "#" + line}: {request.Activity?.ToString() ?? "(unreadable)"}");
            if (request.Activity == null || request.Error != null)
            {
                TerminalText.WriteLine(o, "  error: " + request.Error);
                return false;
            }
            try
            {
                Write(o, ruleSet.Evaluate(request.Activity, request.Evidence));
                return true;
            }
            catch (InvalidActivityException ex)
            {
                TerminalText.WriteLine(o, "  error: " + ProblemList.Join(ex.Problems));
                return false;
            }
        }

        private static void Write(TextWriter o, Decision d)
        {
            void Line(string text) => TerminalText.WriteLine(o, text);
            Line($"  Decision: {DecisionNames.Of(d.Outcome)}{(d.IsPermitted ? "" : " (not permitted)")}");
            if (d.Citations.Count > 0) Line("  Because of: " + string.Join("; ", d.Citations));
            foreach (var r in d.Requirements)
                Line($"  Requires {Requirement(r.Kind)} {string.Join(", ", r.Parties)}" +
                     string.Concat(r.Alternatives.Select(a => $", or {(a.Written ? "written " : "")}{Requirement(a.Kind)} {string.Join(", ", a.Parties)}")) +
                     $" ({r.Citation}): " +
                     (r.Satisfied ? "satisfied by " + r.SatisfiedBy : "NOT satisfied"));
            if (d.Missing.Count > 0) Line("  Missing facts that could change it: " + string.Join(", ", d.Missing));
            if (d.Derived.Count > 0) Line("  Derived: " + string.Join(", ", d.Derived.Select(p => $"{p.Key} = {Format(p.Value)}")));
            foreach (var a in d.Advisories) Line("  Advisory: " + a);
            Line("  Trace:");
            foreach (var t in d.Trace) Line("    " + t);
        }

        private static string Requirement(RequirementKind kind) => kind switch
        {
            RequirementKind.Notification => "notification by",
            RequirementKind.Assurances => "assurances or consent of",
            _ => "consent of",
        };

        private static string Format(object? v) => v switch
        {
            bool b => b ? "true" : "false",
            double n => n.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
            string[] list => "{" + string.Join(", ", list) + "}",
            _ => v?.ToString() ?? "unknown",
        };
    }
}
