using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgreementRules.Semantics;

namespace AgreementRules.Cli.Json
{
    /// <summary>
    /// Writes answers in the contract's shape, one compact JSON object per answer.
    /// The texts of an answer are nearly all the rule set's own (trace lines, citations, rule ids,
    /// derived-fact names), the same string objects answer after answer: each is escaped and encoded
    /// to UTF-8 once (<see cref="Encoded"/>) and then copied as bytes, rather than transcoded on every
    /// answer. Property names are encoded once too.
    /// </summary>
    internal static class AnswerWriter
    {
        private static readonly JsonEncodedText Id = Name("id"), DecisionName = Name("decision"), Requirements = Name("requirements"),
            Kind = Name("kind"), Parties = Name("parties"), Satisfied = Name("satisfied"), SatisfiedBy = Name("satisfied_by"),
            Citation = Name("citation"), Rule = Name("rule"), Citations = Name("citations"), Missing = Name("missing"),
            Derived = Name("derived"), Advisories = Name("advisories"), Trace = Name("trace"), Error = Name("error"),
            RulesSha256 = Name("rules_sha256"), Or = Name("or"), Written = Name("written");

        private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, JsonOptions.Writer.Encoder);

        /// <param name="rulesSha256">The rule set's <see cref="RuleSet.RulesSha256"/>: every answer names the rules that gave it.</param>
        public static void WriteDecision(Utf8JsonWriter w, string? id, Decision d, string rulesSha256)
        {
            w.WriteStartObject();
            if (id != null) w.WriteString(Id, id);
            w.WriteString(DecisionName, Encoded(DecisionNames.Of(d.Outcome)));
            w.WriteStartArray(Requirements);
            var requirements = d.Requirements;
            for (var i = 0; i < requirements.Count; i++)
            {
                var r = requirements[i];
                w.WriteStartObject();
                w.WriteString(Kind, KindName(r.Kind));
                WriteStrings(w, Parties, r.Parties);
                if (r.Alternatives.Count > 0) WriteAlternatives(w, r.Alternatives);
                w.WriteBoolean(Satisfied, r.Satisfied);
                if (r.SatisfiedBy != null) w.WriteString(SatisfiedBy, Encoded(r.SatisfiedBy));
                w.WriteString(Citation, Encoded(r.Citation));
                w.WriteString(Rule, Encoded(r.RuleId));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, Citations, d.Citations);
            if (d.Missing.Count > 0) WriteStrings(w, Missing, d.Missing);
            w.WriteStartObject(Derived);
            foreach (var pair in d.Derived)
            {
                switch (pair.Value)
                {
                    case bool b: w.WriteBoolean(Encoded(pair.Key), b); break;
                    case double n: w.WriteNumber(Encoded(pair.Key), n); break;
                    case string s: w.WriteString(Encoded(pair.Key), Encoded(s)); break;
                    case string[] list: WriteStrings(w, Encoded(pair.Key), list); break;
                }
            }
            w.WriteEndObject();
            if (d.Advisories.Count > 0) WriteStrings(w, Advisories, d.Advisories);
            WriteStrings(w, Trace, d.Trace);
            w.WriteString(RulesSha256, Encoded(rulesSha256));
            w.WriteEndObject();
        }

        /// <summary>
        /// The other ways to meet a requirement, after its first (whose kind and parties are the requirement's
        /// own fields, as for any requirement, so a reader that knows no "or" still sees what the first asks).
        /// </summary>
        private static void WriteAlternatives(Utf8JsonWriter w, IReadOnlyList<RequirementAlternative> alternatives)
        {
            w.WriteStartArray(Or);
            foreach (var a in alternatives)
            {
                w.WriteStartObject();
                w.WriteString(Kind, KindName(a.Kind));
                WriteStrings(w, Parties, a.Parties);
                w.WriteBoolean(Written, a.Written);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        public static void WriteError(Utf8JsonWriter w, string? id, string error, string rulesSha256)
        {
            w.WriteStartObject();
            if (id != null) w.WriteString(Id, id);
            w.WriteString(Error, error);
            w.WriteString(RulesSha256, Encoded(rulesSha256));
            w.WriteEndObject();
        }

        private static void WriteStrings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string> items)
        {
            w.WriteStartArray(name);
            for (var i = 0; i < items.Count; i++) w.WriteStringValue(Encoded(items[i]));
            w.WriteEndArray();
        }

        private static readonly JsonEncodedText[] KindNames =
        {
            Name(nameof(RequirementKind.Consent).ToLowerInvariant()),
            Name(nameof(RequirementKind.Notification).ToLowerInvariant()),
            Name(nameof(RequirementKind.Assurances).ToLowerInvariant()),
        };

        private static JsonEncodedText KindName(RequirementKind kind) =>
            (int)kind < KindNames.Length ? KindNames[(int)kind] : Name(kind.ToString().ToLowerInvariant());

        // Keyed by the string object, not its text: the rule set's strings are few and live as long as it
        // does. Texts that come from a request are new objects each time; the cache stops growing at its
        // limit, and past it a text is encoded where it is written, as before.
        private const int MaxCached = 16_384;
        [ThreadStatic] private static EncodedTexts? cache;

        private static JsonEncodedText Encoded(string text)
        {
            var texts = cache ??= new EncodedTexts();
            if (texts.TryGet(text, out var encoded)) return encoded;
            encoded = JsonEncodedText.Encode(text, JsonOptions.Writer.Encoder);
            texts.TryAdd(text, encoded);
            return encoded;
        }

        /// <summary>
        /// The cache itself: open addressing on the string's identity. A Dictionary with a reference
        /// comparer made two interface calls per probe, and an answer looks up some forty texts (a
        /// twelfth of the command line's time per request); here a probe is an array read and a
        /// reference comparison. Per thread, so unsynchronised.
        /// </summary>
        private sealed class EncodedTexts
        {
            private const int Size = MaxCached * 2; // at most half full
            private readonly string?[] keys = new string?[Size];
            private readonly JsonEncodedText[] values = new JsonEncodedText[Size];
            private int count;

            public bool TryGet(string text, out JsonEncodedText encoded)
            {
                for (var i = RuntimeHelpers.GetHashCode(text) & (Size - 1); ; i = (i + 1) & (Size - 1))
                {
                    var key = keys[i];
                    if (ReferenceEquals(key, text)) { encoded = values[i]; return true; }
                    if (key == null) { encoded = default; return false; }
                }
            }

            public void TryAdd(string text, JsonEncodedText encoded)
            {
                if (count >= MaxCached) return;
                var i = RuntimeHelpers.GetHashCode(text) & (Size - 1);
                while (keys[i] != null) i = (i + 1) & (Size - 1);
                keys[i] = text;
                values[i] = encoded;
                count++;
            }
        }
    }
}
