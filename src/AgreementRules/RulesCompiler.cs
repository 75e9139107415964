using System.Collections.Generic;
using System.Linq;
using AgreementRules.Analysis;
using AgreementRules.Compilation;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules
{
    /// <summary>What compiling a set of .rules files gave: the syntax trees, every diagnostic, and a rule set if there were no errors.</summary>
    public sealed class RulesCompilationResult
    {
        internal RulesCompilationResult(IReadOnlyList<RulesFile> files, IReadOnlyList<RulesDiagnostic> diagnostics, RuleSet? ruleSet, CheckedModel? model = null,
            IReadOnlyList<AcknowledgedOverlap>? acknowledgedOverlaps = null)
        {
            Files = ReadOnly.List(files); Diagnostics = ReadOnly.List(diagnostics); RuleSet = ruleSet; Model = model;
            AcknowledgedOverlaps = ReadOnly.List(acknowledgedOverlaps ?? ReadOnly.Empty<AcknowledgedOverlap>());
        }

        /// <summary>The syntax tree of each file, in the order the sources were given.</summary>
        public IReadOnlyList<RulesFile> Files { get; }
        /// <summary>Every problem found, errors and warnings, each with its file, line and column.</summary>
        public IReadOnlyList<RulesDiagnostic> Diagnostics { get; }
        /// <summary>The compiled rules, or null when there were errors.</summary>
        public RuleSet? RuleSet { get; }
        /// <summary>Whether any diagnostic is an error (then <see cref="RuleSet"/> is null).</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

        /// <summary>
        /// The checked model whenever the check ran, also when it or a later stage reported errors (the analyzers
        /// still need the declared names then); null when the files did not parse.
        /// </summary>
        internal CheckedModel? Model { get; }

        /// <summary>
        /// The overlap warnings (AGR0017) the rules acknowledge with <c>overlaps … because "…"</c>, with the reason: absent from
        /// <see cref="Diagnostics"/>, kept for SARIF's suppressions and for <c>report</c>. Empty unless the overlap analysis ran.
        /// </summary>
        internal IReadOnlyList<AcknowledgedOverlap> AcknowledgedOverlaps { get; }
    }

    /// <summary>
    /// The driver: parse every file → bind names → check types and units → analyse coverage → compile
    /// conditions to delegates → (for check) analyse overlaps → run the in-file examples. Never throws on bad rules; the CLI, the
    /// analyzers and <see cref="RuleSet.Load"/> all come through here, so they report the same diagnostics.
    /// </summary>
    public static class RulesCompiler
    {
        /// <summary>
        /// Compiles these sources as one rule set, running their in-file examples unless <paramref name="runExamples"/>
        /// is false; returns every diagnostic instead of throwing.
        /// </summary>
        public static RulesCompilationResult Compile(IReadOnlyList<RulesSource> sources, bool runExamples = true) =>
            Compile(sources, runExamples, EvaluationTiering.Default);

        /// <param name="tiering">When evaluation moves from closures to IL (tests pin it to one or the other).</param>
        /// <param name="analyseOverlaps">
        /// Whether to look for rules that apply together with different outcomes (AGR0017): only <c>agreement-rules check</c>
        /// asks for it. Such overlaps are how articles add up (the strictest outcome decides), so they are for the
        /// rule author to review, not for every load and every build (docs/diagnostics/AGR0017.md).
        /// </param>
        internal static RulesCompilationResult Compile(IReadOnlyList<RulesSource> sources, bool runExamples, EvaluationTiering tiering,
            bool analyseOverlaps = false) =>
            Compile(sources, sources.Select(s => RulesParser.Parse(s.Text, s.Path)).ToList(), runExamples, tiering, analyseOverlaps);

        /// <summary>The pipeline after the parse, for callers that keep each file's parse (the analyzers, per SourceText).</summary>
        /// <param name="files">The parse of each source, in the same order.</param>
        internal static RulesCompilationResult Compile(IReadOnlyList<RulesSource> sources, IReadOnlyList<RulesFile> files, bool runExamples, EvaluationTiering tiering,
            bool analyseOverlaps = false)
        {
            var diagnostics = new List<RulesDiagnostic>();
            // Parse. A declaration that failed to parse would make every use of its names look unknown:
            // report syntax errors alone until they are fixed.
            if (Stops(diagnostics, files.SelectMany(f => f.Diagnostics))) return new RulesCompilationResult(files, diagnostics, null);

            // Bind (names, across all files), then check (types, units, definitions, rules, examples).
            var bound = Checker.Bind(files);
            var (model, checkDiagnostics) = Checker.Check(bound);
            if (Stops(diagnostics, checkDiagnostics)) return new RulesCompilationResult(files, diagnostics, null, model);

            // Analyse: gaps, unreachable and contradictory rules. It runs the conditions compiled by the compiler the
            // rule set is then built with, so each definition is compiled once.
            var compiler = new ExpressionCompiler(model);
            if (Stops(diagnostics, CoverageAnalysis.Analyse(model, compiler))) return new RulesCompilationResult(files, diagnostics, null, model);

            // Compile, then run the in-file examples against the rule set.
            var ruleSet = Build(model, diagnostics, compiler, tiering, RulesHash.Compute(sources));
            IReadOnlyList<AcknowledgedOverlap>? acknowledged = null;
            if (analyseOverlaps)
            {
                // Each witness is confirmed by the built rule set, so this comes after Build.
                var review = OverlapAnalysis.Review(model, (request, first, second) => OverlapAnalysis.BothApply(ruleSet.Inspect, request, first, second));
                acknowledged = review.Acknowledged;
                if (review.Reported.Count > 0)
                {
                    diagnostics.AddRange(review.Reported);
                    ruleSet = ruleSet.WithWarnings(diagnostics.Where(d => d.Severity == Severity.Warning).ToList().AsReadOnly());
                }
            }
            if (runExamples && Stops(diagnostics, ExampleRunner.Run(ruleSet, model))) return new RulesCompilationResult(files, diagnostics, null, model, acknowledged);
            return new RulesCompilationResult(files, diagnostics, ruleSet, model, acknowledged);
        }

        /// <summary>Adds a step's diagnostics; whether there is an error so far, which stops the pipeline.</summary>
        private static bool Stops(List<RulesDiagnostic> diagnostics, IEnumerable<RulesDiagnostic> step)
        {
            diagnostics.AddRange(step);
            return diagnostics.Any(d => d.Severity == Severity.Error);
        }

        /// <param name="rulesSha256">The <see cref="RulesHash"/> of the sources; left out only where a benchmark compiles a model alone.</param>
        internal static RuleSet Build(CheckedModel model, List<RulesDiagnostic> diagnostics, ExpressionCompiler? compiler = null,
            EvaluationTiering? tiering = null, string rulesSha256 = "")
        {
            compiler ??= new ExpressionCompiler(model);
            var rules = model.Rules.Select(r => new CompiledRule(RuleCompiler.Compile(r, compiler, model.Symbols))).ToList();
            // In the memo's order (ExpressionCompiler.DefinitionIndex): the engine derives definition i from body i.
            var definitions = model.Symbols.Definitions.Keys.Select(name => (name, compiler.DefinitionBody(name))).ToArray();
            // The IL compiler only keeps references: nothing is compiled until an activity is evaluated often.
            var engine = new DecisionEngine(rules, definitions, model, compiler.DefinitionCount, new IlCompiler(compiler),
                tiering ?? EvaluationTiering.Default);
            var warnings = diagnostics.Where(d => d.Severity == Severity.Warning).ToList().AsReadOnly();
            return new RuleSet(model, new ActivityBinder(model.Symbols, model.Rules), engine, warnings, rulesSha256);
        }
    }
}
