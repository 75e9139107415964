using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AgreementRules.Analysis;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// Applies the contract's semantics (shared/spec/activity-json.md) to the rules of one activity:
    /// every rule of every applicable agreement; a prohibition outranks everything; consents are
    /// satisfied by evidence or a matching programmatic consent; a missing fact that could change the
    /// answer makes it undetermined; nothing is permitted by default.
    /// The hot path allocates only what the returned <see cref="Decision"/> holds: working state lives in
    /// an <see cref="EvaluationScratch"/> rented for the evaluation, and trace lines are built once per rule
    /// when the rules are compiled.
    /// </summary>
    internal sealed partial class DecisionEngine
    {
        internal enum Tri : byte { False, True, Unknown }

        /// <summary>An activity's rules and their conditions (in the same order; null for a rule without one).</summary>
        private sealed class ActivityRules
        {
            public ActivityRules(CompiledRule[] rules, Tiered<CompiledExpr?[]> conditions, CheckedModel model)
            {
                Rules = rules;
                Conditions = conditions;
                // Built the first time a request of this activity needs its missing facts' cases, never on the common path.
                Domains = new Lazy<CaseDomains>(() => new CaseDomains(model, Array.ConvertAll(rules, r => r.Rule.Declaration.Condition)));
            }

            public CompiledRule[] Rules { get; }
            public Tiered<CompiledExpr?[]> Conditions { get; }
            public Lazy<CaseDomains> Domains { get; }
        }

        private readonly NameTable<ActivityRules> rulesByActivity;
        /// <summary>Each definition's body, by its index in the memo: for the answer's derived facts (<see cref="Derive(EvaluationScope)"/>).</summary>
        private readonly Tiered<CompiledExpr[]> definitionBodies;
        private readonly string[] definitionNames;
        private readonly SymbolTable symbols;
        private readonly int agreementsSlot;

        private readonly int definitionCount;
        /// <summary>Each agreement's bit, so a rule's agreement is tested with a mask, not a string comparison per rule.</summary>
        private readonly Dictionary<string, int> agreementBits = new(StringComparer.Ordinal);
        private readonly NameTable<int> agreementBitsByName;

        /// <param name="definitions">Each definition's name and body (as closures), in the memo's order.</param>
        public DecisionEngine(IReadOnlyList<CompiledRule> rules, (string, CompiledExpr)[] definitions, CheckedModel model, int definitionCount,
            IlCompiler il, EvaluationTiering tiering)
        {
            var symbols = model.Symbols;
            this.definitionCount = definitionCount;
            // IL compiling is serialised: the compiler's caches are not thread-safe, and it is a one-off.
            var gate = new object();
            rulesByActivity = new NameTable<ActivityRules>(rules.GroupBy(r => r.Rule.Activity).Select(g =>
            {
                var own = g.ToArray();
                return new KeyValuePair<string, ActivityRules>(g.Key, new ActivityRules(own, new Tiered<CompiledExpr?[]>(
                    Array.ConvertAll(own, r => r.Condition),
                    () => { lock (gate) return Array.ConvertAll(own, r => r.Rule.Declaration.Condition is { } c ? il.CompileCondition(c) : null); },
                    tiering.After), model));
            }));
            // Each definition's body: closures first, IL once the answers' derived facts have been read often
            // (conditions reach the definitions they read through their own code).
            definitionBodies = new Tiered<CompiledExpr[]>(
                definitions.Select(d => d.Item2).ToArray(),
                () => { lock (gate) return definitions.Select(d => il.DefinitionBody(d.Item1)).ToArray(); },
                tiering.After);
            foreach (var rule in rules)
                if (!agreementBits.ContainsKey(rule.AgreementId)) agreementBits[rule.AgreementId] = agreementBits.Count;
            // More than 64 agreements: no mask; rules are matched by id (AgreementBit -1).
            foreach (var rule in rules) rule.AgreementBit = agreementBits.Count <= 64 ? agreementBits[rule.AgreementId] : -1;
            agreementBitsByName = new NameTable<int>(agreementBits);
            definitionNames = definitions.Select(d => d.Item1).ToArray();
            this.symbols = symbols;
            agreementsSlot = symbols.Facts.TryGetValue("agreements", out var f) ? f.Slot : -1;
        }

        /// <summary>Whether an activity's conditions (and the definitions they compute) run as IL yet (for tests).</summary>
        internal bool RunsIl(string activity) => rulesByActivity.TryGetValue(activity, out var rules) && rules.Conditions.IsCompiled;

        /// <param name="countsTowardIl">Whether this evaluation counts towards compiling IL (the in-file examples do not).</param>
        /// <param name="work">This evaluation's own working state; <paramref name="facts"/> may be its fact buffer.</param>
        /// <param name="deriveNow">Whether to compute the answer's derived facts now (from the definitions the conditions computed) rather than on first read.</param>
        public Decision Decide(string activity, Value[] facts, Evidence evidence, bool countsTowardIl, bool deriveNow, EvaluationScratch work)
        {
            var request = Select(activity, facts, evidence, countsTowardIl, out var found, out var agreementsUnknown);
            var applicable = request.Applicable;
            var count = Assess(request, facts, countsTowardIl, work, out var worst, out var best);
            if (agreementsUnknown) work.Missing.Add(agreementsSlot);
            var outcome = worst == best ? worst : Outcome.Undetermined;

            // The two passes disagree: try the cases of the missing facts (never on the common path).
            MissingFactCases? cases = null;
            if (worst != best && found != null)
            {
                cases = MissingFactCases.Search(this, request, found.Domains.Value, facts);
                if (cases.Outcome is { } decided) outcome = decided;
            }
            // Unless asked for now, the definitions' values are derived when the answer's Derived is first read
            // (RuleSet.Derive): most hosts only ask whether they may go ahead, and deriving them all is a third of an evaluation.
            return Answer(activity, count, outcome, cases, agreementsUnknown, applicable, deriveNow ? Derive(work.Scope) : null, work);
        }

        /// <summary>
        /// The decision, from the rules the request reached (<paramref name="work"/>'s rules, statuses and what the
        /// pessimistic pass recorded) and its outcome: trace, requirements, citations, advisories, missing facts.
        /// Shared by the engine's own path and by emitted decision procedures (<see cref="EmittedEvaluation"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // measured: a call of its own cost more than 255850f's single Decide
        private Decision Answer(string activity, int count, Outcome outcome, MissingFactCases? cases, bool agreementsUnknown,
            string[]? applicable, IReadOnlyDictionary<string, object?>? derived, EvaluationScratch work)
        {
            var scope = work.Scope;
            var rules = work.Rules;
            var status = work.Status;
            var missing = work.Missing;
            var settled = cases?.Outcome != null ? cases : null; // the cases decided: their explanation ends the trace
            var trace = new string[count + (Silent(rules, count) ? 1 : 0) + (settled != null ? 1 : 0)];
            List<Requirement>? requirements = null;
            List<string>? citations = null;
            List<string>? advisories = null;
            for (var i = 0; i < count; i++)
            {
                var rule = rules[i];
                trace[i] = status[i] switch { Tri.True => rule.TraceApplies, Tri.False => rule.TraceDoesNotApply, _ => rule.TraceUndecided };
                var applies = status[i] == Tri.True;
                // Settled by the cases: a rule that applied in some of them is part of what the answer rests on.
                if (!applies && (settled == null || !settled.AppliedInSomeCase(i))) continue;
                if (rule.Advisory != null) { if (applies) (advisories ??= new List<string>()).Add(rule.Advisory); continue; }
                if (outcome == Outcome.Prohibited && rule.Kind != OutcomeKind.Prohibited) continue;
                if (rule.IsRequirement)
                {
                    // Settled by the cases: met as they found it, not as the pessimistic pass (an unknown party gives nothing) left it.
                    bool satisfied;
                    string? by;
                    if (settled != null) satisfied = settled.Met(i, inEveryCase: applies, symbols, out by);
                    else { satisfied = work.Satisfied[i]; by = work.SatisfiedBy[i]; }
                    (requirements ??= new List<Requirement>()).Add(rule.Requirement(satisfied, by, scope));
                }
                citations ??= new List<string>();
                if (!citations.Contains(rule.Citation)) citations.Add(rule.Citation);
            }
            if (settled != null) trace[trace.Length - 1] = settled.Explain(symbols);
            if (trace.Length > count + (settled != null ? 1 : 0))
                trace[count] = agreementsUnknown
                    ? $"the request does not say which agreements the item is subject to ('{Checker.AgreementsFact}' is missing), so no rule can be applied to '{activity}'"
                    : applicable is { Length: 0 }
                    ? $"the request lists no agreement, so no rule speaks to '{activity}'"
                    : $"no rule of {(applicable == null ? "the loaded agreements" : string.Join(", ", applicable))} speaks to '{activity}'";

            // Undetermined: the facts that could change the decision (those the cases showed to, when the search finished;
            // none when every case is undetermined too).
            var missingNames = outcome != Outcome.Undetermined || settled != null ? Array.Empty<string>()
                : cases?.Decisive is { } decisive ? MissingNames(decisive)
                : missing.Count > 0 ? MissingNames(missing) : Array.Empty<string>();
            Array.Clear(rules, 0, count); // do not keep rules alive through the thread's spare scratch
            return new Decision(outcome, (IReadOnlyList<Requirement>?)requirements ?? Array.Empty<Requirement>(),
                (IReadOnlyList<string>?)citations ?? Array.Empty<string>(), missingNames, trace, derived,
                (IReadOnlyList<string>?)advisories ?? Array.Empty<string>(), activity);
        }

        /// <summary>The rules a request can apply: those of its activity, of the agreements it lists.</summary>
        /// <param name="found">The activity's rules; null when none can apply.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Request Select(string activity, Value[] facts, Evidence evidence, bool countsTowardIl, out ActivityRules? found, out bool agreementsUnknown)
        {
            CompiledRule[] candidates;
            CompiledExpr?[] conditions;
            // Absent agreements are unknown (the item may be subject to none): no rule can be applied.
            agreementsUnknown = agreementsSlot >= 0 && facts[agreementsSlot].IsUnknown;
            if (!agreementsUnknown && rulesByActivity.TryGetValue(activity, out found))
            {
                candidates = found.Rules;
                conditions = found.Conditions.Get(countsTowardIl);
            }
            else
            {
                found = null;
                candidates = Array.Empty<CompiledRule>();
                conditions = Array.Empty<CompiledExpr?>();
            }
            // Null only for a vocabulary without the 'agreements' fact: then every loaded agreement applies.
            var applicable = agreementsSlot >= 0 && !agreementsUnknown ? (string[])facts[agreementsSlot].Ref! : null;
            return new Request(candidates, conditions, applicable, evidence);
        }

        /// <summary>
        /// Each rule the request can apply and whether its condition holds (null: a fact it needs is missing), as
        /// <see cref="Decide"/> sees them; <paramref name="inspect"/> then reads the scope the conditions read (the
        /// facts, the definitions computed), for the coverage of the in-file examples. Never compiles IL.
        /// </summary>
        public void Inspect(string activity, Value[] facts, EvaluationScratch work, Action<CheckedRule, bool?, EvaluationScope> inspect)
        {
            var request = Select(activity, facts, Evidence.None, countsTowardIl: false, out _, out _);
            var count = Assess(request, facts, countsTowardIl: false, work, out _, out _);
            for (var i = 0; i < count; i++)
                inspect(work.Rules[i].Rule, work.Status[i] switch { Tri.True => true, Tri.False => false, _ => null }, work.Scope);
            Array.Clear(work.Rules, 0, count);
        }

        /// <summary>What one evaluation asks of an activity's rules, besides the facts: read by <see cref="Assess"/>.</summary>
        internal readonly struct Request
        {
            public Request(CompiledRule[] candidates, CompiledExpr?[] conditions, string[]? applicable, Evidence evidence)
            {
                Candidates = candidates;
                Conditions = conditions;
                Applicable = applicable;
                Evidence = evidence;
            }

            // Fields, not properties: read in every evaluation, and a getter is a call wherever the JIT does not inline.
            public readonly CompiledRule[] Candidates;
            public readonly CompiledExpr?[] Conditions;
            /// <summary>The agreements the request lists; null for every loaded agreement.</summary>
            public readonly string[]? Applicable;
            public readonly Evidence Evidence;
        }

        /// <summary>
        /// Each applicable rule's status on <paramref name="facts"/> and the two passes over them, in
        /// <paramref name="work"/> (its rules, statuses, satisfactions and missing facts, and the scope with the
        /// definitions computed). Returns how many rules apply to the request.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int Assess(in Request request, Value[] facts, bool countsTowardIl, EvaluationScratch work, out Outcome worst, out Outcome best)
        {
            var scope = work.Scope;
            // Each condition computes the definitions it reads, the first reader in the memo (its missing reads are
            // replayed to later readers, so what a rule reports missing does not depend on which rule read first);
            // the answer's derived facts are computed when read (Decision.Derived).
            scope.Reset(facts, definitionCount);
            var candidates = request.Candidates;
            var conditions = request.Conditions;
            var applicable = request.Applicable;

            // The agreements the request names, as a mask over the rules' agreements.
            var mask = ulong.MaxValue;
            if (applicable != null)
            {
                mask = 0;
                foreach (var id in applicable)
                    if (id != null && agreementBitsByName.TryGetValue(id, out var bit) && bit < 64) mask |= 1UL << bit;
            }

            work.EnsureRules(candidates.Length);
            var rules = work.Rules;
            var status = work.Status;
            var missing = work.Missing;
            missing.Clear();
            var count = 0;
            var undecided = false;
            for (var r = 0; r < candidates.Length; r++)
            {
                var rule = candidates[r];
                if (applicable != null &&
                    (rule.AgreementBit >= 0 ? (mask & (1UL << rule.AgreementBit)) == 0 : Array.IndexOf(applicable, rule.AgreementId) < 0)) continue;
                var before = scope.MissingReads.Count;
                var condition = conditions[r];
                var value = condition == null ? Value.True : condition(scope);
                var tri = value.IsUnknown ? Tri.Unknown : value.IsTrue ? Tri.True : Tri.False;
                undecided |= tri == Tri.Unknown;
                if (tri == Tri.Unknown)
                    for (var m = before; m < scope.MissingReads.Count; m++) missing.Add(scope.MissingReads[m]);
                rules[count] = rule;
                status[count] = tri;
                count++;
            }

            // The answer must not depend on what is missing: decide once taking every undecided rule
            // against the activity (requirements match, programmatic consents do not) and once in its
            // favour. Where both agree, that is the answer; otherwise the missing facts' cases tell.
            worst = Judge(rules, status, count, scope, request.Evidence, pessimistic: true, missing, work, out var unknownParty);
            // A requirement whose party is a missing fact ('consent of supplier') is undecided too.
            undecided |= unknownParty;
            // With nothing undecided the two passes are the same pass.
            best = undecided ? Judge(rules, status, count, scope, request.Evidence, pessimistic: false, missing, null, out _) : worst;
            return count;
        }

        private static bool Silent(CompiledRule[] rules, int count)
        {
            for (var i = 0; i < count; i++)
                if (rules[i].Kind != OutcomeKind.Advisory) return false;
            return true;
        }

        private string[] MissingNames(IReadOnlyList<int> slots)
        {
            var names = new List<string>(slots.Count);
            for (var i = 0; i < slots.Count; i++)
            {
                var name = symbols.FactsBySlot[slots[i]].Name;
                if (!names.Contains(name)) names.Add(name);
            }
            return names.ToArray();
        }

        /// <param name="record">
        /// Where the pessimistic pass records, for every requirement that matches, whether it is met and by what;
        /// null for the optimistic pass. Every rule that applies matches in this pass, and recording goes on past
        /// a prohibition, so each requirement the answer reports (those that apply) reads what this evaluation
        /// wrote, never what an earlier one left.
        /// </param>
        /// <param name="unknownParty">Set when a requirement names its party by a fact the request does not give.</param>
        private static Outcome Judge(CompiledRule[] rules, Tri[] status, int count, EvaluationScope scope, Evidence evidence,
            bool pessimistic, List<int> missing, EvaluationScratch? record, out bool unknownParty)
        {
            unknownParty = false;
            var speaks = false;
            var prohibited = false;
            var outcome = Outcome.Permitted;
            for (var i = 0; i < count; i++)
            {
                var rule = rules[i];
                if (!Matches(status[i], rule, pessimistic)) continue;
                switch (rule.Kind)
                {
                    case OutcomeKind.Prohibited:
                        // A prohibition that applies decides both passes: the answer is prohibited and reports no
                        // requirement, so nothing recorded is read. One that only might apply goes on recording.
                        if (record == null || status[i] == Tri.True) return Outcome.Prohibited;
                        prohibited = true;
                        break;
                    case OutcomeKind.Permitted:
                        speaks = true;
                        break;
                    case OutcomeKind.RequiresConsent:
                    case OutcomeKind.RequiresNotification:
                    case OutcomeKind.RequiresAssurances:
                        speaks = true;
                        // One way to meet it (most rules): that clause alone, with no alternative's missing facts to take back.
                        var clauses = rule.Clauses;
                        var satisfied = clauses.Length == 1
                            ? IsSatisfied(clauses[0], rule.AgreementId, rules, status, count, scope, evidence, pessimistic, missing, ref unknownParty, out var by)
                            : IsSatisfied(rule, rules, status, count, scope, evidence, pessimistic, missing, ref unknownParty, out by);
                        // 'by' is null when not met ('satisfied ? by : null' made the JIT store through its type-checking helper).
                        if (record != null) { record.Satisfied[i] = satisfied; record.SatisfiedBy[i] = by; }
                        if (!satisfied)
                            outcome = Max(outcome, rule.Kind switch
                            {
                                OutcomeKind.RequiresConsent => Outcome.ConsentRequired,
                                OutcomeKind.RequiresNotification => Outcome.NotificationRequired,
                                _ => Outcome.AssurancesRequired,
                            });
                        break;
                }
            }
            return prohibited ? Outcome.Prohibited : speaks ? outcome : Outcome.Undetermined;
        }

        /// <summary>Whether an undecided rule counts as matching in this pass: requirements and prohibitions
        /// match in the pessimistic pass, programmatic consents in the optimistic one.</summary>
        private static bool Matches(Tri status, CompiledRule rule, bool pessimistic) =>
            status == Tri.True || status == Tri.Unknown && (rule.Kind == OutcomeKind.GrantsConsent ? !pessimistic : pessimistic);

        private static Outcome Max(Outcome a, Outcome b) => a > b ? a : b;

        /// <summary>
        /// Whether the rule's requirement is met: any one of its alternatives met (all of one alternative's
        /// parties) meets it. A party unknown in an alternative counts (unknownParty, missing) only while no
        /// alternative is met without it: once one is, no value of that party can change the answer.
        /// </summary>
        private static bool IsSatisfied(CompiledRule rule, CompiledRule[] rules, Tri[] status, int count, EvaluationScope scope,
            Evidence evidence, bool pessimistic, List<int>? missing, ref bool unknownParty, out string? by)
        {
            var missingBefore = missing?.Count ?? 0;
            var unknown = false;
            foreach (var clause in rule.Clauses)
            {
                var clauseUnknown = false;
                if (!IsSatisfied(clause, rule.AgreementId, rules, status, count, scope, evidence, pessimistic, missing, ref clauseUnknown, out by))
                {
                    unknown |= clauseUnknown;
                    continue;
                }
                if (clauseUnknown) unknownParty = true;
                else if (missing != null) missing.RemoveRange(missingBefore, missing.Count - missingBefore);
                return true;
            }
            unknownParty |= unknown;
            by = null;
            return false;
        }

        /// <param name="by">What met the alternative; null when it is not met.</param>
        private static bool IsSatisfied(RequirementClauseRef clause, string agreementId, CompiledRule[] rules, Tri[] status, int count,
            EvaluationScope scope, Evidence evidence, bool pessimistic, List<int>? missing, ref bool unknownParty, out string? by)
        {
            by = null;
            foreach (var partyRef in clause.Parties)
            {
                var before = scope.MissingReads.Count;
                var party = partyRef.Resolve(scope);
                if (party == null)
                {
                    unknownParty = true;
                    if (missing != null)
                        for (var m = before; m < scope.MissingReads.Count; m++) missing.Add(scope.MissingReads[m]);
                    // In favour of the activity, an unknown party is satisfied only if some value it could take
                    // would be: with nothing on record for any such party, the requirement is unmet whoever it is.
                    if (pessimistic || !CouldBeSatisfied(clause, agreementId, partyRef, rules, status, count, scope, evidence)) return Unmet(out by);
                    continue;
                }
                if (clause.IsNotification)
                {
                    if (!evidence.HasNotification(party, clause.Written)) return Unmet(out by);
                    by = OnRecord.Notification;
                    continue;
                }
                if (evidence.HasConsent(party, clause.Written)) { by ??= OnRecord.Consent; continue; }
                var grant = FindGrant(party, agreementId, rules, status, count, scope, pessimistic);
                if (grant == null) return Unmet(out by);
                by = grant.GrantedBy;
            }
            return true;
        }

        /// <summary>An alternative not met: nothing met it, whatever met the parties before the one that failed.</summary>
        private static bool Unmet(out string? by)
        {
            by = null;
            return false;
        }

        /// <summary>Whether some value of an unknown party would satisfy the alternative: evidence on record from a party it could be, or a programmatic consent of the agreement that might match.</summary>
        private static bool CouldBeSatisfied(RequirementClauseRef clause, string agreementId, PartyRef partyRef, CompiledRule[] rules, Tri[] status, int count,
            EvaluationScope scope, Evidence evidence)
        {
            if (clause.IsNotification)
            {
                foreach (var n in evidence.Notifications)
                    if (partyRef.CouldBe(n.By) && evidence.HasNotification(n.By, clause.Written)) return true;
                return false;
            }
            foreach (var c in evidence.Consents)
                if (partyRef.CouldBe(c.Party) && evidence.HasConsent(c.Party, clause.Written)) return true;
            for (var i = 0; i < count; i++)
            {
                var g = rules[i];
                if (g.Kind != OutcomeKind.GrantsConsent || g.AgreementId != agreementId || !Matches(status[i], g, pessimistic: false)) continue;
                foreach (var p in g.Parties)
                    if (p.Resolve(scope) is { } granted && partyRef.CouldBe(granted)) return true;
            }
            return false;
        }

        private static CompiledRule? FindGrant(string party, string agreement, CompiledRule[] rules, Tri[] status, int count,
            EvaluationScope scope, bool pessimistic)
        {
            for (var i = 0; i < count; i++)
            {
                var g = rules[i];
                if (g.Kind != OutcomeKind.GrantsConsent || g.AgreementId != agreement || !Matches(status[i], g, pessimistic)) continue;
                foreach (var p in g.Parties)
                    if (p.Resolve(scope) == party) return g;
            }
            return null;
        }

        internal static string Describe(RuleOutcome outcome)
        {
            var described = outcome.Kind switch
            {
                OutcomeKind.Permitted => "permitted",
                OutcomeKind.Prohibited => "prohibited",
                OutcomeKind.Advisory => "advisory: " + outcome.Text,
                OutcomeKind.RequiresConsent or OutcomeKind.RequiresNotification => "requires " + Requirement(outcome.Kind, outcome.Written, outcome.Parties),
                OutcomeKind.RequiresAssurances => $"requires assurances or consent of {Parties(outcome.Parties)}",
                _ => $"grants consent of {Parties(outcome.Parties)} in advance",
            };
            foreach (var alternative in outcome.Alternatives)
                described += " or " + Requirement(alternative.Kind, alternative.Written, alternative.Parties);
            return described;
        }

        /// <summary>One alternative of a requirement as the rules write it: "written notification by JP", "consent of US".</summary>
        private static string Requirement(OutcomeKind kind, bool written, IReadOnlyList<Name> parties) =>
            $"{(written ? "written " : "")}{(kind == OutcomeKind.RequiresNotification ? "notification by" : "consent of")} {Parties(parties)}";

        private static string Parties(IReadOnlyList<Name> parties) => string.Join(", ", parties.Select(p => p.Text));

        /// <summary>Every definition's value on <paramref name="facts"/>, as an answer reports them (see <see cref="Decision.Derived"/>).</summary>
        internal IReadOnlyDictionary<string, object?> Derive(Value[] facts, EvaluationScratch work)
        {
            work.Scope.Reset(facts, definitionCount);
            return Derive(work.Scope);
        }

        /// <summary>
        /// Every definition's value in <paramref name="scope"/>: those a condition computed from the memo, the others
        /// computed now. Read by hosts only (never by checking rules), so these reads count towards compiling IL.
        /// </summary>
        private IReadOnlyDictionary<string, object?> Derive(EvaluationScope scope)
        {
            if (definitionNames.Length == 0) return DerivedFacts.Empty;
            var bodies = definitionBodies.Get(count: true);
            var values = new object?[bodies.Length];
            for (var i = 0; i < bodies.Length; i++)
            {
                // Those the conditions computed straight from the memo; the others computed (and memoised) now.
                var v = scope.TryMemoised(i, out var memoised) ? memoised : scope.ComputeDefinition(i, bodies[i]);
                values[i] = v.IsUnknown || v.Kind == ValueKind.Set ? DerivedFacts.Absent : v.ToObject();
            }
            return new DerivedFacts(definitionNames, values);
        }
    }
}
