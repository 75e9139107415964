using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using AgreementRules.Cli.Testing;

namespace AgreementRules.Cli.Report
{
    /// <summary>
    /// <c>report</c>'s report.html: one self-contained page (inline CSS, no script, no font or file fetched) that a
    /// reader who does not know the rules language follows from the top: agreement → article → what the text says →
    /// rules that encode it → examples that prove it → host code guarded by it. What needs attention (an article no
    /// rule cites, a rule no example exercises, a failing example, host code not guarded) is marked in words, not
    /// by colour alone, so it survives printing in black and white. Every text from the rules, the examples and the
    /// host's build log is HTML-escaped: all of it is input the report does not trust.
    /// </summary>
    internal sealed class ReportHtml
    {
        /// <summary>Examples listed in full under a rule; the others fold into a list the reader can open.</summary>
        private const int ShownExamples = 5;

        private readonly TraceabilityReport report;
        private readonly StringBuilder html = new();
        private readonly Anchors anchors = new();

        private ReportHtml(TraceabilityReport report) => this.report = report;

        public static string Render(TraceabilityReport report) => new ReportHtml(report).Page();

        private string Page()
        {
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>Traceability report: agreements, rules, examples and host code</title>\n")
                .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
            Header();
            Contents();
            html.Append("<main>\n");
            foreach (var agreement in report.Agreements) Agreement(agreement);
            if (report.Host != null) Host(report.Host);
            html.Append("</main>\n</body>\n</html>\n");
            return html.ToString();
        }

        private void Header()
        {
            html.Append("<header>\n<h1>Traceability report</h1>\n<p class=\"lede\">For each agreement and each of its articles: what the text says, ")
                .Append("the rules that encode it, the examples that prove those rules, and")
                .Append(report.Host == null ? " (no host build was given) " : " ")
                .Append("the host code that performs the activity the article governs.</p>\n<dl class=\"facts\">\n");
            Fact("Rules version (SHA-256)", $"<code>{E(report.RulesSha256)}</code>");
            var articles = report.Agreements.SelectMany(a => a.Articles).ToList();
            Fact("Agreements and commitments", report.Agreements.Count.ToString());
            Fact("Articles", $"{articles.Count}, of which {Count(report.UncitedArticles.Count(), "no rule encodes", "every one is encoded")}");
            Fact("Examples", $"{report.Examples.Count}, of which {Count(report.ExamplesFailed, "fail", "none fails")}");
            Fact("Rules", $"{report.Coverage.Rules.Count}, of which {Count(report.RulesWithoutExample.Count(), "no example proves", "every one is proved by an example")}");
            Fact("Coverage", E(report.Coverage.Describe()));
            if (report.Host != null)
            {
                var open = report.Host.Sites.Count(s => !s.Guarded);
                Fact("Host call sites", $"{report.Host.Sites.Count}, of which {Count(open, "are not guarded", "every one is guarded")}");
            }
            html.Append("</dl>\n");
            Attention();
            html.Append("</header>\n");
        }

        /// <summary>"3 fail" marked for attention, or the reassuring phrase when there are none.</summary>
        private static string Count(int count, string what, string none) =>
            count == 0 ? E(none) : $"<strong class=\"flag\">{count} {E(what)}</strong>";

        private void Fact(string name, string valueHtml) =>
            html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(valueHtml).Append("</dd>\n");

