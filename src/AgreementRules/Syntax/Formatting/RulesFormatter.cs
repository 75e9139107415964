using System;
using System.Collections.Generic;
using System.Linq;

namespace AgreementRules.Syntax.Formatting
{
    /// <summary>The formatted text, or null with the reasons the file was not formatted.</summary>
    public sealed record FormatResult(string? Text, IReadOnlyList<RulesDiagnostic> Diagnostics)
    {
        public bool Succeeded => Text != null;
    }

    /// <summary>
    /// <c>agreement-rules fmt</c>: writes a .rules file in the one canonical layout (docs/language.md,
    /// "Layout"), a printer over the syntax tree. Comments, which the tree does not hold, are found in the
    /// source by position (<see cref="SourceComments"/>) and put back beside the code they stood beside:
    /// one on a line of its own before the line of the code that followed it, one at the end of a line at
    /// the end of the line that holds the code it followed. Blank lines between declarations are kept (one
    /// at most), and a declaration of several lines always has one before it.
    /// <para>
    /// A formatter proves itself before anything is written: the text it returns parses without a
    /// diagnostic to the same syntax tree, positions aside (<see cref="SyntaxEquivalence"/>), and holds
    /// the same comments; otherwise it returns no text and an error. A file that does not parse is not
    /// formatted (its diagnostics are returned), nor is one whose formatting would drop text the tree does
    /// not keep (a second <c>title</c> or <c>source</c> of an agreement).
    /// </para>
    /// </summary>
    public static class RulesFormatter
    {
        /// <summary>Lines longer than this are broken where the language has a list (see <see cref="DeclarationLayout"/>).</summary>
        public const int LineWidth = 120;

        public static FormatResult Format(string text, string path)
        {
            text ??= "";
            var file = RulesParser.Parse(text, path);
            if (file.Diagnostics.Count > 0) return new FormatResult(null, file.Diagnostics);
            var repeated = RepeatedClauses(file, text).ToList();
            if (repeated.Count > 0) return new FormatResult(null, repeated);
            var comments = SourceComments.In(text);
            var formatted = Assemble(file.Declarations, comments, text);
            var flaw = Flaw(file, comments, formatted);
            return flaw == null
                ? new FormatResult(formatted, Array.Empty<RulesDiagnostic>())
                : new FormatResult(null, new[]
                {
                    new RulesDiagnostic(RulesDiagnosticIds.Syntax, Severity.Error, new SourceSpan(path, 0, 0, 1, 1),
                        $"internal formatter error: {flaw}; the file was left as it is; please report this file"),
                });
        }

        /// <summary>
        /// One declaration of <paramref name="source"/> laid out as <see cref="Format"/> lays it out, without the
        /// comments around it: how a report shows a rule to someone who reads it beside its article.
        /// </summary>
        public static string Declaration(Declaration declaration, string source) =>
            string.Join("\n", DeclarationLayout.Of(declaration, source).Select(line => new string(' ', line.Indent) + line.Text));

        /// <summary>Why <paramref name="formatted"/> is not the same file as <paramref name="original"/> laid out anew, or null.</summary>
        private static string? Flaw(RulesFile original, List<Comment> comments, string formatted)
        {
            var again = RulesParser.Parse(formatted, original.Path);
            if (again.Diagnostics.Count > 0) return "the formatted text does not parse (" + again.Diagnostics[0] + ")";
            if (!SyntaxEquivalence.Same(original.Declarations, again.Declarations)) return "the formatted text parses to another syntax tree";
            var before = comments.Select(c => c.Text).OrderBy(t => t, StringComparer.Ordinal);
            var after = SourceComments.In(formatted).Select(c => c.Text).OrderBy(t => t, StringComparer.Ordinal);
            return before.SequenceEqual(after, StringComparer.Ordinal) ? null : "the formatted text does not hold the same comments";
        }

        /// <summary>A second <c>title</c> or <c>source</c> in an agreement: only the first counts, so the tree does not hold the other.</summary>
        private static IEnumerable<RulesDiagnostic> RepeatedClauses(RulesFile file, string text)
        {
            foreach (var declaration in file.Declarations)
            {
                if (declaration is not (AgreementDecl or AgreementContinuationDecl)) continue;
                var id = declaration is AgreementDecl a ? a.Id.Text : ((AgreementContinuationDecl)declaration).Id.Text;
                var clauses = SourceComments.TextClauses(text, declaration.Span.Start, End(declaration), "title", "source");
                foreach (var group in clauses.GroupBy(c => c.keyword).Where(g => g.Count() > 1))
                {
                    var second = group.ElementAt(1).position;
                    var (line, column) = RulesParser.LineColumn(text, second);
                    yield return new RulesDiagnostic(RulesDiagnosticIds.Duplicate, Severity.Error,
                        new SourceSpan(file.Path, second, group.Key.Length, line, column),
                        $"agreement '{id}' has a second '{group.Key}'; only the first counts, and formatting would drop this one: keep one '{group.Key}'");
                }
            }
        }

