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
        public static string Print(Expr expr)
        {
            var text = new StringBuilder();
            Print(expr, text);
            return text.ToString();
        }

        private static void Print(Expr expr, StringBuilder text)
        {
            switch (expr)
            {
                case NumberLiteral n:
                    text.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                    if (n.Unit.Length > 0) text.Append(' ').Append(n.Unit);
                    break;
                case BoolLiteral b: text.Append(b.Value ? "true" : "false"); break;
                case StringLiteral s: text.Append('"').Append(s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"'); break;
                case NameExpr n: text.Append(n.Text); break;
                case NotExpr not:
                    text.Append("not ");
                    Wrap(not.Operand, text);
                    break;
                case BinaryExpr b:
                    Wrap(b.Left, text);
                    text.Append(' ').Append(b.Operator.Text()).Append(' ');
                    Wrap(b.Right, text);
                    break;
                case SetLiteral set:
                    text.Append("{ ");
                    for (var i = 0; i < set.Items.Count; i++)
                    {
                        if (i > 0) text.Append(", ");
                        Print(set.Items[i], text);
                    }
                    text.Append(" }");
                    break;
                case GivenExpr g:
                    Wrap(g.Fact, text);
                    text.Append(" is given");
                    break;
                case CaseExpr c:
                    text.Append("case ");
                    for (var i = 0; i < c.Branches.Count; i++)
                    {
                        if (i > 0) text.Append(' ');
                        text.Append("when ");
                        Print(c.Branches[i].Condition, text);
                        text.Append(" then ");
                        Print(c.Branches[i].Result, text);
                    }
                    text.Append(" else ");
                    Print(c.Otherwise, text);
                    text.Append(" end");
                    break;
                default: text.Append('?'); break;
            }
        }

        private static void Wrap(Expr e, StringBuilder text)
        {
            if (e is not BinaryExpr)
            {
                Print(e, text);
                return;
            }
            text.Append('(');
            Print(e, text);
            text.Append(')');
        }
    }
}
