using System;
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
            this.kind = kind; this.number = number; this.reference = reference;
        }

        // Fields the IL-compiled conditions read directly: the JIT inlines no call made from those dynamic
        // methods into this assembly, not even a property getter.
        internal readonly ValueKind kind;
        internal readonly double number;
        internal readonly object? reference;

        public ValueKind Kind => kind;
        public double Number => number;
        public object? Ref => reference;

        public static readonly Value Unknown = default;
        public static readonly Value True = new(ValueKind.Bool, 1, null);
        public static readonly Value False = new(ValueKind.Bool, 0, null);

        public static Value Of(bool b) => new(ValueKind.Bool, b ? 1 : 0, null);
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
    /// The per-evaluation state a compiled predicate reads: fact values by slot, the unknown
    /// facts it needed (so an undetermined answer can say what is missing), and the value of each
    /// definition once computed (a definition such as <c>heu</c> or <c>category</c> is read by many
    /// rules and again for the answer's derived facts; it is computed once per evaluation).
    /// </summary>
    public sealed class EvaluationScope
    {
        // Internal fields rather than private: IL-compiled conditions read the memo directly (see Value.kind).
        internal Value[] definitionValues = Array.Empty<Value>();
        // Which definitions hold this evaluation's value: stamped with the evaluation's number, so no clearing per call.
        internal int[] definitionStamps = Array.Empty<int>();
        // The missing reads a definition made when computed ([from, to) of MissingReads), replayed on each later use.
        internal int[] readsFrom = Array.Empty<int>(), readsTo = Array.Empty<int>();
        internal int evaluation;

        internal EvaluationScope(Value[] facts) => this.facts = facts;

        /// <summary>A field, for IL-compiled conditions to read directly (see <see cref="Value.kind"/>).</summary>
        internal Value[] facts;
        internal Value[] Facts => facts;
        internal List<int> MissingReads { get; } = new();

        /// <summary>Readies a per-thread scope for the next evaluation, so evaluating allocates no scope.</summary>
        internal void Reset(Value[] facts, int definitions = 0)
        {
            this.facts = facts;
            MissingReads.Clear();
            if (definitionStamps.Length < definitions)
            {
                definitionValues = new Value[definitions];
                definitionStamps = new int[definitions];
                readsFrom = new int[definitions];
                readsTo = new int[definitions];
            }
            if (++evaluation == int.MaxValue)
            {
                Array.Clear(definitionStamps, 0, definitionStamps.Length);
                evaluation = 1;
            }
        }

        /// <summary>
        /// The value of definition <paramref name="index"/> for this evaluation: computed by
        /// <paramref name="body"/> the first time, afterwards the same value, with the same missing
        /// reads recorded again (as computing it again would), so what an undecided rule reports
        /// missing does not depend on which rule computed the definition first.
        /// </summary>
        internal Value Definition(int index, CompiledExpr body)
        {
            if (TryMemoised(index, out var value))
            {
                Replay(index);
                return value;
            }
            return ComputeDefinition(index, body);
        }

        /// <summary>Computes definition <paramref name="index"/> by <paramref name="body"/> and memoises it with the missing reads it made.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // into Definition, which IL conditions call
        internal Value ComputeDefinition(int index, CompiledExpr body)
        {
            var from = BeginDefinition();
            var value = body(this);
            EndDefinition(index, from, value);
            return value;
        }

        /// <summary>Records again the missing reads memoised definition <paramref name="index"/> made.</summary>
        internal void Replay(int index)
        {
            for (var i = readsFrom[index]; i < readsTo[index]; i++) MissingReads.Add(MissingReads[i]);
        }

        /// <summary>Where the reads of a definition about to be computed start.</summary>
        internal int BeginDefinition() => MissingReads.Count;

        /// <summary>Memoises a definition computed since <paramref name="from"/> (see <see cref="Definition"/>).</summary>
        internal void EndDefinition(int index, int from, Value value)
        {
            if (index >= definitionStamps.Length) return;
            definitionValues[index] = value;
            definitionStamps[index] = evaluation;
            readsFrom[index] = from;
            readsTo[index] = MissingReads.Count;
        }

        /// <summary>Definition <paramref name="index"/>'s value when this evaluation has computed it (without recording its reads again).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // measured: a call per definition cost ~38 instructions
        internal bool TryMemoised(int index, out Value value)
        {
            var memoised = index < definitionStamps.Length && definitionStamps[index] == evaluation;
            value = memoised ? definitionValues[index] : default;
            return memoised;
        }

        internal Value Read(int slot)
        {
            var v = Facts[slot];
            if (v.IsUnknown) MissingReads.Add(slot);
            return v;
        }

        /// <summary>Records a read of an unknown fact (what <see cref="Read"/> does; IL code reads the slot itself).</summary>
        internal void NoteMissing(int slot) => MissingReads.Add(slot);
    }

    public delegate Value CompiledExpr(EvaluationScope scope);
}
