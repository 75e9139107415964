using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgreementRules.Logging;

namespace AgreementRules.Cli.Json
{
    /// <summary>
    /// Writes answers in the contract's shape, one compact JSON object per answer: the shape itself is the
    /// core's (<see cref="DecisionJson"/>, which the decision log writes with too); this is where it goes out
    /// as UTF-8. The texts of an answer are nearly all the rule set's own (trace lines, citations, rule ids,
    /// derived-fact names, and the field names), the same string objects answer after answer: each is escaped
    /// and encoded to UTF-8 once (<see cref="Encoded"/>) and then copied as bytes, rather than transcoded on
    /// every answer. Texts of a request (its id, an error) are encoded where they are written.
    /// </summary>
    internal static class AnswerWriter
    {
        /// <param name="rulesSha256">The rule set's <see cref="RuleSet.RulesSha256"/>: every answer names the rules that gave it.</param>
        public static void WriteDecision(Utf8JsonWriter w, string? id, Decision d, string rulesSha256) =>
            DecisionJson.WriteAnswer(new Utf8Output(w), id, d, rulesSha256);

        public static void WriteError(Utf8JsonWriter w, string? id, string error, string rulesSha256) =>
            DecisionJson.WriteError(new Utf8Output(w), id, error, rulesSha256);

        /// <summary>The shape's output on a <see cref="Utf8JsonWriter"/>; a struct, so the shape's calls are direct.</summary>
        private readonly struct Utf8Output : IJsonOutput
        {
            private readonly Utf8JsonWriter w;

            public Utf8Output(Utf8JsonWriter writer) => w = writer;

            public void StartObject() => w.WriteStartObject();
            public void StartObject(string name) => w.WriteStartObject(Encoded(name));
            public void EndObject() => w.WriteEndObject();
            public void StartArray(string name) => w.WriteStartArray(Encoded(name));
            public void EndArray() => w.WriteEndArray();
            public void Text(string name, string value) => w.WriteString(Encoded(name), Encoded(value));
            public void TextValue(string value) => w.WriteStringValue(Encoded(value));
            public void Request(string name, string value) => w.WriteString(Encoded(name), value);
            public void RequestValue(string value) => w.WriteStringValue(value);
            public void Boolean(string name, bool value) => w.WriteBoolean(Encoded(name), value);
            public void Number(string name, double value) => w.WriteNumber(Encoded(name), value);
            public void Null(string name) => w.WriteNull(Encoded(name));
        }

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
