using System;

namespace AgreementRules
{
    /// <summary>
    /// One decision as the decision log keeps it: what was asked (activity, facts, evidence), the decision that
    /// evaluation returned for it, when, and the caller's correlation id. Built from those values only, so one
    /// request's record holds nothing of another's.
    /// </summary>
    public sealed class DecisionRecord
    {
        internal DecisionRecord(string? correlationId, DateTimeOffset timestamp, Activity activity, Evidence evidence, Decision decision)
        {
            CorrelationId = correlationId; Timestamp = timestamp; Activity = activity; Evidence = evidence; Decision = decision;
        }

        /// <summary>The id the caller passed to <see cref="RuleSet.Evaluate(Activity, Evidence, string)"/> (a request or trace id); null for none.</summary>
        public string? CorrelationId { get; }
        /// <summary>When the decision was taken (UTC), read as evaluation returned.</summary>
        public DateTimeOffset Timestamp { get; }
        /// <summary>The activity and facts asked about (immutable, as every <see cref="AgreementRules.Activity"/>).</summary>
        public Activity Activity { get; }
        /// <summary>The consents and notifications on record for it.</summary>
        public Evidence Evidence { get; }
        /// <summary>The decision evaluation returned: outcome, requirements, citations, missing facts, trace, rules hash.</summary>
        public Decision Decision { get; }
        /// <summary>The <see cref="RuleSet.RulesSha256"/> of the rules that decided.</summary>
        public string RulesSha256 => Decision.RulesSha256;

        /// <summary>
        /// The record as one line of JSON, without the line break: <c>correlation_id</c>, <c>timestamp</c>,
        /// <c>request</c> (in the JSON contract's request shape), then the fields of the command line's answer
        /// (docs/cli.md, eval). What <see cref="JsonLinesDecisionSink"/> writes; other sinks may send it on too.
        /// </summary>
        public string ToJson()
        {
            var json = new Logging.JsonText();
            Logging.DecisionJson.WriteRecord(json, this);
            return json.ToString();
        }
    }
}
