using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace AgreementRules.Cli.Diagnostics
{
    /// <summary>
    /// Diagnostics written for people, as rustc and Cedar write them: the header line
    /// <c>path:line:column: error ID: message</c> (unchanged, so tools that read it keep working), then the
    /// source line with a caret under the span, then <c>= help: …</c> where the message proposes a fix
    /// (<see cref="DiagnosticHelp"/>), then a blank line:
    /// <code>
    /// rules/x.rules:10:8: error AGR0003: unknown name 'enrichmnt' (did you mean 'enrichment'?); expected number %
    ///    |
    /// 10 |   when enrichmnt &lt; 20 %
    ///    |        ^^^^^^^^^
    ///    = help: did you mean 'enrichment'?
    /// </code>
    /// Everything taken from the rules file is escaped for the terminal (<see cref="TerminalText"/>), and the
    /// caret is placed by the width of what is shown (a tab as four spaces, an escape as its text, a wide
    /// character as two columns). With colour the severity, the gutter and the carets are coloured as rustc
    /// colours them; the characters are the same either way.
    /// </summary>
    internal sealed class DiagnosticText
    {
        /// <summary>A source line longer than this is shown as a window around the span.</summary>
        internal const int MaxShownColumns = 160;
        private const int Context = 60;

        private readonly TextWriter writer;
        private readonly bool colour;
        private readonly Dictionary<string, SourceLines> sources = new(StringComparer.Ordinal);

        public DiagnosticText(TextWriter writer, bool colour, IEnumerable<RulesSource> sources)
        {
            this.writer = writer;
            this.colour = colour;
            foreach (var source in sources) this.sources[source.Path] = new SourceLines(source.Text);
        }

        public void Write(RulesDiagnostic d)
        {
            var isError = d.Severity == Severity.Error;
            var tone = isError ? Red : Yellow;
            var place = $"{d.Span.Path}:{d.Span.Line}:{d.Span.Column}:";
            writer.WriteLine(
                Paint(Bold, TerminalText.Escape(place)) + " " +
                Paint(tone, (isError ? "error " : "warning ") + d.Id) +
                Paint(Bold, ": " + TerminalText.Escape(d.Message)));
            var gutter = d.Span.Line.ToString(CultureInfo.InvariantCulture);
            var pad = new string(' ', gutter.Length);
            if (sources.TryGetValue(d.Span.Path, out var lines) && lines.Line(d.Span.Line) is { } line)
            {
                var (shown, caretAt, carets) = Excerpt(line, d.Span.Column - 1, d.Span.Length);
                writer.WriteLine(Paint(Blue, pad + " |"));
                writer.WriteLine(Paint(Blue, gutter + " |") + (shown.Length == 0 ? "" : " " + shown));
                writer.WriteLine(Paint(Blue, pad + " |") + " " + new string(' ', caretAt) + Paint(tone, new string('^', carets)));
            }
            if (DiagnosticHelp.For(d.Message) is { } help)
                writer.WriteLine(pad + " " + Paint(Blue, "=") + " " + Paint(Cyan, "help") + ": " + TerminalText.Escape(help));
            writer.WriteLine();
        }

        /// <summary>
        /// The line as shown, the column the caret starts at, and how many carets: at least one (a span at the
        /// end of a line points just past it), at most to the end of the line (a span over several lines is
        /// marked on its first).
        /// </summary>
        internal static (string shown, int caretAt, int carets) Excerpt(string line, int start, int length)
        {
            start = Math.Max(0, Math.Min(start, line.Length));
            var end = Math.Min(line.Length, start + Math.Max(length, 1));
            var from = 0;
            var to = line.Length;
            if (line.Length > MaxShownColumns)
            {
                from = Math.Max(0, start - Context);
                to = Math.Min(line.Length, Math.Max(end, start + 1) + Context);
            }
            var before = (from > 0 ? "…" : "") + Shown(line.Substring(from, start - from));
            var covered = Shown(line.Substring(start, end - start));
            var after = Shown(line.Substring(end, to - end)) + (to < line.Length ? "…" : "");
            var shown = (before + covered + after).TrimEnd();
            return (shown, Width(before), Math.Max(1, Width(covered)));
        }

        /// <summary>Source text as the terminal shows it: tabs as four spaces, then <see cref="TerminalText.Escape"/>.</summary>
        private static string Shown(string text) => TerminalText.Escape(text.Replace("\t", "    "));

        /// <summary>Columns a text takes on a terminal: two for East Asian wide characters, none for combining marks.</summary>
        internal static int Width(string text)
        {
            var width = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var code = char.ConvertToUtf32(c, text[++i]);
                    width += code >= 0x1F300 || (code >= 0x20000 && code <= 0x3FFFD) ? 2 : 1;
                    continue;
                }
                var category = CharUnicodeInfo.GetUnicodeCategory(c);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) continue;
                width += IsWide(c) ? 2 : 1;
            }
            return width;
        }

        private static bool IsWide(char c) =>
            (c >= '\u1100' && c <= '\u115F') || (c >= '\u2E80' && c <= '\uA4CF' && c != '\u303F') || (c >= '\uAC00' && c <= '\uD7A3') ||
            (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFE30' && c <= '\uFE4F') || (c >= '\uFF00' && c <= '\uFF60') || (c >= '\uFFE0' && c <= '\uFFE6');

        private const string Bold = "\u001b[1m";
        private const string Red = "\u001b[1;31m";
        private const string Yellow = "\u001b[1;33m";
        private const string Blue = "\u001b[1;34m";
        private const string Cyan = "\u001b[1;36m";
        private const string Reset = "\u001b[0m";

        private string Paint(string style, string text) => colour && text.Length > 0 ? style + text + Reset : text;

        /// <summary>The lines of one file, split once, found by 1-based number.</summary>
        private sealed class SourceLines
        {
            private readonly string text;
            private readonly List<int> starts = new() { 0 };

            public SourceLines(string text)
            {
                this.text = text;
                for (var i = 0; i < text.Length; i++)
                    if (text[i] == '\n') starts.Add(i + 1);
            }

            /// <summary>Line <paramref name="number"/> without its line ending, or null past the end.</summary>
            public string? Line(int number)
            {
                if (number < 1 || number > starts.Count) return null;
                var start = starts[number - 1];
                var end = number < starts.Count ? starts[number] - 1 : text.Length;
                if (end > start && text[end - 1] == '\r') end--;
                return text.Substring(start, end - start);
            }
        }
    }
}
