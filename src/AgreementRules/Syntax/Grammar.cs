using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// The grammar of .rules files as small named Sprache parsers, built once, bottom-up:
    /// lexical pieces (trivia, keywords, names, literals) first, then expressions, then declarations.
    /// Spans come from the input position, so every node knows where it was written.
    /// <para>
    /// Performance: the query syntax and <c>Or</c>, <c>Optional</c>, <c>DelimitedBy</c> here bind to
    /// <see cref="Combinators"/> (same behaviour as Sprache's, without its per-call closures); binary
    /// operators are matched in place in a loop; failures build their message only if it is read
    /// (<see cref="Failure{T}"/>); and where alternatives start with different keywords
    /// (<see cref="ByKeyword"/>, <see cref="Combinators.OrUnlessKeyword"/>) the next word picks the
    /// alternative, so valid text never pays for a failed one. Invalid text still runs the full chain
    /// of alternatives, so every error is the one the chain gives.
    /// </para>
    /// </summary>
    internal static class Grammar
    {
        /// <summary>A parser defined later in this class (recursion), resolved on first use, without Sprache's memo table.</summary>
        /// The reference is typed nullable because a static field read before its initializer ran is null
        /// to the compiler's flow analysis (a warning, an error in CI); by first use every field is set.
        private static Parser<T> Later<T>(Func<Parser<T>?> reference)
        {
            Parser<T>? parser = null;
            return [MethodImpl(Jit.Hot)] (input) => (parser ??= reference() ?? throw new InvalidOperationException("grammar used before it was built"))(input);
        }

        // ---------- lexical layer: see Lexer ----------

        /// <summary>
        /// Runs <paramref name="parser"/> and stamps the span it covered, from its first token (past
        /// the trivia) to its end, onto the node.
        /// </summary>
        private static Parser<T> Spanned<T>(Parser<T> parser) where T : Node =>
            Spanned(parser, (node, span) => (T)node.WithSpan(span));

        /// <summary>
        /// Runs <paramref name="parser"/> and makes the node from its value and the span it covered,
        /// so the node is built once, with its span, rather than built and then copied with a span.
        /// Every parser spanned here starts with a token, which skips the trivia itself, so the parser
        /// is given the input as it is (an input past the trivia would be one more object per node).
        /// </summary>
        private static Parser<TNode> Spanned<TValue, TNode>(Parser<TValue> parser, Func<TValue, SourceSpan, TNode> make) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var t = (TextInput)input;
            var r = parser(input);
            if (!r.WasSuccessful) return Failure<TNode>.From(r);
            var start = t.TokenStart;
            var (line, column) = t.LineColumnAt(start);
            var span = new SourceSpan(t.Path, start, r.Remainder.Position - start, line, column);
            return Parsed.Success(make(r.Value, span), r.Remainder);
        };

        /// <summary>
        /// <paramref name="all"/> (a chain of <c>Or</c>s whose alternatives each start with their own
        /// keyword, then perhaps <paramref name="otherName"/>, the alternative for any other name),
        /// trying first the alternative the next word predicts. If it succeeds, that is what the chain
        /// gives too: the alternatives before it fail where they start. If it fails, the whole chain
        /// runs (the error must be the chain's), so only invalid text pays twice.
        /// </summary>
        private static Parser<T> ByKeyword<T>(Parser<T> all, (string word, Parser<T> parser)[] alternatives, Parser<T>? otherName = null) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var t = (TextInput)input;
            var start = t.TokenStart;
            var stop = Lexer.ScanName(t.Source, start, t.End);
            if (stop > start)
            {
                Parser<T>? predicted = null;
                foreach (var (word, parser) in alternatives)
                    if (word.Length == stop - start && string.CompareOrdinal(t.Source, start, word, 0, word.Length) == 0) { predicted = parser; break; }
                if (predicted == null && otherName != null && !Lexer.IsReserved(t.Source, start, stop)) predicted = otherName;
                if (predicted != null)
                {
                    var r = predicted(input);
                    if (r.WasSuccessful) return r;
                }
            }
            return all(input);
        };

        internal static readonly string[] ReservedWords =
        {
            "and", "or", "not", "in", "has", "case", "when", "then", "else", "end", "true", "false",
        };

        internal static Parser<string> Keyword(string word) => Lexer.Keyword(word);

        private static readonly Parser<Name> NameNode = Spanned(Lexer.Name, (text, span) => new Name(text) { Span = span });

        /// <summary>
        /// An optional clause introduced by a keyword: absent when the keyword is absent, but once the
        /// keyword is there its body must parse, so the error points into the body rather than past it.
        /// </summary>
        private static Parser<T?> Clause<T>(string keyword, Parser<T> body) where T : class
        {
            var introducer = Keyword(keyword);
            return [MethodImpl(Jit.Hot)] (input) =>
                // Absent is the common case: see that without making (and dropping) a failure.
                Combinators.IsWord((TextInput)input, keyword) ? Introduced(introducer, body, input) : Parsed.Success<T?>(null, input);
        }

        /// <summary>An optional clause introduced by <paramref name="introducer"/> (a keyword, or a bracket): committed once it is there.</summary>
        private static Parser<T?> Clause<TIntroducer, T>(Parser<TIntroducer> introducer, Parser<T> body) where T : class =>
            [MethodImpl(Jit.Hot)] (input) => Introduced(introducer, body, input);

        [MethodImpl(Jit.Hot)]
        private static IResult<T?> Introduced<TIntroducer, T>(Parser<TIntroducer> introducer, Parser<T> body, IInput input) where T : class
        {
            var k = introducer(input);
            if (!k.WasSuccessful) return Parsed.Success<T?>(null, input);
            var b = body(k.Remainder);
            return b.WasSuccessful
                ? Parsed.Success<T?>(b.Value, b.Remainder)
                : Failure<T?>.From(b);
        }

        /// <summary>
        /// Names what <paramref name="parser"/> reads, for the "expected …" of a failure on its first token.
        /// Sprache's own Named compares the failure with where the parser started, which is before the
        /// trivia that the lexemes skip, so it never applied; this compares with where the token starts.
        /// </summary>
        private static Parser<T> Expecting<T>(Parser<T> parser, string name)
        {
            var expectations = new[] { name };
            return [MethodImpl(Jit.Hot)] (input) =>
            {
                var result = parser(input);
                if (result.WasSuccessful) return result;
                return result.Remainder.Position == ((TextInput)input).TokenStart
                    ? Failure<T>.WithExpectations(result, expectations)
                    : result;
            };
        }

        private static Parser<char> Sym(char c) => Lexer.Symbol(c);

        private static readonly Parser<string> StringText = Lexer.QuotedText;

        /// <summary>An optional quoted text (a description): absent when no '"' follows, but a text once opened must close.</summary>
        private static readonly Parser<string?> OptionalText = [MethodImpl(Jit.Hot)] (input) =>
        {
            if (!NextCharIs(input, '"')) return Parsed.Success<string?>(null, input);
            var text = StringText(input);
            return text.WasSuccessful
                ? Parsed.Success<string?>(text.Value, text.Remainder)
                : Failure<string?>.From(text);
        };

        /// <summary>Units a number may carry (<see cref="Units"/>, which also converts them).</summary>
        private static readonly Parser<string> Unit = Lexer.Operator("a unit (%, g or kg)", Units.Written);

        /// <summary>
        /// Chooses a parser by the first character of the next token, so alternatives never backtrack. A choice
        /// that fails on its first token says what was expected there as a whole ("a value, a name or '('"),
        /// not which of its alternatives did not match ('true' or 'false' or 'case' or a name).
        /// </summary>
        private static Parser<T> ByFirstChar<T>(Func<char, Parser<T>?> choose, string expected)
        {
            var expectations = new[] { expected };
            return [MethodImpl(Jit.Hot)] (input) =>
            {
                var t = (TextInput)input;
                var at = t.TokenStart;
                var parser = choose(at < t.End ? t.Source[at] : '\0');
                if (parser == null) return new Failure<T>(t.AfterTrivia(), null, expectations);
                var result = parser(input);
                return !result.WasSuccessful && result.Remainder.Position == at
                    ? Failure<T>.WithExpectations(result, expectations)
                    : result;
            };
        }

        /// <summary>Whether the next word (keywords are words too) is one of <paramref name="words"/>, compared in place.</summary>
        private static bool NextWordIsOneOf(IInput input, string[] words) => NextWordIndex(input, words) >= 0;

        /// <summary>The index in <paramref name="words"/> of the next word, or -1 (also when no word follows).</summary>
        private static int NextWordIndex(IInput input, string[] words)
        {
            var t = (TextInput)input;
            var at = t.TokenStart;
            var stop = Lexer.ScanName(t.Source, at, t.End);
            if (stop < 0) return -1;
            for (var i = 0; i < words.Length; i++)
                if (words[i].Length == stop - at && string.CompareOrdinal(t.Source, at, words[i], 0, words[i].Length) == 0) return i;
            return -1;
        }

        private static bool NextCharIs(IInput input, char c)
        {
            var t = (TextInput)input;
            var at = t.TokenStart;
            return at < t.End && t.Source[at] == c;
        }

        /// <summary>
        /// Items separated by <paramref name="separator"/>. Committed: once a separator is read an item
        /// must follow, so an error points at the bad item rather than at the list's start. With
        /// <paramref name="closer"/>, the list may be empty when that character comes next.
        /// </summary>
        private static Parser<List<T>> ListOf<T>(Parser<T> item, Parser<char> separator, char? closer = null) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var items = new List<T>();
            if (closer is { } c && NextCharIs(input, c)) return Parsed.Success(items, input);
            var next = item(input);
            if (!next.WasSuccessful) return Failure<List<T>>.From(next);
            items.Add(next.Value);
            var rest = next.Remainder;
            while (true)
            {
                var sep = separator(rest);
                if (!sep.WasSuccessful) return Parsed.Success(items, rest);
                next = item(sep.Remainder);
                if (!next.WasSuccessful) return Failure<List<T>>.From(next);
                items.Add(next.Value);
                rest = next.Remainder;
            }
        };

        /// <summary>
        /// Zero or more of <paramref name="item"/>, each introduced by one of <paramref name="keywords"/>:
        /// once the keyword is there the item must parse, so an error points into it.
        /// </summary>
        private static Parser<List<T>> ManyIntroduced<T>(Parser<T> item, params string[] keywords) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var items = new List<T>();
            var rest = input;
            while (NextWordIsOneOf(rest, keywords))
            {
                var next = item(rest);
                if (!next.WasSuccessful) return Failure<List<T>>.From(next);
                items.Add(next.Value);
                rest = next.Remainder;
            }
            return Parsed.Success(items, rest);
        };

        // ---------- expressions ----------

        private static readonly Parser<Expr> NumberLit = Expecting(
            Spanned(from value in Lexer.Number
                    from unit in Unit.Optional()
                    select (value, unit: unit.GetOrElse("")),
                    (n, span) => (Expr)new NumberLiteral(n.value, n.unit) { Span = span }), "a number");

        private static readonly Parser<Expr> BoolLit =
            Spanned(Keyword("true").Return((Expr)new BoolLiteral(true))
                .Or(Keyword("false").Return((Expr)new BoolLiteral(false))));

        private static readonly Parser<Expr> StringLit = Spanned(StringText, (s, span) => (Expr)new StringLiteral(s) { Span = span });

        private static readonly Parser<Expr> NameRef = Spanned(Lexer.Name, (name, span) => (Expr)new NameExpr(name) { Span = span });

        private static readonly Parser<Expr> LaterExpression = Later(() => Expression);

        private static readonly Parser<Expr> SetLit = Expecting(
            Spanned(from open in Sym('{')
                    from items in ListOf(Later(() => Additive), Sym(','), closer: '}')
                    from close in Sym('}')
                    select items,
                    (items, span) => (Expr)new SetLiteral(items) { Span = span }), "a set { … }");

        private static readonly Parser<CaseBranch> Branch =
            from when in Keyword("when")
            from condition in LaterExpression
            from then in Keyword("then")
            from result in LaterExpression
            select new CaseBranch(condition, result);

        private static readonly Parser<Expr> Case = Expecting(
            Spanned(from keyword in Keyword("case")
                    from first in Branch
                    from more in ManyIntroduced(Branch, "when")
                    from otherwise in Keyword("else").Then(_ => LaterExpression)
                    from end in Keyword("end")
                    select (Expr)new CaseExpr(Prepend(first, more), otherwise)), "case … end");

        private static List<T> Prepend<T>(T first, List<T> more)
        {
            more.Insert(0, first);
            return more;
        }

        // The expression's span takes in its brackets, so '(a - b) / 2' spans from '(' and not from 'a'.
        private static readonly Parser<Expr> Parenthesised =
            Spanned(from open in Sym('(')
                    from inner in LaterExpression
                    from close in Sym(')')
                    select inner);

        private static readonly Parser<Expr> WordPrimary =
            ByKeyword(BoolLit.Or(Case).Or(NameRef), new[] { ("true", BoolLit), ("false", BoolLit), ("case", Case) }, otherName: NameRef);

        private static readonly Parser<Expr> Primary = ByFirstChar(c =>
            char.IsDigit(c) ? NumberLit
            : c == '"' ? StringLit
            : c == '{' ? SetLit
            : c == '(' ? Parenthesised
            : char.IsLetter(c) ? WordPrimary
            : null, "a value, a name or '('");

        /// <summary>
        /// A chain <c>operand (op operand)*</c>, read in a loop, the operators matched in place
        /// (<see cref="Lexer.MatchOperator"/>: a missing operator only ends the chain, so there is no
        /// failure to make). Committed: once an operator is read its right operand must follow, so
        /// <c>x &gt; -5</c> is reported at '-' (nothing in the grammar can use an operator the chain
        /// leaves behind). Arithmetic chains associate to the left; <paramref name="balanced"/> chains
        /// ('and', 'or', which Kleene logic makes associative) are built as balanced trees, so a long
        /// list of alternatives does not make the checker, the compiler or the evaluator recurse once
        /// per operand.
        /// </summary>
        private static Parser<Expr> Binary(string[] operators, Parser<Expr> operand, bool balanced = false) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var first = operand(input);
            if (!first.WasSuccessful) return first;
            var left = first.Value;
            var remainder = (TextInput)first.Remainder;
            List<Expr>? operands = null; // a balanced chain's operands, once it has an operator
            string? chainOperator = null;
            while (true)
            {
                var op = Lexer.MatchOperator(operators, remainder.Source, remainder.TokenStart, remainder.End);
                if (op == null) break;
                var right = operand(remainder.AdvanceTo(remainder.TokenStart + op.Length));
                if (!right.WasSuccessful) return right;
                if (balanced)
                {
                    // A balanced chain has one operator ('and' or 'or'), so any of them names it.
                    (operands ??= new List<Expr> { left }).Add(right.Value);
                    chainOperator = op;
                }
                else left = new BinaryExpr(Operators.FromText(op), left, right.Value) { Span = Cover(left.Span, right.Value.Span) };
                remainder = (TextInput)right.Remainder;
            }
            if (operands != null) return Parsed.Success(Balance(Operators.FromText(chainOperator!), operands, 0, operands.Count), remainder);
            return ReferenceEquals(left, first.Value) ? first : Parsed.Success(left, remainder);
        };

        private static Expr Balance(BinaryOperator op, List<Expr> operands, int from, int to)
        {
            if (to - from == 1) return operands[from];
            var middle = from + (to - from) / 2;
            var left = Balance(op, operands, from, middle);
            var right = Balance(op, operands, middle, to);
            return new BinaryExpr(op, left, right) { Span = Cover(left.Span, right.Span) };
        }

        private static SourceSpan Cover(SourceSpan a, SourceSpan b) => a with { Length = b.Start + b.Length - a.Start };

        // The operators of each level come from the one table (Operators), tightest last.
        private static readonly Parser<Expr> Multiplicative = Binary(Operators.TextsAt(5), Primary);

        private static readonly Parser<Expr> Additive = Binary(Operators.TextsAt(4), Multiplicative);

        private static readonly string[] ComparisonOperators = Operators.TextsAt(3);

        // `fact is given`: once 'is' is there, 'given' must follow, so the error points at what follows 'is'.
        private static readonly Parser<Name?> IsGiven = Clause("is", Spanned(Keyword("given").Return(new Name("given"))));

        /// <summary>
        /// An operand, then optionally one comparison (not a chain: <c>a &lt; b &lt; c</c> is an error)
        /// whose right side must follow once the operator is there, else optionally <c>is given</c>:
        /// <code>
        /// from left in Additive
        /// from rest in ComparisonRest     // committed once the operator is read
        /// from given in rest != null ? NoIsGiven : IsGiven
        /// select …
        /// </code>
        /// written out, because every condition of every rule passes through here: the operator is
        /// matched in place, so the common miss (no comparison after an operand) makes no failure.
        /// </summary>
        private static readonly Parser<Expr> Comparison = [MethodImpl(Jit.Hot)] (input) =>
        {
            var l = Additive(input);
            if (!l.WasSuccessful) return l;
            var left = l.Value;
            var t = (TextInput)l.Remainder;
            var op = Lexer.MatchOperator(ComparisonOperators, t.Source, t.TokenStart, t.End);
            if (op != null)
            {
                var r = Additive(t.AdvanceTo(t.TokenStart + op.Length));
                return r.WasSuccessful
                    ? Parsed.Success<Expr>(new BinaryExpr(Operators.FromText(op), left, r.Value) { Span = Cover(left.Span, r.Value.Span) }, r.Remainder)
                    : r;
            }
            var given = IsGiven(t);
            if (!given.WasSuccessful) return Failure<Expr>.From(given);
            return given.Value == null ? l : Parsed.Success<Expr>(new GivenExpr(left) { Span = Cover(left.Span, given.Value.Span) }, given.Remainder);
        };

        // Spanned(not …).Or(Comparison), without trying 'not' where the next word is something else.
        private static readonly Parser<Expr> Negation =
            Combinators.OrUnlessKeyword("not",
                Spanned(from keyword in Keyword("not")
                        from operand in Later(() => Negation)
                        select (Expr)new NotExpr(operand)),
                Comparison);

        private static readonly Parser<Expr> Conjunction = Binary(Operators.TextsAt(2), Negation, balanced: true);

        internal static readonly Parser<Expr> Expression = Expecting(Binary(Operators.TextsAt(1), Conjunction, balanced: true), "an expression");

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

        /// <summary>The words that begin a built-in type (the checker suggests them for an unknown type name).</summary>
        internal static readonly string[] TypeKeywords = { "bool", "text", "number", "enum", "list" };
        private static readonly Parser<TypeExpr>[] TypesByKeyword = { BoolType, TextType, NumberType, EnumType, ListType };
        private static readonly string[] TypeExpectations = { TypeExpected };

        // Chosen by the first word, so a broken 'enum { … }' is reported inside it, not read as a type named 'enum'.
        private static readonly Parser<TypeExpr> TypeParser = Expecting(
            Spanned<TypeExpr>([MethodImpl(Jit.Hot)] (input) =>
            {
                var t = (TextInput)input;
                if (Lexer.ScanName(t.Source, t.TokenStart, t.End) < 0) return new Failure<TypeExpr>(t.AfterTrivia(), "no type", TypeExpectations);
                var keyword = NextWordIndex(input, TypeKeywords);
                return keyword >= 0 ? TypesByKeyword[keyword](input) : NamedType(input);
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

        private static readonly Parser<string> OfKeyword = Keyword("of");
        private static readonly Parser<string> ByKeywordParser = Keyword("by");

        private static readonly Parser<(bool written, string kind)> RequirementKind =
            from written in Keyword("written").Optional()
            from kind in Keyword("consent").Or(Keyword("notification"))
            select (written.IsDefined, kind);

        private static readonly Parser<RuleOutcome> Permitted =
            Keyword("permitted").Return(new RuleOutcome(OutcomeKind.Permitted, Array.Empty<Name>(), false, null));

        private static readonly Parser<RuleOutcome> Prohibited =
            Keyword("prohibited").Return(new RuleOutcome(OutcomeKind.Prohibited, Array.Empty<Name>(), false, null));

        private static readonly Parser<RuleOutcome> Advisory =
            from keyword in Keyword("advisory")
            from text in StringText
            select new RuleOutcome(OutcomeKind.Advisory, Array.Empty<Name>(), false, text);

        private static readonly Parser<RuleOutcome> Grants =
            from keyword in Keyword("grants")
            from consent in Keyword("consent")
            from of in Keyword("of")
            from parties in NameList
            select new RuleOutcome(OutcomeKind.GrantsConsent, parties, false, null);

        /// <summary><c>[written] consent of P, …</c> or <c>[written] notification by P, …</c>: one way to meet a requirement.</summary>
        private static readonly Parser<RequirementClause> RequirementAlternative =
            Spanned(from kind in RequirementKind
                    from preposition in kind.kind == "consent" ? OfKeyword : ByKeywordParser
                    from parties in NameList
                    select new RequirementClause(
                        kind.kind == "consent" ? OutcomeKind.RequiresConsent : OutcomeKind.RequiresNotification, parties, kind.written));

        /// <summary>
        /// <c>or</c> and the next alternative. Committed: after <c>or</c> a requirement must follow
        /// (<c>… by JP or</c> is reported at the end, expecting "consent of" or "notification by").
        /// </summary>
        private static readonly Parser<RequirementClause?> OrAlternative =
            Clause("or", Expecting(RequirementAlternative, "another requirement after 'or', written out in full: 'consent of US or consent of JP', not 'consent of US or JP'"));

        /// <summary>
        /// Zero or more of an optional clause (null when absent, committed once its introducer is there), read as long
        /// as one is there; an error inside one is the whole list's.
        /// </summary>
        private static Parser<List<T>> WhilePresent<T>(Parser<T?> clause) where T : class => [MethodImpl(Jit.Hot)] (input) =>
        {
            List<T>? all = null;
            while (true)
            {
                var r = clause(input);
                if (!r.WasSuccessful) return Failure<List<T>>.From(r);
                if (r.Value == null) return Parsed.Success(all ?? new List<T>(), input);
                (all ??= new List<T>()).Add(r.Value);
                input = r.Remainder;
            }
        };

        /// <summary>The alternatives after the first, as long as an <c>or</c> introduces one.</summary>
        private static readonly Parser<List<RequirementClause>> MoreAlternatives = WhilePresent(OrAlternative);

        private static readonly Parser<RuleOutcome> Requires =
            from keyword in Keyword("requires")
            from what in
                (from assurances in Keyword("assurances")
                 from orWord in Keyword("or")
                 from consent in Keyword("consent")
                 from of in Keyword("of")
                 from parties in NameList
                 select new RuleOutcome(OutcomeKind.RequiresAssurances, parties, false, null))
                .Or(from first in RequirementAlternative
                    from more in MoreAlternatives
                    select new RuleOutcome(first.Kind, first.Parties, first.Written, null) { Alternatives = more })
            select what;

        private static readonly Parser<RuleOutcome> OutcomeParser = Expecting(
            Spanned(ByKeyword(Permitted.Or(Prohibited).Or(Advisory).Or(Grants).Or(Requires), new[]
            {
                ("permitted", Permitted), ("prohibited", Prohibited), ("advisory", Advisory), ("grants", Grants), ("requires", Requires),
            })),
            "an outcome (permitted, prohibited, requires …, grants consent of …, advisory \"…\")");

        private static readonly string[] ReasonExpected = { "a reason, not blank: say why the articles mean both rules to apply, quoting or citing them" };

        /// <summary>
        /// A reason that says something: a blank one would let an overlap pass unexplained, which is what the
        /// acknowledgement exists to prevent. Reported at the text, as a syntax error, so nothing is checked without it.
        /// </summary>
        private static readonly Parser<string> Reason = [MethodImpl(Jit.Hot)] (input) =>
        {
            var text = StringText(input);
            if (!text.WasSuccessful || !string.IsNullOrWhiteSpace(text.Value)) return text;
            return new Failure<string>(((TextInput)input).AfterTrivia(), "a blank reason", ReasonExpected);
        };

        /// <summary><c>overlaps OTHER, … because "reason"</c>: committed once <c>overlaps</c> is there, so a missing reason is reported where it should be.</summary>
        private static readonly Parser<OverlapAcknowledgement> OverlapAcknowledgementClause =
            Spanned(from keyword in Keyword("overlaps")
                    from rules in Expecting(NameList, "the id of the rule this one overlaps")
                    from because in Expecting(Keyword("because"), "'because' and the reason the overlap is intended (overlaps OTHER-RULE because \"…\")")
                    from reason in Expecting(Reason, ReasonExpected[0])
                    select new OverlapAcknowledgement(rules, reason));

        private static readonly Parser<OverlapAcknowledgement?> OverlapAcknowledgement = [MethodImpl(Jit.Hot)] (input) =>
            Combinators.IsWord((TextInput)input, "overlaps")
                ? OverlapAcknowledgementClause(input)
                : Parsed.Success<OverlapAcknowledgement?>(null, input);

        /// <summary>Every acknowledgement after the quote, as long as <c>overlaps</c> introduces one.</summary>
        private static readonly Parser<List<OverlapAcknowledgement>> OverlapAcknowledgements = WhilePresent(OverlapAcknowledgement);

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
                    from overlaps in OverlapAcknowledgements
                    select (id, citation, activity, condition, outcome, quote, overlaps),
                    (r, span) => (Declaration)new RuleDecl(r.id, r.citation, r.activity, r.condition, r.outcome, r.quote) { Span = span, Overlaps = r.overlaps });

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

        private static readonly (string keyword, Parser<Declaration> parser)[] DeclarationsByKeyword =
        {
            ("agreement", Agreement), ("type", TypeDeclaration), ("fact", Fact), ("activity", ActivityDeclaration),
            ("define", Define), ("set", DataSet), ("rule", Rule), ("example", Example),
        };

        private static readonly string[] DeclarationExpected = { "a declaration (" + string.Join(", ", DeclarationKeywords) + ")" };

        /// <summary>A declaration, chosen by its first word.</summary>
        internal static readonly Parser<Declaration> Declaration = [MethodImpl(Jit.Hot)] (input) =>
        {
            var t = (TextInput)input;
            var at = t.TokenStart;
            var stop = Lexer.ScanName(t.Source, at, t.End);
            if (stop > 0)
                foreach (var (keyword, parser) in DeclarationsByKeyword)
                    if (keyword.Length == stop - at && string.CompareOrdinal(t.Source, at, keyword, 0, keyword.Length) == 0) return parser(input);
            return new Failure<Declaration>(t.AfterTrivia(), null, DeclarationExpected);
        };

        internal static readonly Parser<int> TrailingTrivia = Lexer.Trivia;
    }
}
