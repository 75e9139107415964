using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;

namespace AgreementRules
{
    /// <summary>
    /// A loaded, checked and compiled set of agreements. Immutable and thread-safe: load once, evaluate
    /// from any number of threads.
    /// </summary>
    public sealed class RuleSet
    {
        private readonly ActivityBinder binder;
        private readonly DecisionEngine engine;
        /// <summary>Decision procedures emitted as C# for these rules, asked first (<see cref="WithEmitted"/>); null for none.</summary>
        private readonly EmittedRules? emitted;
        /// <summary>Where each decision is recorded (<see cref="WithDecisionLog"/>); null for nowhere.</summary>
        private readonly DecisionLog? log;

        /// <summary>Whether each decision's derived facts are computed during its evaluation (<see cref="WithEagerDerivedFacts"/>).</summary>
        private readonly bool eagerDerivedFacts;

        internal RuleSet(CheckedModel model, ActivityBinder binder, DecisionEngine engine, IReadOnlyList<RulesDiagnostic> warnings, string rulesSha256,
            EmittedRules? emitted = null, DecisionLog? log = null, bool eagerDerivedFacts = false)
        {
            this.emitted = emitted;
            this.log = log;
            this.eagerDerivedFacts = eagerDerivedFacts;
            Model = model;
            RulesSha256 = rulesSha256;
            this.binder = binder;
            this.engine = engine;
            Warnings = warnings;
        }

        /// <summary>The checked rules (agreements, activities, facts, rules) the rule set was compiled from, for tools that inspect them.</summary>
        public CheckedModel Model { get; }
        /// <summary>Warnings the checker reported (gaps, unreachable rules); errors stop loading instead.</summary>
        public IReadOnlyList<RulesDiagnostic> Warnings { get; }
        /// <summary>
        /// The SHA-256 (lower-case hex) of the files this rule set was built from, normalised so that line
        /// endings and file order do not change it (<see cref="RulesHash"/>): what an answer cites as <c>rules_sha256</c>.
        /// </summary>
        public string RulesSha256 { get; }
        /// <summary>The ids of the agreements the rules declare (<c>JP-US-1988</c>, …).</summary>
        public IEnumerable<string> Agreements => Model.Symbols.Agreements.Keys;
        /// <summary>The activity kinds the rules declare (<c>enrich</c>, <c>reprocess</c>, …): what <see cref="Activity.Create"/> accepts.</summary>
        public IEnumerable<string> Activities => Model.Symbols.Activities.Keys;

        /// <summary>Loads one .rules file, or every .rules file under a folder. Throws <see cref="RulesException"/> with all diagnostics.</summary>
        public static RuleSet Load(string path)
        {
            var sources = ReadSources(path);
            var result = RulesCompiler.Compile(sources);
            return result.RuleSet ?? throw new RulesException(result.Diagnostics);
        }

        /// <summary>Parses rules from text; <paramref name="path"/> names it in diagnostics.</summary>
        public static RuleSet Parse(string text, string path = "rules.rules")
        {
            var result = RulesCompiler.Compile(new[] { new RulesSource(path, text) });
            return result.RuleSet ?? throw new RulesException(result.Diagnostics);
        }

        /// <summary>
        /// The .rules files of a path, ordered by path so diagnostics come out the same on every machine. Reads
        /// only regular files of at most 16 MiB of UTF-8, folders at most 32 deep, each real folder and file once
        /// (docs/cli.md, limits); anything else throws <see cref="RulesException"/> naming the path and the reason.
        /// </summary>
        public static IReadOnlyList<RulesSource> ReadSources(string path)
        {
            if (File.Exists(path))
            {
                var (source, problems) = RulesSourceReader.ReadFile(path);
                if (source == null) throw new RulesException(problems);
                return new[] { source };
            }
            if (Directory.Exists(path))
            {
                var (sources, problems) = RulesSourceReader.ReadFolder(path);
                // Fail closed: a rule set with one of its files missing could permit what that file prohibits.
                if (problems.Count > 0) throw new RulesException(problems);
                // An empty folder would load as rules that decide nothing and check as "ok": refuse it.
                if (sources.Count > 0) return sources;
                throw NoRules(path, $"the folder '{path}' holds no .rules file (its subfolders were searched too); pass the folder that holds them");
            }
            throw NoRules(path, $"no .rules file or folder at '{path}'; pass a .rules file or a folder that holds them");
        }

