using System.Collections.Generic;
using System.Text.Json;
using AgreementRules.Semantics;

namespace AgreementRules.Cli.Json
{
    /// <summary>Writes answers in the contract's shape, one compact JSON object per answer.</summary>
    internal static class AnswerWriter
    {
        public static void WriteDecision(Utf8JsonWriter w, string? id, Decision d)
        {
            w.WriteStartObject();
            if (id != null) w.WriteString("id", id);
            w.WriteString("decision", DecisionNames.Of(d.Outcome));
            w.WriteStartArray("requirements");
            foreach (var r in d.Requirements)
            {
                w.WriteStartObject();
                w.WriteString("kind", r.Kind.ToString().ToLowerInvariant());
                WriteStrings(w, "parties", r.Parties);
                w.WriteBoolean("satisfied", r.Satisfied);
                if (r.SatisfiedBy != null) w.WriteString("satisfied_by", r.SatisfiedBy);
                w.WriteString("citation", r.Citation);
                w.WriteString("rule", r.RuleId);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, "citations", d.Citations);
            if (d.Missing.Count > 0) WriteStrings(w, "missing", d.Missing);
            w.WriteStartObject("derived");
            foreach (var pair in d.Derived)
            {
                switch (pair.Value)
                {
                    case bool b: w.WriteBoolean(pair.Key, b); break;
                    case double n: w.WriteNumber(pair.Key, n); break;
                    case string s: w.WriteString(pair.Key, s); break;
                    case string[] list: WriteStrings(w, pair.Key, list); break;
                }
            }
            w.WriteEndObject();
            if (d.Advisories.Count > 0) WriteStrings(w, "advisories", d.Advisories);
            WriteStrings(w, "trace", d.Trace);
            w.WriteEndObject();
        }

        public static void WriteError(Utf8JsonWriter w, string? id, string error)
        {
            w.WriteStartObject();
            if (id != null) w.WriteString("id", id);
            w.WriteString("error", error);
            w.WriteEndObject();
        }

        private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> items)
        {
            w.WriteStartArray(name);
            foreach (var item in items) w.WriteStringValue(item);
            w.WriteEndArray();
        }
    }
}
