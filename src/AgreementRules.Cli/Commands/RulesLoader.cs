using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Compilation;

namespace AgreementRules.Cli.Commands
{
    /// <summary>Loads rules for a command, printing diagnostics as path:line:col: severity ID: message.</summary>
    internal static class RulesLoader
    {
        /// <summary>
        /// Compiles the rules at <paramref name="path"/>, or returns null when there are none to compile: the
        /// path names no .rules file or folder (AGR0014), or reading failed. That is a wrong command line or an
        /// unreadable input (<see cref="ExitCode.Usage"/>), not rules with errors.
        /// </summary>
        public static RulesCompilationResult? Compile(string path, TextWriter stderr)
        {
            var sources = Read(path, stderr);
            return sources == null ? null : RulesCompiler.Compile(sources);
        }

        /// <summary>The .rules files at <paramref name="path"/>, or null (with the reasons written) when there are none to read.</summary>
        public static IReadOnlyList<RulesSource>? Read(string path, TextWriter stderr)
        {
            try
            {
                return RuleSet.ReadSources(path);
            }
            catch (RulesException ex)
            {
                foreach (var d in ex.Diagnostics) TerminalText.WriteLine(stderr, d.ToString());
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                TerminalText.WriteLine(stderr, $"{path}: error: cannot read the rules: {ex.Message}");
                return null;
            }
        }

        /// <summary>
        /// The .rules files of every path, each file once however often it is named (a folder and a file in it),
        /// or null (with the reasons written) when a path has none to read.
        /// </summary>
        public static IReadOnlyList<RulesSource>? ReadAll(IEnumerable<string> paths, TextWriter stderr)
        {
            var sources = new List<RulesSource>();
            foreach (var path in paths)
            {
                var read = Read(path, stderr);
                if (read == null) return null;
                sources.AddRange(read);
            }
            return sources.GroupBy(s => Path.GetFullPath(s.Path), StringComparer.Ordinal).Select(g => g.First()).ToList();
        }

        /// <summary>The rule set, or null with the exit code that says why not (unreadable: usage; errors: rules invalid).</summary>
        public static RuleSet? Load(string path, TextWriter stderr, out ExitCode failure)
        {
            var result = Compile(path, stderr);
            if (result == null)
            {
                failure = ExitCode.Usage;
                return null;
            }
            foreach (var d in result.Diagnostics) TerminalText.WriteLine(stderr, d.ToString());
            failure = ExitCode.RulesInvalid;
            return result.RuleSet;
        }

        public static int ErrorCount(RulesCompilationResult result) => result.Diagnostics.Count(d => d.Severity == Severity.Error);
    }
}
