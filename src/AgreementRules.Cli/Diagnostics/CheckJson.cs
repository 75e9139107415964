using System;
using System.IO;
using System.Text;
using System.Text.Json;
using AgreementRules.Cli.Json;

namespace AgreementRules.Cli.Diagnostics
{
    /// <summary>
    /// <c>check --format json</c>: one JSON document for tools, with the counts of the text summary and every
    /// diagnostic with its place, end, message, help and the link to its page (docs/cli.md shows it).
    /// </summary>
    internal static class CheckJson
    {
        public static void Write(TextWriter output, CheckReport report) => output.WriteLine(Document(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", report.Ok);
            if (report.Rules.Result != null)
            {
                w.WriteNumber("files", report.Files);
                w.WriteNumber("rules", report.RuleCount);
                w.WriteNumber("examples", report.Examples);
            }
            w.WriteNumber("errors", report.Errors);
            w.WriteNumber("warnings", report.Warnings);
            if (report.RulesSha256 is { } sha) w.WriteString("rules_sha256", sha);
            w.WriteStartArray("diagnostics");
            foreach (var d in report.Rules.Diagnostics)
            {
                var region = Region.Of(d, report.Texts);
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("severity", d.Severity == Severity.Error ? "error" : "warning");
                w.WriteString("path", d.Span.Path);
                w.WriteNumber("line", region.Line);
                w.WriteNumber("column", region.Column);
                if (region.EndLine is { } endLine) w.WriteNumber("end_line", endLine);
                if (region.EndColumn is { } endColumn) w.WriteNumber("end_column", endColumn);
                w.WriteString("message", d.Message);
                if (DiagnosticHelp.For(d.Message) is { } help) w.WriteString("help", help);
                w.WriteString("help_uri", RulesDiagnosticIds.HelpLink(d.Id));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            // The overlaps the rules acknowledge, with the reason: silenced, so not among the diagnostics or counted.
            w.WriteStartArray("acknowledged");
            foreach (var acknowledged in report.Acknowledged)
            {
                var d = acknowledged.Diagnostic;
                var at = acknowledged.Acknowledgement.Span;
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("path", d.Span.Path);
                w.WriteNumber("line", d.Span.Line);
                w.WriteNumber("column", d.Span.Column);
                w.WriteString("message", d.Message);
                w.WriteString("acknowledged_by", acknowledged.AcknowledgedBy.Id);
                w.WriteString("acknowledged_at", $"{at.Path}:{at.Line}:{at.Column}");
                w.WriteString("reason", acknowledged.Acknowledgement.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }));

        /// <summary>An indented JSON document built by <paramref name="write"/>, as text (no text escaped beyond what JSON needs).</summary>
        internal static string Document(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, JsonOptions.Writer with { Indented = true }))
                write(writer);
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
