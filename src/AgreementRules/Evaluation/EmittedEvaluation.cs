using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Evaluation;

namespace AgreementRules
{
    /// <summary>
    /// Decision procedures that <c>AgreementRules.Compilation.CSharpBackEnd</c> emitted as C# for one rule set
    /// (compiled into the host assembly): the request's facts bound by name into typed fields, every definition
    /// and every rule condition as C# over them. Attach them with <see cref="RuleSet.WithEmitted"/>; the rule set
    /// then asks them first and takes its own path for every request they decline. Not for hand-written code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class EmittedRules
    {
        /// <param name="rulesSha256">The <see cref="RuleSet.RulesSha256"/> of the rules the code was emitted from.</param>
        /// <param name="activities">The activities in the rule set's order (<c>Model.Symbols.Activities</c>).</param>
        /// <param name="ruleIds">Per activity, the ids of its rules in file order: the indexes <see cref="EmittedEvaluation.Rule"/> takes.</param>
        /// <param name="facts">The facts by slot: the slots <see cref="EmittedEvaluation.Party"/> takes.</param>
        /// <param name="definitions">The definitions in the order of the values given to <see cref="EmittedEvaluation.Decide"/>.</param>
        protected EmittedRules(string rulesSha256, string[] activities, string[][] ruleIds, string[] facts, string[] definitions)
        {
            RulesSha256 = rulesSha256;
            Activities = activities;
            RuleIds = ruleIds;
            Facts = facts;
            Definitions = definitions;
        }

        /// <summary>The <c>rules_sha256</c> of the rules this code was emitted from; a rule set refuses code emitted from other rules.</summary>
        public string RulesSha256 { get; }
        internal string[] Activities { get; }
        internal string[][] RuleIds { get; }
        internal string[] Facts { get; }
        internal string[] Definitions { get; }

        /// <summary>
        /// The decision for the request, exactly as the rule set's own path would build it; null where the emitted
        /// code leaves the request to that path (anything it does not bind itself, a rule that cannot decide, a
        /// requirement whose party is not given): such requests are answered, or refused, by the runtime alone.
        /// </summary>
        public abstract Decision? TryDecide(Activity activity, Evidence evidence, EmittedEvaluation evaluation);
    }

    /// <summary>
    /// One evaluation's hand-over from an emitted decision procedure to the runtime: the emitted code says
    /// which rules of the activity apply to the request's agreements and whether each holds, names the parties
    /// read from facts, and gives the definitions' values; the runtime then judges them with the engine's own
    /// code (requirements, evidence, programmatic consents, trace, citations). Each thread's evaluation state
    /// holds one; it is only valid inside <see cref="EmittedRules.TryDecide"/>. Not for hand-written code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class EmittedEvaluation
    {
        private readonly EvaluationScratch work;
        private DecisionEngine engine = null!;
        private CompiledRule[] candidates = Array.Empty<CompiledRule>();
        private Value[] facts = Array.Empty<Value>();
        private int count;
        private bool undecided;

        internal EmittedEvaluation(EvaluationScratch work) => this.work = work;

        internal EmittedEvaluation Start(DecisionEngine engine)
        {
            this.engine = engine;
            return this;
        }

        /// <summary>Starts on the rules of activity <paramref name="activity"/> (its index in <see cref="EmittedRules"/>' activities).</summary>
        public void Begin(int activity)
        {
            candidates = engine.EmittedCandidates[activity];
            work.EnsureRules(candidates.Length);
            facts = work.Facts(engine.FactCount);
            count = 0;
            undecided = false;
        }

        /// <summary>
        /// The activity's rule <paramref name="rule"/> (in file order) belongs to an agreement the request lists, and
        /// its condition decides whether it <paramref name="applies"/>. Called in file order.
        /// </summary>
        public void Rule(int rule, bool applies)
        {
            work.Rules[count] = candidates[rule];
            work.Status[count++] = applies ? DecisionEngine.Tri.True : DecisionEngine.Tri.False;
        }

        /// <summary>A rule of a listed agreement cannot decide: the request is left to the runtime's path.</summary>
        public void Undecided() => undecided = true;

        /// <summary>The value of a fact that names a party (null: not given). Every such fact is given each evaluation.</summary>
        public void Party(int slot, string? value) => facts[slot] = value == null ? Value.Unknown : Value.Symbol(value);

        /// <summary>
        /// The decision, once every rule is given; null when a rule could not decide or a requirement's party is not
        /// given (the runtime's own path then answers).
        /// </summary>
        /// <param name="activity">The request's activity, as it named it.</param>
        /// <param name="applicable">The agreements the request lists (null where the vocabulary has no 'agreements' fact).</param>
        /// <remarks>The decision's derived facts are computed on first read, by the rule set, as for its own path.</remarks>
        public Decision? Decide(string activity, string[]? applicable, Evidence evidence) =>
            engine.DecideEmitted(activity, count, undecided, applicable, facts, evidence, work);
    }
}

namespace AgreementRules.Evaluation
{
    internal sealed partial class DecisionEngine
    {
        private CompiledRule[][]? emittedCandidates;

        /// <summary>Each activity's rules in file order, by the activity's index in the model (what emitted code numbers them by).</summary>
        internal CompiledRule[][] EmittedCandidates => emittedCandidates ??= symbols.Activities.Keys
            .Select(a => rulesByActivity.TryGetValue(a, out var found) ? found.Rules : Array.Empty<CompiledRule>()).ToArray();

        internal int FactCount => symbols.FactsBySlot.Count;

        /// <summary>
        /// Refuses emitted code whose numbering of activities, rules, facts and definitions is not this engine's:
        /// emitted from other rules, or by another version of the back end.
        /// </summary>
        internal void CheckLayout(EmittedRules emitted)
        {
            var activities = symbols.Activities.Keys.ToArray();
            var ruleIds = EmittedCandidates.Select(rules => rules.Select(r => r.Id).ToArray()).ToArray();
            var facts = symbols.FactsBySlot.Select(f => f.Name).ToArray();
            if (!emitted.Activities.SequenceEqual(activities) || emitted.RuleIds.Length != ruleIds.Length ||
                !emitted.RuleIds.Zip(ruleIds, (a, b) => a.SequenceEqual(b)).All(same => same) ||
                !emitted.Facts.SequenceEqual(facts) || !emitted.Definitions.SequenceEqual(definitionNames))
                throw new InvalidOperationException(
                    "the emitted decision procedures number the activities, rules, facts or definitions differently from these rules; " +
                    "emit them again from the same rules files with the same version of AgreementRules");
        }

        /// <summary>The decision from an emitted procedure's statuses, or null to leave the request to <see cref="Decide"/>.</summary>
        internal Decision? DecideEmitted(string activity, int count, bool undecided, string[]? applicable, Value[] facts,
            Evidence evidence, EvaluationScratch work)
        {
            if (!undecided)
            {
                var scope = work.Scope;
                scope.Reset(facts);
                work.Missing.Clear();
                var outcome = Judge(work.Rules, work.Status, count, scope, evidence, pessimistic: true, work.Missing, work, out var unknownParty);
                // An unknown party needs the second pass and perhaps the missing facts' cases: the engine's own path.
                if (!unknownParty)
                    return Answer(activity, count, outcome, null, agreementsUnknown: false, applicable, derived: null, work);
            }
            Array.Clear(work.Rules, 0, count);
            return null;
        }
    }
}
