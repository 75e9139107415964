using System;
using System.Collections.Generic;
using System.Globalization;
using AgreementRules.Semantics;

namespace AgreementRules.Logging
{
    /// <summary>
    /// The JSON shape of an answer (../shared/spec/activity-json.md, docs/cli.md) and of a decision log record,
    /// which is an answer with the request, the time and the correlation id before it. The one place that
    /// knows the field names and their order: the command line's answers and the log both write through it.
    /// </summary>
    internal static class DecisionJson
    {
        /// <summary>An answer: <c>id</c> (when the request had one), then the decision's fields.</summary>
        public static void WriteAnswer<TOut>(TOut w, string? id, Decision d, string rulesSha256) where TOut : IJsonOutput
        {
            w.StartObject();
            if (id != null) w.Request("id", id);
            WriteDecisionFields(w, d, rulesSha256);
            w.EndObject();
        }

        /// <summary>The answer to a request that could not be evaluated.</summary>
        public static void WriteError<TOut>(TOut w, string? id, string error, string rulesSha256) where TOut : IJsonOutput
        {
            w.StartObject();
            if (id != null) w.Request("id", id);
            w.Request("error", error);
            w.Text("rules_sha256", rulesSha256);
            w.EndObject();
        }

        /// <summary>
        /// A decision log record: <c>correlation_id</c> (when the caller gave one), <c>timestamp</c> (UTC, ISO 8601),
        /// <c>request</c> in the request's own shape, then the answer's fields.
        /// </summary>
        public static void WriteRecord<TOut>(TOut w, DecisionRecord record) where TOut : IJsonOutput
        {
            w.StartObject();
            if (record.CorrelationId != null) w.Request("correlation_id", record.CorrelationId);
            w.Request("timestamp", record.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            WriteRequest(w, record.Activity, record.Evidence);
            WriteDecisionFields(w, record.Decision, record.Decision.RulesSha256);
            w.EndObject();
        }

        private static void WriteDecisionFields<TOut>(TOut w, Decision d, string rulesSha256) where TOut : IJsonOutput
        {
            w.Text("decision", DecisionNames.Of(d.Outcome));
            w.StartArray("requirements");
            var requirements = d.Requirements;
            for (var i = 0; i < requirements.Count; i++)
            {
                var r = requirements[i];
                w.StartObject();
                w.Text("kind", KindName(r.Kind));
                WriteTexts(w, "parties", r.Parties);
                if (r.Alternatives.Count > 0) WriteAlternatives(w, r.Alternatives);
                w.Boolean("satisfied", r.Satisfied);
                if (r.SatisfiedBy != null) w.Text("satisfied_by", r.SatisfiedBy);
                w.Text("citation", r.Citation);
                w.Text("rule", r.RuleId);
                w.EndObject();
            }
            w.EndArray();
            WriteTexts(w, "citations", d.Citations);
            if (d.Missing.Count > 0) WriteTexts(w, "missing", d.Missing);
            w.StartObject("derived");
            foreach (var pair in d.Derived)
            {
                switch (pair.Value)
                {
                    case bool b: w.Boolean(pair.Key, b); break;
                    case double n: w.Number(pair.Key, n); break;
                    case string s: w.Text(pair.Key, s); break;
                    case string[] list: WriteTexts(w, pair.Key, list); break;
                }
            }
            w.EndObject();
            if (d.Advisories.Count > 0) WriteTexts(w, "advisories", d.Advisories);
            WriteTexts(w, "trace", d.Trace);
            w.Text("rules_sha256", rulesSha256);
        }

        /// <summary>
        /// The other ways to meet a requirement, after its first (whose kind and parties are the requirement's
        /// own fields, as for any requirement, so a reader that knows no "or" still sees what the first asks).
        /// </summary>
        private static void WriteAlternatives<TOut>(TOut w, IReadOnlyList<RequirementAlternative> alternatives) where TOut : IJsonOutput
        {
            w.StartArray("or");
            foreach (var a in alternatives)
            {
                w.StartObject();
                w.Text("kind", KindName(a.Kind));
                WriteTexts(w, "parties", a.Parties);
                w.Boolean("written", a.Written);
                w.EndObject();
            }
            w.EndArray();
        }

        /// <summary>The request as the contract writes one: <c>activity</c>, each fact by name, <c>evidence</c>.</summary>
        private static void WriteRequest<TOut>(TOut w, Activity activity, Evidence evidence) where TOut : IJsonOutput
        {
            w.StartObject("request");
            w.Request("activity", activity.Kind);
            var facts = activity.FactArray;
            for (var i = 0; i < facts.Length; i++) WriteFact(w, facts[i].Key, facts[i].Value);
            w.StartObject("evidence");
            w.StartArray("consents");
            foreach (var c in evidence.Consents) WriteParty(w, "party", c.Party, c.Written, c.Prior);
            w.EndArray();
            w.StartArray("notifications");
            foreach (var n in evidence.Notifications) WriteParty(w, "by", n.By, n.Written, n.Prior);
            w.EndArray();
            w.EndObject();
            w.EndObject();
        }

        private static void WriteParty<TOut>(TOut w, string role, string party, bool written, bool prior) where TOut : IJsonOutput
        {
            w.StartObject();
            w.Request(role, party);
            w.Boolean("written", written);
            w.Boolean("prior", prior);
            w.EndObject();
        }

        /// <summary>A fact as the host gave it: a decision exists only for values the binder accepted (texts, numbers, truth values, lists of texts).</summary>
        private static void WriteFact<TOut>(TOut w, string name, object? value) where TOut : IJsonOutput
        {
            switch (value)
            {
                case null: w.Null(name); break;
                case bool b: w.Boolean(name, b); break;
                case string s: w.Request(name, s); break;
                case string[] list:
                    w.StartArray(name);
                    foreach (var item in list) w.RequestValue(item);
                    w.EndArray();
                    break;
                case IConvertible number when IsNumber(number): w.Number(name, number.ToDouble(CultureInfo.InvariantCulture)); break;
                default: w.Request(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break;
            }
        }

        private static bool IsNumber(IConvertible value) => value.GetTypeCode() switch
        {
            TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal => true,
            _ => false,
        };

        private static void WriteTexts<TOut>(TOut w, string name, IReadOnlyList<string> items) where TOut : IJsonOutput
        {
            w.StartArray(name);
            for (var i = 0; i < items.Count; i++) w.TextValue(items[i]);
            w.EndArray();
        }

        /// <summary>The kind's name in the contract, one string object per kind (the command line encodes each once).</summary>
        private static readonly string[] KindNames =
        {
            nameof(RequirementKind.Consent).ToLowerInvariant(),
            nameof(RequirementKind.Notification).ToLowerInvariant(),
            nameof(RequirementKind.Assurances).ToLowerInvariant(),
        };

        private static string KindName(RequirementKind kind) =>
            (int)kind < KindNames.Length ? KindNames[(int)kind] : kind.ToString().ToLowerInvariant();
    }
}
