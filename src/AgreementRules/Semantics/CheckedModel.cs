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

    /// <summary>
    /// The checker's result: symbols, rules in file order, and the type and meaning of every expression.
    /// Immutable: the public members are read-only views, and the checker builds it only once it is done.
    /// </summary>
    public sealed class CheckedModel
    {
        internal CheckedModel(SymbolTable symbols, List<CheckedRule> rules, List<CheckedExample> examples,
            Dictionary<Expr, RuleType> exprTypes, Dictionary<NameExpr, NameKind> nameKinds)
        {
            Symbols = symbols;
            Rules = rules.AsReadOnly();
            Examples = examples.AsReadOnly();
            ExprTypes = exprTypes;
            NameKinds = nameKinds;
        }

        public SymbolTable Symbols { get; }
        public IReadOnlyList<CheckedRule> Rules { get; }
        public IReadOnlyList<CheckedExample> Examples { get; }
        private Dictionary<Expr, RuleType> ExprTypes { get; }
        private Dictionary<NameExpr, NameKind> NameKinds { get; }

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
