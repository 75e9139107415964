using System.Collections.Generic;
using System.Linq;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Compilation
{
    /// <summary>What compiling a set of .rules files gave: the syntax trees, every diagnostic, and a rule set if there were no errors.</summary>
    public sealed class RulesCompilationResult
    {
        internal RulesCompilationResult(IReadOnlyList<RulesFile> files, IReadOnlyList<RulesDiagnostic> diagnostics, RuleSet? ruleSet)
        {
            Files = files; Diagnostics = diagnostics; RuleSet = ruleSet;
        }

        public IReadOnlyList<RulesFile> Files { get; }
        public IReadOnlyList<RulesDiagnostic> Diagnostics { get; }
        public RuleSet? RuleSet { get; }
        public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
    }

    /// <summary>
    /// The pipeline: parse every file → check names, types and units → analyse coverage → compile
    /// conditions to delegates → run the in-file examples. Never throws on bad rules; the CLI, the
    /// analyzers and <see cref="RuleSet.Load"/> all come through here, so they report the same diagnostics.
    /// </summary>
    public static class RulesCompiler
    {
        public static RulesCompilationResult Compile(IReadOnlyList<RulesSource> sources, bool runExamples = true) =>
            Compile(sources, runExamples, EvaluationTiering.Default);

        /// <param name="tiering">When evaluation moves from closures to IL (tests pin it to one or the other).</param>
        internal static RulesCompilationResult Compile(IReadOnlyList<RulesSource> sources, bool runExamples, EvaluationTiering tiering)
        {
            var files = sources.Select(s => RulesParser.Parse(s.Text, s.Path)).ToList();
            var diagnostics = files.SelectMany(f => f.Diagnostics).ToList();
            // A declaration that failed to parse would make every use of its names look unknown:
            // report syntax errors alone until they are fixed.
            if (diagnostics.Any(d => d.Severity == Severity.Error)) return new RulesCompilationResult(files, diagnostics, null);

            var (model, checkDiagnostics) = Checker.Check(files);
            diagnostics.AddRange(checkDiagnostics);
            if (diagnostics.Any(d => d.Severity == Severity.Error)) return new RulesCompilationResult(files, diagnostics, null);

            // One compiler for the coverage search and the rule set, so each definition is compiled once.
            var compiler = new ExpressionCompiler(model);
            diagnostics.AddRange(CoverageAnalysis.Analyse(model, compiler));
            if (diagnostics.Any(d => d.Severity == Severity.Error)) return new RulesCompilationResult(files, diagnostics, null);

            var ruleSet = Build(model, diagnostics, compiler, tiering, RulesHash.Compute(sources));
            if (runExamples) diagnostics.AddRange(ExampleRunner.Run(ruleSet, model));
            var ok = !diagnostics.Any(d => d.Severity == Severity.Error);
            return new RulesCompilationResult(files, diagnostics, ok ? ruleSet : null);
        }

        /// <param name="rulesSha256">The <see cref="RulesHash"/> of the sources; left out only where a benchmark compiles a model alone.</param>
        internal static RuleSet Build(CheckedModel model, List<RulesDiagnostic> diagnostics, ExpressionCompiler? compiler = null,
            EvaluationTiering? tiering = null, string rulesSha256 = "")
        {
            compiler ??= new ExpressionCompiler(model);
            var rules = model.Rules.Select(r => RuleCompiler.Compile(r, compiler, model.Symbols)).ToList();
            var definitions = model.Symbols.Definitions.Keys.Select(name => (name, compiler.CompileDefinition(name))).ToArray();
            // The IL compiler only keeps references: nothing is compiled until an activity is evaluated often.
            var engine = new DecisionEngine(rules, definitions, model, compiler.DefinitionCount, new IlCompiler(compiler),
                tiering ?? EvaluationTiering.Default);
            var warnings = diagnostics.Where(d => d.Severity == Severity.Warning).ToList();
            return new RuleSet(model, new ActivityBinder(model.Symbols), engine, warnings, rulesSha256);
        }
    }
}
