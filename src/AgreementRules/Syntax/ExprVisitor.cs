namespace AgreementRules.Syntax
{
    /// <summary>The kinds of expression node, one for each expression record in Ast.cs.</summary>
    internal enum ExprKind { Number, Bool, String, Name, Not, Binary, Set, Given, Case }

    /// <summary>
    /// The one walker over expressions: a subclass says what each kind of node gives, from an argument the
    /// walk carries (a type hint, a builder, a depth). Every member is abstract, so a walker that leaves a
    /// kind out does not compile. A new kind of expression is a record in Ast.cs, which must say its
    /// <see cref="ExprKind"/> (an abstract member of <see cref="Expr"/>), a member of that enum, which
    /// <see cref="Visit"/> must name (no default arm: CS8509 is an error in this project), and a member here,
    /// which every walker must then implement: each place that must learn the new kind is found by the compiler.
    /// </summary>
    internal abstract class ExprVisitor<TArg, TResult>
    {
        public TResult Visit(Expr expr, TArg arg) => expr.NodeKind switch
        {
            ExprKind.Number => Number((NumberLiteral)expr, arg),
            ExprKind.Bool => Bool((BoolLiteral)expr, arg),
            ExprKind.String => String((StringLiteral)expr, arg),
            ExprKind.Name => Name((NameExpr)expr, arg),
            ExprKind.Not => Not((NotExpr)expr, arg),
            ExprKind.Binary => Binary((BinaryExpr)expr, arg),
            ExprKind.Set => Set((SetLiteral)expr, arg),
            ExprKind.Given => Given((GivenExpr)expr, arg),
            ExprKind.Case => Case((CaseExpr)expr, arg),
        };

        protected abstract TResult Number(NumberLiteral number, TArg arg);
        protected abstract TResult Bool(BoolLiteral literal, TArg arg);
        protected abstract TResult String(StringLiteral text, TArg arg);
        protected abstract TResult Name(NameExpr name, TArg arg);
        protected abstract TResult Not(NotExpr not, TArg arg);
        protected abstract TResult Binary(BinaryExpr binary, TArg arg);
        protected abstract TResult Set(SetLiteral set, TArg arg);
        protected abstract TResult Given(GivenExpr given, TArg arg);
        protected abstract TResult Case(CaseExpr @case, TArg arg);
    }

    /// <summary>The argument of a walk that needs none.</summary>
    internal readonly struct NoArgument
    {
    }
}
