using System;
using System.Collections.Generic;
using System.Threading;

namespace AgreementRules
{
    /// <summary>What a <see cref="Requirement"/> asks for.</summary>
    public enum RequirementKind
    {
        /// <summary>A party's consent.</summary>
        Consent,
        /// <summary>A notification by a party.</summary>
        Notification,
        /// <summary>Assurances from a party.</summary>
        Assurances,
    }

    /// <summary>Something a matching rule asks for, and whether the evidence or a programmatic consent gives it.</summary>
    public sealed record Requirement(
        RequirementKind Kind, IReadOnlyList<string> Parties, bool Satisfied, string Citation, string RuleId, string? SatisfiedBy)
    {
        /// <summary>
        /// The other ways to meet it (<c>requires written notification by JP or consent of US</c>): Kind and
        /// Parties are the first alternative, these the others, in the rule's order. Satisfied when any one
        /// of them is; empty for a requirement with one way to meet it.
        /// </summary>
        public IReadOnlyList<RequirementAlternative> Alternatives { get; init; } = Array.Empty<RequirementAlternative>();
    }

    /// <summary>One more way to meet a <see cref="Requirement"/>: its kind, its parties, and whether it must be in writing.</summary>
    public sealed record RequirementAlternative(RequirementKind Kind, IReadOnlyList<string> Parties, bool Written);

    /// <summary>The answer to "may this activity go ahead?", with everything an auditor needs to retrace it.</summary>
    public sealed class Decision
    {
        /// <param name="derived">The definitions' values; null to derive them on first read (see <see cref="Attach"/>).</param>
        internal Decision(Outcome outcome, IReadOnlyList<Requirement> requirements, IReadOnlyList<string> citations,
            IReadOnlyList<string> missing, IReadOnlyList<string> trace, IReadOnlyDictionary<string, object?>? derived,
            IReadOnlyList<string> advisories, string activity)
        {
            Outcome = outcome; Requirements = requirements; Citations = citations; Missing = missing;
            Trace = trace; this.derived = derived; Advisories = advisories; Activity = activity;
        }

        /// <summary>
        /// Ties the decision to what it was decided on: the activity (what a permit opened from it grants), the rules
        /// (their hash, for the audit trail) and, where the engine left <see cref="Derived"/> to be computed on first
        /// read, the rule set that computes it.
        /// </summary>
        internal void Attach(Activity request, RuleSet rules)
        {
            Request = request;
            RulesSha256 = rules.RulesSha256;
            derivedBy = rules;
        }

        /// <summary>The answer; only <see cref="AgreementRules.Outcome.Permitted"/> lets the activity go ahead.</summary>
        public Outcome Outcome { get; }
        /// <summary>True only for <see cref="AgreementRules.Outcome.Permitted"/>: nothing is permitted by default.</summary>
        public bool IsPermitted => Outcome == Outcome.Permitted;
        /// <summary>The activity kind the decision is about.</summary>
        public string Activity { get; }
        /// <summary>What the matching rules ask for (consents, notifications, assurances), met or not.</summary>
        public IReadOnlyList<Requirement> Requirements { get; }
        /// <summary>The articles of the rules that decided, as they cite them (<c>JP-US-1988 Art. 6</c>).</summary>
        public IReadOnlyList<string> Citations { get; }
        /// <summary>Facts the request did not give whose values could change the decision.</summary>
        public IReadOnlyList<string> Missing { get; }
        /// <summary>How the rules reached the decision, one line per rule considered: for people, not for parsing.</summary>
        public IReadOnlyList<string> Trace { get; }
        /// <summary>
        /// The values of the rules' definitions (<c>define …</c>) for this activity, by name. Computed on first
        /// read, from the activity's facts as they were decided on (an <see cref="AgreementRules.Activity"/> cannot
        /// change): a definition is a function of the facts alone, so the values are those the rules read, and a
        /// host that only asks whether it may go ahead does not pay for them. The first read costs about as much
        /// as the evaluation did; every read after it, on any thread, returns the same dictionary. A rule set made with
        /// <see cref="RuleSet.WithEagerDerivedFacts"/> computes them during the evaluation instead.
        /// </summary>
        public IReadOnlyDictionary<string, object?> Derived => Volatile.Read(ref derived) ?? DeriveOnFirstRead();

