using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>What a number measures. Masses are held in grams whatever unit they were written in.</summary>
    public enum Dimension { Scalar, Percent, Mass }

    public abstract class RuleType
    {
        public abstract string Display { get; }
        public override string ToString() => Display;

        public static readonly RuleType Bool = new BoolType();
        public static readonly RuleType Text = new TextType();
        /// <summary>The type of a bare name that is no fact: a value for an enum or a text fact.</summary>
        public static readonly RuleType Symbol = new SymbolType();
        public static readonly RuleType Error = new ErrorType();

        public static NumberType Number(Dimension dimension) => dimension switch
        {
            Dimension.Percent => NumberType.Percent,
            Dimension.Mass => NumberType.Mass,
            _ => NumberType.Scalar,
        };

        private sealed class BoolType : RuleType { public override string Display => "bool"; }
        private sealed class TextType : RuleType { public override string Display => "text"; }
        private sealed class SymbolType : RuleType { public override string Display => "a name"; }
        /// <summary>Stands in after an error was reported, so one mistake is not reported again upstream.</summary>
        private sealed class ErrorType : RuleType { public override string Display => "?"; }
    }

    public sealed class NumberType : RuleType
    {
        public static readonly NumberType Scalar = new NumberType(Dimension.Scalar, "");
        public static readonly NumberType Percent = new NumberType(Dimension.Percent, Units.Percent);
        public static readonly NumberType Mass = new NumberType(Dimension.Mass, Units.Grams);
        /// <summary>A mass declared <c>number kg</c>: held in grams like every mass, but a request gives it in kilograms.</summary>
        public static readonly NumberType MassInKilograms = new NumberType(Dimension.Mass, Units.Kilograms);
        private NumberType(Dimension dimension, string unit) { Dimension = dimension; Unit = unit; }
        public Dimension Dimension { get; }

        /// <summary>
        /// The unit a request gives a value of this type in: the one its declaration wrote (<c>kg</c> for
        /// <c>number kg</c>), so a fact typed through named types (<c>type kilos = number kg</c>) keeps it.
        /// Expressions compute in the engine's units, so their types are never <see cref="MassInKilograms"/>.
        /// </summary>
        public string Unit { get; }

        /// <summary>The type a fact declared <c>number UNIT</c> has.</summary>
        public static NumberType Declared(string unit) => unit == Units.Kilograms ? MassInKilograms : Number(DimensionOf(unit));

        public override string Display => Unit.Length == 0 ? "number" : "number " + Unit;

        /// <summary>What a number written in <paramref name="unit"/> measures (conversions are in <see cref="Units"/>).</summary>
        public static Dimension DimensionOf(string unit) => unit switch
        {
            Units.Percent => Dimension.Percent,
            Units.Grams or Units.Kilograms => Dimension.Mass,
            _ => Dimension.Scalar,
        };

        public static string UnitOf(Dimension dimension) => dimension switch
        {
            Dimension.Percent => "%",
            Dimension.Mass => Units.Grams,
            _ => "no unit",
        };
    }

    public sealed class EnumType : RuleType
    {
        public EnumType(string name, IReadOnlyList<string> values)
        {
            Name = name;
            // Interned: the binder hands rules these very instances, and the compiled rules compare an enum
            // fact with interned constants by reference. Values holds the same instances, so whatever builds
            // a value from the type (the checker's case search) hands out an instance the rules recognise.
            var interned = new string[values.Count];
            for (var i = 0; i < interned.Length; i++) interned[i] = valueSet[values[i]] = string.Intern(values[i]);
            Values = Array.AsReadOnly(interned);
        }

        private readonly Dictionary<string, string> valueSet = new(StringComparer.Ordinal);
        public string Name { get; }
        public IReadOnlyList<string> Values { get; }
        public bool Contains(string value) => valueSet.ContainsKey(value);

        /// <summary>Whether <paramref name="value"/> is a value of this type, and its one shared (interned) instance.</summary>
        internal bool TryGetCanonical(string value, out string canonical) => valueSet.TryGetValue(value, out canonical!);
        public override string Display => $"{Name} (one of {string.Join(", ", Values)})";
    }

    public sealed class ListType : RuleType
    {
        public ListType(RuleType element) => Element = element;
        public RuleType Element { get; }
        public override string Display => "list of " + Element.Display;
    }

    /// <summary>A named data set (<c>set annex-1 = { … }</c>): membership is its only use.</summary>
    public sealed class DataSetType : RuleType
    {
        public DataSetType(RuleType element) => Element = element;
        public RuleType Element { get; }
        public override string Display => "set of " + Element.Display;
    }

    internal static class TypeRules
    {
        public static bool IsError(RuleType t) => ReferenceEquals(t, RuleType.Error);

        /// <summary>Whether a value of <paramref name="value"/> may be compared with one of <paramref name="target"/>.</summary>
        public static bool Comparable(RuleType target, RuleType value)
        {
            if (IsError(target) || IsError(value)) return true;
            if (ReferenceEquals(target, value)) return true;
            if (target is EnumType e1 && value is EnumType e2) return e1.Name == e2.Name;
            if (target is NumberType n1 && value is NumberType n2) return n1.Dimension == n2.Dimension;
            if ((target == RuleType.Text && value == RuleType.Symbol) || (target == RuleType.Symbol && value == RuleType.Text)) return true;
            return false;
        }
    }
}
