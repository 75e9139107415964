using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// Turns the text of one .rules file into a syntax tree and diagnostics. Never throws: bad input
    /// becomes diagnostics. A file is cut into declarations at lines that start (in column 1) with a
    /// declaration keyword, so one broken declaration does not hide the errors of the next.
    /// </summary>
    public static class RulesParser
    {
        /// <summary>
        /// How deep parentheses, sets, <c>case</c> and chains of <c>not</c> may nest. The parser and
        /// the checker recurse; bounding the depth here keeps a hostile file from overflowing the
        /// stack, which inside the compiler would kill the build and the IDE.
        /// </summary>
        public const int MaxNesting = 64;

        /// <summary>
        /// How deep an expression's tree may be, counting every operator of an arithmetic chain
        /// (<c>a + b + c</c> is two levels; <c>and</c> and <c>or</c> chains are balanced, so they add only
        /// their logarithm) and, for a definition, the definitions it builds on. The checker, the compiler
        /// and the compiled conditions recurse once per level; this bound keeps them off the end of the stack.
        /// </summary>
        public const int MaxExpressionDepth = 256;

        public static RulesFile Parse(string text, string path)
        {
            text ??= "";
            path ??= "";
            var declarations = new List<Declaration>();
            var diagnostics = new List<RulesDiagnostic>();
            try
            {
                var lines = new LineIndex(text);
                foreach (var (start, end) in Chunks(text))
                {
                    var tooDeep = FindExcessiveNesting(text, lines, start, end, path);
                    if (tooDeep != null) { diagnostics.Add(tooDeep); continue; }
                    ParseChunk(text, lines, start, end, path, declarations, diagnostics);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A parser bug must still surface as a located diagnostic rather than crash the host.
                diagnostics.Add(new RulesDiagnostic(RulesDiagnosticIds.Syntax, Severity.Error,
                    new SourceSpan(path, 0, 0, 1, 1), $"internal parser error ({ex.GetType().Name}: {ex.Message}); please report this file"));
            }
            return new RulesFile(path, declarations, diagnostics);
        }

        [MethodImpl(Jit.Hot)]
        private static void ParseChunk(string text, LineIndex lines, int start, int end, string path,
            List<Declaration> declarations, List<RulesDiagnostic> diagnostics)
        {
            var result = Grammar.Declaration(new TextInput(text, lines, start, end, path));
            if (result.WasSuccessful)
            {
                var after = Grammar.TrailingTrivia(result.Remainder).Remainder.Position;
                if (after >= end)
                {
                    if (ExpressionDepth.FirstTooDeep(result.Value, MaxExpressionDepth) is { } deep)
                    {
                        diagnostics.Add(new RulesDiagnostic(RulesDiagnosticIds.NestingTooDeep, Severity.Error, deep.Span with { Length = 1 },
                            $"this expression is more than {MaxExpressionDepth} levels deep (every operator of a chain such as " +
                            "'a + b + c' is a level); split it into named definitions ('define name = …') and refer to them by name"));
                        return;
                    }
                    declarations.Add(result.Value);
                    return;
                }
                // The advice on indenting fits only a line that starts in column 1; a stray word mid-line is just stray.
                var advice = lines.LineColumn(after).column == 1
                    ? ". Continuation lines must be indented; a new declaration starts in column 1"
                    : "";
                var endExpected = $"the end of this {Keyword(text, start)} declaration";
                diagnostics.Add(Hinted(text, lines, path, start, end, after, new[] { endExpected }) ?? Error(text, lines, path, after,
                    $"unexpected {Describe(text, after, end)}; expected {endExpected}{advice}" +
                    RunOnTextHint(text, lines, start, after)));
                return;
            }
            var failedAt = Math.Min(result.Remainder.Position, text.Length);
            // Failing at the end of the declaration: point just after its last word, not at the next declaration.
            if (failedAt >= end)
                while (failedAt > start && char.IsWhiteSpace(text[failedAt - 1])) failedAt--;
            var expected = result.Expectations.Distinct().ToList();
            var expectation = expected.Count == 0 ? "" : "; expected " + string.Join(" or ", expected);
            diagnostics.Add(Hinted(text, lines, path, start, end, failedAt, expected) ?? Error(text, lines, path, failedAt,
                $"unexpected {Describe(text, failedAt, end)}{expectation}" + RunOnTextHint(text, lines, start, failedAt)));
        }

        /// <summary>The error <see cref="SyntaxHints"/> words better (an unclosed bracket, a misspelt keyword), or null.</summary>
        /// After a text that ran on over lines, that text is the mistake, and RunOnTextHint says so.
        private static RulesDiagnostic? Hinted(string text, LineIndex lines, string path, int start, int end, int failedAt, IReadOnlyList<string> expected) =>
            RunOnTextHint(text, lines, start, failedAt).Length == 0 &&
            SyntaxHints.Improve(text, lines, start, end, failedAt, expected, Describe(text, failedAt, end)) is { } hint
                ? Error(text, lines, path, hint.position, hint.message)
                : null;

        /// <summary>
        /// A text left unclosed ends at the next '"' further down, so the error appears lines below the
        /// mistake. Texts may span lines, so this cannot be an error of its own; but when the error comes
        /// right after a text that spans lines, say where that text opened.
        /// </summary>
        private static string RunOnTextHint(string text, LineIndex lines, int start, int failedAt)
        {
            var open = -1;
            var close = -1;
            for (var i = start; i < failedAt; i++)
            {
                var c = text[i];
                if (c == '#') { while (i < failedAt && text[i] != '\n') i++; continue; }
                if (c != '"') continue;
                open = i;
                close = i = ClosingQuote(text, i, failedAt);
            }
            if (close < 0 || close >= failedAt || !IsTrivia(text, close + 1, failedAt)) return "";
            if (text.IndexOf('\n', open, close - open) < 0) return "";
            var (line, column) = lines.LineColumn(open);
            var (endLine, endColumn) = lines.LineColumn(close);
            return $". The text opened at line {line}, column {column} runs on to line {endLine}, column {endColumn}: " +
                   $"if it should end on line {line}, close it there with '\"'";
        }

        private static RulesDiagnostic Error(string text, LineIndex lines, string path, int position, string message)
        {
            var (line, column) = lines.LineColumn(position);
            return new RulesDiagnostic(RulesDiagnosticIds.Syntax, Severity.Error,
                new SourceSpan(path, position, TokenLength(text, position), line, column), message);
        }

        /// <summary>How much of the text at <paramref name="position"/> an error underlines: a whole word, else one character.</summary>
        private static int TokenLength(string text, int position)
        {
            if (position >= text.Length) return 0;
            var length = 1;
            if (Lexer.IsNameChar(text[position]))
                while (position + length < text.Length && (Lexer.IsNameChar(text[position + length]) || text[position + length] == '-')) length++;
            return length;
        }

        private static string Describe(string text, int position, int end)
        {
            if (position >= text.Length) return "end of file";
            if (position >= end || FirstNonTrivia(text, position, end) >= end) return "end of this declaration";
            var c = text[position];
            if (c == '\n' || c == '\r') return "end of line";
            var length = 1;
            if (char.IsLetterOrDigit(c))
                while (position + length < text.Length && length < 30 &&
                       (char.IsLetterOrDigit(text[position + length]) || text[position + length] is '-' or '_')) length++;
            return "'" + text.Substring(position, length) + "'";
        }

        private static string Keyword(string text, int start)
        {
            var end = start;
            while (end < text.Length && char.IsLetter(text[end])) end++;
            return text.Substring(start, end - start);
        }

        /// <summary>Splits the text at lines whose first column starts a declaration keyword.</summary>
        internal static IEnumerable<(int start, int end)> Chunks(string text)
        {
            var starts = new List<int>();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"') { i = ClosingQuote(text, i, text.Length); continue; }
                if (c == '#')
                {
                    while (i < text.Length && text[i] != '\n') i++;
                    continue;
                }
                if ((i == 0 || text[i - 1] == '\n') && StartsDeclaration(text, i)) starts.Add(i);
            }
            // Text before the first declaration that is not trivia is itself an error: parse it as a chunk.
            var firstStart = starts.Count == 0 ? text.Length : starts[0];
            if (!IsTrivia(text, 0, firstStart)) starts.Insert(0, LineStart(text, FirstNonTrivia(text, 0, firstStart)));
            for (var k = 0; k < starts.Count; k++)
                yield return (starts[k], k + 1 < starts.Count ? starts[k + 1] : text.Length);
        }

        /// <summary>
        /// The position of the '"' that closes the text opened at <paramref name="open"/>, or <paramref name="end"/>
        /// if none does. As in the lexer, a backslash takes the next character as it is. One definition for every
        /// scan that must step over quoted texts (cutting declarations, nesting, the run-on hint).
        /// </summary>
        internal static int ClosingQuote(string text, int open, int end)
        {
            var i = open + 1;
            while (i < end && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
            return Math.Min(i, end);
        }

        private static bool StartsDeclaration(string text, int i)
        {
            foreach (var keyword in Grammar.DeclarationKeywords)
            {
                if (string.CompareOrdinal(text, i, keyword, 0, keyword.Length) != 0) continue;
                var after = i + keyword.Length;
                if (after >= text.Length || !(char.IsLetterOrDigit(text[after]) || text[after] is '-' or '_')) return true;
            }
            return false;
        }

        private static int LineStart(string text, int position)
        {
            while (position > 0 && text[position - 1] != '\n') position--;
            return position;
        }

        private static bool IsTrivia(string text, int start, int end) => FirstNonTrivia(text, start, end) >= end;

        private static int FirstNonTrivia(string text, int start, int end)
        {
            var i = start;
            while (i < end)
            {
                if (char.IsWhiteSpace(text[i])) { i++; continue; }
                if (text[i] == '#') { while (i < end && text[i] != '\n') i++; continue; }
                return i;
            }
            return end;
        }

        /// <summary>
        /// Scans a declaration for nesting deeper than <see cref="MaxNesting"/> before the recursive
        /// parser sees it. Counts open brackets, open <c>case</c>s and runs of <c>not</c>.
        /// </summary>
        [MethodImpl(Jit.Hot)]
        private static RulesDiagnostic? FindExcessiveNesting(string text, LineIndex lines, int start, int end, string path)
        {
            var depth = 0;
            var notRun = 0;
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                var at = i;
                if (c == '"') { i = ClosingQuote(text, i, end); continue; }
                if (c == '#') { while (i < end && text[i] != '\n') i++; continue; }
                if (c is '(' or '{') { depth++; notRun = 0; }
                else if (c is ')' or '}') { depth = Math.Max(0, depth - 1); }
                else if (char.IsLetter(c) && (i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '-' or '_')))
                {
                    var wordEnd = i;
                    while (wordEnd < end && (char.IsLetterOrDigit(text[wordEnd]) || text[wordEnd] is '-' or '_')) wordEnd++;
                    // Compared in place: a copy of every word of every declaration was most of what this scan allocated.
                    if (IsWord(text, i, wordEnd, "not")) notRun++;
                    else notRun = 0;
                    if (IsWord(text, i, wordEnd, "case")) depth++;
                    else if (IsWord(text, i, wordEnd, "end")) depth = Math.Max(0, depth - 1);
                    i = wordEnd - 1;
                }
                if (depth + notRun > MaxNesting)
                {
                    // At the bracket, or at the start of the 'not' or 'case' that goes one level too deep.
                    var (line, column) = lines.LineColumn(at);
                    return new RulesDiagnostic(RulesDiagnosticIds.NestingTooDeep, Severity.Error,
                        new SourceSpan(path, at, 1, line, column),
                        $"this declaration nests brackets, 'case' or 'not' more than {MaxNesting} deep; " +
                        "split it into named definitions ('define name = …') and refer to them by name");
                }
            }
            return null;
        }

        private static bool IsWord(string text, int start, int end, string word) =>
            end - start == word.Length && string.CompareOrdinal(text, start, word, 0, word.Length) == 0;

        internal static (int line, int column) LineColumn(string text, int position) => new LineIndex(text).LineColumn(position);
    }
}

