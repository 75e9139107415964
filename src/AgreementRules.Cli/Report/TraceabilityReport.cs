using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Cli.Testing;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;
using AgreementRules.Syntax.Formatting;

namespace AgreementRules.Cli.Report
{
    /// <summary>An in-file example in which a rule applies, and whether it passes.</summary>
    internal sealed record ReportExample(string Title, string File, int Line, string Expected, string? Actual, bool Passed, string? Failure);

    /// <summary>
    /// An overlap with another rule that the rules acknowledge as intended (<c>overlaps … because "…"</c>), shown beside both
    /// rules whichever carries it: the other rule, the author's reason, and where the acknowledgement is written.
    /// </summary>
    internal sealed record ReportOverlap(string With, string Reason, string AcknowledgedBy, string File, int Line);

    /// <summary>A rule that cites an article: its text as the formatter lays it out, the examples that exercise it, its coverage.</summary>
    internal sealed record ReportRule(string Id, string File, int Line, string Activity, string Outcome, string Text,
        IReadOnlyList<ReportExample> Examples, CoverageCounts Coverage, IReadOnlyList<string> ConditionsNotCovered,
        IReadOnlyList<ReportOverlap> AcknowledgedOverlaps)
    {
        public bool HasExample => Examples.Count > 0;
    }

    /// <summary>
    /// One article of an agreement: the sentences the rules quote from it, the rules that cite it, what the rules
    /// files say is left out of it, and the host call sites of the activities its rules decide.
    /// </summary>
    internal sealed record ReportArticle(string Citation, IReadOnlyList<string> Quotes, IReadOnlyList<ReportRule> Rules,
        IReadOnlyList<LeftOutArticle> LeftOut, CoverageCounts Coverage, IReadOnlyList<string> Activities)
    {
        public bool Cited => Rules.Count > 0;
    }

    internal sealed record ReportAgreement(string Id, string? Title, string? Source, IReadOnlyList<string> Parties, bool Advisory,
        IReadOnlyList<ReportArticle> Articles);

    /// <summary>
    /// The traceability report (issue 16): per agreement, per article, the quoted text, the rules that encode it,
    /// the examples that prove them, coverage, and — given the host's build log — the host code guarded by it.
    /// Built only from what the other commands compute: the compiler's model, <c>test</c>'s example runner and
    /// coverage, the formatter's layout, and the call sites the analyzers reported in a real build.
    /// </summary>
    internal sealed class TraceabilityReport
    {
        private TraceabilityReport(string rulesSha256, IReadOnlyList<ReportAgreement> agreements, IReadOnlyList<ExampleResult> examples,
            CoverageCounts coverage, HostCallSites? host)
        {
            RulesSha256 = rulesSha256; Agreements = agreements; Examples = examples; Coverage = coverage; Host = host;
        }

        public string RulesSha256 { get; }
        public IReadOnlyList<ReportAgreement> Agreements { get; }
        public IReadOnlyList<ExampleResult> Examples { get; }
        public CoverageCounts Coverage { get; }
        /// <summary>Null when no host build log was given.</summary>
        public HostCallSites? Host { get; }

        public IEnumerable<(ReportAgreement agreement, ReportArticle article)> UncitedArticles =>
            Agreements.SelectMany(a => a.Articles.Where(x => !x.Cited).Select(x => (a, x)));

        public IEnumerable<ReportRule> RulesWithoutExample =>
            Agreements.SelectMany(a => a.Articles).SelectMany(x => x.Rules).Where(r => !r.HasExample);

        public int ExamplesFailed => Examples.Count(e => !e.Passed);

        public static TraceabilityReport Build(RuleSet ruleSet, CheckedModel model, IReadOnlyList<RulesSource> sources,
            IReadOnlyList<LeftOutArticle> leftOut, HostCallSites? host)
        {
            var examples = ExampleRunner.Results(ruleSet, model).ToList();
            var coverage = ExampleCoverage.Measure(ruleSet, model, examples).ToDictionary(c => c.Rule);
            var texts = sources.ToDictionary(s => s.Path, s => s.Text, StringComparer.Ordinal);
            var acknowledged = model.Rules.SelectMany(by => by.Declaration.Overlaps.SelectMany(a => a.Rules.Select(other => (by, other: other.Text, a)))).ToList();
            var agreements = new List<ReportAgreement>();
            foreach (var agreement in model.Symbols.Agreements.Values.OrderBy(a => a.Id, StringComparer.Ordinal))
            {
                var rules = model.Rules.Where(r => r.Agreement == agreement).ToList();
                var omitted = leftOut.Where(l => l.Agreement == agreement.Id).ToList();
                var citations = rules.Select(r => r.Declaration.Citation).Concat(omitted.Select(l => l.Citation))
                    .Distinct(StringComparer.Ordinal).OrderBy(LeftOutArticles.OrderKey, StringComparer.Ordinal);
                var articles = citations.Select(citation =>
                {
                    var cited = rules.Where(r => r.Declaration.Citation == citation).ToList();
                    return new ReportArticle(citation,
                        cited.Select(r => r.Declaration.Quote).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                        cited.Select(r => Rule(r, coverage[r], texts[r.Declaration.Span.Path], acknowledged)).ToList(),
                        omitted.Where(l => l.Citation == citation).ToList(),
                        new CoverageCounts(citation, cited.Select(r => coverage[r]).ToList()),
                        cited.Select(r => r.Activity).Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList());
                }).ToList();
                var advisory = rules.Count > 0 && rules.All(r => r.Declaration.Outcome.Kind == OutcomeKind.Advisory);
                agreements.Add(new ReportAgreement(agreement.Id, agreement.Declaration.Title, agreement.Declaration.Source,
                    agreement.Parties.ToList(), advisory, articles));
            }
            return new TraceabilityReport(ruleSet.RulesSha256, agreements, examples, new CoverageCounts("all", coverage.Values.ToList()), host);
        }

        private static ReportRule Rule(CheckedRule rule, RuleCoverage coverage, string source,
            IReadOnlyList<(CheckedRule by, string other, OverlapAcknowledgement acknowledgement)> acknowledged)
        {
            var overlaps = acknowledged
                .Where(x => x.by == rule || x.other == rule.Id)
                .Select(x => new ReportOverlap(x.by == rule ? x.other : x.by.Id, x.acknowledgement.Reason, x.by.Id,
                    x.acknowledgement.Span.Path, x.acknowledgement.Span.Line))
                .ToList();
            var d = rule.Declaration;
            return new ReportRule(rule.Id, d.Span.Path, d.Span.Line, rule.Activity, System.Text.RegularExpressions.Regex.Replace(d.Outcome.Kind.ToString(), "(?<=[a-z])(?=[A-Z])", "-").ToLowerInvariant(),
                RulesFormatter.Declaration(d, source),
                coverage.AppliedIn.Select(e => new ReportExample(e.Declaration.Title, e.Declaration.Span.Path, e.Declaration.Span.Line,
                    e.Expected, e.Actual, e.Passed, e.Failure)).ToList(),
                new CoverageCounts(rule.Id, new[] { coverage }),
                coverage.Conditions.Where(c => !c.Covered).Select(c => c.Text).ToList(),
                overlaps);
        }
    }
}
