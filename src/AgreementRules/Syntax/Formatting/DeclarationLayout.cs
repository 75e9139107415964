using System;
using System.Collections.Generic;
using System.Linq;

namespace AgreementRules.Syntax.Formatting
{
    /// <summary>
    /// One line of formatted output. <see cref="Anchor"/> is where the line's first token stood in the
    /// source: a comment goes before the line whose anchor follows it, or at the end of the line whose
    /// anchor precedes it (<see cref="RulesFormatter"/>).
    /// </summary>
    internal sealed class OutputLine
    {
        public OutputLine(int indent, string text, int anchor)
        {
            Indent = indent;
            Text = text;
            Anchor = anchor;
        }

        public int Indent { get; }
        public string Text { get; }
        public int Anchor { get; }
        /// <summary>Comments that stood on lines of their own before this line's code.</summary>
        public List<Comment> Before { get; } = new();
        /// <summary>The comment that ended the line this line's code stood on.</summary>
        public Comment? Trailing { get; set; }
    }

    /// <summary>
    /// The canonical layout of each declaration (docs/language.md, "Layout"): keywords and clauses in one
    /// fixed order and indentation, expressions through <see cref="ExprPrinter"/>, and a line longer than
    /// <see cref="RulesFormatter.LineWidth"/> broken only where the language has a list: between the operands
    /// of a condition's or definition's top <c>and</c>/<c>or</c> chain, between an example's facts and
    /// evidence, between a set declaration's members.
    /// </summary>
    internal sealed class DeclarationLayout
    {
        private const int Step = 2;
        private readonly string source;
        private readonly List<OutputLine> lines = new();

        private DeclarationLayout(string source) => this.source = source;

        public static List<OutputLine> Of(Declaration declaration, string source)
        {
            var layout = new DeclarationLayout(source);
            layout.Add(declaration);
            return layout.lines;
        }

        private void Line(int indent, string text, int anchor) => lines.Add(new OutputLine(indent, text, anchor));

        private static int End(Node node) => node.Span.Start + node.Span.Length;

        private void Add(Declaration declaration)
        {
            var start = declaration.Span.Start;
            switch (declaration)
            {
                case AgreementDecl a: Agreement(a, a.Id, false, a.Title, a.Parties, a.Source); break;
                case AgreementContinuationDecl c: Agreement(c, c.Id, true, c.Title, c.Parties, c.Source); break;
                case TypeDecl t: Line(0, $"type {t.Name.Text} = {Type(t.Type)}", start); break;
                case FactDecl f:
                    Line(0, $"fact {f.Name.Text} : {Type(f.Type)}"
                            + (f.Default == null ? "" : " default " + ExprPrinter.Print(f.Default))
                            + (f.Description == null ? "" : " " + ExprPrinter.Quoted(f.Description)), start);
                    break;
                case ActivityDecl a:
                    Line(0, $"activity {a.Name.Text}" + (a.Description == null ? "" : " " + ExprPrinter.Quoted(a.Description)), start);
                    break;
                case DefineDecl d: Define(d); break;
                case SetDecl s: Set(s); break;
                case RuleDecl r: Rule(r); break;
                case ExampleDecl e: Example(e); break;
                default: throw new ArgumentException("a declaration the formatter does not know: " + declaration.GetType().Name, nameof(declaration));
            }
        }

        private void Agreement(Declaration d, Name id, bool continued, string? title, IReadOnlyList<Name> parties, string? sourceText)
        {
            var clauses = SourceComments.TextClauses(source, d.Span.Start, End(d), "title", "source");
            Line(0, $"agreement {id.Text}{(continued ? " continued" : "")} {{", d.Span.Start);
            if (title != null) Line(Step, "title " + ExprPrinter.Quoted(title), clauses.First(c => c.keyword == "title").position);
            if (parties.Count > 0) Line(Step, "parties " + Names(parties), parties[0].Span.Start);
            if (sourceText != null) Line(Step, "source " + ExprPrinter.Quoted(sourceText), clauses.First(c => c.keyword == "source").position);
            Line(0, "}", End(d) - 1);
        }

