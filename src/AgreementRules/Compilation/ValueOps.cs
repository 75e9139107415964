using System;
using System.Collections.Generic;
using AgreementRules.Syntax;

namespace AgreementRules.Compilation
{
    /// <summary>
    /// The semantics of the operators on <see cref="Value"/> (Kleene logic, unknown in → unknown out,
    /// NaN → unknown), in one place: the closure compiler calls these from its delegates and the IL
    /// compiler emits calls to them, so the two back ends cannot drift apart.
    /// </summary>
    internal static class ValueOps
    {
        public static Value Not(Value v) => v.IsUnknown ? Value.Unknown : Value.Of(!v.IsTrue);

        public static Value Equal(Value l, Value r, bool negate)
        {
            if (l.IsUnknown || r.IsUnknown) return Value.Unknown;
            var equal = l.Kind == ValueKind.Symbol || r.Kind == ValueKind.Symbol
                ? string.Equals(l.Text, r.Text, StringComparison.Ordinal)
                : l.Number.Equals(r.Number);
            return Value.Of(equal != negate);
        }

        public static Value Less(Value l, Value r) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number < r.Number);
        public static Value LessOrEqual(Value l, Value r) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number <= r.Number);
        public static Value Greater(Value l, Value r) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number > r.Number);
        public static Value GreaterOrEqual(Value l, Value r) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number >= r.Number);

        /// <summary>A fact against a number constant (<c>enrichment &lt; 20 %</c>).</summary>
        public static Value Less(Value v, double c) => v.IsUnknown ? Value.Unknown : Value.Of(v.Number < c);
        public static Value LessOrEqual(Value v, double c) => v.IsUnknown ? Value.Unknown : Value.Of(v.Number <= c);
        public static Value Greater(Value v, double c) => v.IsUnknown ? Value.Unknown : Value.Of(v.Number > c);
        public static Value GreaterOrEqual(Value v, double c) => v.IsUnknown ? Value.Unknown : Value.Of(v.Number >= c);

        /// <summary>The method name of a comparison operator, for both the closure and the IL compiler.</summary>
        /// <param name="op">An ordering operator (<see cref="OperatorKind.Ordering"/>).</param>
        public static string ComparisonName(BinaryOperator op) => op switch
        {
            BinaryOperator.Less => nameof(Less),
            BinaryOperator.LessOrEqual => nameof(LessOrEqual),
            BinaryOperator.Greater => nameof(Greater),
            BinaryOperator.GreaterOrEqual => nameof(GreaterOrEqual),
            BinaryOperator.Or or BinaryOperator.And or BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.In or BinaryOperator.Has
                or BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide =>
                throw new ArgumentOutOfRangeException(nameof(op), op, "not an ordering operator"),
        };

        /// <summary>An enum fact against an interned constant: a reference comparison decides (see ExpressionCompiler.IsEnumFact).</summary>
        public static Value EqualsInstance(Value v, string symbol, bool negate) =>
            v.IsUnknown ? Value.Unknown : Value.Of(ReferenceEquals(v.Ref, symbol) != negate);

        public static Value EqualsText(Value v, string symbol, bool negate)
        {
            if (v.IsUnknown) return Value.Unknown;
            var text = v.Text;
            return Value.Of((ReferenceEquals(text, symbol) || string.Equals(text, symbol, StringComparison.Ordinal)) != negate);
        }

        public static Value InInstances(Value v, ConstantMembers members) => v.IsUnknown ? Value.Unknown : Value.Of(members.ContainsInstance(v.Ref));

        public static Value In(Value v, ConstantMembers members) => v.IsUnknown ? Value.Unknown : Value.Of(members.Contains(v.Text ?? v.ToString()));

        public static Value Contains(Value container, Value item)
        {
            if (container.IsUnknown || item.IsUnknown) return Value.Unknown;
            var text = item.Text ?? item.ToString();
            return container.Ref switch
            {
                HashSet<string> set => Value.Of(set.Contains(text)),
                string[] list => Value.Of(Array.IndexOf(list, text) >= 0),
                _ => Value.Unknown,
            };
        }

        public static Value Add(Value l, Value r) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Number(l.Number + r.Number);
        public static Value Subtract(Value l, Value r) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Number(l.Number - r.Number);
        /// <param name="scale">The unit conversion of the product (see Semantics.Arithmetic.Scale).</param>
        public static Value Multiply(Value l, Value r, double scale) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Number(l.Number * r.Number * scale);
        public static Value Divide(Value l, Value r) => l.IsUnknown || r.IsUnknown ? Value.Unknown : Number(r.Number == 0 ? double.NaN : l.Number / r.Number);

        /// <summary>A computed number; NaN (0/0, a division by zero) is unknown rather than a number that compares false.</summary>
        private static Value Number(double n) => double.IsNaN(n) ? Value.Unknown : Value.Of(n);

        public static Value Given(EvaluationScope scope, int slot) => Value.Of(!scope.Facts[slot].IsUnknown);
    }
}
