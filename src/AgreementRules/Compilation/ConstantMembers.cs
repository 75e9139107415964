using System;
using System.Collections.Generic;
using System.Linq;

namespace AgreementRules.Compilation
{
    /// <summary>
    /// A constant set's members (written in a condition or a named data set). A few are compared one by
    /// one (by reference first: enum values from the binder are the interned instances); more go in a hash set.
    /// </summary>
    internal sealed class ConstantMembers
    {
        private readonly string[] few = Array.Empty<string>();
        private readonly HashSet<string>? many;

        public ConstantMembers(IEnumerable<string> members)
        {
            var all = members.Select(string.Intern).Distinct(StringComparer.Ordinal).ToArray();
            if (all.Length <= 8) few = all;
            else many = new HashSet<string>(all, StringComparer.Ordinal);
        }

        /// <summary>The members when there are few (compared one by one), else null.</summary>
        public string[]? Few => many == null ? few : null;

        /// <summary>For interned values only: whether <paramref name="value"/> is one of the members themselves.</summary>
        public bool ContainsInstance(object? value)
        {
            if (many != null) return value is string text && many.Contains(text);
            foreach (var member in few)
                if (ReferenceEquals(member, value)) return true;
            return false;
        }

        public bool Contains(string text)
        {
            if (many != null) return many.Contains(text);
            foreach (var member in few)
                if (ReferenceEquals(member, text)) return true;
            foreach (var member in few)
                if (string.Equals(member, text, StringComparison.Ordinal)) return true;
            return false;
        }
    }
}
