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

        /// <summary>A parser defined later in this class (recursion), resolved on first use, without Sprache's memo table.</summary>
        /// The reference is typed nullable because a static field read before its initializer ran is null
        /// to the compiler's flow analysis (a warning, an error in CI); by first use every field is set.
        private static Parser<T> Later<T>(Func<Parser<T>?> reference)
        {
            Parser<T>? parser = null;
            return input => (parser ??= reference() ?? throw new InvalidOperationException("grammar used before it was built"))(input);
        }

        // ---------- lexical layer: see Lexer ----------

        private static readonly Parser<SourceSpan> Here = input =>
            Result.Success(new SourceSpan(CurrentPath ?? "", input.Position, 0, input.Line, input.Column), input);

        /// <summary>Runs <paramref name="parser"/> and stamps the span it covered onto the node.</summary>
        private static Parser<T> Spanned<T>(Parser<T> parser) where T : Node =>
            from leading in Lexer.Trivia
            from start in Here
            from node in parser
            from end in Here
            select (T)node.WithSpan(start with { Length = end.Start - start.Start });

        internal static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
        {
            "and", "or", "not", "in", "has", "case", "when", "then", "else", "end", "true", "false",
        };

        internal static Parser<string> Keyword(string word) => Lexer.Keyword(word);

        private static readonly Parser<Name> NameNode = Spanned(Lexer.Name.Select(text => new Name(text)));

        /// <summary>
        /// An optional clause introduced by a keyword: absent when the keyword is absent, but once the
        /// keyword is there its body must parse, so the error points into the body rather than past it.
        /// </summary>
        private static Parser<T?> Clause<T>(string keyword, Parser<T> body) where T : class => Clause(Keyword(keyword), body);

        /// <summary>An optional clause introduced by <paramref name="introducer"/> (a keyword, or a bracket): committed once it is there.</summary>
        private static Parser<T?> Clause<TIntroducer, T>(Parser<TIntroducer> introducer, Parser<T> body) where T : class
        {
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

        /// <summary>
        /// Names what <paramref name="parser"/> reads, for the "expected …" of a failure on its first token.
        /// Sprache's own Named compares the failure with where the parser started, which is before the
        /// trivia that the lexemes skip, so it never applied; this compares with where the token starts.
        /// </summary>
        private static Parser<T> Expecting<T>(Parser<T> parser, string name) => input =>
        {
            var result = parser(input);
            if (result.WasSuccessful) return result;
            var t = (TextInput)input;
            return result.Remainder.Position == Lexer.SkipTrivia(t.Source, t.Position, t.End)
                ? Result.Failure<T>(result.Remainder, result.Message, new[] { name })
                : result;
        };

        private static Parser<char> Sym(char c) => Lexer.Symbol(c);

        private static readonly Parser<string> StringText = Lexer.QuotedText;

        /// <summary>An optional quoted text (a description): absent when no '"' follows, but a text once opened must close.</summary>
        private static readonly Parser<string?> OptionalText = input =>
        {
            var t = (TextInput)input;
            var at = Lexer.SkipTrivia(t.Source, t.Position, t.End);
            if (at >= t.End || t.Source[at] != '"') return Result.Success<string?>(null, input);
            var text = StringText(input);
            return text.WasSuccessful
                ? Result.Success<string?>(text.Value, text.Remainder)
                : Result.Failure<string?>(text.Remainder, text.Message, text.Expectations);
        };

        /// <summary>Units a number may carry. Masses are normalised to grams by the checker.</summary>
        private static readonly Parser<string> Unit = Lexer.Operator("a unit (%, g or kg)", "%", "kg", "g");

        /// <summary>
        /// Chooses a parser by the first character of the next token, so alternatives never backtrack. A choice
        /// that fails on its first token says what was expected there as a whole ("a value, a name or '('"),
        /// not which of its alternatives did not match ('true' or 'false' or 'case' or a name).
        /// </summary>
        private static Parser<T> ByFirstChar<T>(Func<char, Parser<T>?> choose, string expected) => input =>
        {
            var t = (TextInput)input;
            var at = Lexer.SkipTrivia(t.Source, t.Position, t.End);
            var parser = choose(at < t.End ? t.Source[at] : '\0');
            if (parser == null)
                return Result.Failure<T>(t.AdvanceTo(at), "unexpected " + Lexer.Describe(t.Source, at, t.End), new[] { expected });
            var result = parser(input);
            return !result.WasSuccessful && result.Remainder.Position == at
                ? Result.Failure<T>(result.Remainder, result.Message, new[] { expected })
                : result;
        };

        /// <summary>The next word, if the input continues with one (keywords are words too).</summary>
        private static string? NextWord(IInput input)
        {
            var t = (TextInput)input;
            var at = Lexer.SkipTrivia(t.Source, t.Position, t.End);
            var stop = Lexer.ScanName(t.Source, at, t.End);
            return stop > 0 ? t.Source.Substring(at, stop - at) : null;
        }

        private static bool NextCharIs(IInput input, char c)
        {
            var t = (TextInput)input;
            var at = Lexer.SkipTrivia(t.Source, t.Position, t.End);
            return at < t.End && t.Source[at] == c;
        }

        private static IResult<TOut> Fail<TIn, TOut>(IResult<TIn> failure) =>
            Result.Failure<TOut>(failure.Remainder, failure.Message, failure.Expectations);

        /// <summary>
        /// Items separated by <paramref name="separator"/>. Committed: once a separator is read an item
        /// must follow, so an error points at the bad item rather than at the list's start. With
        /// <paramref name="closer"/>, the list may be empty when that character comes next.
        /// </summary>
        private static Parser<List<T>> ListOf<T>(Parser<T> item, Parser<char> separator, char? closer = null) => input =>
        {
            var items = new List<T>();
            if (closer is { } c && NextCharIs(input, c)) return Result.Success(items, input);
            var next = item(input);
            if (!next.WasSuccessful) return Fail<T, List<T>>(next);
            items.Add(next.Value);
            var rest = next.Remainder;
            while (true)
            {
                var sep = separator(rest);
                if (!sep.WasSuccessful) return Result.Success(items, rest);
                next = item(sep.Remainder);
                if (!next.WasSuccessful) return Fail<T, List<T>>(next);
                items.Add(next.Value);
                rest = next.Remainder;
            }
        };

        /// <summary>
        /// Zero or more of <paramref name="item"/>, each introduced by one of <paramref name="keywords"/>:
        /// once the keyword is there the item must parse, so an error points into it.
        /// </summary>
        private static Parser<List<T>> ManyIntroduced<T>(Parser<T> item, params string[] keywords) => input =>
        {
            var items = new List<T>();
            var rest = input;
            while (NextWord(rest) is { } word && Array.IndexOf(keywords, word) >= 0)
            {
                var next = item(rest);
                if (!next.WasSuccessful) return Fail<T, List<T>>(next);
                items.Add(next.Value);
                rest = next.Remainder;
            }
            return Result.Success(items, rest);
        };

        // ---------- expressions ----------

        private static readonly Parser<Expr> NumberLit = Expecting(
            Spanned(from value in Lexer.Number
                    from unit in Unit.Optional()
                    select (Expr)new NumberLiteral(value, unit.GetOrElse(""))), "a number");

        private static readonly Parser<Expr> BoolLit =
            Spanned(Keyword("true").Return((Expr)new BoolLiteral(true))
                .Or(Keyword("false").Return((Expr)new BoolLiteral(false))));

        private static readonly Parser<Expr> StringLit = Spanned(StringText.Select(s => (Expr)new StringLiteral(s)));

        private static readonly Parser<Expr> NameRef = Spanned(Lexer.Name.Select(name => (Expr)new NameExpr(name)));

        private static readonly Parser<Expr> SetLit = Expecting(
            Spanned(from open in Sym('{')
                    from items in ListOf(Later(() => Additive), Sym(','), closer: '}')
                    from close in Sym('}')
                    select (Expr)new SetLiteral(items)), "a set { … }");

        private static readonly Parser<CaseBranch> Branch =
            from when in Keyword("when")
            from condition in Later(() => Expression)
            from then in Keyword("then")
            from result in Later(() => Expression)
            select new CaseBranch(condition, result);

        private static readonly Parser<Expr> Case = Expecting(
            Spanned(from keyword in Keyword("case")
                    from first in Branch
                    from more in ManyIntroduced(Branch, "when")
                    let branches = new[] { first }.Concat(more)
                    from otherwise in Keyword("else").Then(_ => Later(() => Expression))
                    from end in Keyword("end")
                    select (Expr)new CaseExpr(branches.ToList(), otherwise)), "case … end");

        // The expression's span takes in its brackets, so '(a - b) / 2' spans from '(' and not from 'a'.
        private static readonly Parser<Expr> Parenthesised =
            Spanned(from open in Sym('(')
                    from inner in Later(() => Expression)
                    from close in Sym(')')
                    select inner);

        private static readonly Parser<Expr> WordPrimary = BoolLit.Or(Case).Or(NameRef);

        private static readonly Parser<Expr> Primary = ByFirstChar(c =>
            char.IsDigit(c) ? NumberLit
            : c == '"' ? StringLit
            : c == '{' ? SetLit
            : c == '(' ? Parenthesised
            : char.IsLetter(c) ? WordPrimary
            : null, "a value, a name or '('");

        /// <summary>
        /// A chain <c>operand (op operand)*</c>, read in a loop. Committed: once an operator is read its
        /// right operand must follow, so <c>x &gt; -5</c> is reported at '-' (nothing in the grammar can
        /// use an operator the chain leaves behind). Arithmetic chains associate to the left;
        /// <paramref name="balanced"/> chains ('and', 'or', which Kleene logic makes associative) are
        /// built as balanced trees, so a long list of alternatives does not make the checker, the
        /// compiler or the evaluator recurse once per operand.
        /// </summary>
        private static Parser<Expr> Binary(Parser<string> op, Parser<Expr> operand, bool balanced = false) => input =>
        {
            var first = operand(input);
            if (!first.WasSuccessful) return first;
            var operands = new List<Expr> { first.Value };
            var operators = new List<string>();
            var rest = first.Remainder;
            while (true)
            {
                var o = op(rest);
                if (!o.WasSuccessful) break;
                var right = operand(o.Remainder);
                if (!right.WasSuccessful) return right;
                operators.Add(o.Value);
                operands.Add(right.Value);
                rest = right.Remainder;
            }
            // A balanced chain has one operator ('and' or 'or'), so any of them names it.
            if (balanced && operators.Count > 0) return Result.Success(Balance(operators[0], operands, 0, operands.Count), rest);
            var left = operands[0];
            for (var i = 0; i < operators.Count; i++)
                left = new BinaryExpr(operators[i], left, operands[i + 1]) { Span = Cover(left.Span, operands[i + 1].Span) };
            return Result.Success(left, rest);
        };

        private static Expr Balance(string op, List<Expr> operands, int from, int to)
        {
            if (to - from == 1) return operands[from];
            var middle = from + (to - from) / 2;
            var left = Balance(op, operands, from, middle);
            var right = Balance(op, operands, middle, to);
            return new BinaryExpr(op, left, right) { Span = Cover(left.Span, right.Span) };
        }

        private static SourceSpan Cover(SourceSpan a, SourceSpan b) => a with { Length = b.Start + b.Length - a.Start };

        private static readonly Parser<Expr> Multiplicative =
            Binary(Lexer.Operator("'*' or '/'", "*", "/"), Primary);

        private static readonly Parser<Expr> Additive =
            Binary(Lexer.Operator("'+' or '-'", "+", "-"), Multiplicative);

        private static readonly Parser<string> ComparisonOperator =
            Lexer.Operator("a comparison (==, !=, <, <=, >, >=, in, has)", "==", "!=", "<=", ">=", "<", ">", "in", "has");

        // `fact is given`: once 'is' is there, 'given' must follow, so the error points at what follows 'is'.
        private static readonly Parser<Name?> IsGiven = Clause("is", Spanned(Keyword("given").Return(new Name("given"))));
        private static readonly Parser<Name?> NoIsGiven = Parse.Return((Name?)null);

        // One comparison, not a chain (a < b < c is an error); once the operator is there its right side must follow.
        private static readonly Parser<(string op, Expr right)?> ComparisonRest = input =>
        {
            var op = ComparisonOperator(input);
            if (!op.WasSuccessful) return Result.Success<(string, Expr)?>(null, input);
            var right = Additive(op.Remainder);
            return right.WasSuccessful
                ? Result.Success<(string, Expr)?>((op.Value, right.Value), right.Remainder)
                : Fail<Expr, (string, Expr)?>(right);
        };

        private static readonly Parser<Expr> Comparison =
            from left in Additive
            from rest in ComparisonRest
            from given in rest != null ? NoIsGiven : IsGiven
            select rest is { } r
                ? new BinaryExpr(r.op, left, r.right) { Span = Cover(left.Span, r.right.Span) }
                : given != null ? new GivenExpr(left) { Span = Cover(left.Span, given.Span) } : left;

        private static readonly Parser<Expr> Negation =
            Spanned(from keyword in Keyword("not")
                    from operand in Later(() => Negation)
                    select (Expr)new NotExpr(operand))
                .Or(Comparison);

        private static readonly Parser<Expr> Conjunction = Binary(Keyword("and"), Negation, balanced: true);

        internal static readonly Parser<Expr> Expression = Expecting(Binary(Keyword("or"), Conjunction, balanced: true), "an expression");

        // ---------- types ----------

        private static readonly Parser<TypeExpr> BoolType = Keyword("bool").Return((TypeExpr)new BoolTypeExpr());
        private static readonly Parser<TypeExpr> TextType = Keyword("text").Return((TypeExpr)new TextTypeExpr());

        private static readonly Parser<TypeExpr> NumberType =
            from keyword in Keyword("number")
            from unit in Unit.Optional()
            select (TypeExpr)new NumberTypeExpr(unit.GetOrElse(""));

        private static readonly Parser<TypeExpr> EnumType =
            from keyword in Keyword("enum")
            from open in Sym('{')
            from values in ListOf(NameNode, Sym(','))
            from close in Sym('}')
            select (TypeExpr)new EnumTypeExpr(values);

        private static readonly Parser<TypeExpr> ListType =
            from keyword in Keyword("list")
            from of in Keyword("of")
            from element in Later(() => TypeParser)
            select (TypeExpr)new ListTypeExpr(element);

        private static readonly Parser<TypeExpr> NamedType = NameNode.Select(n => (TypeExpr)new NamedTypeExpr(n));

        // Chosen by the first word, so a broken 'enum { … }' is reported inside it, not read as a type named 'enum'.
        private static readonly Parser<TypeExpr> TypeParser = Expecting(
            Spanned<TypeExpr>(input => NextWord(input) switch
            {
                "bool" => BoolType(input),
                "text" => TextType(input),
                "number" => NumberType(input),
                "enum" => EnumType(input),
                "list" => ListType(input),
                null => Result.Failure<TypeExpr>(input, "no type", new[] { TypeExpected }),
                _ => NamedType(input),
            }), TypeExpected);

        private const string TypeExpected = "a type (bool, text, number %, enum { … }, list of …, or a type name)";

        // ---------- declarations ----------

        private static readonly Parser<List<Name>> NameList = ListOf(NameNode, Sym(','));

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
                    from clauses in ManyIntroduced(AgreementClause, "title", "source", "parties")
                    from close in Expecting(Sym('}'), "'}' or one of title, parties, source")
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
                    from description in OptionalText
                    select (Declaration)new FactDecl(name, type, defaultValue, description));

        private static readonly Parser<Declaration> ActivityDeclaration =
            Spanned(from keyword in Keyword("activity")
                    from name in NameNode
                    from description in OptionalText
                    select (Declaration)new ActivityDecl(name, description));

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
                    from items in ListOf(Additive, Sym(','), closer: '}')
                    from close in Sym('}')
                    select (Declaration)new SetDecl(name, items));

        private static readonly Parser<(bool written, string kind)> RequirementKind =
            from written in Keyword("written").Optional()
            from kind in Keyword("consent").Or(Keyword("notification"))
            select (written.IsDefined, kind);

        private static readonly Parser<RuleOutcome> OutcomeParser = Expecting(
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
                    select what)),
            "an outcome (permitted, prohibited, requires …, grants consent of …, advisory \"…\")");

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
            // Once '(' is there, the modifiers and ')' must follow: 'JP (late)' is reported at 'late'.
            from modifiers in Clause(Sym('('), from list in EvidenceModifier.DelimitedBy(Sym(','))
                                               from close in Sym(')')
                                               select list.ToList())
            let mods = modifiers ?? new List<string>()
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

        private static readonly Dictionary<string, Parser<Declaration>> DeclarationsByKeyword = new()
        {
            ["agreement"] = Agreement, ["type"] = TypeDeclaration, ["fact"] = Fact, ["activity"] = ActivityDeclaration,
            ["define"] = Define, ["set"] = DataSet, ["rule"] = Rule, ["example"] = Example,
        };

        /// <summary>A declaration, chosen by its first word.</summary>
        internal static readonly Parser<Declaration> Declaration = input =>
        {
            var t = (TextInput)input;
            var at = Lexer.SkipTrivia(t.Source, t.Position, t.End);
            var stop = Lexer.ScanName(t.Source, at, t.End);
            if (stop > 0 && DeclarationsByKeyword.TryGetValue(t.Source.Substring(at, stop - at), out var parser)) return parser(input);
            return Result.Failure<Declaration>(t.AdvanceTo(at), "unexpected " + Lexer.Describe(t.Source, at, t.End),
                new[] { "a declaration (" + string.Join(", ", DeclarationKeywords) + ")" });
        };

        internal static readonly Parser<int> TrailingTrivia = Lexer.Trivia;
    }
}
