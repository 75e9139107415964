using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    public enum NameKind { Fact, Definition, DataSet, Symbol }

    public sealed class CheckedRule
    {
        internal CheckedRule(RuleDecl declaration, AgreementSymbol agreement)
        {
            Declaration = declaration; Agreement = agreement;
        }

        public RuleDecl Declaration { get; }
        public AgreementSymbol Agreement { get; }
        public string Id => Declaration.Id.Text;
        public string Activity => Declaration.Activity.Text;
        /// <summary>As the answer's citations show it: <c>JP-US-1988 Art. 6</c>.</summary>
        public string Citation => Agreement.Id + " " + Declaration.Citation;
    }

    public sealed class CheckedExample
    {
        internal CheckedExample(ExampleDecl declaration, AgreementSymbol? agreement)
        {
            Declaration = declaration; Agreement = agreement;
        }

        public ExampleDecl Declaration { get; }
        public AgreementSymbol? Agreement { get; }
    }

    /// <summary>The checker's result: symbols, rules in file order, and the type and meaning of every expression.</summary>
    public sealed class CheckedModel
    {
        internal CheckedModel(SymbolTable symbols) => Symbols = symbols;

        public SymbolTable Symbols { get; }
        public List<CheckedRule> Rules { get; } = new();
        public List<CheckedExample> Examples { get; } = new();
        internal Dictionary<Expr, RuleType> ExprTypes { get; } = new(ReferenceComparer<Expr>.Instance);
        internal Dictionary<NameExpr, NameKind> NameKinds { get; } = new(ReferenceComparer<NameExpr>.Instance);

        public RuleType TypeOf(Expr expr) => ExprTypes.TryGetValue(expr, out var t) ? t : RuleType.Error;
        public NameKind KindOf(NameExpr name) => NameKinds.TryGetValue(name, out var k) ? k : NameKind.Symbol;
    }

    /// <summary>Syntax nodes are records (value equality); annotations must key on the node itself.</summary>
    internal sealed class ReferenceComparer<T> : IEqualityComparer<T> where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new();
        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);
        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
