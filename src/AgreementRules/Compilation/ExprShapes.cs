using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Compilation
{
    /// <summary>
    /// What both compilers (closures and IL) need to know about an expression's shape: which names are
    /// facts and in which slot, which operands are constants and their values as the engine holds them.
    /// Shared so that the two back ends take the same fast paths with the same constants.
    /// </summary>
    internal sealed class ExprShapes
    {
        private readonly CheckedModel model;

        public ExprShapes(CheckedModel model) => this.model = model;

        public int? FactSlot(Expr e) => e is NameExpr n && model.KindOf(n) == NameKind.Fact ? model.Symbols.Facts[n.Text].Slot : null;

        public int SlotOf(string fact) => model.Symbols.Facts[fact].Slot;

        /// <summary>
        /// An enum fact's value is always the interned instance of its enum's value (the binder hands
        /// out no other; defaults and examples come through the binder), and constants are interned:
        /// equal texts are then the same string, so a reference comparison decides.
        /// </summary>
        public bool IsEnumFact(int slot) => model.Symbols.FactsBySlot[slot].Type is EnumType;

        /// <summary>A number as the engine holds it: kilograms in grams.</summary>
        public static double Number(NumberLiteral n) => n.EngineValue();

        public static double? NumberConstant(Expr e) => e is NumberLiteral n ? Number(n) : null;

        /// <summary>An enum value or a quoted text, interned like the values the binder hands the rules.</summary>
        public string? SymbolConstant(Expr e) => e switch
        {
            StringLiteral s => string.Intern(s.Value),
            NameExpr n when model.KindOf(n) == NameKind.Symbol => string.Intern(n.Text),
            _ => null,
        };

        /// <summary>The members of a set written in the condition or a named data set, as texts; null for any other operand.</summary>
        public ConstantMembers? Members(Expr e) => e switch
        {
            SetLiteral set => new ConstantMembers(set.Items.Select(ConstantText)),
            NameExpr n when model.KindOf(n) == NameKind.DataSet => new ConstantMembers(model.Symbols.DataSets[n.Text].Members),
            _ => null,
        };

        /// <summary>A set literal or a named data set as a value (for 'has' and 'in' on computed operands).</summary>
        public Value SetValue(Expr e) => e is SetLiteral set
            ? Value.Set(new HashSet<string>(set.Items.Select(ConstantText), System.StringComparer.Ordinal))
            : Value.Set(new HashSet<string>(model.Symbols.DataSets[((NameExpr)e).Text].Members, System.StringComparer.Ordinal));

        public static string ConstantText(Expr e) => e switch
        {
            NameExpr n => n.Text,
            StringLiteral s => s.Value,
            NumberLiteral n => n.Value.ToString(CultureInfo.InvariantCulture),
            _ => "",
        };

        /// <summary>The operands of a chain of 'and' (or of 'or'), left to right.</summary>
        public static List<Expr> Junction(BinaryExpr b)
        {
            var operands = new List<Expr>();
            Flatten(b, b.Operator, operands);
            return operands;
        }

        private static void Flatten(Expr e, BinaryOperator op, List<Expr> operands)
        {
            if (e is BinaryExpr b && b.Operator == op)
            {
                Flatten(b.Left, op, operands);
                Flatten(b.Right, op, operands);
            }
            else operands.Add(e);
        }

        /// <summary>The unit scale of a product (<c>quantity * enrichment</c>: grams times percent).</summary>
        public double ProductScale(BinaryExpr b) =>
            Semantics.Arithmetic.Scale(b.Operator, ((NumberType)model.TypeOf(b.Left)).Dimension, ((NumberType)model.TypeOf(b.Right)).Dimension);
    }
}
