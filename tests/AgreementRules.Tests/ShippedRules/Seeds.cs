using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// The source texts in ../shared/seeds as a reviewer reads them: where a quoted sentence stands,
    /// and which part of the text a citation ("Art. 5(2)", "IA Art. 1(3)(a)(iii)", "para. 21") names.
    /// </summary>
    internal static class Seeds
    {
        private static readonly Dictionary<string, string> Texts = new();

        /// <summary>
        /// The folder that holds shared/ (the spec and the seeds): the repository's parent in a clone
        /// beside it, or a folder further up when the repository is a worktree nested deeper.
        /// </summary>
        public static string SharedParent
        {
            get
            {
                for (var dir = Directory.GetParent(TestRules.RepoRoot); dir != null; dir = dir.Parent)
                    if (Directory.Exists(Path.Combine(dir.FullName, "shared", "seeds"))) return dir.FullName;
                throw new DirectoryNotFoundException($"no shared/seeds in a folder above {TestRules.RepoRoot}");
            }
        }

        /// <summary>A seed by the path an agreement's 'source' gives (shared/seeds/…).</summary>
        public static string Text(string source)
        {
            lock (Texts)
            {
                if (!Texts.TryGetValue(source, out var text))
                    Texts[source] = text = File.ReadAllText(Path.Combine(SharedParent, source));
                return text;
            }
        }

        /// <summary>
        /// Where <paramref name="passage"/> stands in <paramref name="text"/> at or after <paramref name="from"/>,
        /// as [start, end), or null. The seeds are PDF conversions: between any two characters of a sentence
        /// they may hold whitespace, a page number (a run of up to three digits) or a paragraph mark moved
        /// there from the margin ("(a)"); and a mark that the quote puts back at its place may be missing
        /// there. Everything else, digits included, must match character for character, and a page number
    /// never continues a number of the quote.
        /// </summary>
        public static (int start, int end)? Find(string text, string passage, int from = 0)
        {
            var p = Regex.Replace(passage, @"\s+", "");
            if (p.Length == 0) return (from, from);
            for (var start = text.IndexOf(p[0], from); start >= 0; start = text.IndexOf(p[0], start + 1))
                if (MatchAt(text, start, p) is { } end) return (start, end);
            return null;
        }

        private static int? MatchAt(string text, int start, string p)
        {
            int i = 0, j = start;
            while (i < p.Length)
            {
                if (j < text.Length && text[j] == p[i]) { i++; j++; continue; }
                if (j < text.Length && char.IsWhiteSpace(text[j])) { j++; continue; }
                // A page number never continues a number of the quote: "50" is not found in "500".
                if (i > 0 && !char.IsDigit(p[i - 1]) && Junk(text, j) is { } skip) { j += skip; continue; }
                if (Mark(p, i) is { } mark) { i += mark; continue; }
                return null;
            }
            return j;
        }

        private static readonly Regex PageNumber = new(@"\G[0-9]{1,3}(?![0-9])");
        private static readonly Regex ParagraphMark = new(@"\G\([a-z]{1,4}\)");

        private static int? Junk(string text, int at)
        {
            if (at >= text.Length) return null;
            var m = PageNumber.Match(text, at);
            if (!m.Success) m = ParagraphMark.Match(text, at);
            return m.Success ? m.Length : null;
        }

        private static int? Mark(string p, int at)
        {
            var m = ParagraphMark.Match(p, at);
            return m.Success ? m.Length : null;
        }

        /// <summary>
        /// The part of a seed a citation names, as [start, end): the article, narrowed to the numbered
        /// paragraph where the citation gives one; null if the seed has no such article. Sub-paragraphs
        /// ((a), (iii)) are not narrowed further: the conversion moved their marks to the margin.
        /// </summary>
        public static (int start, int end)? Cited(string source, string citation)
        {
            var text = Text(source);
            var m = Regex.Match(citation, @"^(?<ia>IA )?Art\. (?<art>\d+)(?<letter>[A-Z])?(\((?<para>\d+)\))?(\((?<sub>[a-z])\))?");
            if (m.Success)
            {
                var paragraph = m.Groups["para"].Success ? int.Parse(m.Groups["para"].Value) : (int?)null;
                if (source.Contains("003_") && paragraph is { } rewritten && m.Groups["sub"].Success &&
                    RewrittenSubparagraph(text, int.Parse(m.Groups["art"].Value), rewritten, m.Groups["sub"].Value) is { } sub)
                    return sub;
                var article = source.Contains("003_")
                    ? AmendedArticle(text, int.Parse(m.Groups["art"].Value), m.Groups["letter"].Value)
                    : Article(text, int.Parse(m.Groups["art"].Value), m.Groups["ia"].Success);
                return article is { } a && paragraph is { } p ? Paragraph(text, a, p, source.Contains("003_")) : article;
            }
            m = Regex.Match(citation, @"^(para\.|Action) (?<n>\d+)$");
            if (!m.Success) return null;
            var n = int.Parse(m.Groups["n"].Value);
            var (own, next) = source.Contains("001_")
                ? (@"^" + FullWidth(n) + @"\s", @"^[０-９]+\s")
                : source.Contains("004_") ? (@"^- " + n + @"\s", @"^- \d+\s") : (@"^ " + n + @"\.\s", @"^ \d+\.\s");
            return Between(text, own, next, 0, text.Length);
        }

        /// <summary>JP-US (002): the agreement up to its Annex A, or the Implementing Arrangement up to its Annex 1.</summary>
        private static (int start, int end)? Article(string text, int article, bool arrangement)
        {
            var (from, to) = arrangement
                ? (text.IndexOf("協力協定第11条の実施のために次のとおり協定した。", StringComparison.Ordinal), Regex.Match(text, @"^附属書1\s再処理", RegexOptions.Multiline).Index)
                : (0, Regex.Match(text, @"^附属書A\s*$", RegexOptions.Multiline).Index);
            return Between(text, $@"^第{article}条\s*$", @"^第\d+条\s*$", from, to);
        }

        /// <summary>JP-FR (003): an article as the Protocol sets it out in full after 「…を次のように改める。」 or 「…を加える。」.</summary>
        private static (int start, int end)? AmendedArticle(string text, int article, string letter)
        {
            var heading = $@"(?<=(改める|加える)。\s*)^第{Kanji(article)}条{(letter.Length > 0 ? "の" + letter : "")}\s";
            return Between(text, heading, @"^第[一二三四五六七八九十]+条\s", 0, text.Length);
        }

        /// <summary>
        /// JP-FR (003): a sub-paragraph the Protocol rewrites on its own (「2協定第一条1(c)を次のように改める。」),
        /// from that line to the Protocol's next amendment or article; null where the Protocol sets out the whole article.
        /// </summary>
        private static (int start, int end)? RewrittenSubparagraph(string text, int article, int paragraph, string sub) =>
            Between(text, $@"協定第{Kanji(article)}条{paragraph}\({sub}\)を次のように改める。", @"^([0-9]+協定|第[一二三四五六七八九十]+条)", 0, text.Length);

        /// <summary>Paragraph N of an article: from the line that starts with N (JP-US: "N ", JP-FR: "N" glued to the text) to the next.</summary>
        private static (int start, int end)? Paragraph(string text, (int start, int end) article, int paragraph, bool glued)
        {
            string Start(int n) => glued ? $@"(^|\s){n}(?=[^\s0-9(、])" : $@"^{n}\s";
            if (paragraph == 1 && glued) return Between(text, @"\s1(?=[^\s0-9])", Start(2), article.start, article.end);
            var previous = paragraph == 1 ? article.start : Paragraph(text, article, paragraph - 1, glued)?.start ?? -1;
            return previous < 0 ? null : Between(text, Start(paragraph), Start(paragraph + 1), previous, article.end);
        }

        private static (int start, int end)? Between(string text, string own, string next, int from, int to)
        {
            var range = text.Substring(0, to);
            var start = new Regex(own, RegexOptions.Multiline).Match(range, from);
            if (!start.Success) return null;
            var end = new Regex(next, RegexOptions.Multiline).Match(range, start.Index + start.Length);
            return (start.Index, end.Success ? end.Index : to);
        }

        private static string Kanji(int n) => n switch
        {
            < 10 => "〇一二三四五六七八九"[n].ToString(),
            10 => "十",
            < 20 => "十" + "〇一二三四五六七八九"[n - 10],
            _ => throw new ArgumentOutOfRangeException(nameof(n)),
        };

        private static string FullWidth(int n) => string.Concat(n.ToString().Select(c => (char)('０' + (c - '0'))));
    }
}
