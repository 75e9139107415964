using System;
using System.Collections;
using System.Collections.Generic;

namespace AgreementRules
{
    /// <summary>
    /// An activity on an item that host code asks the rules about: its kind (<c>enrich</c>,
    /// <c>reprocess</c>, …) and the facts known about it. Immutable: <see cref="With"/> returns a copy.
    /// </summary>
    public sealed class Activity
    {
        private readonly KeyValuePair<string, object?>[] facts;

        private Activity(string kind, KeyValuePair<string, object?>[] facts)
        {
            Kind = kind;
            this.facts = facts;
        }

        /// <summary>The activity kind, as the rules declare it with <c>activity NAME</c>.</summary>
        public string Kind { get; }
        /// <summary>The facts set with <see cref="With"/>, in the order they were first set.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> Facts => facts;

        /// <summary>The facts as the array they are kept in: the binder indexes it, no enumerator per evaluation.</summary>
        internal KeyValuePair<string, object?>[] FactArray => facts;

        /// <summary>
        /// An activity of this kind with no facts yet: <c>Activity.Create("enrich").With("enrichment", 4.5)</c>.
        /// The kind is checked against the rules when evaluated (and by the analyzers at build time, AGR1004).
        /// </summary>
        public static Activity Create(string kind)
        {
            if (string.IsNullOrWhiteSpace(kind)) throw new ArgumentException("an activity needs a kind such as \"enrich\"", nameof(kind));
            return new Activity(kind, Array.Empty<KeyValuePair<string, object?>>());
        }

        /// <summary>
        /// Sets a fact: a bool, a number (percent or grams, as the vocabulary declares), a string (an
        /// enum value, a party, a facility id) or a list of strings. Setting a fact again replaces it.
        /// A list is enumerated here, once, and copied (see <see cref="Snapshot"/>).
        /// </summary>
        public Activity With(string fact, object? value)
        {
            if (string.IsNullOrEmpty(fact)) throw new ArgumentException("a fact needs a name", nameof(fact));
            value = Snapshot(value);
            var index = IndexOf(facts, facts.Length, fact);
            var copy = new KeyValuePair<string, object?>[index >= 0 ? facts.Length : facts.Length + 1];
            Array.Copy(facts, copy, facts.Length);
            copy[index >= 0 ? index : facts.Length] = new KeyValuePair<string, object?>(fact, value);
            return new Activity(Kind, copy);
        }

        private static int IndexOf(KeyValuePair<string, object?>[] facts, int count, string fact)
        {
            for (var i = 0; i < count; i++)
                if (facts[i].Key == fact) return i;
            return -1;
        }

        /// <summary>
        /// What <c>Create(kind).With(f1, v1).With(f2, v2)…</c> gives, built in one go (the command line reads
        /// a million requests; a copy of the facts per fact added was most of what reading one allocated).
        /// A fact given twice keeps its first place and its last value, as With does. Takes the arrays in
        /// <paramref name="facts"/> as they are: the caller made them and keeps no reference to them.
        /// </summary>
        internal static Activity FromFacts(string kind, List<KeyValuePair<string, object?>> facts)
        {
            var result = Create(kind);
            if (facts.Count == 0) return result;
            var array = new KeyValuePair<string, object?>[facts.Count];
            var count = 0;
            foreach (var pair in facts)
            {
                if (string.IsNullOrEmpty(pair.Key)) throw new ArgumentException("a fact needs a name", "fact");
                var value = pair.Value is string[] ? pair.Value : Snapshot(pair.Value);
                var index = IndexOf(array, count, pair.Key);
                if (index >= 0) array[index] = new KeyValuePair<string, object?>(pair.Key, value);
                else array[count++] = new KeyValuePair<string, object?>(pair.Key, value);
            }
            if (count < array.Length) Array.Resize(ref array, count);
            return new Activity(kind, array);
        }

        /// <summary>
        /// A list as an array of its own, taken when the fact is set: the activity stays immutable if the
        /// caller changes its list later, and evaluation never runs host code (a lazy enumeration could
        /// evaluate another request in the middle of this one, or answer differently each time).
        /// A list of texts becomes a string[]; any other enumerable an object[], which the binder refuses
        /// with the item that is not a text.
        /// </summary>
        private static object? Snapshot(object? value)
        {
            if (value is not IEnumerable items || value is string) return value;
            var copy = new List<object?>();
            var allTexts = true;
            foreach (var item in items)
            {
                copy.Add(item);
                allTexts &= item is string;
            }
            return allTexts ? copy.ConvertAll(item => (string)item!).ToArray() : copy.ToArray();
        }

        /// <summary>The kind and its facts, as <c>enrich(enrichment=4.5, material=uranium)</c>.</summary>
        public override string ToString() => Kind + "(" + string.Join(", ", Array.ConvertAll(facts, f => $"{f.Key}={Show(f.Value)}")) + ")";

        private static string Show(object? value) => value switch
        {
            null => "null",
            string[] list => "{" + string.Join(", ", list) + "}",
            bool b => b ? "true" : "false",
            IFormattable n => n.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>A consent on record: by which party, whether in writing, whether given before the activity.</summary>
    public sealed record Consent(string Party, bool Written = true, bool Prior = true);

    /// <summary>A notification on record.</summary>
    public sealed record Notification(string By, bool Written = true, bool Prior = true);

    /// <summary>What is on record for this specific activity: consents and notifications.</summary>
    public sealed class Evidence
    {
        /// <summary>Nothing on record: no consent, no notification.</summary>
        public static readonly Evidence None = new(Array.Empty<Consent>(), Array.Empty<Notification>());

        // Arrays, so the checks below index them without an enumerator per call.
        private readonly Consent[] consents;
        private readonly Notification[] notifications;

        /// <summary>These consents and notifications on record (copied: later changes to the lists do not reach it).</summary>
        public Evidence(IReadOnlyList<Consent> consents, IReadOnlyList<Notification> notifications)
        {
            this.consents = consents == null ? Array.Empty<Consent>() : new List<Consent>(consents).ToArray();
            this.notifications = notifications == null ? Array.Empty<Notification>() : new List<Notification>(notifications).ToArray();
        }

        /// <summary>The consents on record.</summary>
        public IReadOnlyList<Consent> Consents => consents;
        /// <summary>The notifications on record.</summary>
        public IReadOnlyList<Notification> Notifications => notifications;

        /// <summary>A copy with one more consent: by <paramref name="party"/>, in writing or not, given before the activity or not.</summary>
        public Evidence WithConsent(string party, bool written = true, bool prior = true) =>
            new(new List<Consent>(Consents) { new Consent(party, written, prior) }, Notifications);

        /// <summary>A copy with one more notification: by <paramref name="by"/>, in writing or not, given before the activity or not.</summary>
        public Evidence WithNotification(string by, bool written = true, bool prior = true) =>
            new(Consents, new List<Notification>(Notifications) { new Notification(by, written, prior) });

        /// <summary>The arrays themselves, for the binder's per-request check (an interface's enumerator or indexer costs more).</summary>
        internal Consent[] ConsentArray => consents;
        internal Notification[] NotificationArray => notifications;

        internal bool HasConsent(string party, bool needsWritten)
        {
            foreach (var c in consents)
                if (c.Party == party && c.Prior && (c.Written || !needsWritten)) return true;
            return false;
        }

        internal bool HasNotification(string by, bool needsWritten)
        {
            foreach (var n in notifications)
                if (n.By == by && n.Prior && (n.Written || !needsWritten)) return true;
            return false;
        }
    }
}