        /// <summary>Everything that needs a reader's attention, linked to where it stands.</summary>
        private void Attention()
        {
            var items = new List<string>();
            foreach (var (agreement, article) in report.UncitedArticles)
                items.Add($"<a href=\"#{anchors.Article(agreement.Id, article.Citation)}\">{E(agreement.Id)} {E(article.Citation)}</a>: no rule encodes this article");
            foreach (var agreement in report.Agreements)
                foreach (var article in agreement.Articles)
                    foreach (var rule in article.Rules.Where(r => !r.HasExample))
                        items.Add($"<a href=\"#{anchors.Rule(rule.Id)}\">rule {E(rule.Id)}</a> ({E(agreement.Id)} {E(article.Citation)}): no example proves it");
            foreach (var failed in report.Examples.Where(e => !e.Passed))
                items.Add($"example \"{E(failed.Declaration.Title)}\" ({E(failed.Declaration.Span.Path)}:{failed.Declaration.Span.Line}) fails: {E(failed.Failure!)}");
            if (report.Host != null)
                foreach (var site in report.Host.Sites.Where(s => !s.Guarded))
                    items.Add($"<a href=\"#{anchors.Site(site)}\">{E(site.File)}:{site.Line}</a>: {E(site.Member)} ({E(site.Activity)}) is {E(GuardText(site))}");
            if (items.Count == 0) return;
            html.Append("<section class=\"attention\" aria-labelledby=\"attention\">\n<h2 id=\"attention\">Needs attention</h2>\n<ul>\n");
            foreach (var item in items) html.Append("<li>").Append(item).Append("</li>\n");
            html.Append("</ul>\n</section>\n");
        }

        private void Contents()
        {
            html.Append("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul>\n");
            foreach (var agreement in report.Agreements)
            {
                html.Append($"<li><a href=\"#{anchors.Agreement(agreement.Id)}\">{E(agreement.Id)}</a>");
                if (agreement.Title != null) html.Append(" — ").Append(E(agreement.Title));
                html.Append("\n<ul class=\"articles\">");
                foreach (var article in agreement.Articles)
                    html.Append($"<li><a href=\"#{anchors.Article(agreement.Id, article.Citation)}\">{E(article.Citation)}</a>")
                        .Append(article.Cited ? "" : " <span class=\"flag\">(not encoded)</span>").Append("</li>");
                html.Append("</ul></li>\n");
            }
            if (report.Host != null) html.Append("<li><a href=\"#host\">Host code that performs regulated activities</a></li>\n");
            html.Append("</ul>\n</nav>\n");
        }

        private void Agreement(ReportAgreement agreement)
        {
            html.Append($"<section class=\"agreement\" id=\"{anchors.Agreement(agreement.Id)}\">\n<h2>{E(agreement.Id)}");
            if (agreement.Title != null) html.Append(" — ").Append(E(agreement.Title));
            html.Append("</h2>\n<p class=\"meta\">");
            if (agreement.Parties.Count > 0) html.Append("Parties: ").Append(E(string.Join(", ", agreement.Parties))).Append(". ");
            if (agreement.Source != null) html.Append("Source: ").Append(E(agreement.Source)).Append(". ");
            html.Append(agreement.Advisory
                ? "A commitment, not a binding agreement: its rules add advice to an answer and never permit or refuse an activity."
                : "A binding agreement: its rules decide whether an activity may go ahead.");
            html.Append("</p>\n");
            foreach (var article in agreement.Articles) Article(agreement, article);
            html.Append("</section>\n");
        }

        private void Article(ReportAgreement agreement, ReportArticle article)
        {
            html.Append($"<article id=\"{anchors.Article(agreement.Id, article.Citation)}\" class=\"{(article.Cited ? "cited" : "uncited")}\">\n")
                .Append($"<h3>{E(agreement.Id)} {E(article.Citation)}</h3>\n");
            if (!article.Cited) html.Append("<p class=\"flag banner\">No rule encodes this article.</p>\n");

            html.Append("<h4>What the text says</h4>\n");
            if (article.Quotes.Count == 0) html.Append("<p class=\"none\">No rule quotes this article.</p>\n");
            foreach (var quote in article.Quotes) html.Append("<blockquote>").Append(E(quote)).Append("</blockquote>\n");
            if (article.LeftOut.Count > 0)
            {
                html.Append("<h4>Left out of the rules, and why</h4>\n");
                foreach (var l in article.LeftOut)
                    html.Append("<p class=\"left-out\">").Append(E(l.Reason)).Append($" <span class=\"where\">({E(l.File)}:{l.Line})</span></p>\n");
            }

            html.Append("<h4>Rules that encode it</h4>\n");
            if (article.Rules.Count == 0) html.Append("<p class=\"none\">None.</p>\n");
            else html.Append($"<p class=\"coverage\">{E(article.Coverage.Describe())}.</p>\n");
            foreach (var rule in article.Rules) Rule(rule);

            if (report.Host != null)
            {
                html.Append("<h4>Host code guarded by it</h4>\n");
                if (agreement.Advisory) html.Append("<p class=\"none\">None: a commitment advises and guards no code.</p>\n");
                else HostSummary(article);
            }
            html.Append("</article>\n");
        }

