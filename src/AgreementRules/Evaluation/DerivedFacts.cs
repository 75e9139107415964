using System.Collections;
using System.Collections.Generic;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// The facts the rules derived for one answer (<c>heu</c>, <c>category</c>, …): the definition names
    /// are shared by every answer, only the values are per answer. Lighter than a dictionary per call.
    /// </summary>
    internal sealed class DerivedFacts : IReadOnlyDictionary<string, object?>
    {
        /// <summary>Marks a definition whose value depends on a missing fact: it is left out.</summary>
        internal static readonly object Absent = new();
        internal static readonly DerivedFacts Empty = new(new string[0], new object?[0]);

        private readonly string[] names;
        private readonly object?[] values;

        public DerivedFacts(string[] names, object?[] values)
        {
            this.names = names;
            this.values = values;
        }

        public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"'{key}' was not derived");

        public IEnumerable<string> Keys
        {
            get { foreach (var pair in this) yield return pair.Key; }
        }

        public IEnumerable<object?> Values
        {
            get { foreach (var pair in this) yield return pair.Value; }
        }

        public int Count
        {
            get
            {
                var n = 0;
                foreach (var v in values) if (!ReferenceEquals(v, Absent)) n++;
                return n;
            }
        }

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out object? value)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i] != key || ReferenceEquals(values[i], Absent)) continue;
                value = values[i];
                return true;
            }
            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < names.Length; i++)
                if (!ReferenceEquals(values[i], Absent)) yield return new KeyValuePair<string, object?>(names[i], values[i]);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
