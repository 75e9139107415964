using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// The grammar of .rules files as small named Sprache parsers, built once, bottom-up:
    /// lexical pieces (trivia, keywords, names, literals) first, then expressions, then declarations.
    /// Spans come from the input position, so every node knows where it was written.
    /// </summary>
    internal static class Grammar
    {
        // The path of the file being parsed, stamped into every span. Parsers are static (built once),
        // so the path travels beside them rather than through them.
        [ThreadStatic] internal static string? CurrentPath;

        // Sprache parses each declaration as its own string (its Input cannot start mid-text), so
        // spans are shifted back to where the declaration stands in the file. Chunks start at a line start.
        [ThreadStatic] internal static int ChunkOffset;
        [ThreadStatic] internal static int ChunkLine;

        // ---------- lexical layer ----------

        private static readonly Parser<string> Comment =
            from hash in Parse.Char('#')
            from text in Parse.CharExcept('\n').Many().Text()
            select text;

        private static readonly Parser<int> Trivia =
            Parse.WhiteSpace.Return(0).Or(Comment.Return(0)).Many().Return(0);

        private static Parser<T> Tok<T>(Parser<T> parser) =>
            from leading in Trivia
            from value in parser
            from trailing in Trivia
            select value;

        private static readonly Parser<SourceSpan> Here = input =>
            Result.Success(new SourceSpan(CurrentPath ?? "", ChunkOffset + input.Position, 0, ChunkLine + input.Line - 1, input.Column), input);

        /// <summary>Runs <paramref name="parser"/> and stamps the span it covered onto the node.</summary>
        private static Parser<T> Spanned<T>(Parser<T> parser) where T : Node =>
            from leading in Trivia
            from start in Here
            from node in parser
            from end in Here
            select (T)node.WithSpan(start with { Length = end.Start - start.Start });

        private static readonly Parser<char> NameChar = Parse.LetterOrDigit.Or(Parse.Char('_'));

        // A hyphen belongs to a name only when a letter or digit follows it: `heavy-water` is one
        // name, `a - b` is a subtraction.
        private static readonly Parser<string> NameTail =
            NameChar.Once().Text()
                .Or(from hyphen in Parse.Char('-') from next in NameChar select "-" + next);

        internal static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
        {
            "and", "or", "not", "in", "has", "case", "when", "then", "else", "end", "true", "false",
        };

        private static readonly Parser<string> RawName =
            (from first in Parse.Letter
             from rest in NameTail.Many()
             select first + string.Concat(rest)).Named("a name");

        internal static Parser<string> Keyword(string word) =>
            Tok(from text in Parse.String(word).Text()
                from boundary in NameTail.Not()
                select text).Named($"'{word}'");

        private static readonly Parser<Name> NameNode =
            Spanned(from text in RawName.Where(t => !Reserved.Contains(t))
                    select new Name(text)).Named("a name");

        /// <summary>
        /// An optional clause introduced by a keyword: absent when the keyword is absent, but once the
        /// keyword is there its body must parse, so the error points into the body rather than past it.
        /// </summary>
        private static Parser<T?> Clause<T>(string keyword, Parser<T> body) where T : class
        {
            var introducer = Keyword(keyword);
            return input =>
            {
                var k = introducer(input);
                if (!k.WasSuccessful) return Result.Success<T?>(null, input);
                var b = body(k.Remainder);
                return b.WasSuccessful
                    ? Result.Success<T?>(b.Value, b.Remainder)
                    : Result.Failure<T?>(b.Remainder, b.Message, b.Expectations);
            };
        }

        private static Parser<char> Sym(char c) => Tok(Parse.Char(c)).Named($"'{c}'");

        private static readonly Parser<string> StringText =
            Tok(from open in Parse.Char('"')
                from chars in Parse.Char('\\').Then(_ => Parse.AnyChar).Or(Parse.CharExcept('"')).Many().Text()
                from close in Parse.Char('"').Named("a closing '\"'")
                select chars).Named("a quoted text");

        private static readonly Parser<string> Digits = Parse.Digit.AtLeastOnce().Text();

        private static readonly Parser<double> Number =
            from whole in Digits
            from fraction in Parse.Char('.').Then(_ => Digits).Optional()
            select double.Parse(fraction.IsDefined ? whole + "." + fraction.Get() : whole, CultureInfo.InvariantCulture);

        /// <summary>Units a number may carry. Masses are normalised to grams by the checker.</summary>
        private static readonly Parser<string> Unit =
            Tok(Parse.Char('%').Return("%")).Or(Keyword("kg")).Or(Keyword("g")).Named("a unit (%, g or kg)");

        // ---------- expressions ----------

        private static readonly Parser<Expr> NumberLit =
            Spanned(from value in Tok(Number)
                    from unit in Unit.Optional()
                    select (Expr)new NumberLiteral(value, unit.GetOrElse(""))).Named("a number");

        private static readonly Parser<Expr> BoolLit =
            Spanned(Keyword("true").Return((Expr)new BoolLiteral(true))
                .Or(Keyword("false").Return((Expr)new BoolLiteral(false))));

        private static readonly Parser<Expr> StringLit = Spanned(StringText.Select(s => (Expr)new StringLiteral(s)));

        private static readonly Parser<Expr> NameRef =
            Spanned(from name in Tok(RawName.Where(t => !Reserved.Contains(t))) select (Expr)new NameExpr(name)).Named("a name");

        private static readonly Parser<Expr> SetLit =
            Spanned(from open in Sym('{')
                    from items in Parse.Ref(() => Additive).DelimitedBy(Sym(',')).Optional()
                    from close in Sym('}')
                    select (Expr)new SetLiteral(items.GetOrElse(Enumerable.Empty<Expr>()).ToList())).Named("a set { … }");

        private static readonly Parser<CaseBranch> Branch =
            from when in Keyword("when")
            from condition in Parse.Ref(() => Expression)
            from then in Keyword("then")
            from result in Parse.Ref(() => Expression)
            select new CaseBranch(condition, result);

        private static readonly Parser<Expr> Case =
            Spanned(from keyword in Keyword("case")
                    from branches in Branch.AtLeastOnce()
                    from otherwise in Keyword("else").Then(_ => Parse.Ref(() => Expression))
                    from end in Keyword("end")
                    select (Expr)new CaseExpr(branches.ToList(), otherwise)).Named("case … end");

        private static readonly Parser<Expr> Parenthesised =
            from open in Sym('(')
            from inner in Parse.Ref(() => Expression)
            from close in Sym(')')
            select inner;

        private static readonly Parser<Expr> Primary =
            NumberLit.Or(BoolLit).Or(StringLit).Or(SetLit).Or(Case).Or(Parenthesised).Or(NameRef)
                .Named("a value, a name or '('");

        private static Parser<Expr> Binary(Parser<string> op, Parser<Expr> operand) =>
            Parse.ChainOperator(op, operand, (o, l, r) => new BinaryExpr(o, l, r) { Span = Cover(l.Span, r.Span) });

        private static SourceSpan Cover(SourceSpan a, SourceSpan b) => a with { Length = b.Start + b.Length - a.Start };

        private static readonly Parser<Expr> Multiplicative =
            Binary(Tok(Parse.Char('*').Or(Parse.Char('/')).Select(c => c.ToString())), Primary);

        private static readonly Parser<Expr> Additive =
            Binary(Tok(Parse.Char('+').Or(Parse.Char('-')).Select(c => c.ToString())), Multiplicative);

        private static readonly Parser<string> ComparisonOperator =
            Tok(Parse.String("==").Or(Parse.String("!=")).Or(Parse.String("<=")).Or(Parse.String(">="))
                    .Or(Parse.String("<")).Or(Parse.String(">")).Text())
                .Or(Keyword("in")).Or(Keyword("has"))
                .Named("a comparison (==, !=, <, <=, >, >=, in, has)");

        // `fact is given`: once 'is' is there, 'given' must follow, so the error points at what follows 'is'.
        private static readonly Parser<Name?> IsGiven = Clause("is", Spanned(Keyword("given").Return(new Name("given"))));
        private static readonly Parser<Name?> NoIsGiven = Parse.Return((Name?)null);

        private static readonly Parser<Expr> Comparison =
            from left in Additive
            from rest in (from op in ComparisonOperator from right in Additive select (op, right)).Optional()
            from given in rest.IsDefined ? NoIsGiven : IsGiven
            select rest.IsDefined
                ? new BinaryExpr(rest.Get().op, left, rest.Get().right) { Span = Cover(left.Span, rest.Get().right.Span) }
                : given != null ? new GivenExpr(left) { Span = Cover(left.Span, given.Span) } : left;

        private static readonly Parser<Expr> Negation =
            Spanned(from keyword in Keyword("not")
                    from operand in Parse.Ref(() => Negation)
                    select (Expr)new NotExpr(operand))
                .Or(Comparison);

        private static readonly Parser<Expr> Conjunction = Binary(Keyword("and"), Negation);

        internal static readonly Parser<Expr> Expression = Binary(Keyword("or"), Conjunction).Named("an expression");

        // ---------- types ----------

        private static readonly Parser<TypeExpr> TypeParser =
            Spanned(Keyword("bool").Return((TypeExpr)new BoolTypeExpr())
                .Or(Keyword("text").Return((TypeExpr)new TextTypeExpr()))
                .Or(from keyword in Keyword("number")
                    from unit in Unit.Optional()
                    select (TypeExpr)new NumberTypeExpr(unit.GetOrElse("")))
                .Or(from keyword in Keyword("enum")
                    from open in Sym('{')
                    from values in NameNode.DelimitedBy(Sym(','))
                    from close in Sym('}')
                    select (TypeExpr)new EnumTypeExpr(values.ToList()))
                .Or(from keyword in Keyword("list")
                    from of in Keyword("of")
                    from element in Parse.Ref(() => TypeParser)
                    select (TypeExpr)new ListTypeExpr(element))
                .Or(NameNode.Select(n => (TypeExpr)new NamedTypeExpr(n))))
            .Named("a type (bool, text, number %, enum { … }, list of …, or a type name)");

        // ---------- declarations ----------

        private static readonly Parser<IEnumerable<Name>> NameList = NameNode.DelimitedBy(Sym(','));

        private static readonly Parser<(string key, object value)> AgreementClause =
            Keyword("title").Then(_ => StringText).Select(t => ("title", (object)t))
                .Or(Keyword("source").Then(_ => StringText).Select(t => ("source", (object)t)))
                .Or(Keyword("parties").Then(_ => NameList).Select(p => ("parties", (object)p.ToList())));

        // `agreement ID { … }` declares an agreement; `agreement ID continued { … }` puts this file's rules
        // under an agreement declared in another file (e.g. an implementing arrangement beside its agreement).
        private static readonly Parser<Declaration> Agreement =
            Spanned(from keyword in Keyword("agreement")
                    from id in NameNode
                    from continued in Keyword("continued").Optional()
                    from open in Sym('{')
                    from clauses in AgreementClause.Many()
                    from close in Sym('}').Named("'}' or one of title, parties, source")
                    let all = clauses.ToList()
                    let title = all.Where(c => c.key == "title").Select(c => (string)c.value).FirstOrDefault()
                    let parties = all.Where(c => c.key == "parties").SelectMany(c => (List<Name>)c.value).ToList()
                    let source = all.Where(c => c.key == "source").Select(c => (string)c.value).FirstOrDefault()
                    select continued.IsDefined
                        ? (Declaration)new AgreementContinuationDecl(id, title, parties, source)
                        : new AgreementDecl(id, title, parties, source));

        private static readonly Parser<Declaration> TypeDeclaration =
            Spanned(from keyword in Keyword("type")
                    from name in NameNode
                    from eq in Sym('=')
                    from type in TypeParser
                    select (Declaration)new TypeDecl(name, type));

        private static readonly Parser<Declaration> Fact =
            Spanned(from keyword in Keyword("fact")
                    from name in NameNode
                    from colon in Sym(':')
                    from type in TypeParser
                    from defaultValue in Clause("default", Expression)
                    from description in StringText.Optional()
                    select (Declaration)new FactDecl(name, type, defaultValue, description.GetOrDefault()));

        private static readonly Parser<Declaration> ActivityDeclaration =
            Spanned(from keyword in Keyword("activity")
                    from name in NameNode
                    from description in StringText.Optional()
                    select (Declaration)new ActivityDecl(name, description.GetOrDefault()));

        private static readonly Parser<Declaration> Define =
            Spanned(from keyword in Keyword("define")
                    from name in NameNode
                    from eq in Sym('=')
                    from body in Expression
                    select (Declaration)new DefineDecl(name, body));

        private static readonly Parser<Declaration> DataSet =
            Spanned(from keyword in Keyword("set")
                    from name in NameNode
                    from eq in Sym('=')
                    from open in Sym('{')
                    from items in Additive.DelimitedBy(Sym(',')).Optional()
                    from close in Sym('}')
                    select (Declaration)new SetDecl(name, items.GetOrElse(Enumerable.Empty<Expr>()).ToList()));

        private static readonly Parser<(bool written, string kind)> RequirementKind =
            from written in Keyword("written").Optional()
            from kind in Keyword("consent").Or(Keyword("notification"))
            select (written.IsDefined, kind);

        private static readonly Parser<RuleOutcome> OutcomeParser =
            Spanned(Keyword("permitted").Return(new RuleOutcome(OutcomeKind.Permitted, Array.Empty<Name>(), false, null))
                .Or(Keyword("prohibited").Return(new RuleOutcome(OutcomeKind.Prohibited, Array.Empty<Name>(), false, null)))
                .Or(from keyword in Keyword("advisory")
                    from text in StringText
                    select new RuleOutcome(OutcomeKind.Advisory, Array.Empty<Name>(), false, text))
                .Or(from keyword in Keyword("grants")
                    from consent in Keyword("consent")
                    from of in Keyword("of")
                    from parties in NameList
                    select new RuleOutcome(OutcomeKind.GrantsConsent, parties.ToList(), false, null))
                .Or(from keyword in Keyword("requires")
                    from what in
                        (from assurances in Keyword("assurances")
                         from orWord in Keyword("or")
                         from consent in Keyword("consent")
                         from of in Keyword("of")
                         from parties in NameList
                         select new RuleOutcome(OutcomeKind.RequiresAssurances, parties.ToList(), false, null))
                        .Or(from kind in RequirementKind
                            from preposition in kind.kind == "consent" ? Keyword("of") : Keyword("by")
                            from parties in NameList
                            select new RuleOutcome(
                                kind.kind == "consent" ? OutcomeKind.RequiresConsent : OutcomeKind.RequiresNotification,
                                parties.ToList(), kind.written, null))
                    select what))
            .Named("an outcome (permitted, prohibited, requires …, grants consent of …, advisory \"…\")");

        private static readonly Parser<Declaration> Rule =
            Spanned(from keyword in Keyword("rule")
                    from id in NameNode
                    from cites in Keyword("cites")
                    from citation in StringText
                    from onWord in Keyword("on")
                    from activity in NameNode
                    from condition in Clause("when", Expression)
                    from then in Keyword("then")
                    from outcome in OutcomeParser
                    from quote in Clause("quote", StringText)
                    select (Declaration)new RuleDecl(id, citation, activity, condition, outcome, quote));

        private static readonly Parser<FactAssignment> Assignment =
            from fact in NameNode
            from eq in Sym('=')
            from value in Additive
            select new FactAssignment(fact, value);

        private static readonly Parser<string> EvidenceModifier = Keyword("oral").Or(Keyword("after"));

        private static readonly Parser<EvidenceItem> EvidenceEntry =
            from party in NameNode
            from modifiers in (from open in Sym('(')
                               from list in EvidenceModifier.DelimitedBy(Sym(','))
                               from close in Sym(')')
                               select list.ToList()).Optional()
            let mods = modifiers.GetOrElse(new List<string>())
            select new EvidenceItem(party, !mods.Contains("oral"), !mods.Contains("after"));

        private static readonly Parser<Declaration> Example =
            Spanned(from keyword in Keyword("example")
                    from title in StringText
                    from open in Sym('{')
                    from activity in NameNode
                    from facts in Assignment.DelimitedBy(Sym(',')).Optional()
                    from consents in Clause("consents", EvidenceEntry.DelimitedBy(Sym(',')))
                    from notifications in Clause("notifications", EvidenceEntry.DelimitedBy(Sym(',')))
                    from expect in Keyword("expect")
                    from expected in NameNode
                    from close in Sym('}')
                    select (Declaration)new ExampleDecl(
                        title, activity,
                        facts.GetOrElse(Enumerable.Empty<FactAssignment>()).ToList(),
                        (consents ?? Enumerable.Empty<EvidenceItem>()).ToList(),
                        (notifications ?? Enumerable.Empty<EvidenceItem>()).ToList(),
                        expected));

        /// <summary>Words that start a declaration; they must stand at the start of a line.</summary>
        internal static readonly string[] DeclarationKeywords =
            { "agreement", "type", "fact", "activity", "define", "set", "rule", "example" };

        internal static readonly Parser<Declaration> Declaration =
            Agreement.Or(TypeDeclaration).Or(Fact).Or(ActivityDeclaration).Or(Define).Or(DataSet).Or(Rule).Or(Example)
                .Named("a declaration (" + string.Join(", ", DeclarationKeywords) + ")");

        internal static readonly Parser<int> TrailingTrivia = Trivia;
    }
}
