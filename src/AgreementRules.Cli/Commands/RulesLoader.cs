using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Compilation;

namespace AgreementRules.Cli.Commands
{
    /// <summary>The rules a command was given, compiled, with the texts their diagnostics point into.</summary>
    /// <param name="Result">Null when there was nothing to compile: the path names no .rules file or folder
    /// (AGR0014), or reading failed. That is a wrong command line or an unreadable input
    /// (<see cref="ExitCode.Usage"/>), not rules with errors.</param>
    internal sealed record LoadedRules(string Path, IReadOnlyList<RulesSource> Sources, RulesCompilationResult? Result, IReadOnlyList<RulesDiagnostic> Diagnostics)
    {
        public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);
    }

    /// <summary>Loads rules for a command, printing diagnostics for people (<see cref="DiagnosticText"/>).</summary>
    internal static class RulesLoader
    {
        /// <param name="analyseOverlaps">Whether to report rules that apply together with different outcomes (AGR0017): <c>check</c> does.</param>
        public static LoadedRules Compile(string path, bool analyseOverlaps = false)
        {
            var (sources, failure) = TryRead(path);
            if (sources == null) return new LoadedRules(path, Array.Empty<RulesSource>(), null, failure);
            var result = RulesCompiler.Compile(sources, runExamples: true, EvaluationTiering.Default, analyseOverlaps);
            return new LoadedRules(path, sources, result, result.Diagnostics);
        }

        /// <summary>The .rules files at <paramref name="path"/>, or null (with the reasons printed) when there are none to read.</summary>
        public static IReadOnlyList<RulesSource>? Read(string path, TextWriter stderr, bool colour = false)
        {
            var (sources, failure) = TryRead(path);
            if (sources == null) Print(stderr, colour, new LoadedRules(path, Array.Empty<RulesSource>(), null, failure));
            return sources;
        }

        private static (IReadOnlyList<RulesSource>? Sources, IReadOnlyList<RulesDiagnostic> Failure) TryRead(string path)
        {
            try
            {
                return (RuleSet.ReadSources(path), Array.Empty<RulesDiagnostic>());
            }
            catch (RulesException ex)
            {
                return (null, ex.Diagnostics);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var unreadable = new RulesDiagnostic(RulesDiagnosticIds.Unreadable, Severity.Error, new SourceSpan(path, 0, 0, 1, 1),
                    $"cannot read the rules: {ex.Message}");
                return (null, new[] { unreadable });
            }
        }

        public static void Print(TextWriter writer, bool colour, LoadedRules rules)
        {
            var text = new DiagnosticText(writer, colour, rules.Sources);
            foreach (var d in rules.Diagnostics) text.Write(d);
        }

        /// <summary>
        /// The .rules files of every path, each file once however often it is named (a folder and a file in it),
        /// or null (with the reasons written) when a path has none to read.
        /// </summary>
        public static IReadOnlyList<RulesSource>? ReadAll(IEnumerable<string> paths, TextWriter stderr, bool colour = false)
        {
            var sources = new List<RulesSource>();
            foreach (var path in paths)
            {
                var read = Read(path, stderr, colour);
                if (read == null) return null;
                sources.AddRange(read);
            }
            return sources.GroupBy(s => Path.GetFullPath(s.Path), StringComparer.Ordinal).Select(g => g.First()).ToList();
        }

        /// <summary>The rule set, or null with the exit code that says why not (unreadable: usage; errors: rules invalid).</summary>
        public static RuleSet? Load(string path, TextWriter stderr, bool colour, out ExitCode failure)
        {
            var rules = Compile(path);
            Print(stderr, colour, rules);
            failure = rules.Result == null ? ExitCode.Usage : ExitCode.RulesInvalid;
            return rules.Result?.RuleSet;
        }
    }
}