        private void Rule(ReportRule rule)
        {
            html.Append($"<div class=\"rule{(rule.HasExample ? "" : " unproved")}\" id=\"{anchors.Rule(rule.Id)}\">\n")
                .Append($"<h5>Rule <code>{E(rule.Id)}</code> <span class=\"where\">({E(rule.File)}:{rule.Line})</span></h5>\n")
                .Append("<pre class=\"rule-text\">").Append(E(rule.Text)).Append("</pre>\n");
            if (rule.AcknowledgedOverlaps.Count > 0)
            {
                // An auditor must see every overlap the author called intended, and why, beside both rules.
                html.Append("<h6>Overlaps acknowledged as intended</h6>\n<ul class=\"overlaps\">\n");
                foreach (var o in rule.AcknowledgedOverlaps)
                    html.Append($"<li>with <a href=\"#{anchors.Rule(o.With)}\"><code>{E(o.With)}</code></a>: ").Append(E(o.Reason))
                        .Append($" <span class=\"where\">(acknowledged by <code>{E(o.AcknowledgedBy)}</code>, {E(o.File)}:{o.Line})</span></li>\n");
                html.Append("</ul>\n");
            }
            if (rule.ConditionsNotCovered.Count > 0)
            {
                html.Append("<p class=\"coverage\">Conditions no example makes both true and false:</p>\n<ul class=\"conditions\">");
                foreach (var c in rule.ConditionsNotCovered) html.Append("<li><code>").Append(E(c)).Append("</code></li>");
                html.Append("</ul>\n");
            }
            html.Append("<h6>Examples that prove it</h6>\n");
            if (!rule.HasExample)
            {
                html.Append("<p class=\"flag banner\">No example proves this rule: no in-file example makes it apply.</p>\n</div>\n");
                return;
            }
            html.Append("<ul class=\"examples\">\n");
            foreach (var e in rule.Examples.Take(ShownExamples)) Example(e);
            html.Append("</ul>\n");
            if (rule.Examples.Count > ShownExamples)
            {
                var more = rule.Examples.Skip(ShownExamples).ToList();
                var failing = more.Count(e => !e.Passed);
                html.Append($"<details><summary>{more.Count} more example{(more.Count == 1 ? "" : "s")} in which it applies")
                    .Append(failing == 0 ? ", all passing" : $", <strong class=\"flag\">{failing} failing</strong>").Append("</summary>\n<ul class=\"examples\">\n");
                foreach (var e in more) Example(e);
                html.Append("</ul>\n</details>\n");
            }
            html.Append("</div>\n");
        }

        private void Example(ReportExample e)
        {
            html.Append("<li>").Append(e.Passed ? "<span class=\"pass\">passes</span> " : "<strong class=\"flag\">FAILS</strong> ")
                .Append('"').Append(E(e.Title)).Append("\" → ").Append(E(e.Expected));
            if (!e.Passed) html.Append(" expected, the rules decide ").Append(E(e.Actual ?? "nothing (not a valid request)"));
            html.Append($" <span class=\"where\">({E(e.File)}:{e.Line})</span></li>\n");
        }

