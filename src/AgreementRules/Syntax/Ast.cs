using System.Collections.Generic;

namespace AgreementRules.Syntax
{
    // The syntax tree. Every node keeps the span it was parsed from, so the checker, the
    // analyzers and the CLI can point at the exact place in the .rules file.

    public abstract record Node
    {
        public SourceSpan Span { get; init; }

        internal Node WithSpan(SourceSpan span) => this with { Span = span };
    }

    public sealed record Name(string Text) : Node;

    // ---- types ----
    public abstract record TypeExpr : Node;
    public sealed record BoolTypeExpr : TypeExpr;
    public sealed record TextTypeExpr : TypeExpr;
    public sealed record NumberTypeExpr(string Unit) : TypeExpr;
    public sealed record EnumTypeExpr(IReadOnlyList<Name> Values) : TypeExpr;
    public sealed record ListTypeExpr(TypeExpr Element) : TypeExpr;
    public sealed record NamedTypeExpr(Name Name) : TypeExpr;

    // ---- expressions ----
    public abstract record Expr : Node;
    public sealed record NumberLiteral(double Value, string Unit) : Expr;
    public sealed record BoolLiteral(bool Value) : Expr;
    public sealed record StringLiteral(string Value) : Expr;
    /// <summary>A fact, a definition, a data set or an enum value: the checker decides which.</summary>
    public sealed record NameExpr(string Text) : Expr;
    public sealed record NotExpr(Expr Operand) : Expr;
    /// <summary>What the operator means is in <see cref="Operators"/>; its text is <see cref="Operators.Text"/>.</summary>
    public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right) : Expr;
    public sealed record SetLiteral(IReadOnlyList<Expr> Items) : Expr;
    public sealed record CaseBranch(Expr Condition, Expr Result);
    public sealed record CaseExpr(IReadOnlyList<CaseBranch> Branches, Expr Otherwise) : Expr;
    /// <summary><c>fact is given</c>: true when the request gives the fact (or the fact has a default); never unknown.</summary>
    public sealed record GivenExpr(Expr Fact) : Expr;

    // ---- outcomes ----
    public enum OutcomeKind { Permitted, Prohibited, Advisory, RequiresConsent, RequiresNotification, RequiresAssurances, GrantsConsent }

    /// <summary>
    /// What a rule says when its condition holds. Parties are names: a party of the agreement
    /// (<c>JP</c>) or a fact whose value is a party (<c>supplier</c>).
    /// </summary>
    public sealed record RuleOutcome(OutcomeKind Kind, IReadOnlyList<Name> Parties, bool Written, string? Text) : Node
    {
        /// <summary>
        /// The other ways to meet a requirement (<c>requires written notification by JP or consent of US</c>):
        /// Kind, Parties and Written are the first alternative, these the ones after each <c>or</c>. Empty for
        /// every other outcome. Code that reads only the first alternative asks for more than the rule does,
        /// never for less.
        /// </summary>
        public IReadOnlyList<RequirementClause> Alternatives { get; init; } = System.Array.Empty<RequirementClause>();
    }

    /// <summary>One alternative of a requirement: <c>consent of US</c>, <c>written notification by supplier</c>.</summary>
    public sealed record RequirementClause(OutcomeKind Kind, IReadOnlyList<Name> Parties, bool Written) : Node;

    // ---- declarations ----
    public abstract record Declaration : Node;

    public sealed record AgreementDecl(Name Id, string? Title, IReadOnlyList<Name> Parties, string? Source) : Declaration;
    /// <summary>
    /// <c>agreement ID continued { … }</c>: the file's rules belong to an agreement declared in another file
    /// (its parties come from there; Parties is kept only so the checker can point at a stray 'parties').
    /// </summary>
    public sealed record AgreementContinuationDecl(Name Id, string? Title, IReadOnlyList<Name> Parties, string? Source) : Declaration;
    public sealed record TypeDecl(Name Name, TypeExpr Type) : Declaration;
    public sealed record FactDecl(Name Name, TypeExpr Type, Expr? Default, string? Description) : Declaration;
    public sealed record ActivityDecl(Name Name, string? Description) : Declaration;
    public sealed record DefineDecl(Name Name, Expr Body) : Declaration;
    public sealed record SetDecl(Name Name, IReadOnlyList<Expr> Items) : Declaration;
    public sealed record RuleDecl(Name Id, string Citation, Name Activity, Expr? Condition, RuleOutcome Outcome, string? Quote) : Declaration;

    public sealed record FactAssignment(Name Fact, Expr Value);
    public sealed record EvidenceItem(Name Party, bool Written, bool Prior);
    public sealed record ExampleDecl(
        string Title, Name Activity, IReadOnlyList<FactAssignment> Facts,
        IReadOnlyList<EvidenceItem> Consents, IReadOnlyList<EvidenceItem> Notifications, Name Expected) : Declaration;

    /// <summary>One parsed .rules file. Declarations that failed to parse are absent; their errors are in Diagnostics.</summary>
    public sealed record RulesFile(string Path, IReadOnlyList<Declaration> Declarations, IReadOnlyList<RulesDiagnostic> Diagnostics);
}