        private static RulesException NoRules(string path, string message) =>
            new(new[] { new RulesDiagnostic(RulesDiagnosticIds.NoRules, Severity.Error, new SourceSpan(path, 0, 0, 1, 1), message) });

        /// <summary>
        /// May this activity go ahead with no consent or notification on record? The same as
        /// <see cref="Evaluate(Activity, Evidence)"/> with <see cref="Evidence.None"/>.
        /// </summary>
        public Decision Evaluate(Activity activity) => Evaluate(activity, Evidence.None);

        /// <summary>
        /// This rule set, deciding through decision procedures emitted as C# from the same rules
        /// (<c>AgreementRules.Compilation.CSharpBackEnd</c>, compiled into the host): they answer the requests they
        /// can decide with the same decision, and leave every other request to this rule set's own path.
        /// Throws <see cref="InvalidOperationException"/> when they were emitted from other rules (another
        /// <see cref="RulesSha256"/>, or another numbering of activities, rules, facts and definitions).
        /// </summary>
        public RuleSet WithEmitted(EmittedRules emitted)
        {
            if (emitted == null) throw new ArgumentNullException(nameof(emitted));
            if (emitted.RulesSha256 != RulesSha256)
                throw new InvalidOperationException(
                    $"the emitted decision procedures were emitted from rules with SHA-256 {emitted.RulesSha256}, these rules have {RulesSha256}; " +
                    "emit them again from these rules files");
            engine.CheckLayout(emitted);
            return new RuleSet(Model, binder, engine, Warnings, RulesSha256, emitted, log, eagerDerivedFacts);
        }

        /// <summary>
        /// This rule set, recording every decision its public <c>Evaluate</c> methods return in <paramref name="log"/>
        /// (with the request, the time and the correlation id given to
        /// <see cref="Evaluate(Activity, Evidence, string)"/>). The answers are the same as this rule set's: the
        /// record is made from the decision after it was taken, and the log never blocks nor throws
        /// (<see cref="DecisionLog"/>). A request the rules cannot read throws as before and is not recorded.
        /// </summary>
        public RuleSet WithDecisionLog(DecisionLog log) =>
            new(Model, binder, engine, Warnings, RulesSha256, emitted, log ?? throw new ArgumentNullException(nameof(log)), eagerDerivedFacts);

        /// <summary>
        /// This rule set, computing each decision's <see cref="Decision.Derived"/> facts during its evaluation, from the
        /// definitions its conditions computed, rather than on first read (which binds the activity and computes every
        /// definition again). For hosts that read the derived facts of every answer, as the command line does, which
        /// this makes cheaper; it costs every other host about a third more per evaluation (docs/performance.md).
        /// The answers are the same either way.
        /// </summary>
        public RuleSet WithEagerDerivedFacts() => new(Model, binder, engine, Warnings, RulesSha256, emitted, log, eagerDerivedFacts: true);

        /// <summary>
        /// May this activity go ahead given this evidence? Throws <see cref="InvalidActivityException"/>
        /// when the activity names something the rules do not declare.
        /// </summary>
        public Decision Evaluate(Activity activity, Evidence evidence) => Evaluate(activity, evidence, correlationId: null);

        /// <summary>
        /// As <see cref="Evaluate(Activity, Evidence)"/>; the decision log (<see cref="WithDecisionLog"/>) records
        /// the decision under <paramref name="correlationId"/> (a request or trace id of the host's), which
        /// changes nothing else.
        /// </summary>
        public Decision Evaluate(Activity activity, Evidence evidence, string? correlationId)
        {
            var decision = Evaluate(activity, evidence, countsTowardIl: true);
            log?.Record(activity, evidence ?? Evidence.None, decision, correlationId);
            return decision;
        }

