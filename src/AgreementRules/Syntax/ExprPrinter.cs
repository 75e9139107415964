using System.Globalization;
using System.Linq;

namespace AgreementRules.Syntax
{
    /// <summary>Prints an expression back in .rules syntax, fully parenthesised where precedence needs it.</summary>
    public static class ExprPrinter
    {
        public static string Print(Expr expr) => expr switch
        {
            NumberLiteral n => n.Value.ToString(CultureInfo.InvariantCulture) + (n.Unit.Length > 0 ? " " + n.Unit : ""),
            BoolLiteral b => b.Value ? "true" : "false",
            StringLiteral s => "\"" + s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            NameExpr n => n.Text,
            NotExpr not => "not " + Wrap(not.Operand),
            BinaryExpr b => Wrap(b.Left) + " " + b.Operator + " " + Wrap(b.Right),
            SetLiteral set => "{ " + string.Join(", ", set.Items.Select(Print)) + " }",
            GivenExpr g => Wrap(g.Fact) + " is given",
            CaseExpr c => "case " + string.Join(" ", c.Branches.Select(br => $"when {Print(br.Condition)} then {Print(br.Result)}")) +
                          $" else {Print(c.Otherwise)} end",
            _ => "?",
        };

        private static string Wrap(Expr e) => e is BinaryExpr ? "(" + Print(e) + ")" : Print(e);
    }
}