        /// <summary>Per activity the article's rules decide: how many call sites, the ones not guarded by name, and a link to the full list.</summary>
        private void HostSummary(ReportArticle article)
        {
            html.Append("<ul class=\"host-summary\">\n");
            foreach (var activity in article.Activities)
            {
                var sites = report.Host!.Of(activity).ToList();
                html.Append($"<li>Activity <code>{E(activity)}</code>: ");
                if (sites.Count == 0) html.Append("the host performs it nowhere.");
                else
                {
                    var open = sites.Where(s => !s.Guarded).ToList();
                    html.Append($"<a href=\"#{anchors.Activity(activity)}\">{sites.Count} call site{(sites.Count == 1 ? "" : "s")}</a>, ")
                        .Append(open.Count == 0 ? "every one guarded by a permitted decision." : $"<strong class=\"flag\">{open.Count} not guarded</strong>:");
                    if (open.Count > 0)
                    {
                        html.Append("<ul>");
                        foreach (var s in open) html.Append("<li>").Append(SiteLink(s)).Append("</li>");
                        html.Append("</ul>");
                    }
                }
                html.Append("</li>\n");
            }
            html.Append("</ul>\n");
        }

        private void Host(HostCallSites host)
        {
            html.Append("<section id=\"host\" class=\"host\">\n<h2>Host code that performs regulated activities</h2>\n")
                .Append("<p class=\"meta\">From the host's build (")
                .Append(E(string.Join(", ", host.Logs.Select(Path.GetFileName)))).Append("): every place where host code uses a member marked as performing a regulated activity, ")
                .Append("and whether the build's analysis found a permitted decision for that activity in force there.</p>\n");
            foreach (var activity in host.Sites.GroupBy(s => s.Activity).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                html.Append($"<h3 id=\"{anchors.Activity(activity.Key)}\">Activity <code>{E(activity.Key)}</code></h3>\n<ul class=\"sites\">\n");
                foreach (var site in activity)
                    html.Append($"<li id=\"{anchors.Site(site)}\" class=\"{(site.Guarded ? "guarded" : "unguarded")}\">").Append(SiteLink(site)).Append("</li>\n");
                html.Append("</ul>\n");
            }
            html.Append("</section>\n");
        }

        private static string SiteLink(CallSite site) =>
            $"<a href=\"{E(FileUri(site.File, site.Line))}\">{E(site.File)}:{site.Line}:{site.Column}</a> <code>{E(site.Member)}</code> — " +
            (site.Guarded ? "<span class=\"pass\">guarded</span>" : $"<strong class=\"flag\">{E(GuardText(site))}</strong>");

        private static string GuardText(CallSite site) => site.Guard switch
        {
            CallSite.GuardedValue => "guarded",
            "undecided" => "NOT guarded: the analysis cannot tell which activity the decision in force is about",
            "other-facts" => "NOT guarded: the decision in force may be about other facts",
            _ => "NOT guarded: on some path no permitted decision is in force",
        };

        /// <summary>
        /// A link that opens the file; <c>#L12</c> is the line, for viewers that follow it. Each path segment is
        /// percent-encoded, so no path (the host's log is untrusted) can end the link or make it another kind of URL.
        /// </summary>
        private static string FileUri(string file, int line) =>
            "file://" + string.Join("/", Path.GetFullPath(file).Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)) + "#L" + line;

        private static string E(string text) => WebUtility.HtmlEncode(text);

        /// <summary>Ids for the page's anchors: readable where the text allows, always unique, never holding input verbatim.</summary>
        private sealed class Anchors
        {
            private readonly Dictionary<string, string> given = new(StringComparer.Ordinal);
            private readonly HashSet<string> used = new(StringComparer.Ordinal);

            public string Agreement(string id) => Of("agreement", id);
            public string Article(string agreement, string citation) => Of("article", agreement + " " + citation);
            public string Rule(string id) => Of("rule", id);
            public string Activity(string activity) => Of("activity", activity);
            public string Site(CallSite site) => Of("site", $"{site.File}:{site.Line}:{site.Column}:{site.Activity}:{site.Member}");