namespace AgreementRules.Syntax
{
    /// <summary>
    /// The depth of expression trees, measured without recursing deeper than the limit (the trees it
    /// measures may be too deep to recurse over: that is what it is for).
    /// </summary>
    internal static class ExpressionDepth
    {
        /// <summary>The first of the declaration's expressions whose tree is deeper than <paramref name="max"/>, or null.</summary>
        /// <remarks>
        /// Runs on every declaration the parser reads, so it allocates nothing: the roots and children are
        /// visited in place (what <see cref="Roots"/> and <see cref="Children"/> list), and the walk stops
        /// one level past <paramref name="max"/>, so it never recurses more than <paramref name="max"/> + 1 deep.
        /// </remarks>
        [MethodImpl(Jit.Hot)]
        public static Expr? FirstTooDeep(Declaration declaration, int max)
        {
            switch (declaration)
            {
                case FactDecl { Default: { } value }: return Deeper(value, 1, max) ? value : null;
                case DefineDecl d: return Deeper(d.Body, 1, max) ? d.Body : null;
                case SetDecl set:
                    for (var i = 0; i < set.Items.Count; i++)
                        if (Deeper(set.Items[i], 1, max)) return set.Items[i];
                    return null;
                case RuleDecl { Condition: { } condition }: return Deeper(condition, 1, max) ? condition : null;
                case ExampleDecl example:
                    for (var i = 0; i < example.Facts.Count; i++)
                        if (Deeper(example.Facts[i].Value, 1, max)) return example.Facts[i].Value;
                    return null;
                default: return null;
            }
        }

