using System.IO;
using System.Linq;
using AgreementRules.Evaluation;

namespace AgreementRules.Cli.Testing
{
    /// <summary>
    /// <c>test --coverage</c> for people: the totals, a line per file, and under it, article by article, each rule
    /// that applies in no example and each condition not seen both true and false (every article with <c>-v</c>).
    /// </summary>
    internal static class CoverageText
    {
        public static void Write(CoverageSummary summary, bool verbose, TextWriter o)
        {
            void Line(string text) => TerminalText.WriteLine(o, text);
            Line("coverage: " + summary.Total.Describe());
            foreach (var (file, articles) in summary.Files)
            {
                Line($"  {file.Name}: {file.Describe()}");
                foreach (var article in articles.Where(a => verbose || !a.Complete))
                {
                    Line($"    {article.Name}: {article.Describe()}");
                    foreach (var rule in article.Rules)
                    {
                        if (!rule.Decided) Line($"      rule '{rule.Rule.Id}' ({Where(rule)}) applies in no example");
                        foreach (var c in rule.Conditions.Where(c => !c.Covered))
                            Line($"      rule '{rule.Rule.Id}' ({c.Condition.Span}): `{c.Text}` is {Seen(c)}");
                    }
                }
            }
        }

        private static string Where(RuleCoverage rule) => $"{rule.Rule.Declaration.Span.Path}:{rule.Rule.Declaration.Span.Line}";

        private static string Seen(ConditionCoverage c) =>
            c.SeenTrue ? "never false" : c.SeenFalse ? "never true" : "never evaluated (no example gives its facts)";
    }
}