        private IReadOnlyDictionary<string, object?>? derived;
        /// <summary>The rule set that decided, which derives <see cref="Derived"/> on first read (null when given at construction).</summary>
        private RuleSet? derivedBy;

        private IReadOnlyDictionary<string, object?> DeriveOnFirstRead()
        {
            var computed = (derivedBy ?? throw new InvalidOperationException("a decision without derived facts or a rule set to derive them"))
                .Derive(Request!);
            // Two threads reading at once compute equal values; both then return the one published first.
            return Interlocked.CompareExchange(ref derived, computed, null) ?? computed;
        }
        /// <summary>Warnings from commitments (advisory rules): they never change the outcome.</summary>
        public IReadOnlyList<string> Advisories { get; }

        /// <summary>
        /// The <see cref="RulesHash"/> (<c>rules_sha256</c>) of the rules that gave this decision: the rule set's
        /// <see cref="RuleSet.RulesSha256"/>, whether it was loaded from files or generated into the host assembly.
        /// </summary>
        public string RulesSha256 { get; internal set; } = "";

        /// <summary>The activity, facts included, this decision was evaluated for (null for one built otherwise).</summary>
        internal Activity? Request { get; set; }

        /// <summary>
        /// Opens a permit for this decision's activity and facts, which regulated members can demand at run time
        /// (<see cref="Permits.Demand(Activity)"/>): <c>using var permit = decision.Permit();</c>. Throws
        /// <see cref="ActivityNotPermittedException"/> unless the activity is permitted. The analyzers accept it as a guard.
        /// </summary>
        public PermitScope Permit()
        {
            ThrowIfNotPermitted();
            return Permits.Open(this);
        }

        /// <summary>Throws <see cref="ActivityNotPermittedException"/> unless the activity is permitted.</summary>
        public void ThrowIfNotPermitted()
        {
            if (!IsPermitted) throw new ActivityNotPermittedException(this);
        }

        /// <summary>The outcome and its citations, as <c>prohibited (JP-US-1988 Art. 6)</c>.</summary>
        public override string ToString() =>
            $"{Semantics.DecisionNames.Of(Outcome)} ({(Citations.Count == 0 ? "no citation" : string.Join("; ", Citations))})";
    }

    /// <summary>Thrown by <see cref="Decision.ThrowIfNotPermitted"/>, <see cref="Decision.Permit"/> and <see cref="Permits.Demand(Activity)"/> when the activity may not go ahead.</summary>
    public sealed class ActivityNotPermittedException : InvalidOperationException
    {
        /// <summary>An exception whose message names the activity, the decision and any missing facts.</summary>
        public ActivityNotPermittedException(Decision decision)
            : base($"'{decision.Activity}' is not permitted: {decision}" +
                   (decision.Missing.Count > 0 ? $"; missing facts: {string.Join(", ", decision.Missing)}" : ""))
            => Decision = decision;

        /// <summary>The decision that did not permit the activity.</summary>
        public Decision Decision { get; }
    }

    /// <summary>A request the rules cannot read: unknown activity or fact, a value of the wrong type. Lists every problem.</summary>
    public sealed class InvalidActivityException : ArgumentException
    {
        /// <summary>An exception whose message lists every problem.</summary>
        public InvalidActivityException(IReadOnlyList<string> problems)
            : base(string.Join("; ", problems)) => Problems = problems;

        /// <summary>Each problem with the request, one sentence each.</summary>
        public IReadOnlyList<string> Problems { get; }
    }
}
