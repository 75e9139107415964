using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace AgreementRules.Cli.Json
{
    /// <summary>One request of the JSON contract, read into the library's types, or the reason it could not be.</summary>
    internal sealed record Request(string? Id, Activity? Activity, Evidence Evidence, string? Error);

    /// <summary>Reads requests as shared/spec/activity-json.md defines them. Never throws on bad input.</summary>
    internal static class RequestReader
    {
        public static Request Read(string json)
        {
            // A well-formed request is read in one forward pass; anything else (bad JSON, a problem to
            // report, an unusual shape) goes the way it always went, so every answer and every error
            // message is what it was.
            if (TryReadPlain(json, out var plain)) return plain;
            try
            {
                using var document = JsonDocument.Parse(json);
                return Read(document.RootElement);
            }
            catch (JsonException ex)
            {
                return Invalid(ex);
            }
        }

        /// <summary>The answer to text that is not JSON, the same for a .json file and a JSON Lines line.</summary>
        public static Request Invalid(JsonException ex) =>
            new(null, null, Evidence.None, $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}");

        [ThreadStatic] private static byte[]? utf8;
        private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>
        /// The common request, read with <see cref="Utf8JsonReader"/> instead of building a
        /// <see cref="JsonDocument"/> and searching it (most of what a batch spent reading): an object whose
        /// "id" and "activity" are strings given once, whose facts are strings, finite numbers, booleans,
        /// nulls or lists of strings, and whose "evidence" (given at most once) lists parties as texts or
        /// as {"party"|"by", "written", "prior"} objects, with no empty key and no unpaired surrogate. It
        /// gives the request the general reader would; for anything else (every request the general reader
        /// answers with an error among them) it returns false and the general reader decides.
        /// </summary>
        private static bool TryReadPlain(string json, out Request request)
        {
            request = null!;
            var max = Strict.GetMaxByteCount(json.Length);
            var bytes = utf8 != null && utf8.Length >= max ? utf8 : utf8 = new byte[Math.Max(max, 4096)];
            int length;
            try
            {
                length = Strict.GetBytes(json, 0, json.Length, bytes, 0);
            }
            catch (ArgumentException)
            {
                return false; // text that is not valid UTF-16: the general reader says what it always said
            }
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes, 0, length));
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                string? id = null, kind = null;
                bool sawId = false, sawKind = false, sawEvidence = false;
                var evidence = Evidence.None;
                var facts = new List<KeyValuePair<string, object?>>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("id"))
                    {
                        if (sawId || !reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                        sawId = true;
                        id = reader.GetString();
                        continue;
                    }
                    if (reader.ValueTextEquals("activity"))
                    {
                        if (sawKind || !reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                        sawKind = true;
                        kind = reader.GetString();
                        continue;
                    }
                    if (reader.ValueTextEquals("evidence"))
                    {
                        if (sawEvidence || !reader.Read() || !TryPlainEvidence(ref reader, out evidence)) return false;
                        sawEvidence = true;
                        continue;
                    }
                    var name = reader.GetString()!;
                    if (name.Length == 0 || !reader.Read()) return false;
                    object? value;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String: value = reader.GetString(); break;
                        case JsonTokenType.Number:
                            if (!reader.TryGetDouble(out var number)) return false;
                            value = number;
                            break;
                        case JsonTokenType.True: value = true; break;
                        case JsonTokenType.False: value = false; break;
                        case JsonTokenType.Null: value = null; break;
                        case JsonTokenType.StartArray:
                            var items = new List<string>();
                            while (reader.Read() && reader.TokenType == JsonTokenType.String) items.Add(reader.GetString()!);
                            if (reader.TokenType != JsonTokenType.EndArray) return false;
                            value = items.ToArray();
                            break;
                        default: return false;
                    }
                    facts.Add(new KeyValuePair<string, object?>(name, value));
                }
                // The object must end, and nothing may follow it.
                if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
                if (string.IsNullOrWhiteSpace(kind)) return false;
                request = new Request(id, Activity.FromFacts(kind!, facts), evidence, null);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                // GetString on an escaped lone surrogate ("\ud800"): the general reader reports it.
                return false;
            }
        }

        private static bool TryPlainEvidence(ref Utf8JsonReader reader, out Evidence evidence)
        {
            evidence = Evidence.None;
            if (reader.TokenType == JsonTokenType.Null) return true;
            if (reader.TokenType != JsonTokenType.StartObject) return false;
            var consents = new List<Consent>();
            var notifications = new List<Notification>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isConsents = reader.ValueTextEquals("consents");
                if (!isConsents && !reader.ValueTextEquals("notifications")) return false;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    string? party = null;
                    bool written = true, prior = true;
                    if (reader.TokenType == JsonTokenType.String) party = reader.GetString();
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals(isConsents ? "party" : "by"))
                            {
                                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                                party = reader.GetString();
                            }
                            else if (reader.ValueTextEquals("written") || reader.ValueTextEquals("prior"))
                            {
                                var isWritten = reader.ValueTextEquals("written");
                                if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return false;
                                if (isWritten) written = reader.GetBoolean();
                                else prior = reader.GetBoolean();
                            }
                            else return false;
                        }
                        if (reader.TokenType != JsonTokenType.EndObject) return false;
                    }
                    else return false;
                    if (string.IsNullOrEmpty(party)) return false;
                    if (isConsents) consents.Add(new Consent(party!, written, prior));
                    else notifications.Add(new Notification(party!, written, prior));
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject) return false;
            evidence = new Evidence(consents, notifications);
            return true;
        }

        public static Request Read(JsonElement root)
        {
            try
            {
                return ReadObject(root);
            }
            catch (InvalidOperationException)
            {
                // JsonElement.GetString throws on an escaped lone surrogate ("\ud800"), which the JSON parser accepts.
                string? id = null;
                try { id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null; }
                catch (InvalidOperationException) { }
                return new Request(id, null, Evidence.None,
                    "a text in the request holds an unpaired UTF-16 surrogate (such as \\ud800 without its other half); send valid Unicode");
            }
        }

        private static Request ReadObject(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) return new Request(null, null, Evidence.None, "a request must be a JSON object");
            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
                id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText();
            if (!root.TryGetProperty("activity", out var kind) || kind.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(kind.GetString()))
                return new Request(id, null, Evidence.None, "the request has no \"activity\" (a string such as \"enrich\")");

            var activity = Activity.Create(kind.GetString()!);
            var problems = new List<string>();
            var evidence = Evidence.None;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "id":
                    case "activity":
                        continue;
                    case "evidence":
                        evidence = ReadEvidence(property.Value, problems);
                        continue;
                }
                if (property.Name.Length == 0) problems.Add("a key with no name (\"\"): every key other than \"id\", \"activity\" and \"evidence\" names a fact");
                else if (TryFactValue(property.Value, out var value)) activity = activity.With(property.Name, value);
                else problems.Add($"fact \"{property.Name}\" must be a string, a number, true/false, null or a list of strings");
            }
            return problems.Count > 0
                ? new Request(id, null, evidence, string.Join("; ", problems))
                : new Request(id, activity, evidence, null);
        }

        private static bool TryFactValue(JsonElement element, out object? value)
        {
            value = null;
            switch (element.ValueKind)
            {
                case JsonValueKind.String: value = element.GetString(); return true;
                case JsonValueKind.Number: value = element.GetDouble(); return true;
                case JsonValueKind.True: value = true; return true;
                case JsonValueKind.False: value = false; return true;
                case JsonValueKind.Null: return true;
                case JsonValueKind.Array:
                    var items = new List<string>();
                    foreach (var item in element.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String) return false;
                        items.Add(item.GetString()!);
                    }
                    value = items.ToArray();
                    return true;
                default: return false;
            }
        }

        private static Evidence ReadEvidence(JsonElement element, List<string> problems)
        {
            if (element.ValueKind == JsonValueKind.Null) return Evidence.None;
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add("\"evidence\" must be an object with \"consents\" and \"notifications\"");
                return Evidence.None;
            }
            var consents = new List<Consent>();
            var notifications = new List<Notification>();
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is not ("consents" or "notifications"))
                {
                    problems.Add($"unknown evidence \"{property.Name}\"; evidence has \"consents\" and \"notifications\"");
                    continue;
                }
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"evidence \"{property.Name}\" must be a list");
                    continue;
                }
                var partyKey = property.Name == "consents" ? "party" : "by";
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (!TryEntry(item, partyKey, out var party, out var written, out var prior))
                    {
                        problems.Add($"each of \"{property.Name}\" is a party such as \"US\" or {{\"{partyKey}\": \"US\", \"written\": true, \"prior\": true}}");
                        continue;
                    }
                    if (property.Name == "consents") consents.Add(new Consent(party!, written, prior));
                    else notifications.Add(new Notification(party!, written, prior));
                }
            }
            return new Evidence(consents, notifications);
        }

        private static bool TryEntry(JsonElement item, string partyKey, out string? party, out bool written, out bool prior)
        {
            written = true;
            prior = true;
            party = null;
            if (item.ValueKind == JsonValueKind.String) { party = item.GetString(); return !string.IsNullOrEmpty(party); }
            if (item.ValueKind != JsonValueKind.Object) return false;
            foreach (var p in item.EnumerateObject())
            {
                switch (p.Name)
                {
                    case var k when k == partyKey && p.Value.ValueKind == JsonValueKind.String: party = p.Value.GetString(); break;
                    case "written" when p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False: written = p.Value.GetBoolean(); break;
                    case "prior" when p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False: prior = p.Value.GetBoolean(); break;
                    default: return false;
                }
            }
            return !string.IsNullOrEmpty(party);
        }

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf(". ", StringComparison.Ordinal);
            return end > 0 ? message.Substring(0, end) : message;
        }
    }
}
