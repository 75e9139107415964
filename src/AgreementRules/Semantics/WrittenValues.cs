using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// Values written in the rules (a fact's default, an example's facts) as a request would give them: the
    /// checker stores a default this way, and the examples are run with their facts this way, so both reach
    /// the activity binder as any request value does.
    /// </summary>
    internal static class WrittenValues
    {
        /// <summary>
        /// A written value as a request would give it for <paramref name="fact"/>: a mass in the unit the
        /// fact declares (a request gives a 'number kg' fact in kilograms), everything else as it is.
        /// The binder then normalises it like any request value.
        /// </summary>
        public static object? RequestValue(Expr value, FactSymbol fact) =>
            value is NumberLiteral n && fact.Type is NumberType { Unit: Units.Kilograms }
                ? Units.Convert(n.Value, n.Unit, Units.Kilograms)
                : ConstantValue(value, fact.Type);

        /// <summary>The host-side value of a literal (used for defaults and examples).</summary>
        private static object? ConstantValue(Expr value, RuleType type) => value switch
        {
            NumberLiteral n => n.EngineValue(),
            BoolLiteral b => b.Value,
            StringLiteral s => s.Value,
            NameExpr name => name.Text,
            SetLiteral set => set.Items.Select(i => ConstantValue(i, type is ListType l ? l.Element : type)?.ToString() ?? "").ToArray(),
            _ => null,
        };
    }
}
