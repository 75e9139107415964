using System.CommandLine;
using System.IO;
using System.Linq;

namespace AgreementRules.Cli.Commands
{
    /// <summary><c>check &lt;rules&gt;</c>: parse, check, compile and run the in-file examples.</summary>
    internal static class CheckCommand
    {
        public static Command Create(TextWriter stdout, TextWriter stderr)
        {
            var rules = new Argument<string>("rules") { Description = "a .rules file or a folder of them" };
            var command = new Command("check", "Parse and check rules and run their in-file examples; exit 1 on any error") { rules };
            command.SetAction(parse =>
            {
                var path = parse.GetValue(rules)!;
                var result = RulesLoader.Compile(path, stderr);
                if (result == null) return (int)ExitCode.Usage;
                foreach (var d in result.Diagnostics) TerminalText.WriteLine(stdout, d.ToString());
                var errors = RulesLoader.ErrorCount(result);
                var warnings = result.Diagnostics.Count - errors;
                var rulesCount = result.Files.Sum(f => f.Declarations.OfType<Syntax.RuleDecl>().Count());
                var examples = result.Files.Sum(f => f.Declarations.OfType<Syntax.ExampleDecl>().Count());
                stdout.WriteLine(errors == 0
                    ? $"ok: {result.Files.Count} file(s), {rulesCount} rule(s), {examples} example(s) passed, {warnings} warning(s)"
                    : $"failed: {errors} error(s), {warnings} warning(s) in {result.Files.Count} file(s)");
                return errors == 0 ? (int)ExitCode.Ok : (int)ExitCode.RulesInvalid;
            });
            return command;
        }
    }
}
