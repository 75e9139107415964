using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace AgreementRules.Syntax
{
    // The syntax tree. Every node keeps the span it was parsed from, so the checker, the
    // analyzers and the CLI can point at the exact place in the .rules file.
    // A node's lists are read-only views (ReadOnly.List): the tree is reachable from the public model.
    // Where a record restates a positional property to wrap its list, it restates the ones after it
    // too, so the properties keep their order (the syntax-tree snapshots list them in that order).

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
    public sealed record EnumTypeExpr(IReadOnlyList<Name> Values) : TypeExpr
    {
        public IReadOnlyList<Name> Values { get; init; } = ReadOnly.List(Values);
    }
    public sealed record ListTypeExpr(TypeExpr Element) : TypeExpr;
    public sealed record NamedTypeExpr(Name Name) : TypeExpr;

    // ---- expressions ----
    public abstract record Expr : Node
    {
        /// <summary>Which record this is, for <see cref="ExprVisitor{TArg, TResult}"/>: a new kind of expression must say it.</summary>
        internal abstract ExprKind NodeKind { get; }
    }
    public sealed record NumberLiteral(double Value, string Unit) : Expr { internal override ExprKind NodeKind => ExprKind.Number; }
    public sealed record BoolLiteral(bool Value) : Expr { internal override ExprKind NodeKind => ExprKind.Bool; }
    public sealed record StringLiteral(string Value) : Expr { internal override ExprKind NodeKind => ExprKind.String; }
    /// <summary>A fact, a definition, a data set or an enum value: the checker decides which.</summary>
    public sealed record NameExpr(string Text) : Expr { internal override ExprKind NodeKind => ExprKind.Name; }
    public sealed record NotExpr(Expr Operand) : Expr { internal override ExprKind NodeKind => ExprKind.Not; }
    /// <summary>What the operator means is in <see cref="Operators"/>; its text is <see cref="Operators.Text"/>.</summary>
    public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right) : Expr { internal override ExprKind NodeKind => ExprKind.Binary; }
    public sealed record SetLiteral(IReadOnlyList<Expr> Items) : Expr
    {
        public IReadOnlyList<Expr> Items { get; init; } = ReadOnly.List(Items);
        internal override ExprKind NodeKind => ExprKind.Set;
    }
    public sealed record CaseBranch(Expr Condition, Expr Result);
    public sealed record CaseExpr(IReadOnlyList<CaseBranch> Branches, Expr Otherwise) : Expr
    {
        public IReadOnlyList<CaseBranch> Branches { get; init; } = ReadOnly.List(Branches);
        public Expr Otherwise { get; init; } = Otherwise;
        internal override ExprKind NodeKind => ExprKind.Case;
    }
    /// <summary><c>fact is given</c>: true when the request gives the fact (or the fact has a default); never unknown.</summary>
    public sealed record GivenExpr(Expr Fact) : Expr { internal override ExprKind NodeKind => ExprKind.Given; }

    // ---- outcomes ----
    public enum OutcomeKind { Permitted, Prohibited, Advisory, RequiresConsent, RequiresNotification, RequiresAssurances, GrantsConsent }

    /// <summary>
    /// What a rule says when its condition holds. Parties are names: a party of the agreement
    /// (<c>JP</c>) or a fact whose value is a party (<c>supplier</c>).
    /// </summary>
    public sealed record RuleOutcome(OutcomeKind Kind, IReadOnlyList<Name> Parties, bool Written, string? Text) : Node
    {
        public IReadOnlyList<Name> Parties { get; init; } = ReadOnly.List(Parties);
        public bool Written { get; init; } = Written;
        public string? Text { get; init; } = Text;

        /// <summary>
        /// The other ways to meet a requirement (<c>requires written notification by JP or consent of US</c>):
        /// Kind, Parties and Written are the first alternative, these the ones after each <c>or</c>. Empty for
        /// every other outcome. Code that reads only the first alternative asks for more than the rule does,
        /// never for less.
        /// </summary>
        public IReadOnlyList<RequirementClause> Alternatives { get => alternatives; init => alternatives = ReadOnly.List(value); }
        private readonly IReadOnlyList<RequirementClause> alternatives = ReadOnly.Empty<RequirementClause>();
    }

    /// <summary>One alternative of a requirement: <c>consent of US</c>, <c>written notification by supplier</c>.</summary>
    public sealed record RequirementClause(OutcomeKind Kind, IReadOnlyList<Name> Parties, bool Written) : Node
    {
        public IReadOnlyList<Name> Parties { get; init; } = ReadOnly.List(Parties);
        public bool Written { get; init; } = Written;
    }

    // ---- declarations ----
    public abstract record Declaration : Node;

    public sealed record AgreementDecl(Name Id, string? Title, IReadOnlyList<Name> Parties, string? Source) : Declaration
    {
        public IReadOnlyList<Name> Parties { get; init; } = ReadOnly.List(Parties);
        public string? Source { get; init; } = Source;
    }

    /// <summary>
    /// <c>agreement ID continued { … }</c>: the file's rules belong to an agreement declared in another file
    /// (its parties come from there; Parties is kept only so the checker can point at a stray 'parties').
    /// </summary>
    public sealed record AgreementContinuationDecl(Name Id, string? Title, IReadOnlyList<Name> Parties, string? Source) : Declaration
    {
        public IReadOnlyList<Name> Parties { get; init; } = ReadOnly.List(Parties);
        public string? Source { get; init; } = Source;
    }

    public sealed record TypeDecl(Name Name, TypeExpr Type) : Declaration;
    public sealed record FactDecl(Name Name, TypeExpr Type, Expr? Default, string? Description) : Declaration;
    public sealed record ActivityDecl(Name Name, string? Description) : Declaration;
    public sealed record DefineDecl(Name Name, Expr Body) : Declaration;
    public sealed record SetDecl(Name Name, IReadOnlyList<Expr> Items) : Declaration
    {
        public IReadOnlyList<Expr> Items { get; init; } = ReadOnly.List(Items);
    }

    public sealed record RuleDecl(Name Id, string Citation, Name Activity, Expr? Condition, RuleOutcome Outcome, string? Quote) : Declaration
    {
        /// <summary>
        /// The overlaps with other rules the author says are intended (<c>overlaps OTHER, … because "reason"</c>), after the
        /// quote. They only silence the overlap warning (AGR0017) for the rules they name; no answer reads them.
        /// </summary>
        public IReadOnlyList<OverlapAcknowledgement> Overlaps { get => overlaps; init => overlaps = ReadOnly.List(value); }
        private readonly IReadOnlyList<OverlapAcknowledgement> overlaps = ReadOnly.Empty<OverlapAcknowledgement>();
    }

    /// <summary>
    /// <c>overlaps OTHER, … because "reason"</c>: this rule applies together with each named rule on purpose, for the
    /// stated reason (an auditor reads it in <c>report</c>). Each rule is named, so an overlap with a rule not named is
    /// still reported; one that names a rule which no longer overlaps is reported too (AGR0018).
    /// </summary>
    public sealed record OverlapAcknowledgement(IReadOnlyList<Name> Rules, string Reason) : Node
    {
        public IReadOnlyList<Name> Rules { get; init; } = ReadOnly.List(Rules);
        public string Reason { get; init; } = Reason;
    }

    public sealed record FactAssignment(Name Fact, Expr Value);
    public sealed record EvidenceItem(Name Party, bool Written, bool Prior);
    public sealed record ExampleDecl(
        string Title, Name Activity, IReadOnlyList<FactAssignment> Facts,
        IReadOnlyList<EvidenceItem> Consents, IReadOnlyList<EvidenceItem> Notifications, Name Expected) : Declaration
    {
        public IReadOnlyList<FactAssignment> Facts { get; init; } = ReadOnly.List(Facts);
        public IReadOnlyList<EvidenceItem> Consents { get; init; } = ReadOnly.List(Consents);
        public IReadOnlyList<EvidenceItem> Notifications { get; init; } = ReadOnly.List(Notifications);
        public Name Expected { get; init; } = Expected;
    }

    /// <summary>One parsed .rules file. Declarations that failed to parse are absent; their errors are in Diagnostics.</summary>
    public sealed record RulesFile(string Path, IReadOnlyList<Declaration> Declarations, IReadOnlyList<RulesDiagnostic> Diagnostics)
    {
        public IReadOnlyList<Declaration> Declarations { get; init; } = ReadOnly.List(Declarations);
        public IReadOnlyList<RulesDiagnostic> Diagnostics { get; init; } = ReadOnly.List(Diagnostics);
    }

    /// <summary>
    /// The lists a syntax tree holds, as read-only views: the parser builds them as lists, and the tree (reachable
    /// from the public checked model) must not let a caller change them.
    /// </summary>
    internal static class ReadOnly
    {
        public static IReadOnlyList<T> List<T>(IReadOnlyList<T> items) => items switch
        {
            ReadOnlyCollection<T> => items,
            null => throw new System.ArgumentNullException(nameof(items)),
            _ when items.Count == 0 => EmptyList<T>.Instance,
            IList<T> list => new ReadOnlyCollection<T>(list),
            _ => new ReadOnlyCollection<T>(new List<T>(items)),
        };

        public static IReadOnlyList<T> Empty<T>() => EmptyList<T>.Instance;

        private static class EmptyList<T>
        {
            public static readonly ReadOnlyCollection<T> Instance = new(new T[0]);
        }
    }
}
