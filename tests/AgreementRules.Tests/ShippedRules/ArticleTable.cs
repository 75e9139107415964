using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using AgreementRules.Syntax;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// The coverage table of docs/agreements.md, built from the shipped rules: for each binding agreement,
    /// every article a rule cites (its rule ids and the in-file examples in which each applies) and every
    /// article a rules file declares left out, with the reason, in a comment of the form
    ///
    ///     # left out Art. 13(2): the reason,
    ///     #   continued on lines that start with "#" and three spaces.
    /// </summary>
    internal static class ArticleTable
    {
        public const string Begin = "<!-- article-table: generated from rules/ by ArticleTableTests; rewrite with AGREEMENT_RULES_RECORD=1 -->";
        public const string End = "<!-- /article-table -->";

        /// <summary>Documented examples shown for a rule; the others in which it applies are counted.</summary>
        private const int ShownExamples = 4;

        public sealed record LeftOut(string Agreement, string Citation, string Reason, string File);

        /// <summary>The '# left out' comments of the shipped files, read as <c>agreement-rules report</c> reads them.</summary>
        public static IReadOnlyList<LeftOut> LeftOuts() =>
            Directory.GetFiles(TestRules.ShippedRules, "*.rules").OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(file => AgreementRules.Cli.Report.LeftOutArticles.In(file, File.ReadAllText(file)))
                .Select(l => new LeftOut(l.Agreement, l.Citation, l.Reason, Path.GetFileName(l.File)))
                .ToList();

        /// <summary>The table, markers included, as docs/agreements.md must hold it.</summary>
        public static string Build()
        {
            var binding = Rules.Model.Rules.Where(r => r.Declaration.Outcome.Kind != OutcomeKind.Advisory)
                .Select(r => r.Agreement.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            var leftOuts = LeftOuts();
            var text = new StringBuilder().Append(Begin).Append('\n');
            foreach (var agreement in binding)
            {
                var rules = Rules.Model.Rules.Where(r => r.Agreement.Id == agreement).ToList();
                var citations = rules.Select(r => r.Declaration.Citation)
                    .Concat(leftOuts.Where(l => l.Agreement == agreement).Select(l => l.Citation))
                    .Distinct().OrderBy(Key, StringComparer.Ordinal);
                text.Append('\n').Append($"### {agreement}\n\n");
                text.Append("| article | rules | in-file examples in which each rule applies (→ the decision) | left out, and why |\n");
                text.Append("|---|---|---|---|\n");
                foreach (var citation in citations)
                {
                    var cited = rules.Where(r => r.Declaration.Citation == citation).ToList();
                    var ids = cited.Count == 0 ? "—" : string.Join(", ", cited.Select(r => $"`{r.Id}`"));
                    var examples = cited.Count == 0 ? "—" : string.Join("<br>", cited.Select(Examples));
                    var why = leftOuts.Where(l => l.Agreement == agreement && l.Citation == citation).Select(l => l.Reason).ToList();
                    text.Append($"| {citation} | {ids} | {examples} | {(why.Count == 0 ? "—" : Cell(string.Join(" ", why)))} |\n");
                }
            }
            return text.Append('\n').Append(End).ToString();
        }

        /// <summary>`rule-id`: the examples of its own file that document its article and in which it applies, then how many others.</summary>
        private static string Examples(AgreementRules.Semantics.CheckedRule rule)
        {
            var applying = InFileExamples.All.Where(r => r.Traced(rule.Id, "applies")).ToList();
            var documenting = applying.Where(r => r.File == rule.Declaration.Span.Path && InFileExamples.Documents(r.Example.Declaration, rule.Declaration.Citation)).ToList();
            var shown = (documenting.Count > 0 ? documenting : applying).Take(ShownExamples).ToList();
            var listed = string.Join("; ", shown.Select(r => $"\"{Cell(r.Title)}\" → {AgreementRules.Semantics.DecisionNames.Of(r.Decision.Outcome)}"));
            var others = applying.Count - shown.Count;
            return $"`{rule.Id}`: {listed}{(others > 0 ? $" (+ {others} more)" : "")}";
        }

        private static string Cell(string text) => text.Replace("|", "\\|");

        /// <summary>Articles in the instrument's order, as the report orders them.</summary>
        private static string Key(string citation) => AgreementRules.Cli.Report.LeftOutArticles.OrderKey(citation);
    }
}
