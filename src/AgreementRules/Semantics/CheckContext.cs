using System.Collections.Generic;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// What the checker's parts share while one check runs: the tables they declare into, the annotations they
    /// put on expressions, the rules and examples checked so far, and the diagnostics. <see cref="Model"/>
    /// shows them read-only once the check is done.
    /// </summary>
    internal sealed class CheckContext
    {
        public CheckContext() => Symbols = new SymbolTable(Declared);

        public Declarations Declared { get; } = new();
        /// <summary>Read-only views over <see cref="Declared"/>.</summary>
        public SymbolTable Symbols { get; }
        public List<RulesDiagnostic> Diagnostics { get; } = new();
        public Dictionary<Expr, RuleType> ExprTypes { get; } = new(ReferenceComparer<Expr>.Instance);
        public Dictionary<NameExpr, NameKind> NameKinds { get; } = new(ReferenceComparer<NameExpr>.Instance);
        public List<CheckedRule> Rules { get; } = new();
        public List<CheckedExample> Examples { get; } = new();

        public void Error(string id, SourceSpan span, string message) =>
            Diagnostics.Add(new RulesDiagnostic(id, Severity.Error, span, message));

        public void Warning(string id, SourceSpan span, string message) =>
            Diagnostics.Add(new RulesDiagnostic(id, Severity.Warning, span, message));

        public NameKind KindOf(NameExpr name) => NameKinds.TryGetValue(name, out var k) ? k : NameKind.Symbol;

        public CheckedModel Model() => new(Symbols, Rules, Examples, ExprTypes, NameKinds);
    }
}