        private void Define(DefineDecl d)
        {
            var head = $"define {d.Name.Text} = ";
            if (d.Body is not CaseExpr c)
            {
                // Too long for one line: the name alone, and the expression below it, a chain one operand a line.
                if (head.Length + ExprPrinter.Print(d.Body).Length <= RulesFormatter.LineWidth) Line(0, head + ExprPrinter.Print(d.Body), d.Span.Start);
                else
                {
                    Line(0, head.TrimEnd(), d.Span.Start);
                    Condition(Step, "", d.Body, d.Body.Span.Start, continuation: Step, fitsNowhere: true);
                }
                return;
            }
            // A definition that is a case reads as a table: one branch a line, 'end' under 'define'.
            Line(0, head + "case", d.Span.Start);
            foreach (var branch in c.Branches)
                Line(Step, $"when {ExprPrinter.Print(branch.Condition)} then {ExprPrinter.Print(branch.Result)}", branch.Condition.Span.Start);
            Line(Step, "else " + ExprPrinter.Print(c.Otherwise), c.Otherwise.Span.Start);
            Line(0, "end", End(c) - "end".Length);
        }

        private void Set(SetDecl s)
        {
            var head = $"set {s.Name.Text} = ";
            var items = s.Items.Select(i => (ExprPrinter.PrintArithmeticOperand(i), i.Span.Start)).ToList();
            var oneLine = head + (items.Count == 0 ? "{}" : "{ " + string.Join(", ", items.Select(i => i.Item1)) + " }");
            if (oneLine.Length <= RulesFormatter.LineWidth || items.Count == 0)
            {
                Line(0, oneLine, s.Span.Start);
                return;
            }
            Line(0, head + "{", s.Span.Start);
            List(Step, "", items, s.Items[0].Span.Start, continuation: Step);
            Line(0, "}", End(s) - 1);
        }

        private void Rule(RuleDecl r)
        {
            Line(0, $"rule {r.Id.Text} cites {ExprPrinter.Quoted(r.Citation)}", r.Span.Start);
            Line(Step, "on " + r.Activity.Text, r.Activity.Span.Start);
            if (r.Condition != null) Condition(Step, "when ", r.Condition, r.Condition.Span.Start, continuation: 2 * Step);
            Line(Step, "then " + OutcomeText(r.Outcome), r.Outcome.Span.Start);
            // The quote is the rule's last token, so its keyword is the first token after the outcome.
            if (r.Quote != null) Line(Step, "quote " + ExprPrinter.Quoted(r.Quote), Lexer.SkipTrivia(source, End(r.Outcome), End(r)));
            foreach (var acknowledgement in r.Overlaps) Overlaps(acknowledgement);
        }

        /// <summary><c>overlaps A, B</c> (the names broken like any list), then <c>because "…"</c> on a line of its own, a step in.</summary>
        private void Overlaps(OverlapAcknowledgement acknowledgement)
        {
            var names = acknowledgement.Rules.Select(n => (n.Text, n.Span.Start)).ToList();
            List(Step, "overlaps ", names, acknowledgement.Span.Start, continuation: 2 * Step);
            var because = Lexer.SkipTrivia(source, End(acknowledgement.Rules[acknowledgement.Rules.Count - 1]), End(acknowledgement));
            Line(2 * Step, "because " + ExprPrinter.Quoted(acknowledgement.Reason), because);
        }

        private void Example(ExampleDecl e)
        {
            Line(0, $"example {ExprPrinter.Quoted(e.Title)} {{", e.Span.Start);
            var facts = e.Facts.Select(f => ($"{f.Fact.Text} = {ExprPrinter.PrintArithmeticOperand(f.Value)}", f.Fact.Span.Start)).ToList();
            if (facts.Count == 0) Line(Step, e.Activity.Text, e.Activity.Span.Start);
            else List(Step, e.Activity.Text + " ", facts, e.Activity.Span.Start, continuation: 2 * Step);
            if (e.Consents.Count > 0) List(Step, "consents ", EvidenceTexts(e.Consents), e.Consents[0].Party.Span.Start, continuation: 2 * Step);
            if (e.Notifications.Count > 0) List(Step, "notifications ", EvidenceTexts(e.Notifications), e.Notifications[0].Party.Span.Start, continuation: 2 * Step);
            Line(Step, "expect " + e.Expected.Text, e.Expected.Span.Start);
            Line(0, "}", End(e) - 1);
        }

