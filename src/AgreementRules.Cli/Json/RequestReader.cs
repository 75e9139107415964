using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AgreementRules.Cli.Json
{
    /// <summary>One request of the JSON contract, read into the library's types, or the reason it could not be.</summary>
    internal sealed record Request(string? Id, Activity? Activity, Evidence Evidence, string? Error);

    /// <summary>Reads requests as shared/spec/activity-json.md defines them. Never throws on bad input.</summary>
    internal static class RequestReader
    {
        /// <summary>The longest text (an id, a key, a fact's value, a party) a request may hold, in UTF-16 characters (docs/cli.md, Limits).</summary>
        public const int MaxTextLength = 4096;
        /// <summary>The most items a list in a request (a fact's list, consents, notifications) may hold (docs/cli.md, Limits).</summary>
        public const int MaxListItems = 1000;
        /// <summary>The most facts the one-pass reader checks for repeats by a scan; a request with more goes to the general reader.</summary>
        private const int MaxPlainFacts = 32;

        public static Request Read(string json) => Read(json, "the request");

        /// <param name="place">Where the request stands, for errors that point at it ("request line 3").</param>
        public static Request Read(string json, string place)
        {
            // A well-formed request is read in one forward pass; anything else (bad JSON, a problem to
            // report, an unusual shape) goes the way it always went, so every answer and every error
            // message is what it was.
            if (TryReadPlain(json, out var plain)) return plain;
            try
            {
                using var document = JsonDocument.Parse(json);
                return Read(document.RootElement, place);
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
        /// as {"party"|"by", "written", "prior"} objects, with no empty key and no unpaired surrogate, no key
        /// given twice anywhere, and within the limits (texts, lists). It gives the request the general reader
        /// would; for anything else (every request the general reader answers with an error among them) it
        /// returns false and the general reader decides. Repeated keys are found without allocating: flags
        /// for the fixed keys, a scan of the few facts read so far for the others.
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
                    if (reader.ValueSpan.Length > MaxTextLength) return false;
                    if (reader.ValueTextEquals("id"))
                    {
                        if (sawId || !reader.Read() || reader.TokenType != JsonTokenType.String || !WithinLimit(ref reader)) return false;
                        sawId = true;
                        id = reader.GetString();
                        continue;
                    }
                    if (reader.ValueTextEquals("activity"))
                    {
                        if (sawKind || !reader.Read() || reader.TokenType != JsonTokenType.String || !WithinLimit(ref reader)) return false;
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
                    if (name.Length == 0 || facts.Count >= MaxPlainFacts || !reader.Read()) return false;
                    for (var i = 0; i < facts.Count; i++)
                        if (facts[i].Key == name) return false; // given twice: the general reader says so
                    object? value;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            if (!WithinLimit(ref reader)) return false;
                            value = reader.GetString();
                            break;
                        case JsonTokenType.Number:
                            if (!reader.TryGetDouble(out var number)) return false;
                            value = number;
                            break;
                        case JsonTokenType.True: value = true; break;
                        case JsonTokenType.False: value = false; break;
                        case JsonTokenType.Null: value = null; break;
                        case JsonTokenType.StartArray:
                            var items = new List<string>();
                            while (reader.Read() && reader.TokenType == JsonTokenType.String)
                            {
                                if (items.Count >= MaxListItems || !WithinLimit(ref reader)) return false;
                                items.Add(reader.GetString()!);
                            }
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
            bool sawConsents = false, sawNotifications = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isConsents = reader.ValueTextEquals("consents");
                if (!isConsents && !reader.ValueTextEquals("notifications")) return false;
                if (isConsents ? sawConsents : sawNotifications) return false;
                if (isConsents) sawConsents = true;
                else sawNotifications = true;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
                var entries = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (++entries > MaxListItems) return false;
                    string? party = null;
                    bool written = true, prior = true;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (!WithinLimit(ref reader)) return false;
                        party = reader.GetString();
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        bool sawParty = false, sawWritten = false, sawPrior = false;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals(isConsents ? "party" : "by"))
                            {
                                if (sawParty || !reader.Read() || reader.TokenType != JsonTokenType.String || !WithinLimit(ref reader)) return false;
                                sawParty = true;
                                party = reader.GetString();
                            }
                            else if (reader.ValueTextEquals("written") || reader.ValueTextEquals("prior"))
                            {
                                var isWritten = reader.ValueTextEquals("written");
                                if (isWritten ? sawWritten : sawPrior) return false;
                                if (isWritten) sawWritten = true;
                                else sawPrior = true;
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

        /// <summary>
        /// A text token the one-pass reader may take: its raw length bounds its length once unescaped (no
        /// character takes fewer bytes than UTF-16 units), so within the limit raw, it is within it read.
        /// Longer raw texts go to the general reader, which measures them exactly.
        /// </summary>
        private static bool WithinLimit(ref Utf8JsonReader reader) => !reader.HasValueSequence && reader.ValueSpan.Length <= MaxTextLength;

        public static Request Read(JsonElement root, string place)
        {
            try
            {
                return ReadObject(root, place);
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

        private static Request ReadObject(JsonElement root, string place)
        {
            if (root.ValueKind != JsonValueKind.Object) return new Request(null, null, Evidence.None, "a request must be a JSON object");
            // A key given twice would be answered with one of its values: a guess. Nothing else is read then.
            var repeated = RepeatedKeys(root);
            string? id = null;
            if (!repeated.Contains("id") && root.TryGetProperty("id", out var idElement))
                id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText();
            if (id != null && id.Length > MaxTextLength)
                return new Request(null, null, Evidence.None, TextTooLong("\"id\"", id.Length, place));
            if (repeated.Count > 0)
                return new Request(id, null, Evidence.None, ProblemList.Join(repeated.Select(key => GivenTwice(key, "the request", place)).ToList()));
            if (!root.TryGetProperty("activity", out var kind) || kind.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(kind.GetString()))
                return new Request(id, null, Evidence.None, "the request has no \"activity\" (a string such as \"enrich\")");
            if (kind.GetString()!.Length > MaxTextLength)
                return new Request(id, null, Evidence.None, TextTooLong("\"activity\"", kind.GetString()!.Length, place));

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
                        evidence = ReadEvidence(property.Value, problems, place);
                        continue;
                }
                if (property.Name.Length == 0) problems.Add("a key with no name (\"\"): every key other than \"id\", \"activity\" and \"evidence\" names a fact");
                else if (property.Name.Length > MaxTextLength) problems.Add(TextTooLong("a key", property.Name.Length, place));
                else if (FactValue(property.Value, $"fact \"{property.Name}\"", place, out var value) is { } problem) problems.Add(problem);
                else activity = activity.With(property.Name, value);
            }
            return problems.Count > 0
                ? new Request(id, null, evidence, ProblemList.Join(problems))
                : new Request(id, activity, evidence, null);
        }

        /// <summary>The value of a fact, or what is wrong with it.</summary>
        private static string? FactValue(JsonElement element, string what, string place, out object? value)
        {
            value = null;
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    var text = element.GetString()!;
                    if (text.Length > MaxTextLength) return TextTooLong(what, text.Length, place);
                    value = text;
                    return null;
                case JsonValueKind.Number: value = element.GetDouble(); return null;
                case JsonValueKind.True: value = true; return null;
                case JsonValueKind.False: value = false; return null;
                case JsonValueKind.Null: return null;
                case JsonValueKind.Array:
                    var count = element.GetArrayLength();
                    if (count > MaxListItems) return ListTooLong(what, count, place);
                    var items = new List<string>(count);
                    foreach (var item in element.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String) return NotAFactValue(what);
                        var itemText = item.GetString()!;
                        if (itemText.Length > MaxTextLength) return TextTooLong("an item of " + what, itemText.Length, place);
                        items.Add(itemText);
                    }
                    value = items.ToArray();
                    return null;
                default: return NotAFactValue(what);
            }
        }

        private static string NotAFactValue(string what) => what + " must be a string, a number, true/false, null or a list of strings";

        private static Evidence ReadEvidence(JsonElement element, List<string> problems, string place)
        {
            if (element.ValueKind == JsonValueKind.Null) return Evidence.None;
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add("\"evidence\" must be an object with \"consents\" and \"notifications\"");
                return Evidence.None;
            }
            var repeated = RepeatedKeys(element);
            foreach (var key in repeated) problems.Add(GivenTwice(key, "\"evidence\"", place));
            var consents = new List<Consent>();
            var notifications = new List<Notification>();
            foreach (var property in element.EnumerateObject())
            {
                if (repeated.Contains(property.Name)) continue;
                if (property.Name is not ("consents" or "notifications"))
                {
                    problems.Add($"unknown evidence \"{Shortened(property.Name)}\"; evidence has \"consents\" and \"notifications\"");
                    continue;
                }
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"evidence \"{property.Name}\" must be a list");
                    continue;
                }
                var count = property.Value.GetArrayLength();
                if (count > MaxListItems)
                {
                    problems.Add(ListTooLong($"evidence \"{property.Name}\"", count, place));
                    continue;
                }
                var isConsents = property.Name == "consents";
                var partyKey = isConsents ? "party" : "by";
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && RepeatedKeys(item) is { Count: > 0 } twice)
                    {
                        foreach (var key in twice) problems.Add(GivenTwice(key, isConsents ? "a consent" : "a notification", place));
                        continue;
                    }
                    if (!TryEntry(item, partyKey, out var party, out var written, out var prior))
                    {
                        problems.Add($"each of \"{property.Name}\" is a party such as \"US\" or {{\"{partyKey}\": \"US\", \"written\": true, \"prior\": true}}");
                        continue;
                    }
                    if (party!.Length > MaxTextLength) problems.Add(TextTooLong($"a party in \"{property.Name}\"", party.Length, place));
                    else if (isConsents) consents.Add(new Consent(party, written, prior));
                    else notifications.Add(new Notification(party, written, prior));
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

        /// <summary>The keys an object gives more than once, each named once, in the order they first repeat.</summary>
        private static List<string> RepeatedKeys(JsonElement obj)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var repeated = new List<string>();
            foreach (var property in obj.EnumerateObject())
                if (!seen.Add(property.Name) && !repeated.Contains(property.Name)) repeated.Add(property.Name);
            return repeated;
        }

        private static string GivenTwice(string key, string where, string place) =>
            $"key \"{Shortened(key)}\" is given more than once in {where} ({place}); which value counts would be a guess, so give it once";

        private static string TextTooLong(string what, int length, string place) => string.Create(CultureInfo.InvariantCulture,
            $"{what} ({place}) is {length:N0} characters long; the limit is {MaxTextLength:N0} characters for a text in a request (docs/cli.md, Limits)");

        private static string ListTooLong(string what, int count, string place) => string.Create(CultureInfo.InvariantCulture,
            $"{what} ({place}) lists {count:N0} items; the limit is {MaxListItems:N0} items for a list in a request (docs/cli.md, Limits): split the request");

        /// <summary>A key as an error quotes it: a key longer than the limit is cut, so that the error stays short.</summary>
        private static string Shortened(string key) => key.Length <= 64 ? key : key.Substring(0, 64) + "…";

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf(". ", StringComparison.Ordinal);
            return end > 0 ? message.Substring(0, end) : message;
        }
    }
}
