using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// The commitments (Hague 2014, ICONS 2020, Japan's NPT report) are advisories: they warn when a
    /// request lists them, and never change a decision.
    /// </summary>
    public class CommitmentsTests
    {
        private static string StoreHeuAtFugen(string agreements) =>
            $$$"""{"activity":"store","material":"uranium","enrichment":93,"quantity":10000,"facility":"fugen","agreements":[{{{agreements}}}]}""";

        [Fact]
        public void Advisories_appear_only_for_the_commitments_a_request_lists()
        {
            var without = Ask(StoreHeuAtFugen("\"JP-US-1988\""));
            var with = Ask(StoreHeuAtFugen("\"JP-US-1988\",\"HAGUE-2014\""));
            Assert.Empty(without.Advisories);
            Assert.Equal(new[] { "HAGUE-2014 para. 21: HEU: states are encouraged to minimise their stocks of HEU, consistent with national requirements" }, with.Advisories);
            Assert.Equal(without.Outcome, with.Outcome);
            Assert.Equal(without.Citations, with.Citations);
            Assert.Equal(Outcome.Permitted, with.Outcome);
        }

        [Fact]
        public void Each_commitment_adds_its_own_advisory()
        {
            var d = Ask(StoreHeuAtFugen("\"JP-US-1988\",\"HAGUE-2014\",\"ICONS-2020\",\"JP-NPT-REPORT-2020\""));
            Assert.Equal(Outcome.Permitted, d.Outcome);
            Assert.Collection(d.Advisories,
                a => Assert.StartsWith("HAGUE-2014 para. 21: ", a),
                a => Assert.StartsWith("ICONS-2020 para. 9: ", a),
                a => Assert.StartsWith("JP-NPT-REPORT-2020 Action 61: ", a));
        }

        [Fact]
        public void A_commitment_alone_decides_nothing()
        {
            var d = Expect(StoreHeuAtFugen("\"HAGUE-2014\""), "undetermined");
            Assert.Empty(d.Citations);
            Assert.Single(d.Advisories);
        }

        [Fact]
        public void An_advisory_never_lifts_a_prohibition_or_a_requirement()
        {
            var prohibited = Expect("""{"activity":"transfer","agreements":["JP-US-1988","HAGUE-2014","ICONS-2020"],"material":"sensitive-technology","supplier":"US","from":"US","to":"JP"}""",
                "prohibited", "JP-US-1988 Art. 2(1)(b)");
            Assert.Equal(2, prohibited.Advisories.Count);
            var required = Expect("""{"activity":"enrich","agreements":["JP-US-1988","JP-NPT-REPORT-2020","HAGUE-2014"],"material":"uranium","enrichment":20}""",
                "consent-required", "JP-US-1988 Art. 6");
            Assert.Equal(2, required.Advisories.Count);
        }

        [Theory]
        [InlineData("""{"activity":"transfer","material":"plutonium","supplier":"FR","from":"JP","to":"FR"}""", "HAGUE-2014", "para. 31")]
        [InlineData("""{"activity":"transfer","material":"classified-information","supplier":"US","from":"US","to":"JP"}""", "HAGUE-2014", "para. 29")]
        [InlineData("""{"activity":"use","material":"uranium","enrichment":20}""", "HAGUE-2014", "para. 22")]
        [InlineData("""{"activity":"enrich","material":"uranium","enrichment":20}""", "HAGUE-2014", "para. 21")]
        [InlineData("""{"activity":"use","material":"plutonium"}""", "ICONS-2020", "para. 9")]
        [InlineData("""{"activity":"transfer","material":"sensitive-technology","from":"US","to":"JP"}""", "ICONS-2020", "para. 10")]
        [InlineData("""{"activity":"transfer","material":"equipment","from":"JP","to":"VN"}""", "JP-NPT-REPORT-2020", "Action 37")]
        [InlineData("""{"activity":"enrich","material":"uranium","enrichment":20}""", "JP-NPT-REPORT-2020", "Action 61")]
        [InlineData("""{"activity":"transfer","material":"uranium","enrichment":4,"from":"FR","to":"JP"}""", "JP-NPT-REPORT-2020", "Action 62")]
        public void Each_encoded_paragraph_warns(string request, string commitment, string citation)
        {
            var d = Ask(request.TrimEnd('}') + $",\"agreements\":[\"{commitment}\"]}}");
            Assert.Contains(d.Advisories, a => a.StartsWith($"{commitment} {citation}: "));
        }

        [Theory]
        [InlineData("""{"activity":"store","material":"uranium","enrichment":19.99}""")]
        [InlineData("""{"activity":"enrich","material":"uranium","enrichment":19.99}""")]
        [InlineData("""{"activity":"store","material":"plutonium","irradiated":true}""")]
        [InlineData("""{"activity":"transfer","material":"equipment","from":"US","to":"JP"}""")]
        public void No_warning_where_the_commitments_say_nothing(string request)
        {
            var d = Ask(request.TrimEnd('}') + ",\"agreements\":[\"HAGUE-2014\",\"ICONS-2020\",\"JP-NPT-REPORT-2020\"]}");
            Assert.Empty(d.Advisories);
        }
    }
}