        private static List<(string, int)> EvidenceTexts(IReadOnlyList<EvidenceItem> items) =>
            items.Select(i => (i.Party.Text + Modifiers(i), i.Party.Span.Start)).ToList();

        private static string Modifiers(EvidenceItem item)
        {
            if (item.Written && item.Prior) return "";
            if (!item.Written && !item.Prior) return "(oral, after)";
            return item.Written ? "(after)" : "(oral)";
        }

        /// <summary>
        /// An expression after <paramref name="head"/>, on one line if it fits. A top <c>and</c>/<c>or</c> chain
        /// that does not fit goes one operand a line, each after the first starting with the operator, at
        /// <paramref name="continuation"/>: the conditions of an article read as a list.
        /// </summary>
        private void Condition(int indent, string head, Expr expr, int anchor, int continuation, bool fitsNowhere = false)
        {
            var oneLine = head + ExprPrinter.Print(expr);
            if ((!fitsNowhere && indent + oneLine.Length <= RulesFormatter.LineWidth) || expr is not BinaryExpr { Operator: var op } chain || op.Kind() != OperatorKind.Logical)
            {
                Line(indent, oneLine, anchor);
                return;
            }
            var operands = ExprPrinter.ChainOperands(chain);
            Line(indent, head + ExprPrinter.PrintChainOperand(chain, operands[0]), anchor);
            foreach (var operand in operands.Skip(1))
                Line(continuation, op.Text() + " " + ExprPrinter.PrintChainOperand(chain, operand), operand.Span.Start);
        }

        /// <summary>
        /// Items separated by commas after <paramref name="head"/>, as many a line as fit; a line that goes on
        /// ends with its comma, and the next starts at <paramref name="continuation"/>.
        /// </summary>
        private void List(int indent, string head, List<(string text, int anchor)> items, int anchor, int continuation)
        {
            var current = head + items[0].text;
            var currentIndent = indent;
            var currentAnchor = anchor;
            for (var i = 1; i < items.Count; i++)
            {
                var (text, itemAnchor) = items[i];
                // A line that goes on ends with a comma, which must fit too.
                var comma = i + 1 < items.Count ? 1 : 0;
                if (currentIndent + current.Length + 2 + text.Length + comma <= RulesFormatter.LineWidth)
                {
                    current += ", " + text;
                    continue;
                }
                Line(currentIndent, current + ",", currentAnchor);
                (current, currentIndent, currentAnchor) = (text, continuation, itemAnchor);
            }
            Line(currentIndent, current, currentAnchor);
        }

        private static string Names(IEnumerable<Name> names) => string.Join(", ", names.Select(n => n.Text));

        private static string Type(TypeExpr type) => type switch
        {
            BoolTypeExpr => "bool",
            TextTypeExpr => "text",
            NumberTypeExpr n => n.Unit.Length == 0 ? "number" : "number " + n.Unit,
            EnumTypeExpr e => "enum { " + Names(e.Values) + " }",
            ListTypeExpr l => "list of " + Type(l.Element),
            NamedTypeExpr n => n.Name.Text,
            _ => throw new ArgumentException("a type the formatter does not know: " + type.GetType().Name, nameof(type)),
        };

        private static string OutcomeText(RuleOutcome outcome)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Permitted: return "permitted";
                case OutcomeKind.Prohibited: return "prohibited";
                case OutcomeKind.Advisory: return "advisory " + ExprPrinter.Quoted(outcome.Text ?? "");
                case OutcomeKind.GrantsConsent: return "grants consent of " + Names(outcome.Parties);
                case OutcomeKind.RequiresAssurances: return "requires assurances or consent of " + Names(outcome.Parties);
                case OutcomeKind.RequiresConsent:
                case OutcomeKind.RequiresNotification:
                    return "requires " + string.Join(" or ",
                        new[] { RequirementText(outcome.Kind, outcome.Written, outcome.Parties) }
                            .Concat(outcome.Alternatives.Select(a => RequirementText(a.Kind, a.Written, a.Parties))));
                default: throw new ArgumentException("an outcome the formatter does not know: " + outcome.Kind, nameof(outcome));
            }
        }

        private static string RequirementText(OutcomeKind kind, bool written, IReadOnlyList<Name> parties) =>
            (written ? "written " : "") + (kind == OutcomeKind.RequiresConsent ? "consent of " : "notification by ") + Names(parties);
    }
}
