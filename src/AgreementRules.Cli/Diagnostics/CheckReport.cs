using System.Collections.Generic;
using System.Linq;
using AgreementRules.Cli.Commands;

namespace AgreementRules.Cli.Diagnostics
{
    /// <summary>What <c>check</c> found, counted once for every output format.</summary>
    internal sealed class CheckReport
    {
        public CheckReport(LoadedRules rules)
        {
            Rules = rules;
            Texts = rules.Sources.GroupBy(s => s.Path).ToDictionary(g => g.Key, g => g.First().Text);
            Errors = rules.Errors;
            Warnings = rules.Diagnostics.Count - Errors;
            if (rules.Result is { } result)
            {
                Files = result.Files.Count;
                RuleCount = result.Files.Sum(f => f.Declarations.OfType<Syntax.RuleDecl>().Count());
                Examples = result.Files.Sum(f => f.Declarations.OfType<Syntax.ExampleDecl>().Count());
            }
        }

        public LoadedRules Rules { get; }

        /// <summary>
        /// The overlap warnings (AGR0017) the rules acknowledge (<c>overlaps … because "…"</c>): not counted as warnings,
        /// but kept for the formats tools read (JSON <c>acknowledged</c>, SARIF <c>suppressions</c>).
        /// </summary>
        public IReadOnlyList<Evaluation.AcknowledgedOverlap> Acknowledged => Rules.Result?.AcknowledgedOverlaps ?? System.Array.Empty<Evaluation.AcknowledgedOverlap>();
        public IReadOnlyDictionary<string, string> Texts { get; }
        public int Errors { get; }
        public int Warnings { get; }
        public int Files { get; }
        public int RuleCount { get; }
        public int Examples { get; }

        /// <summary>Read and compiled with no error (warnings allowed).</summary>
        public bool Ok => Rules.Result != null && Errors == 0;

        public ExitCode ExitCode => Rules.Result == null ? ExitCode.Usage : Ok ? ExitCode.Ok : ExitCode.RulesInvalid;

        public string Summary => Ok
            ? $"ok: {Files} file(s), {RuleCount} rule(s), {Examples} example(s) passed, {Warnings} warning(s)"
            : $"failed: {Errors} error(s), {Warnings} warning(s) in {Files} file(s)";

        /// <summary>The rules' SHA-256 as answers carry it (docs/cli.md, rules_sha256), when the files were read.</summary>
        public string? RulesSha256 => Rules.Result == null ? null : RulesHash.Compute(Rules.Sources);
    }
}
