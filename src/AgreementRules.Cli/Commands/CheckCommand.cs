using System.CommandLine;
using System.IO;
using AgreementRules.Cli.Diagnostics;

namespace AgreementRules.Cli.Commands
{
    /// <summary><c>check &lt;rules&gt; [--format text|json|sarif]</c>: parse, check, compile, look for overlapping rules and run the in-file examples.</summary>
    internal static class CheckCommand
    {
        public static Command Create(TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var rules = new Argument<string>("rules") { Description = "a .rules file or a folder of them" };
            var format = new Option<string>("--format")
            {
                Description = "text for people (the default), json, or sarif (SARIF 2.1.0) for tools",
                DefaultValueFactory = _ => "text",
            };
            format.AcceptOnlyFromAmong("text", "json", "sarif");
            var command = new Command("check", "Parse and check rules and run their in-file examples; exit 1 on any error") { rules, format };
            command.SetAction(parse =>
            {
                var loaded = RulesLoader.Compile(parse.GetValue(rules)!, analyseOverlaps: true);
                var report = new CheckReport(loaded);
                switch (parse.GetValue(format))
                {
                    case "json":
                        CheckJson.Write(stdout, report);
                        break;
                    case "sarif":
                        CheckSarif.Write(stdout, report);
                        break;
                    default:
                        // Rules that could not be read get no summary, and their error goes where errors go.
                        if (loaded.Result == null)
                        {
                            RulesLoader.Print(stderr, colour.Error, loaded);
                            break;
                        }
                        RulesLoader.Print(stdout, colour.Output, loaded);
                        stdout.WriteLine(report.Summary);
                        break;
                }
                return (int)report.ExitCode;
            });
            return command;
        }
    }
}
