using System.Collections.Generic;
using System.Globalization;

namespace AgreementRules.Compilation
{
    public enum ValueKind : byte { Unknown, Bool, Number, Symbol, List, Set }

    /// <summary>
    /// A fact's value during evaluation. A struct, so numbers and booleans move between compiled
    /// predicates without boxing. <see cref="ValueKind.Unknown"/> is a value of its own: conditions
    /// use three-valued logic, so a missing fact makes a rule undecided rather than false.
    /// </summary>
    public readonly struct Value
    {
        private Value(ValueKind kind, double number, object? reference)
        {
            Kind = kind; Number = number; Ref = reference;
        }

        public ValueKind Kind { get; }
        public double Number { get; }
        public object? Ref { get; }

        public static readonly Value Unknown = default;
        public static readonly Value True = new(ValueKind.Bool, 1, null);
        public static readonly Value False = new(ValueKind.Bool, 0, null);

        public static Value Of(bool b) => b ? True : False;
        public static Value Of(double n) => new(ValueKind.Number, n, null);
        public static Value Symbol(string s) => new(ValueKind.Symbol, 0, s);
        public static Value List(string[] items) => new(ValueKind.List, 0, items);
        public static Value Set(HashSet<string> items) => new(ValueKind.Set, 0, items);

        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;

        public bool IsUnknown => Kind == ValueKind.Unknown;
        public bool IsTrue => Kind == ValueKind.Bool && Number != 0;
        public bool IsFalse => Kind == ValueKind.Bool && Number == 0;
        public string? Text => Ref as string;

        /// <summary>The value as host code and JSON see it.</summary>
        public object? ToObject() => Kind switch
        {
            ValueKind.Bool => IsTrue ? BoxedTrue : BoxedFalse,
            ValueKind.Number => Number,
            ValueKind.Symbol => Ref,
            ValueKind.List => Ref,
            _ => null,
        };

        public override string ToString() => Kind switch
        {
            ValueKind.Unknown => "unknown",
            ValueKind.Bool => IsTrue ? "true" : "false",
            ValueKind.Number => Number.ToString("0.####", CultureInfo.InvariantCulture),
            ValueKind.Symbol => (string)Ref!,
            ValueKind.List => "{" + string.Join(", ", (string[])Ref!) + "}",
            _ => "{set}",
        };
    }

    /// <summary>
    /// The per-evaluation state a compiled predicate reads: fact values by slot, and the unknown
    /// facts it needed (so an undetermined answer can say what is missing).
    /// </summary>
    public sealed class EvaluationScope
    {
        internal EvaluationScope(Value[] facts) => Facts = facts;

        internal Value[] Facts { get; private set; }
        internal List<int> MissingReads { get; } = new();

        /// <summary>Readies a per-thread scope for the next evaluation, so evaluating allocates no scope.</summary>
        internal void Reset(Value[] facts)
        {
            Facts = facts;
            MissingReads.Clear();
        }

        internal Value Read(int slot)
        {
            var v = Facts[slot];
            if (v.IsUnknown) MissingReads.Add(slot);
            return v;
        }
    }

    public delegate Value CompiledExpr(EvaluationScope scope);
}
