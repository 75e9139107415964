using System;
using System.Collections.Generic;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// A read-only map from the vocabulary's names (facts, activities, agreements, enum values) to what
    /// they stand for, for the per-request lookups. A Dictionary hashes every character of the key and
    /// was an eighth of an evaluation; these names are few and short, so a hash of the length and three
    /// characters spreads them, a reference comparison usually confirms the match (requests built in
    /// code and the command line's reader reuse the names' instances), and an ordinal comparison decides
    /// otherwise. Immutable once built, so any number of threads may read it.
    /// </summary>
    internal sealed class NameTable<T>
    {
        private readonly string?[] keys;
        private readonly T[] values;
        private readonly int mask;

        public NameTable(IEnumerable<KeyValuePair<string, T>> entries)
        {
            var list = new List<KeyValuePair<string, T>>(entries);
            var size = 8;
            while (size < list.Count * 4) size *= 2; // at most a quarter full: probes stay short
            keys = new string?[size];
            values = new T[size];
            mask = size - 1;
            foreach (var pair in list)
            {
                var i = Hash(pair.Key) & mask;
                while (keys[i] != null && !string.Equals(keys[i], pair.Key, StringComparison.Ordinal)) i = (i + 1) & mask;
                keys[i] = pair.Key;
                values[i] = pair.Value;
            }
        }

        public bool TryGetValue(string key, out T value)
        {
            if (key == null) throw new ArgumentNullException(nameof(key)); // as Dictionary does
            var i = Hash(key) & mask;
            while (true)
            {
                var candidate = keys[i];
                if (candidate == null) break;
                if (ReferenceEquals(candidate, key) || candidate.Length == key.Length && string.Equals(candidate, key, StringComparison.Ordinal))
                {
                    value = values[i];
                    return true;
                }
                i = (i + 1) & mask;
            }
            value = default!;
            return false;
        }

        private static int Hash(string s)
        {
            var n = s.Length;
            if (n == 0) return 0;
            unchecked
            {
                var h = n * 31 + s[0];
                h = h * 31 + s[n >> 1];
                h = h * 31 + s[n - 1];
                return h ^ (h >> 7);
            }
        }
    }
}