        private static int End(Node node) => node.Span.Start + node.Span.Length;

        private static string Assemble(IReadOnlyList<Declaration> declarations, List<Comment> comments, string text)
        {
            var count = declarations.Count;
            var blocks = declarations.Select(d => DeclarationLayout.Of(d, text)).ToList();
            var after = blocks.Select(_ => new List<Comment>()).ToList();
            var gaps = Enumerable.Range(0, count + 1).Select(_ => new List<Comment>()).ToList();
            var k = 0; // the declaration at or after the comment
            foreach (var comment in comments)
            {
                while (k < count && comment.Start >= End(declarations[k])) k++;
                if (k < count && comment.Start >= declarations[k].Span.Start) Attach(blocks[k], after[k], comment);
                else if (!comment.OwnLine && k > 0) Attach(blocks[k - 1], after[k - 1], comment); // ends the declaration's last line
                else gaps[k].Add(comment);
            }

            var newline = Newline(text);
            var lines = new List<string>();
            for (k = 0; k <= count; k++)
            {
                foreach (var item in Gap(k, declarations, blocks, gaps[k], text)) lines.Add(item?.Text ?? "");
                if (k == count) break;
                foreach (var line in blocks[k])
                {
                    var indent = new string(' ', line.Indent);
                    foreach (var comment in line.Before.OrderBy(c => c.Start)) lines.Add(indent + comment.Text);
                    lines.Add(indent + line.Text + (line.Trailing is { } trailing ? " " + trailing.Text : ""));
                }
                lines.AddRange(after[k].OrderBy(c => c.Start).Select(c => c.Text));
            }
            return lines.Count == 0 ? "" : string.Join(newline, lines) + newline;
        }

        /// <summary>
        /// Puts a comment of a declaration beside its lines: on a line of its own before the line whose code
        /// followed it, or at the end of the line whose code it followed. A second comment for the end of one
        /// line goes on a line of its own before the next line (after the declaration if there is none).
        /// </summary>
        private static void Attach(List<OutputLine> lines, List<Comment> after, Comment comment)
        {
            if (comment.OwnLine)
            {
                var next = lines.Where(l => l.Anchor > comment.Start).OrderBy(l => l.Anchor).FirstOrDefault();
                if (next != null) next.Before.Add(comment);
                else after.Add(comment);
                return;
            }
            var target = lines.Where(l => l.Anchor <= comment.Start).OrderBy(l => l.Anchor).Last();
            if (target.Trailing == null)
            {
                target.Trailing = comment;
                return;
            }
            var index = lines.IndexOf(target);
            if (index + 1 < lines.Count) lines[index + 1].Before.Add(comment);
            else after.Add(comment);
        }

        /// <summary>
        /// The comments on lines of their own between declaration <paramref name="k"/> - 1 and <paramref name="k"/>,
        /// with null for a blank line where the source had one or more; none at the start or the end of the file.
        /// </summary>
        private static List<Comment?> Gap(int k, IReadOnlyList<Declaration> declarations, List<List<OutputLine>> blocks, List<Comment> comments, string text)
        {
            var items = new List<Comment?>();
            var cursor = k == 0 ? 0 : End(declarations[k - 1]);
            foreach (var comment in comments)
            {
                if ((k > 0 || items.Count > 0) && SourceComments.LineEnds(text, cursor, comment.Start) >= 2) items.Add(null);
                items.Add(comment);
                cursor = comment.Start;
            }
            if (k == declarations.Count) return items;
            if ((k > 0 || items.Count > 0) && SourceComments.LineEnds(text, cursor, declarations[k].Span.Start) >= 2) items.Add(null);
            // A declaration of several lines stands apart; its comments stay with the declaration they precede.
            if (k > 0 && !items.Contains(null) && (blocks[k - 1].Count > 1 || blocks[k].Count > 1)) items.Insert(0, null);
            return items;
        }

        /// <summary>The file's own line end: "\r\n" if its first line ends so, else "\n".</summary>
        private static string Newline(string text)
        {
            var first = text.IndexOf('\n');
            return first > 0 && text[first - 1] == '\r' ? "\r\n" : "\n";
        }
    }
}
