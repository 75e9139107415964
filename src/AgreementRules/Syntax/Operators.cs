using System;
using System.Linq;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// The binary operators of the language. To add one: add it here and give it a row in
    /// <see cref="Operators.Row"/>; the compiler then names every switch that must learn it (the core
    /// project makes a non-exhaustive switch expression, CS8509, an error), and
    /// <c>OperatorTableTests</c> runs every operator through every stage.
    /// </summary>
    public enum BinaryOperator
    {
        Or, And,
        Equal, NotEqual,
        Less, LessOrEqual, Greater, GreaterOrEqual,
        In, Has,
        Add, Subtract, Multiply, Divide,
    }

    /// <summary>
    /// What an operator does with types, which is all the checker, the case search and the coverage
    /// analysis need to know about it:
    /// <list type="bullet">
    /// <item><see cref="Logical"/>: bool × bool → bool, Kleene three-valued (unknown unless an operand decides).</item>
    /// <item><see cref="Equality"/>: two comparable single values → bool; on one number fact, a point (or its complement).</item>
    /// <item><see cref="Ordering"/>: two numbers of the same unit → bool; on one number fact, a half line.</item>
    /// <item><see cref="Membership"/>: a value and a set or list (<c>in</c>: the value first; <c>has</c>: the list first) → bool.</item>
    /// <item><see cref="Arithmetic"/>: numbers → a number whose unit <c>Semantics.Arithmetic</c> decides.</item>
    /// </list>
    /// Every operator with an unknown operand is unknown, except where a logical operand decides.
    /// </summary>
    public enum OperatorKind { Logical, Equality, Ordering, Membership, Arithmetic }

    /// <summary>The one table of the operators: how each is written, how tightly it binds, what kind it is, and its mirror.</summary>
    public static class Operators
    {
        /// <summary>One operator's row.</summary>
        /// <param name="Text">As written in a .rules file (and in the syntax-tree snapshots and messages).</param>
        /// <param name="Precedence">Binding strength, 1 (loosest) to 5 (tightest): the grammar's levels.</param>
        /// <param name="Mirror">The operator that means the same with the operands swapped (<c>a &lt; b</c> is <c>b &gt; a</c>), or null.</param>
        private readonly record struct Entry(string Text, int Precedence, OperatorKind Kind, BinaryOperator? Mirror);

        // A switch expression with no default arm: a new BinaryOperator without a row does not compile.
        private static Entry Row(BinaryOperator op) => op switch
        {
            BinaryOperator.Or => new("or", 1, OperatorKind.Logical, BinaryOperator.Or),
            BinaryOperator.And => new("and", 2, OperatorKind.Logical, BinaryOperator.And),
            BinaryOperator.Equal => new("==", 3, OperatorKind.Equality, BinaryOperator.Equal),
            BinaryOperator.NotEqual => new("!=", 3, OperatorKind.Equality, BinaryOperator.NotEqual),
            BinaryOperator.Less => new("<", 3, OperatorKind.Ordering, BinaryOperator.Greater),
            BinaryOperator.LessOrEqual => new("<=", 3, OperatorKind.Ordering, BinaryOperator.GreaterOrEqual),
            BinaryOperator.Greater => new(">", 3, OperatorKind.Ordering, BinaryOperator.Less),
            BinaryOperator.GreaterOrEqual => new(">=", 3, OperatorKind.Ordering, BinaryOperator.LessOrEqual),
            BinaryOperator.In => new("in", 3, OperatorKind.Membership, BinaryOperator.Has),
            BinaryOperator.Has => new("has", 3, OperatorKind.Membership, BinaryOperator.In),
            BinaryOperator.Add => new("+", 4, OperatorKind.Arithmetic, BinaryOperator.Add),
            BinaryOperator.Subtract => new("-", 4, OperatorKind.Arithmetic, null),
            BinaryOperator.Multiply => new("*", 5, OperatorKind.Arithmetic, BinaryOperator.Multiply),
            BinaryOperator.Divide => new("/", 5, OperatorKind.Arithmetic, null),
        };

        private static readonly BinaryOperator[] All = (BinaryOperator[])Enum.GetValues(typeof(BinaryOperator));
        private static readonly Entry[] Rows = All.Select(Row).ToArray();

        public static string Text(this BinaryOperator op) => Rows[(int)op].Text;
        public static int Precedence(this BinaryOperator op) => Rows[(int)op].Precedence;
        public static OperatorKind Kind(this BinaryOperator op) => Rows[(int)op].Kind;

        /// <summary>The operator meaning the same with the operands swapped, or null (<c>-</c>, <c>/</c>).</summary>
        public static BinaryOperator? Mirror(this BinaryOperator op) => Rows[(int)op].Mirror;

        /// <summary>The texts of the operators binding at <paramref name="precedence"/>, longest first (so '&lt;=' is tried before '&lt;').</summary>
        internal static string[] TextsAt(int precedence) =>
            All.Where(o => o.Precedence() == precedence).OrderByDescending(o => o.Text().Length).Select(o => o.Text()).ToArray();

        /// <summary>The operator written <paramref name="text"/>; the grammar only asks for texts from <see cref="TextsAt"/>.</summary>
        internal static BinaryOperator FromText(string text)
        {
            foreach (var op in All)
                if (Rows[(int)op].Text == text) return op;
            throw new ArgumentException("not an operator: " + text, nameof(text));
        }
    }
}
