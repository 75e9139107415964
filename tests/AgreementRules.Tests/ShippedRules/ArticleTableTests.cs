using System.IO;
using System.Linq;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// docs/agreements.md's coverage table (article → rule ids → in-file examples, and the articles left
    /// out with the reason) is generated from rules/, so it cannot drift from them.
    /// </summary>
    public class ArticleTableTests
    {
        private static string DocsPath => Path.Combine(TestRules.RepoRoot, "docs", "agreements.md");

        [Fact]
        public void The_table_in_docs_agreements_md_is_the_one_the_rules_give()
        {
            var docs = File.ReadAllText(DocsPath).Replace("\r\n", "\n");
            var begin = docs.IndexOf(ArticleTable.Begin, System.StringComparison.Ordinal);
            var end = docs.IndexOf(ArticleTable.End, System.StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, $"docs/agreements.md has no table between '{ArticleTable.Begin}' and '{ArticleTable.End}'");
            var actual = docs.Substring(begin, end + ArticleTable.End.Length - begin);
            var expected = ArticleTable.Build();
            if (actual == expected) return;
            if (Recording.IsRecording)
            {
                File.WriteAllText(DocsPath, docs.Substring(0, begin) + expected + docs.Substring(end + ArticleTable.End.Length));
                return;
            }
            Assert.Fail($"docs/agreements.md's article table is not the one rules/ give. To rewrite it, run\n" +
                        $"    {Recording.Variable}=1 dotnet test tests/AgreementRules.Tests -c Release --filter ArticleTableTests\n" +
                        $"and review the diff. The table the rules give:\n{expected}");
        }

        [Theory]
        // The articles issue 12 found missing from the coverage statement: each is in the table with its reason.
        [InlineData("JP-US-1988", "Art. 13(2)")]
        [InlineData("JP-US-1988", "Agreed Minute 12(b)")]
        [InlineData("JP-US-1988", "Art. 2(3)")]
        [InlineData("JP-US-1988", "IA Agreed Minute 1(b)")]
        [InlineData("JP-US-1988", "IA Agreed Minute 1(c)")]
        [InlineData("JP-FR-1990", "Art. 3")]
        public void An_article_left_out_says_why(string agreement, string citation)
        {
            var leftOut = Assert.Single(ArticleTable.LeftOuts(), l => l.Agreement == agreement && l.Citation == citation);
            Assert.True(leftOut.Reason.Length > 40, $"{citation}: the reason is too short to say why: '{leftOut.Reason}'");
            Assert.Contains($"| {citation} |", ArticleTable.Build());
        }

        [Fact]
        public void IA_1_3_b_is_encoded_now_not_left_out()
        {
            // Issue 12, item 6: the consent alternative of IA Art. 1(3)(b) was left out for want of a
            // 'notification or consent' requirement; the language has one now and the rules use it.
            Assert.DoesNotContain(ArticleTable.LeftOuts(), l => l.Citation == "IA Art. 1(3)(b)");
            var table = ArticleTable.Build();
            Assert.Contains("| IA Art. 1(3)(b) | `ia-art1-3-b-plutonium-to-jp`, `ia-art1-3-b-plutonium-to-us` |", table);
            Assert.Contains("\"IA Art. 1(3)(a)(iii), (b): or, instead of Japan's notice, the US's consent\" → permitted", table);
            Assert.Contains("\"IA Art. 1(3)(a)(iii), (b): or, instead of the US's notice, Japan's consent\" → permitted", table);
        }

        [Fact]
        public void Every_rule_of_a_binding_agreement_is_in_the_table_with_an_example()
        {
            var table = ArticleTable.Build();
            var binding = Shipped.Rules.Model.Rules.Where(r => r.Declaration.Outcome.Kind != AgreementRules.Syntax.OutcomeKind.Advisory).Select(r => r.Agreement.Id).ToHashSet();
            foreach (var rule in Shipped.Rules.Model.Rules.Where(r => binding.Contains(r.Agreement.Id)))
                Assert.Matches($"`{System.Text.RegularExpressions.Regex.Escape(rule.Id)}`: \"", table);
        }
    }
}
