using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>A rule ready to run: its compiled condition and its outcome, with parties resolved to slots.</summary>
    internal sealed class CompiledRule
    {
        public CompiledRule(CompiledRuleParts parts)
        {
            var (rule, condition, clauses) = (parts.Rule, parts.Condition, parts.Clauses);
            Rule = rule;
            Condition = condition;
            Clauses = clauses;
            Parties = clauses[0].Parties;
            Kind = rule.Declaration.Outcome.Kind;
            Written = rule.Declaration.Outcome.Written;
            AgreementId = rule.Agreement.Id;
            Citation = rule.Citation;
            var described = DecisionEngine.Describe(rule.Declaration.Outcome);
            // Trace lines are fixed per rule and status: built once here, not on every evaluation.
            TraceApplies = $"{Citation} [{Id}] applies: {described}";
            TraceDoesNotApply = $"{Citation} [{Id}] does not apply: {described}";
            TraceUndecided = $"{Citation} [{Id}] cannot decide (a fact it needs is missing): {described}";
            Advisory = Kind == OutcomeKind.Advisory ? $"{Citation}: {rule.Declaration.Outcome.Text}" : null;
            GrantedBy = Kind == OutcomeKind.GrantsConsent ? "programmatic consent " + Citation : null;
            if (IsRequirement && Array.TrueForAll(clauses, c => c.AllFixed))
            {
                var names = fixedParties = Array.ConvertAll(Parties, p => p.Name);
                fixedAlternatives = Alternatives(null);
                unsatisfied = new Requirement(RequirementKind, names, false, Citation, Id, null) { Alternatives = fixedAlternatives };
                satisfiedOnRecord = new Requirement(RequirementKind, names, true, Citation, Id,
                    Kind == OutcomeKind.RequiresNotification ? OnRecord.Notification : OnRecord.Consent) { Alternatives = fixedAlternatives };
            }
        }

        private readonly Requirement? unsatisfied;
        private readonly Requirement? satisfiedOnRecord;
        /// <summary>The parties when none is read from a fact: shared by every answer, like the requirements above.</summary>
        private readonly string[]? fixedParties;
        private readonly IReadOnlyList<RequirementAlternative>? fixedAlternatives;

        /// <summary>
        /// The requirement as the answer shows it. With fixed parties the common answers are built once
        /// (a requirement is immutable); parties read from facts are resolved for this evaluation.
        /// </summary>
        public Requirement Requirement(bool satisfied, string? by, EvaluationScope scope)
        {
            if (unsatisfied != null && !satisfied) return unsatisfied;
            if (satisfiedOnRecord != null && satisfied && ReferenceEquals(by, satisfiedOnRecord.SatisfiedBy)) return satisfiedOnRecord;
            return new Requirement(RequirementKind, fixedParties ?? Clauses[0].Resolve(scope), satisfied, Citation, Id, satisfied ? by : null)
            {
                Alternatives = fixedAlternatives ?? Alternatives(scope),
            };
        }

        /// <summary>The alternatives after the first, for the answer; with <paramref name="scope"/> null, every party is fixed.</summary>
        private IReadOnlyList<RequirementAlternative> Alternatives(EvaluationScope? scope)
        {
            if (Clauses.Length == 1) return Array.Empty<RequirementAlternative>();
            var alternatives = new RequirementAlternative[Clauses.Length - 1];
            for (var i = 1; i < Clauses.Length; i++)
            {
                var clause = Clauses[i];
                alternatives[i - 1] = new RequirementAlternative(AnswerKind(clause.Kind),
                    scope == null ? Array.ConvertAll(clause.Parties, p => p.Name) : clause.Resolve(scope), clause.Written);
            }
            return alternatives;
        }

        private RequirementKind RequirementKind => AnswerKind(Clauses[0].Kind);

        /// <summary>The kind of requirement the answer names for a clause of this kind.</summary>
        private static RequirementKind AnswerKind(OutcomeKind kind) => kind switch
        {
            OutcomeKind.RequiresConsent => RequirementKind.Consent,
            OutcomeKind.RequiresNotification => RequirementKind.Notification,
            _ => RequirementKind.Assurances,
        };

        public string TraceApplies { get; }
        public string TraceDoesNotApply { get; }
        public string TraceUndecided { get; }
        public string? Advisory { get; }
        /// <summary>For a programmatic consent: how a requirement it meets says so, built once ("programmatic consent JP-US-1988 IA Art. 1(1)(a)(i)").</summary>
        public string? GrantedBy { get; }

        public CheckedRule Rule { get; }
        public CompiledExpr? Condition { get; }
        /// <summary>The parties the outcome names (of its first alternative, for a requirement with several).</summary>
        public PartyRef[] Parties { get; }
        /// <summary>The ways to meet the rule's requirement, the first being the outcome's own kind and parties; any one suffices.</summary>
        public RequirementClauseRef[] Clauses { get; }
        public OutcomeKind Kind { get; }
        public bool Written { get; }
        public string AgreementId { get; }
        /// <summary>The agreement's bit in the engine's mask of requested agreements; -1 when the engine matches by id.</summary>
        public int AgreementBit { get; set; } = -1;
        public string Citation { get; }
        public string Id => Rule.Id;

        public bool IsRequirement => Kind is OutcomeKind.RequiresConsent or OutcomeKind.RequiresNotification or OutcomeKind.RequiresAssurances;
    }

    /// <summary>How a requirement was met, as the answer says it (shared instances, compared by reference).</summary>
    internal static class OnRecord
    {
        public const string Consent = "consent on record";
        public const string Notification = "notification on record";
    }
}
