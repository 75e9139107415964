using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using AgreementRules.Evaluation;

namespace AgreementRules.Cli.Diagnostics
{
    /// <summary>
    /// <c>check --format sarif</c>: the diagnostics as a SARIF 2.1.0 log, which code-scanning services and
    /// editors read. One run; the tool's rules are the ids that occur, each linked to its page; each result
    /// has its id, level, message and region (columns in UTF-16 code units, as the header line counts them).
    /// Paths are URIs: relative paths stay relative (to where the command ran), with '/' between folders.
    /// </summary>
    internal static class CheckSarif
    {
        public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";
        public const string InformationUri = "https://github.com/agreementrules/agreementrules";

        public static void Write(TextWriter output, CheckReport report)
        {
            var ids = report.Rules.Diagnostics.Concat(report.Acknowledged.Select(a => a.Diagnostic))
                .Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            output.WriteLine(CheckJson.Document(w =>
            {
                w.WriteStartObject();
                w.WriteString("$schema", Schema);
                w.WriteString("version", "2.1.0");
                w.WriteStartArray("runs");
                w.WriteStartObject();
                w.WriteStartObject("tool");
                w.WriteStartObject("driver");
                w.WriteString("name", "agreement-rules");
                w.WriteString("version", ToolVersion);
                w.WriteString("informationUri", InformationUri);
                w.WriteStartArray("rules");
                foreach (var id in ids)
                {
                    w.WriteStartObject();
                    w.WriteString("id", id);
                    w.WriteString("helpUri", RulesDiagnosticIds.HelpLink(id));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteString("columnKind", "utf16CodeUnits");
                w.WriteStartArray("results");
                foreach (var d in report.Rules.Diagnostics) WriteResult(w, d, ids, report.Texts);
                // An acknowledged overlap is still a result, suppressed in the source with the author's reason, as SARIF
                // defines suppressions (§3.34): a viewer hides it by default, an auditor can list it with its justification.
                foreach (var acknowledged in report.Acknowledged) WriteResult(w, acknowledged.Diagnostic, ids, report.Texts, acknowledged);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }

        private static void WriteResult(Utf8JsonWriter w, RulesDiagnostic d, List<string> ids, IReadOnlyDictionary<string, string> texts,
            AcknowledgedOverlap? acknowledged = null)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", d.Id);
            w.WriteNumber("ruleIndex", ids.IndexOf(d.Id));
            w.WriteString("level", d.Severity == Severity.Error ? "error" : "warning");
            w.WriteStartObject("message");
            w.WriteString("text", d.Message);
            w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();
            WritePhysicalLocation(w, d.Span, texts);
            w.WriteEndObject();
            w.WriteEndArray();
            if (acknowledged != null)
            {
                w.WriteStartArray("suppressions");
                w.WriteStartObject();
                w.WriteString("kind", "inSource");
                w.WriteString("status", "accepted");
                w.WriteString("justification", acknowledged.Acknowledgement.Reason);
                w.WriteStartObject("location");
                WritePhysicalLocation(w, acknowledged.Acknowledgement.Span, texts);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        private static void WritePhysicalLocation(Utf8JsonWriter w, SourceSpan span, IReadOnlyDictionary<string, string> texts)
        {
            var region = Region.Of(span, texts);
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", UriOf(span.Path));
            w.WriteEndObject();
            w.WriteStartObject("region");
            w.WriteNumber("startLine", region.Line);
            w.WriteNumber("startColumn", region.Column);
            if (region.EndLine is { } endLine) w.WriteNumber("endLine", endLine);
            if (region.EndColumn is { } endColumn) w.WriteNumber("endColumn", endColumn);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        /// <summary>The version --version prints (0.1.0+commit).</summary>
        internal static string ToolVersion =>
            typeof(CheckSarif).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        /// <summary>A path as a URI reference: absolute paths as file: URIs, relative ones escaped segment by segment.</summary>
        internal static string UriOf(string path)
        {
            if (Path.IsPathRooted(path)) return new System.Uri(Path.GetFullPath(path)).AbsoluteUri;
            return string.Join("/", path.Split('/', '\\').Select(System.Uri.EscapeDataString));
        }
    }
}
