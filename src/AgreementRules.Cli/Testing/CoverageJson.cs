using System.Linq;
using System.Text.Json;

namespace AgreementRules.Cli.Testing
{
    /// <summary><c>test --coverage --format json</c>: the coverage object of the report (docs/cli.md, test).</summary>
    internal static class CoverageJson
    {
        public static void Write(Utf8JsonWriter w, CoverageSummary summary)
        {
            w.WriteStartObject("coverage");
            Counts(w, summary.Total);
            w.WriteStartArray("files");
            foreach (var (file, articles) in summary.Files)
            {
                w.WriteStartObject();
                w.WriteString("file", file.Name);
                Counts(w, file);
                w.WriteStartArray("articles");
                foreach (var article in articles)
                {
                    w.WriteStartObject();
                    w.WriteString("article", article.Name);
                    Counts(w, article);
                    w.WriteStartArray("rules_not_applied");
                    foreach (var rule in article.Rules.Where(r => !r.Decided))
                    {
                        w.WriteStartObject();
                        w.WriteString("rule", rule.Rule.Id);
                        w.WriteNumber("line", rule.Rule.Declaration.Span.Line);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("conditions_not_covered");
                    foreach (var rule in article.Rules)
                        foreach (var c in rule.Conditions.Where(c => !c.Covered))
                        {
                            w.WriteStartObject();
                            w.WriteString("rule", rule.Rule.Id);
                            w.WriteString("condition", c.Text);
                            w.WriteNumber("line", c.Condition.Span.Line);
                            w.WriteNumber("column", c.Condition.Span.Column);
                            w.WriteBoolean("seen_true", c.SeenTrue);
                            w.WriteBoolean("seen_false", c.SeenFalse);
                            w.WriteEndObject();
                        }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        internal static void Counts(Utf8JsonWriter w, CoverageCounts counts)
        {
            w.WriteNumber("rules", counts.Rules.Count);
            w.WriteNumber("rules_applied", counts.RulesApplied);
            w.WriteNumber("conditions", counts.Conditions);
            w.WriteNumber("conditions_covered", counts.ConditionsCovered);
        }
    }
}
