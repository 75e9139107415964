using System.IO;
using System.Linq;
using AgreementRules.Compilation;

namespace AgreementRules.Cli.Commands
{
    /// <summary>Loads rules for a command, printing diagnostics as path:line:col: severity ID: message.</summary>
    internal static class RulesLoader
    {
        public static RulesCompilationResult? Compile(string path, TextWriter stderr)
        {
            try
            {
                return RulesCompiler.Compile(RuleSet.ReadSources(path));
            }
            catch (RulesException ex)
            {
                foreach (var d in ex.Diagnostics) stderr.WriteLine(d);
                return null;
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"{path}: error: cannot read the rules: {ex.Message}");
                return null;
            }
        }

        public static RuleSet? Load(string path, TextWriter stderr)
        {
            var result = Compile(path, stderr);
            if (result == null) return null;
            foreach (var d in result.Diagnostics) stderr.WriteLine(d);
            return result.RuleSet;
        }

        public static int ErrorCount(RulesCompilationResult result) => result.Diagnostics.Count(d => d.Severity == Severity.Error);
    }
}
