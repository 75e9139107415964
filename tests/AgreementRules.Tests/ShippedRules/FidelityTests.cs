using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// What makes the shipped rules reviewable: they load without warnings, every rule quotes a
    /// sentence that stands in its source, the annex sets hold exactly the facilities of
    /// shared/spec/facilities.md, and no activity is left to silence.
    /// </summary>
    public class FidelityTests
    {
        private static string Shared => Path.GetFullPath(Path.Combine(TestRules.RepoRoot, "..", "shared"));

        [Fact]
        public void The_shipped_rules_load_without_a_warning() => Assert.Empty(Rules.Warnings);

        /// <summary>
        /// Compares text as the seeds print it, less what their conversion from PDF added: line breaks,
        /// page numbers inside sentences, and paragraph marks such as (a) moved to the margin.
        /// </summary>
        private static string Normalise(string text) =>
            Regex.Replace(Regex.Replace(Regex.Replace(text, @"\s+", ""), "[0-9]", ""), @"\([a-z]{1,4}\)", "");

        [Fact]
        public void Every_rule_quotes_a_sentence_of_its_source()
        {
            var sources = new Dictionary<string, string>();
            var problems = new List<string>();
            foreach (var rule in Rules.Model.Rules)
            {
                var quote = rule.Declaration.Quote;
                var source = rule.Agreement.Declaration.Source;
                if (string.IsNullOrWhiteSpace(quote)) { problems.Add($"{rule.Id}: no quote"); continue; }
                if (source == null) { problems.Add($"{rule.Id}: its agreement names no source"); continue; }
                if (!sources.TryGetValue(source, out var text))
                    sources[source] = text = Normalise(File.ReadAllText(Path.Combine(Shared, "..", source)));
                // "…" marks text left out between quoted passages: each passage must stand in the source, in order.
                var at = 0;
                foreach (var passage in quote.Split('…').Select(Normalise).Where(p => p.Length > 0))
                {
                    var found = text.IndexOf(passage, at, System.StringComparison.Ordinal);
                    if (found < 0) { problems.Add($"{rule.Id} ({rule.Citation}): \"{passage}\" is not in {source}"); break; }
                    at = found + passage.Length;
                }
            }
            Assert.Empty(problems);
        }

        [Fact]
        public void Citations_name_the_article_as_the_instrument_numbers_it()
        {
            var pattern = new Regex(@"^(IA )?Art\. \d+[A-Z]?(\(\d+\))?(\([a-z]\))?(\((i|ii|iii)\))?(, Annex B)?$|^para\. \d+$|^Action \d+$");
            Assert.All(Rules.Model.Rules, r => Assert.Matches(pattern, r.Declaration.Citation));
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
            $$$"""{"activity":"{{{activity}}}","agreements":["{{{agreement}}}"],"material":"{{{material}}}","enrichment":5,"quantity":100,"irradiated":false,"contains_heu_or_u233":false,"supplier":"{{{supplier}}}","from":"JP","to":"{{{to}}}","recipient_authorized":true,"facility":"some-plant","destination_facility":"other-plant","facility_designated":false,"year_total":0,"designated_third_country":false,"method":"other","assurances":["peaceful-use","iaea-safeguards","physical-protection"],"protection":"I"}""";

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