        /// <summary>Whether <paramref name="expr"/>, at <paramref name="depth"/>, has a node deeper than <paramref name="max"/>.</summary>
        private static bool Deeper(Expr expr, int depth, int max) => DepthProbe.Instance.Deeper(expr, depth, max);

        /// <summary>Walks down to one level past the bound, and no further; allocates nothing.</summary>
        private sealed class DepthProbe : ExprVisitor<(int depth, int max), bool>
        {
            public static readonly DepthProbe Instance = new();

            public bool Deeper(Expr expr, int depth, int max) => depth > max || Visit(expr, (depth + 1, max));

            protected override bool Number(NumberLiteral number, (int depth, int max) at) => false;
            protected override bool Bool(BoolLiteral literal, (int depth, int max) at) => false;
            protected override bool String(StringLiteral text, (int depth, int max) at) => false;
            protected override bool Name(NameExpr name, (int depth, int max) at) => false;
            protected override bool Not(NotExpr not, (int depth, int max) at) => Deeper(not.Operand, at.depth, at.max);
            protected override bool Binary(BinaryExpr binary, (int depth, int max) at) =>
                Deeper(binary.Left, at.depth, at.max) || Deeper(binary.Right, at.depth, at.max);
            protected override bool Given(GivenExpr given, (int depth, int max) at) => Deeper(given.Fact, at.depth, at.max);

