using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Where a value comes from, as far as a fact check needs: a constant, or a local or parameter whose value
    /// cannot change between two reads (<see cref="TrackedLocals.IsStable"/>). Anything else is "opaque": equal to nothing,
    /// kept only to name it in the message.
    /// </summary>
    internal readonly struct ValueSource : IEquatable<ValueSource>
    {
        private ValueSource(ISymbol? symbol, bool isConstant, object? constant, string description)
        {
            Symbol = symbol; IsConstant = isConstant; Constant = constant; Description = description;
        }

        public ISymbol? Symbol { get; }
        public bool IsConstant { get; }
        public object? Constant { get; }
        /// <summary>How the message names it: <c>the constant 4.0</c>, <c>parameter 'level'</c>, <c>'batch.Level'</c>.</summary>
        public string Description { get; }
        private bool IsOpaque => Symbol == null && !IsConstant;

        public static ValueSource Of(IOperation? value, TrackedLocals? sources)
        {
            var stripped = ValuePreserving(value);
            if (stripped is { ConstantValue.HasValue: true } constant)
                return new ValueSource(null, true, constant.ConstantValue.Value, "the constant " + Show(constant.ConstantValue.Value));
            switch (stripped)
            {
                case ILocalReferenceOperation local when sources != null && sources.IsStable(local.Local) && IsImmutable(local.Local.Type):
                    return new ValueSource(local.Local, false, null, $"local '{local.Local.Name}'");
                case IParameterReferenceOperation parameter when sources != null && sources.IsStable(parameter.Parameter) && IsImmutable(parameter.Parameter.Type):
                    return new ValueSource(parameter.Parameter, false, null, $"parameter '{parameter.Parameter.Name}'");
                default:
                    var text = value?.Syntax.ToString() ?? "?";
                    return new ValueSource(null, false, null, $"'{(text.Length > 60 ? text.Substring(0, 57) + "..." : text)}' (not a constant, nor a local or parameter that keeps its value)");
            }
        }

        /// <summary>
        /// Looks through parentheses and conversions that keep the value (boxing to <c>object</c> for <c>With</c>, an
        /// implicit widening of a number), never through one that may change it (<c>(int)level</c>).
        /// </summary>
        private static IOperation? ValuePreserving(IOperation? value)
        {
            while (true)
            {
                switch (value)
                {
                    case IParenthesizedOperation parenthesized: value = parenthesized.Operand; continue;
                    case IConversionOperation conversion when !conversion.ConstantValue.HasValue &&
                                                              Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetConversion(conversion) is { IsImplicit: true, IsUserDefined: false } kind &&
                                                              (kind.IsIdentity || kind.IsBoxing || kind.IsReference || kind.IsNumeric || kind.IsNullable):
                        value = conversion.Operand;
                        continue;
                    default: return value;
                }
            }
        }

        /// <summary>
        /// A value no code can change through the variable without writing it: a number, bool, char, string or enum (or
        /// one of those nullable), or an Activity (immutable). A list or a mutable struct could change between the
        /// decision and the call while the variable still holds "the same" object.
        /// </summary>
        public static bool IsImmutable(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
            if (type == null) return false;
            if (type.TypeKind == TypeKind.Enum) return true;
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: case SpecialType.System_Char: case SpecialType.System_String:
                case SpecialType.System_SByte: case SpecialType.System_Byte: case SpecialType.System_Int16: case SpecialType.System_UInt16:
                case SpecialType.System_Int32: case SpecialType.System_UInt32: case SpecialType.System_Int64: case SpecialType.System_UInt64:
                case SpecialType.System_Single: case SpecialType.System_Double: case SpecialType.System_Decimal:
                    return true;
            }
            return type.Name == "Activity" && type.ContainingNamespace?.ToDisplayString() == "AgreementRules";
        }

        public static ValueSource OfParameter(IParameterSymbol parameter) => new(parameter, false, null, $"parameter '{parameter.Name}'");

        /// <summary>The same value: the same stable local or parameter, or equal constants (numbers compared as numbers).</summary>
        public bool Equals(ValueSource other)
        {
            if (IsOpaque || other.IsOpaque) return false;
            if (IsConstant != other.IsConstant) return false;
            if (!IsConstant) return SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);
            if (IsNumber(Constant) && IsNumber(other.Constant))
                return Convert.ToDouble(Constant, CultureInfo.InvariantCulture) == Convert.ToDouble(other.Constant, CultureInfo.InvariantCulture);
            return Equals(Constant, other.Constant);
        }

        public override bool Equals(object? obj) => obj is ValueSource other && Equals(other);
        public override int GetHashCode() => IsConstant ? 1 : Symbol == null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Symbol);

        private static bool IsNumber(object? value) => value is double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort;

        private static string Show(object? value) => value switch
        {
            null => "null",
            string text => "\"" + text + "\"",
            bool flag => flag ? "true" : "false",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>
    /// The facts an activity (or a decision about it) was built with: fact name → where its value came from, and
    /// where the activity value itself came from (for a regulated member that takes the whole <c>Activity</c>).
    /// A fact set by a name that is not a constant leaves no fact known: it may have replaced any of them.
    /// </summary>
    internal sealed class FactSet : IEquatable<FactSet>
    {
        public static readonly FactSet Empty = new(ImmutableDictionary.Create<string, ValueSource>(StringComparer.Ordinal), null);

        private FactSet(ImmutableDictionary<string, ValueSource> facts, ValueSource? whole)
        {
            Facts = facts; Whole = whole;
        }

        public ImmutableDictionary<string, ValueSource> Facts { get; }
        public ValueSource? Whole { get; }

        public FactSet With(string fact, ValueSource source) => new(Facts.SetItem(fact, source), null);
        public FactSet WithWhole(ValueSource source) => new(Facts, source);

        /// <summary>What both say: the facts with the same source in both.</summary>
        public static FactSet? Intersect(FactSet? a, FactSet? b)
        {
            if (a == null || b == null) return null;
            if (a.Equals(b)) return a;
            var facts = a.Facts;
            foreach (var pair in a.Facts)
                if (!b.Facts.TryGetValue(pair.Key, out var other) || !SameSource(pair.Value, other)) facts = facts.Remove(pair.Key);
            return new FactSet(facts, a.Whole is { } w && b.Whole is { } v && SameSource(w, v) ? w : null);
        }

        /// <summary>Structural sameness (for the fixed point), unlike <see cref="ValueSource.Equals(ValueSource)"/> which is about values.</summary>
        private static bool SameSource(ValueSource a, ValueSource b) =>
            a.IsConstant == b.IsConstant && Equals(a.Constant, b.Constant) && SymbolEqualityComparer.Default.Equals(a.Symbol, b.Symbol) &&
            a.Description == b.Description;

        public bool Equals(FactSet? other)
        {
            if (ReferenceEquals(this, other)) return true;
            if (other == null || Facts.Count != other.Facts.Count) return false;
            if (Whole.HasValue != other.Whole.HasValue || Whole is { } w && !SameSource(w, other.Whole!.Value)) return false;
            foreach (var pair in Facts)
                if (!other.Facts.TryGetValue(pair.Key, out var source) || !SameSource(pair.Value, source)) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is FactSet other && Equals(other);
        public override int GetHashCode() => Facts.Count;
    }
}
