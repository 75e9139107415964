using System.IO;
using System.Text.Json;
using AgreementRules.Cli.Json;

namespace AgreementRules.Cli.Testing
{
    /// <summary>The report as one JSON object (docs/cli.md, test): counts, then every selected example with its result.</summary>
    internal static class TestReportJson
    {
        public static void Write(TestReport report, TextWriter o)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonOptions.Writer.Encoder, Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("passed", report.Passed);
                w.WriteNumber("failed", report.Failed);
                w.WriteNumber("filtered_out", report.FilteredOut);
                w.WriteStartArray("examples");
                foreach (var r in report.Results)
                {
                    w.WriteStartObject();
                    w.WriteString("name", r.Declaration.Title);
                    w.WriteString("file", r.Declaration.Span.Path);
                    w.WriteNumber("line", r.Declaration.Span.Line);
                    w.WriteString("activity", r.Declaration.Activity.Text);
                    w.WriteBoolean("passed", r.Passed);
                    w.WriteString("expected", r.Expected);
                    if (r.Actual == null) w.WriteNull("actual"); else w.WriteString("actual", r.Actual);
                    if (r.Failure == null) w.WriteNull("failure"); else w.WriteString("failure", r.Failure);
                    WriteStrings(w, "citations", r.Decision?.Citations);
                    WriteStrings(w, "missing", r.Decision?.Missing);
                    WriteStrings(w, "trace", r.Decision?.Trace);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (report.Coverage != null) CoverageJson.Write(w, report.Coverage);
                w.WriteEndObject();
            }
            o.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }

        private static void WriteStrings(Utf8JsonWriter w, string name, System.Collections.Generic.IReadOnlyList<string>? items)
        {
            w.WriteStartArray(name);
            foreach (var item in items ?? System.Array.Empty<string>()) w.WriteStringValue(item);
            w.WriteEndArray();
        }
    }
}