            protected override bool Set(SetLiteral set, (int depth, int max) at)
            {
                for (var i = 0; i < set.Items.Count; i++)
                    if (Deeper(set.Items[i], at.depth, at.max)) return true;
                return false;
            }

            protected override bool Case(CaseExpr @case, (int depth, int max) at)
            {
                for (var i = 0; i < @case.Branches.Count; i++)
                    if (Deeper(@case.Branches[i].Condition, at.depth, at.max) || Deeper(@case.Branches[i].Result, at.depth, at.max)) return true;
                return Deeper(@case.Otherwise, at.depth, at.max);
            }
        }

        /// <summary>The expressions a declaration holds.</summary>
        public static IEnumerable<Expr> Roots(Declaration declaration) => declaration switch
        {
            FactDecl { Default: { } value } => new[] { value },
            DefineDecl d => new[] { d.Body },
            SetDecl s => s.Items,
            RuleDecl { Condition: { } condition } => new[] { condition },
            ExampleDecl e => e.Facts.Select(f => f.Value),
            _ => Array.Empty<Expr>(),
        };

        /// <summary>The operands of an expression, in the order they are written.</summary>
        public static IEnumerable<Expr> Children(Expr expr) => Operands.Instance.Visit(expr, default);

        private sealed class Operands : ExprVisitor<NoArgument, IEnumerable<Expr>>
        {
            public static readonly Operands Instance = new();

            protected override IEnumerable<Expr> Number(NumberLiteral number, NoArgument _) => Array.Empty<Expr>();
            protected override IEnumerable<Expr> Bool(BoolLiteral literal, NoArgument _) => Array.Empty<Expr>();
            protected override IEnumerable<Expr> String(StringLiteral text, NoArgument _) => Array.Empty<Expr>();
            protected override IEnumerable<Expr> Name(NameExpr name, NoArgument _) => Array.Empty<Expr>();
            protected override IEnumerable<Expr> Not(NotExpr not, NoArgument _) => new[] { not.Operand };
            protected override IEnumerable<Expr> Binary(BinaryExpr binary, NoArgument _) => new[] { binary.Left, binary.Right };
            protected override IEnumerable<Expr> Set(SetLiteral set, NoArgument _) => set.Items;
            protected override IEnumerable<Expr> Given(GivenExpr given, NoArgument _) => new[] { given.Fact };

            protected override IEnumerable<Expr> Case(CaseExpr @case, NoArgument _)
            {
                var operands = new List<Expr>(@case.Branches.Count * 2 + 1);
                foreach (var branch in @case.Branches) { operands.Add(branch.Condition); operands.Add(branch.Result); }
                operands.Add(@case.Otherwise);
                return operands;
            }
        }
    }

    /// <summary>Line starts of a text, so a position becomes line and column in O(log n), not by rescanning the file.</summary>
    internal sealed class LineIndex
    {
        private readonly List<int> starts = new() { 0 };
        private readonly int length;

        [MethodImpl(Jit.Hot)]
        public LineIndex(string text)
        {
            length = text.Length;
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') starts.Add(i + 1);
        }

        [MethodImpl(Jit.Hot)]
        public (int line, int column) LineColumn(int position)
        {
            position = Math.Max(0, Math.Min(position, length));
            var index = starts.BinarySearch(position);
            if (index < 0) index = ~index - 1;
            return (index + 1, position - starts[index] + 1);
        }
    }
}
