using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// Prints an expression back in .rules syntax, on one line, with the parentheses that precedence needs
    /// and no others (plus those around a comparison under <c>not</c>, which read better): what it prints
    /// parses back to the same tree. The formatter (<c>Syntax/Formatting</c>) prints every expression
    /// through here; the checker's messages and the coverage analysis use it too.
    /// </summary>
    public static class ExprPrinter
    {
        // How tightly a node binds, on one scale: twice an operator's precedence (Operators), with 'not'
        // between 'and' and the comparisons, and the primaries (names, literals, sets, case) tightest.
        private const int NotLevel = 5;
        private const int ComparisonLevel = 6;
        private const int PrimaryLevel = 12;

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

        /// <summary>
        /// <paramref name="expr"/> where the grammar expects an operand of arithmetic (a set's item, an
        /// example's value, a set declaration's member): parenthesised if it binds more loosely.
        /// </summary>
        public static string PrintArithmeticOperand(Expr expr)
        {
            var text = new StringBuilder();
            Operand(expr, Level(expr) <= ComparisonLevel, text);
            return text.ToString();
        }

        private static void Print(Expr expr, StringBuilder text) => Writer.Instance.Visit(expr, text);

        /// <summary>Appends each node to the builder it is given, and gives that builder back.</summary>
        private sealed class Writer : ExprVisitor<StringBuilder, StringBuilder>
        {
            public static readonly Writer Instance = new();

            protected override StringBuilder Number(NumberLiteral number, StringBuilder text)
            {
                text.Append(ExprPrinter.Number(number.Value));
                return number.Unit.Length > 0 ? text.Append(' ').Append(number.Unit) : text;
            }

            protected override StringBuilder Bool(BoolLiteral literal, StringBuilder text) => text.Append(literal.Value ? "true" : "false");

            protected override StringBuilder String(StringLiteral s, StringBuilder text) => text.Append(Quoted(s.Value));

            protected override StringBuilder Name(NameExpr name, StringBuilder text) => text.Append(name.Text);

            protected override StringBuilder Not(NotExpr not, StringBuilder text)
            {
                text.Append("not ");
                Operand(not.Operand, not.Operand is BinaryExpr, text);
                return text;
            }

            protected override StringBuilder Binary(BinaryExpr b, StringBuilder text)
            {
                if (b.Operator.Kind() == OperatorKind.Logical)
                {
                    var operands = ChainOperands(b);
                    for (var i = 0; i < operands.Count; i++)
                    {
                        if (i > 0) text.Append(' ').Append(b.Operator.Text()).Append(' ');
                        Operand(operands[i], NeedsParentheses(b, operands[i]), text);
                    }
                    return text;
                }
                Operand(b.Left, NeedsParentheses(b, b.Left, right: false), text);
                text.Append(' ').Append(b.Operator.Text()).Append(' ');
                Operand(b.Right, NeedsParentheses(b, b.Right, right: true), text);
                return text;
            }

            protected override StringBuilder Set(SetLiteral set, StringBuilder text)
            {
                if (set.Items.Count == 0) return text.Append("{}");
                text.Append("{ ");
                for (var i = 0; i < set.Items.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    Operand(set.Items[i], Level(set.Items[i]) <= ComparisonLevel, text);
                }
                return text.Append(" }");
            }

            protected override StringBuilder Given(GivenExpr given, StringBuilder text)
            {
                Operand(given.Fact, Level(given.Fact) <= ComparisonLevel, text);
                return text.Append(" is given");
            }

            protected override StringBuilder Case(CaseExpr c, StringBuilder text)
            {
                text.Append("case ");
                for (var i = 0; i < c.Branches.Count; i++)
                {
                    if (i > 0) text.Append(' ');
                    text.Append("when ");
                    Visit(c.Branches[i].Condition, text);
                    text.Append(" then ");
                    Visit(c.Branches[i].Result, text);
                }
                text.Append(" else ");
                Visit(c.Otherwise, text);
                return text.Append(" end");
            }
        }

        private static void Operand(Expr e, bool parenthesised, StringBuilder text)
        {
            if (parenthesised) text.Append('(');
            Print(e, text);
            if (parenthesised) text.Append(')');
        }

        private static int Level(Expr e) => e switch
        {
            BinaryExpr b => 2 * b.Operator.Precedence(),
            NotExpr => NotLevel,
            GivenExpr => ComparisonLevel,
            _ => PrimaryLevel,
        };

        /// <summary>
        /// Whether <paramref name="operand"/> of <paramref name="parent"/> needs brackets to parse back under it.
        /// Comparisons do not chain (both operands are arithmetic); arithmetic associates to the left, so a
        /// right operand of the same precedence keeps its brackets (<c>a - (b - c)</c>).
        /// </summary>
        private static bool NeedsParentheses(BinaryExpr parent, Expr operand, bool right = false)
        {
            var level = 2 * parent.Operator.Precedence();
            if (level == ComparisonLevel) return Level(operand) <= ComparisonLevel;
            return right || parent.Operator.Kind() == OperatorKind.Logical ? Level(operand) <= level : Level(operand) < level;
        }

        /// <summary>
        /// The operands of a chain of one logical operator as it would be written without brackets. The
        /// parser builds <c>a and b and c</c> as a balanced tree (<see cref="Grammar"/>), so the chain is
        /// written flat only where its tree has exactly that shape; any other grouping (<c>(a and b) and c</c>)
        /// is written as two operands, each in brackets if it is the same operator, so it reads back as it was.
        /// </summary>
        public static IReadOnlyList<Expr> ChainOperands(BinaryExpr chain)
        {
            var operands = new List<Expr>();
            if (IsBalanced(chain, chain.Operator, LeafCount(chain, chain.Operator))) Flatten(chain, chain.Operator, operands);
            else { operands.Add(chain.Left); operands.Add(chain.Right); }
            return operands;
        }

        private static int LeafCount(Expr e, BinaryOperator op) =>
            e is BinaryExpr b && b.Operator == op ? LeafCount(b.Left, op) + LeafCount(b.Right, op) : 1;

        private static bool IsBalanced(Expr e, BinaryOperator op, int leaves)
        {
            if (e is not BinaryExpr b || b.Operator != op) return leaves == 1;
            var left = LeafCount(b.Left, op);
            return left == leaves / 2 && IsBalanced(b.Left, op, left) && IsBalanced(b.Right, op, leaves - left);
        }

        private static void Flatten(Expr e, BinaryOperator op, List<Expr> into)
        {
            if (e is BinaryExpr b && b.Operator == op)
            {
                Flatten(b.Left, op, into);
                Flatten(b.Right, op, into);
            }
            else into.Add(e);
        }

        /// <summary>An operand of a logical chain, bracketed if it must be (see <see cref="ChainOperands"/>).</summary>
        public static string PrintChainOperand(BinaryExpr chain, Expr operand)
        {
            var text = new StringBuilder();
            Operand(operand, NeedsParentheses(chain, operand), text);
            return text.ToString();
        }

        /// <summary>A quoted text that reads back as <paramref name="value"/>: '\' and '"' escaped, everything else as it is.</summary>
        public static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        /// <summary>
        /// A number as the grammar reads it: digits and an optional decimal part, never an exponent, the
        /// shortest text that reads back as the same double. A number too large for a double (read as
        /// infinity) is written as one that is too large too.
        /// </summary>
        public static string Number(double value)
        {
            if (double.IsInfinity(value)) return "1" + new string('0', 309);
            var s = value.ToString("R", CultureInfo.InvariantCulture);
            var e = s.IndexOf('E');
            if (e < 0) return s;
            var mantissa = s.Substring(0, e);
            var exponent = int.Parse(s.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var point = mantissa.IndexOf('.');
            var digits = mantissa.Replace(".", "");
            point = (point < 0 ? mantissa.Length : point) + exponent;
            if (point <= 0) return "0." + new string('0', -point) + digits;
            if (point >= digits.Length) return digits + new string('0', point - digits.Length);
            return digits.Substring(0, point) + "." + digits.Substring(point);
        }
    }
}
