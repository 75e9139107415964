using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace AgreementRules.Syntax.Formatting
{
    /// <summary>
    /// Whether two syntax trees are the same, positions aside: the formatter's proof that it changed the
    /// layout and nothing else. Compared by reflection over the tree's records, so that a property added to
    /// a node is compared without anyone remembering to add it here.
    /// </summary>
    internal sealed class SyntaxEquivalence
    {
        // One comparison's cache of each record type's properties (not static: nothing is kept between calls).
        private readonly Dictionary<Type, PropertyInfo[]> properties = new();

        private SyntaxEquivalence() { }

        /// <summary>Whether the two files declare the same things, in the same order, written alike up to layout.</summary>
        public static bool Same(IReadOnlyList<Declaration> a, IReadOnlyList<Declaration> b) => new SyntaxEquivalence().Equal(a, b);

        private bool Equal(object? a, object? b)
        {
            if (a is null || b is null) return a is null && b is null;
            var type = a.GetType();
            if (type != b.GetType()) return false;
            switch (a)
            {
                case SourceSpan: return true; // positions aside
                case string or double or bool or int or Enum: return a.Equals(b);
                case IEnumerable items:
                    var left = items.Cast<object?>().ToList();
                    var right = ((IEnumerable)b).Cast<object?>().ToList();
                    return left.Count == right.Count && left.Zip(right, (x, y) => (x, y)).All(p => Equal(p.x, p.y));
            }
            if (!properties.TryGetValue(type, out var props))
                properties[type] = props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            foreach (var property in props)
                if (!Equal(property.GetValue(a), property.GetValue(b))) return false;
            return true;
        }
    }
}