        /// <param name="countsTowardIl">False for the in-file examples: checking rules (in the analyzers too) never compiles IL.</param>
        internal Decision Evaluate(Activity activity, Evidence evidence, bool countsTowardIl)
        {
            if (activity == null) throw new ArgumentNullException(nameof(activity));
            evidence ??= Evidence.None;
            Decision? decision = null;
            var work = EvaluationScratch.Rent();
            try
            {
                // WithEmitted checked that the emitted code came from these rules. The emitted code reads no party names:
                // evidence naming an unknown one goes to the binder, which refuses it.
                var evidenceChecked = emitted != null && binder.KnowsEvidenceParties(activity, evidence);
                if (evidenceChecked) decision = emitted!.TryDecide(activity, evidence, work.Emitted.Start(engine));
                if (decision == null)
                {
                    // Evidence found good before the emitted code declined is not checked again.
                    var facts = evidenceChecked ? binder.Bind(activity, work, out var problems) : binder.Bind(activity, evidence, work, out problems);
                    if (problems != null) throw new InvalidActivityException(problems);
                    decision = engine.Decide(activity.Kind, facts, evidence, countsTowardIl, eagerDerivedFacts, work);
                }
                decision.Attach(activity, this);
            }
            finally
            {
                work.Return();
            }
            // The emitted code leaves them to the first read: read them now, as the host asked (with the thread's
            // scratch given back, so the read does not make one of its own).
            if (eagerDerivedFacts) _ = decision.Derived;
            return decision;
        }

        /// <summary>
        /// The definitions' values for an activity this rule set decided on, as its <see cref="Decision.Derived"/>:
        /// bound and computed again, which gives the values the evaluation read (the activity cannot change, and a
        /// definition reads nothing but facts and other definitions).
        /// </summary>
        internal IReadOnlyDictionary<string, object?> Derive(Activity activity)
        {
            var work = EvaluationScratch.Rent();
            try
            {
                var facts = binder.Bind(activity, work, out var problems);
                // Bound without a problem when it was decided; the same activity binds the same way.
                if (problems != null) throw new InvalidActivityException(problems);
                return engine.Derive(facts, work);
            }
            finally
            {
                work.Return();
            }
        }

        /// <summary>
        /// Runs <paramref name="inspect"/> on each rule the activity can apply, with whether its condition holds
        /// and the scope it was evaluated in (see <see cref="DecisionEngine.Inspect"/>). Throws
        /// <see cref="InvalidActivityException"/> as <see cref="Evaluate(Activity, Evidence)"/> does.
        /// </summary>
        internal void Inspect(Activity activity, Action<CheckedRule, bool?, EvaluationScope> inspect)
        {
            var work = EvaluationScratch.Rent();
            try
            {
                var facts = binder.Bind(activity, work, out var problems);
                if (problems != null) throw new InvalidActivityException(problems);
                engine.Inspect(activity.Kind, facts, work, inspect);
            }
            finally
            {
                work.Return();
            }
        }

        /// <summary>This rule set with <paramref name="warnings"/> as its warnings: for the analyses that need the rule set built (overlaps).</summary>
        internal RuleSet WithWarnings(IReadOnlyList<RulesDiagnostic> warnings) => new(Model, binder, engine, warnings, RulesSha256, emitted, log, eagerDerivedFacts);

        /// <summary>Whether emitted decision procedures are attached (<see cref="WithEmitted"/>).</summary>
        internal bool HasEmitted => emitted != null;

        /// <summary>Whether the emitted decision procedures answer this request themselves, rather than leave it to this rule set's path (for tests and measurements).</summary>
        internal bool EmittedAnswers(Activity activity, Evidence evidence)
        {
            var work = EvaluationScratch.Rent();
            try
            {
                return binder.KnowsEvidenceParties(activity, evidence) && emitted?.TryDecide(activity, evidence, work.Emitted.Start(engine)) != null;
            }
            finally
            {
                work.Return();
            }
        }

        /// <summary>Whether the activity's conditions and the definitions run as IL yet (for tests).</summary>
        internal bool RunsIl(string activity) => engine.RunsIl(activity);
    }

    /// <summary>The text of one .rules file and the path it is reported under.</summary>
    public sealed record RulesSource(string Path, string Text);
}