            private string Of(string kind, string key)
            {
                var full = kind + "\u0000" + key;
                if (given.TryGetValue(full, out var id)) return id;
                var slug = new StringBuilder(kind).Append('-');
                foreach (var c in key) slug.Append(c < 128 && char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
                var candidate = slug.ToString();
                for (var n = 2; !used.Add(candidate); n++) candidate = slug + "-" + n;
                given[full] = candidate;
                return candidate;
            }
        }

        private const string Style = """
            :root { color-scheme: light; --flag: #a40000; --ok: #1a5e1a; --rule: #f4f4f2; --line: #c8c8c4; }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin: 0 auto; max-width: 62rem; padding: 1rem; font: 16px/1.5 Georgia, "Noto Serif", "Noto Serif CJK JP", serif;
                   color: #1a1a1a; background: #fff; overflow-wrap: anywhere; }
            h1, h2, h3, h4, h5, h6 { font-family: "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK JP", sans-serif; line-height: 1.25; }
            h1 { font-size: 1.8rem; } h2 { font-size: 1.45rem; margin-top: 2.5rem; border-bottom: 2px solid #1a1a1a; }
            h3 { font-size: 1.2rem; margin: 0 0 .5rem; } h4 { font-size: 1rem; margin: 1rem 0 .25rem; text-transform: uppercase; letter-spacing: .03em; color: #444; }
            h5 { font-size: 1rem; margin: .25rem 0; } h6 { font-size: .9rem; margin: .5rem 0 .25rem; }
            code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace; font-size: .88em; }
            pre.rule-text { background: var(--rule); border-left: 3px solid var(--line); padding: .5rem .75rem; margin: .25rem 0;
                            white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
            blockquote { margin: .25rem 0 .5rem; padding: .25rem 0 .25rem 1rem; border-left: 3px solid #1a1a1a; font-size: 1.05rem; }
            a { color: #0b4f8a; }
            dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem; }
            dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
            nav ul { padding-left: 1.25rem; } nav ul.articles { display: flex; flex-wrap: wrap; gap: .1rem .9rem; padding-left: .5rem; list-style: none; }
            article { border-top: 1px solid var(--line); padding: 1rem 0; }
            article.uncited { border-left: 6px solid var(--flag); padding-left: .75rem; background: #fff4f4; }
            .rule { margin: .75rem 0 1rem; padding-left: .75rem; border-left: 3px solid var(--line); }
            .rule.unproved { border-left: 6px solid var(--flag); background: #fff4f4; }
            .flag { color: var(--flag); font-weight: bold; }
            .banner { border: 2px solid var(--flag); padding: .25rem .5rem; display: inline-block; }
            .pass { color: var(--ok); font-weight: bold; }
            .where, .meta, .coverage, .none { color: #555; font-size: .92rem; }
            .attention { border: 2px solid var(--flag); padding: 0 1rem .5rem; margin-top: 1rem; }
            .attention h2 { margin-top: .75rem; border: 0; color: var(--flag); }
            ul.examples, ul.sites, ul.host-summary { padding-left: 1.25rem; }
            li.unguarded { background: #fff4f4; }
            details summary { cursor: pointer; }
            @media (max-width: 40rem) { body { padding: .6rem; font-size: 15px; } dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .4rem; } }
            @media print {
              body { max-width: none; padding: 0; font-size: 10.5pt; }
              nav { display: none; }
              a { color: inherit; text-decoration: none; }
              h2 { break-before: page; } header h2, .attention h2 { break-before: auto; }
              h3, h4, h5, h6 { break-after: avoid; }
              .rule, blockquote, li { break-inside: avoid; }
              article.uncited, .rule.unproved, li.unguarded { background: none; }
              pre.rule-text { background: none; border-left: 1px solid #000; }
              details > summary { list-style: none; }
            }

            """;
    }
}
