using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Semantics;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// What makes the shipped rules reviewable: they load without warnings, every rule quotes a
    /// sentence that stands in its source within the article its citation names, the annex sets
    /// hold exactly the facilities of shared/spec/facilities.md, and no activity is left to silence.
    /// </summary>
    public class FidelityTests
    {
        private static string Shared => Path.Combine(Seeds.SharedParent, "shared");

        [Fact]
        public void The_shipped_rules_load_without_a_warning() => Assert.Empty(Rules.Warnings);

        /// <summary>
        /// Each passage of a rule's quote ("…" separates passages left apart) as it stands in the rule's
        /// source, in order: [start, end) in the seed, or the problem.
        /// </summary>
        private static IEnumerable<(CheckedRule rule, string source, string passage, (int start, int end)? at)> Quotes()
        {
            foreach (var rule in Rules.Model.Rules)
            {
                var quote = rule.Declaration.Quote;
                var source = rule.Agreement.Declaration.Source;
                if (string.IsNullOrWhiteSpace(quote) || source == null) { yield return (rule, source ?? "(no source)", quote ?? "(no quote)", null); continue; }
                var at = 0;
                foreach (var passage in quote.Split('…').Where(p => p.Trim().Length > 0))
                {
                    var found = Seeds.Find(Seeds.Text(source), passage, at);
                    yield return (rule, source, passage, found);
                    if (found == null) break;
                    at = found.Value.end;
                }
            }
        }

        [Fact]
        public void Every_rule_quotes_a_sentence_of_its_source()
        {
            // Character for character, digits included: only what the PDF conversion added (whitespace,
            // page numbers inside sentences, paragraph marks moved to the margin) may stand in between.
            var problems = Quotes().Where(q => q.at == null).Select(q => $"{q.rule.Id} ({q.rule.Citation}): \"{q.passage}\" is not in {q.source}");
            Assert.Empty(problems);
        }

        [Fact]
        public void A_quote_with_a_wrong_number_is_not_found()
        {
            var text = Seeds.Text("shared/seeds/002_f8153158ff0fddab.txt");
            Assert.NotNull(Seeds.Find(text, "同位元素ウラン235の濃縮度が20パーセント未満である範囲で濃縮することができる"));
            Assert.Null(Seeds.Find(text, "同位元素ウラン235の濃縮度が10パーセント未満である範囲で濃縮することができる"));
            Assert.NotNull(Seeds.Find(text, "(iii)照射を受けた核物質であつてプルトニウム及びウラン233の合計含有量が500グラムを超えないものの再処理"));
            Assert.Null(Seeds.Find(text, "(iii)照射を受けた核物質であつてプルトニウム及びウラン233の合計含有量が50グラムを超えないものの再処理"));
            // The page number 19 the conversion left inside 「外への移転」, and the mark (b) it moved to the margin.
            Assert.NotNull(Seeds.Find(text, "いずれか一方の当事国政府の領域的管轄の外への移転であつて"));
            Assert.NotNull(Seeds.Find(text, "並びに照射(2(b)の規定に基づいて指定される施設の場合)"));
        }

        [Fact]
        public void Every_quote_stands_in_the_article_and_paragraph_it_cites()
        {
            // A reviewer goes from the citation to the sentence: "Art. 5(2)" is paragraph 2 of 第5条, "IA Art. 1(3)(a)(iii)"
            // paragraph 3 of the Implementing Arrangement's 第1条, "Art. 4A(1)" paragraph 1 of JP-FR's 第四条のA,
            // "para. 21" paragraph 21 of the communiqué, "Action 37" the Action Plan's action 37 and Japan's report on it.
            var problems = new List<string>();
            foreach (var (rule, source, passage, at) in Quotes().Where(q => q.at != null))
            {
                var cited = Seeds.Cited(source, rule.Declaration.Citation);
                if (cited == null) problems.Add($"{rule.Id}: \"{rule.Declaration.Citation}\" names no article of {source}");
                else if (at!.Value.start < cited.Value.start || at.Value.end > cited.Value.end)
                    problems.Add($"{rule.Id}: \"{passage}\" is not in {rule.Declaration.Citation}");
            }
            Assert.Empty(problems);
        }

        [Theory]
        [InlineData("shared/seeds/002_f8153158ff0fddab.txt", "Art. 5(2)", "2 プルトニウム、ウラン233、高濃縮ウラン及び照射を受けた物質")]
        [InlineData("shared/seeds/002_f8153158ff0fddab.txt", "Art. 3", "第3条")]
        [InlineData("shared/seeds/002_f8153158ff0fddab.txt", "IA Art. 1(3)(a)(iii)", "3 各当事国政府は、第三国の政府に対し")]
        [InlineData("shared/seeds/002_f8153158ff0fddab.txt", "IA Art. 3(2)", "2 いずれの一方の当事国政府も")]
        [InlineData("shared/seeds/003_75bd68617d480e90.txt", "Art. 4(3)", "3次に掲げるものは、2の規定に従うものとし")]
        [InlineData("shared/seeds/003_75bd68617d480e90.txt", "Art. 4(1)", "1この協定に基づいて移転された資材、核物質、設備及び施設並びに")]
        [InlineData("shared/seeds/003_75bd68617d480e90.txt", "Art. 4A(1)", "1直接であると")]
        [InlineData("shared/seeds/003_75bd68617d480e90.txt", "Art. 2", "第二条 この協定に基づいて移転された資材")]
        [InlineData("shared/seeds/003_75bd68617d480e90.txt", "Art. 1(1)(c)", "協定第一条1(c)を次のように改める。\n(c)各締約国政府又はその管轄の下にある認められた者は")]
        [InlineData("shared/seeds/000_592cf329466fe93f.txt", "para. 31", "31. 我々は,国内及び国際輸送")]
        [InlineData("shared/seeds/001_38ae3b4685cff283.txt", "para. 10", "１０ 我々は，原子力関連施設")]
        [InlineData("shared/seeds/004_551ba2335d369421.txt", "Action 62", "- 62 按照相关的安全")]
        public void A_citation_names_the_part_of_the_source_that_begins_with_its_heading(string source, string citation, string beginning)
        {
            var cited = Seeds.Cited(source, citation);
            Assert.NotNull(cited);
            Assert.StartsWith(beginning, Seeds.Text(source).Substring(cited!.Value.start).Replace('\u00a0', ' ').TrimStart('\n', ' '));
        }

        [Fact]
        public void Citations_name_the_article_as_the_instrument_numbers_it()
        {
            var pattern = new Regex(@"^(IA )?Art\. \d+[A-Z]?(\(\d+\))?(\([a-z]\))?(\((i|ii|iii)\))?(, Annex B)?$|^para\. \d+$|^Action \d+$");
            Assert.All(Rules.Model.Rules, r => Assert.Matches(pattern, r.Declaration.Citation));
        }

        [Fact]
        public void Docs_name_every_rule_and_no_rule_that_is_not_there()
        {
            // docs/agreements.md maps article → rule id → what it does → what was left out; a reviewer finds each id there.
            var docs = File.ReadAllText(Path.Combine(TestRules.RepoRoot, "docs", "agreements.md"));
            var ids = Rules.Model.Rules.Select(r => r.Id).ToHashSet();
            Assert.Empty(ids.Where(id => !docs.Contains($"`{id}`")).OrderBy(id => id));
            var named = Regex.Matches(docs, @"`((?:jp-us|jp-fr|ia|hague|icons|npt)-[a-z0-9-]+)`").Select(m => m.Groups[1].Value);
            Assert.Empty(named.Where(n => !ids.Contains(n) && !Rules.Model.Symbols.DataSets.ContainsKey(n)).Distinct());
        }

        private static IEnumerable<(string id, string annex)> FacilitiesTable() =>
            File.ReadLines(Path.Combine(Shared, "spec", "facilities.md"))
                .Where(l => l.StartsWith("| `"))
                .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
                .Select(c => (c[1].Trim('`'), c[2]));

        [Fact]
        public void The_annex_sets_hold_exactly_the_69_facilities_of_the_table()
        {
            var table = FacilitiesTable().ToList();
            Assert.Equal(69, table.Count);
            foreach (var annex in new[] { "1", "2", "3", "4" })
            {
                var expected = table.Where(f => f.annex == annex).Select(f => f.id).OrderBy(x => x, System.StringComparer.Ordinal);
                var actual = Rules.Model.Symbols.DataSets["ia-annex-" + annex].Members.OrderBy(x => x, System.StringComparer.Ordinal);
                Assert.Equal(expected, actual);
            }
            Assert.Equal(new[] { 6, 7, 34, 22 }, new[] { "1", "2", "3", "4" }.Select(a => Rules.Model.Symbols.DataSets["ia-annex-" + a].Members.Count));
            Assert.Equal(new[] { "la-hague", "sellafield" }, Rules.Model.Symbols.DataSets["ia-annex-1-third-country"].Members.OrderBy(x => x));
        }

        private static readonly string[] Materials =
        {
            "uranium", "plutonium", "uranium-233", "thorium", "heavy-water", "graphite", "equipment", "component",
            "sensitive-technology", "classified-information",
        };

        private static string Complete(string activity, string agreement, string material, string supplier, string to) =>
            $$$"""{"activity":"{{{activity}}}","agreements":["{{{agreement}}}"],"material":"{{{material}}}","enrichment":5,"quantity":100,"irradiated":false,"contains_heu_or_u233":false,"supplier":"{{{supplier}}}","from":"JP","to":"{{{to}}}","recipient_authorized":true,"facility":"some-plant","destination_facility":"other-plant","facility_designated":false,"year_total":0,"designated_third_country":false,"method":"other","equipment_kind":"other","based_on_sensitive_technology":false,"assurances":["peaceful-use","iaea-safeguards","physical-protection"],"protection":"I"}""";

        [Theory]
        [InlineData("JP-US-1988", "US")]
        [InlineData("JP-FR-1990", "FR")]
        public void No_activity_on_any_item_is_left_to_silence(string agreement, string supplier)
        {
            var undetermined = new List<string>();
            foreach (var activity in new[] { "enrich", "reprocess", "alter", "store", "transfer", "use" })
                foreach (var material in Materials)
                    foreach (var to in activity == "transfer" ? new[] { "JP", "GB" } : new[] { "JP" })
                    {
                        var d = Ask(Complete(activity, agreement, material, supplier, to));
                        if (d.Outcome == Outcome.Undetermined) undetermined.Add($"{activity} {material} to {to}: {string.Join("; ", d.Trace)}");
                    }
            Assert.Empty(undetermined);
        }
    }
}
