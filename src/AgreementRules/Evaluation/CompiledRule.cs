using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>A party named by a rule: fixed (<c>JP</c>) or read from a fact (<c>supplier</c>).</summary>
    internal readonly struct PartyRef
    {
        public PartyRef(string name, int slot, IReadOnlyList<string>? domain = null) { Name = name; Slot = slot; Domain = domain; }
        public string Name { get; }
        /// <summary>The fact slot to read, or -1 for a fixed party.</summary>
        public int Slot { get; }
        /// <summary>The values the fact can take when it is an enum (a party type); null when it is any text.</summary>
        public IReadOnlyList<string>? Domain { get; }

        /// <summary>Whether <paramref name="party"/> is a value this reference could take.</summary>
        public bool CouldBe(string party) => Slot < 0 ? party == Name : Domain == null || Domain.Contains(party);

        public string? Resolve(EvaluationScope scope)
        {
            if (Slot < 0) return Name;
            var v = scope.Read(Slot);
            return v.IsUnknown ? null : v.Text;
        }
    }

    /// <summary>A rule ready to run: its compiled condition and its outcome, with parties resolved to slots.</summary>
    internal sealed class CompiledRule
    {
        public CompiledRule(CheckedRule rule, CompiledExpr? condition, PartyRef[] parties)
        {
            Rule = rule;
            Condition = condition;
            Parties = parties;
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
            if (IsRequirement && Array.TrueForAll(parties, p => p.Slot < 0))
            {
                var names = fixedParties = Array.ConvertAll(parties, p => p.Name);
                unsatisfied = new Requirement(RequirementKind, names, false, Citation, Id, null);
                satisfiedOnRecord = new Requirement(RequirementKind, names, true, Citation, Id,
                    Kind == OutcomeKind.RequiresNotification ? OnRecord.Notification : OnRecord.Consent);
            }
        }

        private readonly Requirement? unsatisfied;
        private readonly Requirement? satisfiedOnRecord;
        /// <summary>The parties when none is read from a fact: shared by every answer, like the requirements above.</summary>
        private readonly string[]? fixedParties;

        /// <summary>
        /// The requirement as the answer shows it. With fixed parties the common answers are built once
        /// (a requirement is immutable); parties read from facts are resolved for this evaluation.
        /// </summary>
        public Requirement Requirement(bool satisfied, string? by, EvaluationScope scope)
        {
            if (unsatisfied != null && !satisfied) return unsatisfied;
            if (satisfiedOnRecord != null && satisfied && ReferenceEquals(by, satisfiedOnRecord.SatisfiedBy)) return satisfiedOnRecord;
            var parties = fixedParties;
            if (parties == null)
            {
                parties = new string[Parties.Length];
                for (var i = 0; i < parties.Length; i++) parties[i] = Parties[i].Resolve(scope) ?? $"({Parties[i].Name} unknown)";
            }
            return new Requirement(RequirementKind, parties, satisfied, Citation, Id, satisfied ? by : null);
        }

        private RequirementKind RequirementKind => Kind switch
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
        public PartyRef[] Parties { get; }
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

    internal static class RuleCompiler
    {
        public static CompiledRule Compile(CheckedRule rule, ExpressionCompiler compiler, SymbolTable symbols)
        {
            var condition = rule.Declaration.Condition == null ? null : compiler.Compile(rule.Declaration.Condition);
            var parties = new List<PartyRef>();
            foreach (var p in rule.Declaration.Outcome.Parties)
                parties.Add(symbols.Facts.TryGetValue(p.Text, out var fact)
                    ? new PartyRef(p.Text, fact.Slot, fact.Type is EnumType e ? e.Values : null)
                    : new PartyRef(p.Text, -1));
            return new CompiledRule(rule, condition, parties.ToArray());
        }
    }
}
