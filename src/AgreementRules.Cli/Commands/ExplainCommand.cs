using System.CommandLine;
using System.IO;
using System.Linq;
using AgreementRules.Semantics;

namespace AgreementRules.Cli.Commands
{
    /// <summary><c>explain --rules &lt;rules&gt; &lt;request.json|-&gt;</c>: a decision written for people, with the trace.</summary>
    internal static class ExplainCommand
    {
        public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
        {
            var rules = new Option<string>("--rules") { Description = "a .rules file or a folder of them", Required = true };
            var input = new Argument<string>("requests") { Description = "request.json, requests.jsonl, or - for standard input" };
            var command = new Command("explain", "Explain the decision for each request: outcome, requirements, missing facts, derived facts and the trace") { rules, input };
            command.SetAction(parse =>
            {
                var ruleSet = RulesLoader.Load(parse.GetValue(rules)!, stderr, out var failure);
                if (ruleSet == null) return (int)failure;
                var path = parse.GetValue(input)!;
                if (path != "-" && !File.Exists(path))
                {
                    stderr.WriteLine($"error: no request file at '{path}'");
                    return (int)ExitCode.Usage;
                }
                var errors = 0;
                foreach (var (line, request) in RequestSource.Read(path, stdin))
                {
                    stdout.WriteLine($"Request {request.Id ?? "#" + line}: {request.Activity?.ToString() ?? "(unreadable)"}");
                    if (request.Activity == null || request.Error != null)
                    {
                        stdout.WriteLine("  error: " + request.Error);
                        errors++;
                        continue;
                    }
                    try
                    {
                        Write(stdout, ruleSet.Evaluate(request.Activity, request.Evidence));
                    }
                    catch (InvalidActivityException ex)
                    {
                        stdout.WriteLine("  error: " + ex.Message);
                        errors++;
                    }
                }
                return errors == 0 ? (int)ExitCode.Ok : (int)ExitCode.RequestErrors;
            });
            return command;
        }

        private static void Write(TextWriter o, Decision d)
        {
            o.WriteLine($"  Decision: {DecisionNames.Of(d.Outcome)}{(d.IsPermitted ? "" : " (not permitted)")}");
            if (d.Citations.Count > 0) o.WriteLine("  Because of: " + string.Join("; ", d.Citations));
            foreach (var r in d.Requirements)
                o.WriteLine($"  Requires {Requirement(r.Kind)} {string.Join(", ", r.Parties)}" +
                            string.Concat(r.Alternatives.Select(a => $", or {(a.Written ? "written " : "")}{Requirement(a.Kind)} {string.Join(", ", a.Parties)}")) +
                            $" ({r.Citation}): " +
                            (r.Satisfied ? "satisfied by " + r.SatisfiedBy : "NOT satisfied"));
            if (d.Missing.Count > 0) o.WriteLine("  Missing facts that could change it: " + string.Join(", ", d.Missing));
            if (d.Derived.Count > 0) o.WriteLine("  Derived: " + string.Join(", ", d.Derived.Select(p => $"{p.Key} = {Format(p.Value)}")));
            foreach (var a in d.Advisories) o.WriteLine("  Advisory: " + a);
            o.WriteLine("  Trace:");
            foreach (var t in d.Trace) o.WriteLine("    " + t);
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
