using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AgreementRules.Cli.Json;
using AgreementRules.Cli.Testing;

namespace AgreementRules.Cli.Report
{
    /// <summary><c>report</c>'s report.json: the data of report.html, for tools (docs/cli.md, report).</summary>
    internal static class ReportJson
    {
        public static void Write(TraceabilityReport report, Stream stream)
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JsonOptions.Writer.Encoder, Indented = true });
            w.WriteStartObject();
            w.WriteString("rules_sha256", report.RulesSha256);
            Summary(w, report);
            w.WriteStartArray("agreements");
            foreach (var agreement in report.Agreements)
            {
                w.WriteStartObject();
                w.WriteString("id", agreement.Id);
                OptionalString(w, "title", agreement.Title);
                OptionalString(w, "source", agreement.Source);
                Strings(w, "parties", agreement.Parties);
                w.WriteBoolean("advisory", agreement.Advisory);
                w.WriteStartArray("articles");
                foreach (var article in agreement.Articles) Article(w, report, agreement, article);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Host(w, report.Host);
            w.WriteEndObject();
        }

        private static void Summary(Utf8JsonWriter w, TraceabilityReport report)
        {
            var articles = report.Agreements.SelectMany(a => a.Articles).ToList();
            w.WriteStartObject("summary");
            w.WriteNumber("agreements", report.Agreements.Count);
            w.WriteNumber("articles", articles.Count);
            w.WriteNumber("articles_not_cited", report.UncitedArticles.Count());
            w.WriteNumber("rules_without_example", report.RulesWithoutExample.Count());
            w.WriteNumber("examples", report.Examples.Count);
            w.WriteNumber("examples_failed", report.ExamplesFailed);
            CoverageJson.Counts(w, report.Coverage);
            if (report.Host == null)
            {
                w.WriteNull("call_sites");
                w.WriteNull("call_sites_not_guarded");
            }
            else
            {
                w.WriteNumber("call_sites", report.Host.Sites.Count);
                w.WriteNumber("call_sites_not_guarded", report.Host.Sites.Count(s => !s.Guarded));
            }
            w.WriteEndObject();
        }

        private static void Article(Utf8JsonWriter w, TraceabilityReport report, ReportAgreement agreement, ReportArticle article)
        {
            w.WriteStartObject();
            w.WriteString("citation", article.Citation);
            w.WriteBoolean("cited", article.Cited);
            Strings(w, "quotes", article.Quotes);
            w.WriteStartArray("left_out");
            foreach (var l in article.LeftOut)
            {
                w.WriteStartObject();
                w.WriteString("reason", l.Reason);
                w.WriteString("file", l.File);
                w.WriteNumber("line", l.Line);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("coverage");
            CoverageJson.Counts(w, article.Coverage);
            w.WriteEndObject();
            Strings(w, "activities", article.Activities);
            w.WriteStartArray("rules");
            foreach (var rule in article.Rules) Rule(w, rule);
            w.WriteEndArray();
            if (report.Host == null) w.WriteNull("call_sites");
            else
            {
                // Advisories never permit or refuse, so they guard no host code.
                w.WriteStartArray("call_sites");
                if (!agreement.Advisory)
                    foreach (var site in article.Activities.SelectMany(report.Host.Of)) Site(w, site);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        private static void Rule(Utf8JsonWriter w, ReportRule rule)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("file", rule.File);
            w.WriteNumber("line", rule.Line);
            w.WriteString("activity", rule.Activity);
            w.WriteString("outcome", rule.Outcome);
            w.WriteString("text", rule.Text);
            w.WriteBoolean("has_example", rule.HasExample);
            w.WriteStartObject("coverage");
            CoverageJson.Counts(w, rule.Coverage);
            w.WriteEndObject();
            Strings(w, "conditions_not_covered", rule.ConditionsNotCovered);
            w.WriteStartArray("acknowledged_overlaps");
            foreach (var o in rule.AcknowledgedOverlaps)
            {
                w.WriteStartObject();
                w.WriteString("with", o.With);
                w.WriteString("reason", o.Reason);
                w.WriteString("acknowledged_by", o.AcknowledgedBy);
                w.WriteString("file", o.File);
                w.WriteNumber("line", o.Line);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("examples");
            foreach (var e in rule.Examples)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Title);
                w.WriteString("file", e.File);
                w.WriteNumber("line", e.Line);
                w.WriteString("expected", e.Expected);
                OptionalString(w, "actual", e.Actual);
                w.WriteBoolean("passed", e.Passed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Host(Utf8JsonWriter w, HostCallSites? host)
        {
            if (host == null)
            {
                w.WriteNull("host");
                return;
            }
            w.WriteStartObject("host");
            Strings(w, "logs", host.Logs);
            w.WriteStartArray("activities");
            foreach (var activity in host.Sites.GroupBy(s => s.Activity).OrderBy(g => g.Key, System.StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("activity", activity.Key);
                w.WriteStartArray("call_sites");
                foreach (var site in activity) Site(w, site);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Site(Utf8JsonWriter w, CallSite site)
        {
            w.WriteStartObject();
            w.WriteString("file", site.File);
            w.WriteNumber("line", site.Line);
            w.WriteNumber("column", site.Column);
            w.WriteString("member", site.Member);
            w.WriteString("activity", site.Activity);
            w.WriteString("guard", site.Guard);
            w.WriteBoolean("guarded", site.Guarded);
            w.WriteEndObject();
        }

        private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            w.WriteStartArray(name);
            foreach (var v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }

        private static void OptionalString(Utf8JsonWriter w, string name, string? value)
        {
            if (value == null) w.WriteNull(name); else w.WriteString(name, value);
        }
    }
}
