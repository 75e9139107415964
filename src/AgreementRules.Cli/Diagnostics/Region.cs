using System.Collections.Generic;

namespace AgreementRules.Cli.Diagnostics
{
    /// <summary>
    /// Where a diagnostic starts and ends, 1-based, the end column just past the last character (as SARIF's
    /// region counts it); the end is known only when the file's text is (not for a path that names nothing).
    /// Columns count UTF-16 code units, as the header line's column does.
    /// </summary>
    internal readonly record struct Region(int Line, int Column, int? EndLine, int? EndColumn)
    {
        public static Region Of(RulesDiagnostic d, IReadOnlyDictionary<string, string> texts) => Of(d.Span, texts);

        /// <summary>Where a span of a rules file starts and ends (an acknowledgement's, for SARIF's suppression location).</summary>
        public static Region Of(SourceSpan span, IReadOnlyDictionary<string, string> texts)
        {
            if (!texts.TryGetValue(span.Path, out var text) || span.Start < 0 || span.Start > text.Length)
                return new Region(span.Line, span.Column, null, null);
            var end = System.Math.Min(text.Length, span.Start + span.Length);
            var line = span.Line;
            var column = span.Column;
            for (var i = span.Start; i < end; i++)
            {
                if (text[i] == '\n') { line++; column = 1; }
                else column++;
            }
            return new Region(span.Line, span.Column, line, column);
        }
    }
}
