using System.Globalization;
using System.Text;

namespace AgreementRules.Syntax
{
    /// <summary>Prints an expression back in .rules syntax, fully parenthesised where precedence needs it.</summary>
    public static class ExprPrinter
    {
        /// <summary>
        /// The text of <paramref name="expr"/>, written into one builder (coverage analysis prints every
        /// rule's condition; concatenating strings made a new string at every node).
        /// </summary>
        public static string Print(Expr expr) => Writer.Instance.Visit(expr, new StringBuilder()).ToString();

        /// <summary>Appends each node to the builder it is given, and gives that builder back.</summary>
        private sealed class Writer : ExprVisitor<StringBuilder, StringBuilder>
        {
            public static readonly Writer Instance = new();

            protected override StringBuilder Number(NumberLiteral number, StringBuilder text)
            {
                text.Append(number.Value.ToString(CultureInfo.InvariantCulture));
                return number.Unit.Length > 0 ? text.Append(' ').Append(number.Unit) : text;
            }

            protected override StringBuilder Bool(BoolLiteral literal, StringBuilder text) => text.Append(literal.Value ? "true" : "false");

            protected override StringBuilder String(StringLiteral s, StringBuilder text) =>
                text.Append('"').Append(s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');

            protected override StringBuilder Name(NameExpr name, StringBuilder text) => text.Append(name.Text);

            protected override StringBuilder Not(NotExpr not, StringBuilder text) => Wrap(not.Operand, text.Append("not "));

            protected override StringBuilder Binary(BinaryExpr binary, StringBuilder text) =>
                Wrap(binary.Right, Wrap(binary.Left, text).Append(' ').Append(binary.Operator.Text()).Append(' '));

            protected override StringBuilder Set(SetLiteral set, StringBuilder text)
            {
                text.Append("{ ");
                for (var i = 0; i < set.Items.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    Visit(set.Items[i], text);
                }
                return text.Append(" }");
            }

            protected override StringBuilder Given(GivenExpr given, StringBuilder text) => Wrap(given.Fact, text).Append(" is given");

            protected override StringBuilder Case(CaseExpr @case, StringBuilder text)
            {
                text.Append("case ");
                for (var i = 0; i < @case.Branches.Count; i++)
                {
                    if (i > 0) text.Append(' ');
                    Visit(@case.Branches[i].Condition, text.Append("when "));
                    Visit(@case.Branches[i].Result, text.Append(" then "));
                }
                Visit(@case.Otherwise, text.Append(" else "));
                return text.Append(" end");
            }

            /// <summary>An operand, in parentheses when it is itself an operator's.</summary>
            private StringBuilder Wrap(Expr e, StringBuilder text) =>
                e is BinaryExpr ? Visit(e, text.Append('(')).Append(')') : Visit(e, text);
        }
    }
}
