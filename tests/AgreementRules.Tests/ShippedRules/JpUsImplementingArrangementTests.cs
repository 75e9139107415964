using System.Linq;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// The Implementing Arrangement (rules/jp-us-1988-implementing-arrangement.rules): its consents
    /// answer requests that name only JP-US-1988, as the contract says.
    /// </summary>
    public class JpUsImplementingArrangementTests
    {
        // ---- IA Art. 1(1)(a)(i) and (ii), 1(3)(a)(i) ----

        [Theory]
        [InlineData("reprocess", "tokai-reprocessing-plant", "JP-US-1988 IA Art. 1(1)(a)(i)")]
        [InlineData("reprocess", "high-level-radioactive-material-research-facility", "JP-US-1988 IA Art. 1(1)(a)(i)")]
        [InlineData("reprocess", "sellafield", "JP-US-1988 IA Art. 1(3)(a)(i)")]
        [InlineData("alter", "plutonium-conversion-technology-development-facility", "JP-US-1988 IA Art. 1(1)(a)(i)")]
        [InlineData("alter", "la-hague", "JP-US-1988 IA Art. 1(3)(a)(i)")]
        [InlineData("store", "pfff", "JP-US-1988 IA Art. 1(1)(a)(ii)")]
        [InlineData("store", "dca", "JP-US-1988 IA Art. 1(1)(a)(ii)")]
        [InlineData("store", "tsuruga-1", "JP-US-1988 IA Art. 1(1)(a)(ii)")]
        [InlineData("store", "sellafield", "JP-US-1988 IA Art. 1(3)(a)(i)")]
        public void The_annex_facilities_have_the_parties_consent_in_advance(string activity, string facility, string grant)
        {
            var d = Ask($$$"""{"activity":"{{{activity}}}","agreements":["JP-US-1988"],"material":"plutonium","quantity":3000,"irradiated":{{{(activity == "reprocess" ? "true" : "false")}}},"method":"other","facility":"{{{facility}}}"}""");
            Assert.Equal(Outcome.Permitted, d.Outcome);
            Assert.Contains(grant, d.Citations);
            var requirement = Assert.Single(d.Requirements);
            Assert.True(requirement.Satisfied);
            Assert.Equal("programmatic consent " + grant, requirement.SatisfiedBy);
        }

        [Theory]
        [InlineData("reprocess", "rokkasho-reprocessing-plant")]   // Annex 4
        [InlineData("alter", "pfpf")]                               // Annex 4
        [InlineData("store", "tokai-daini")]                        // Annex 3
        [InlineData("store", "mutsu")]                              // Annex 3, never Annex 2
        [InlineData("store", "oma")]                                // Annex 4
        [InlineData("store", "unlisted-facility")]                  // no annex
        public void Facilities_outside_Annexes_1_and_2_have_no_advance_consent(string activity, string facility)
        {
            var d = Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-US-1988"],"material":"plutonium","quantity":3000,"irradiated":{{{(activity == "reprocess" ? "true" : "false")}}},"method":"other","facility":"{{{facility}}}","facility_designated":false}""",
                "consent-required");
            Assert.False(Assert.Single(d.Requirements).Satisfied);
        }

        [Fact]
        public void Without_a_facility_the_answer_is_undetermined_and_says_so()
        {
            var d = Expect("""{"activity":"store","agreements":["JP-US-1988"],"material":"plutonium","quantity":3000}""", "undetermined");
            Assert.Contains("facility", d.Missing);
        }

        // ---- IA Art. 1(1)(a)(iii) ----

        [Theory]
        [InlineData("fugen", "sellafield", "false", "permitted")]
        [InlineData("mutsu", "la-hague", "false", "permitted")]
        [InlineData("tokai-reprocessing-plant", "la-hague", "false", "permitted")]
        [InlineData("monju", "la-hague", "false", "consent-required")]
        [InlineData("fugen", "rokkasho-reprocessing-plant", "false", "consent-required")]
        [InlineData("fugen", "sellafield", "true", "consent-required")]
        public void IA_1_1_a_iii_irradiated_material_from_Annexes_1_to_3_to_Annex_1(string from, string to, string containsHeu, string decision)
        {
            var d = Expect($$$"""{"activity":"transfer","agreements":["JP-US-1988"],"material":"uranium","enrichment":1.2,"irradiated":true,"contains_heu_or_u233":{{{containsHeu}}},"supplier":"US","from":"JP","to":"GB","facility":"{{{from}}}","destination_facility":"{{{to}}}"}""",
                decision);
            if (decision == "permitted") Assert.Contains("JP-US-1988 IA Art. 1(1)(a)(iii)", d.Citations);
        }

        [Theory]
        [InlineData("""{"material":"uranium","enrichment":45,"contains_heu_or_u233":false}""", "consent-required")]
        [InlineData("""{"material":"uranium","enrichment":20,"contains_heu_or_u233":false}""", "consent-required")]
        [InlineData("""{"material":"uranium-233","contains_heu_or_u233":false}""", "consent-required")]
        [InlineData("""{"material":"uranium-233"}""", "consent-required")]
        [InlineData("""{"material":"uranium","enrichment":19.99,"contains_heu_or_u233":false}""", "permitted")]
        [InlineData("""{"material":"plutonium","contains_heu_or_u233":false}""", "permitted")]
        public void IA_1_1_a_iii_material_that_is_itself_HEU_or_U233_contains_it_whatever_the_flag_says(string item, string decision)
        {
            // Issue 12, item 4: spent fuel at 45 % (or uranium-233) flagged as not containing HEU or U-233 got the consent.
            var json = item.TrimEnd('}') + ""","activity":"transfer","agreements":["JP-US-1988"],"irradiated":true,"supplier":"US","from":"JP","to":"FR","facility":"tokai-daini","destination_facility":"la-hague"}""";
            var d = Expect(json, decision);
            Assert.Equal(decision == "permitted", d.Citations.Contains("JP-US-1988 IA Art. 1(1)(a)(iii)"));
        }

        // ---- IA Art. 1(1)(b) ----

        [Theory]
        [InlineData("""{"material":"uranium","enrichment":0.3}""", "permitted")]
        [InlineData("""{"material":"uranium","enrichment":19.99}""", "permitted")]
        [InlineData("""{"material":"uranium","enrichment":20}""", "consent-required")]
        [InlineData("""{"material":"uranium","enrichment":4,"irradiated":true,"contains_heu_or_u233":false}""", "consent-required")]
        [InlineData("""{"material":"uranium","enrichment":4,"purpose":"heu-production"}""", "consent-required")]
        [InlineData("""{"material":"plutonium","quantity":10}""", "consent-required")]
        public void IA_1_1_b_source_material_and_LEU_to_designated_third_countries(string item, string decision)
        {
            var json = item.TrimEnd('}') + ""","activity":"transfer","agreements":["JP-US-1988"],"supplier":"US","from":"JP","to":"AU","designated_third_country":true,"facility":"unlisted-facility"}""";
            var d = Expect(json, decision);
            if (decision == "permitted") Assert.Contains("JP-US-1988 IA Art. 1(1)(b)", d.Citations);
        }

        // ---- IA Art. 1(2)(a): annual quantities at designated facilities ----

        [Theory]
        [InlineData("alter", "plutonium", null, 600.0, 399.0, "permitted")]
        [InlineData("alter", "plutonium", null, 600.0, 400.0, "permitted")]
        [InlineData("alter", "plutonium", null, 600.0, 401.0, "consent-required")]
        [InlineData("alter", "uranium-233", null, 1000.0, 0.0, "permitted")]
        [InlineData("alter", "uranium", 50.0, 4000.0, 0.0, "permitted")]        // 4000 g × 0.25 = 1000 effective g
        [InlineData("alter", "uranium", 50.0, 4004.0, 0.0, "consent-required")] // 1001 effective g
        [InlineData("store", "plutonium", null, 2500.0, 2499.0, "permitted")]
        [InlineData("store", "plutonium", null, 2500.0, 2500.0, "permitted")]
        [InlineData("store", "plutonium", null, 2500.0, 2501.0, "consent-required")]
        [InlineData("store", "uranium", 20.0, 125000.0, 0.0, "permitted")]      // 125 kg × 0.04 = 5 effective kg
        [InlineData("store", "uranium", 20.0, 125100.0, 0.0, "consent-required")]
        public void IA_1_2_a_i_and_ii_effective_kilograms_per_calendar_year(string activity, string material, double? enrichment, double quantity, double yearTotal, string decision)
        {
            var level = enrichment == null ? "" : $",\"enrichment\":{enrichment}";
            var d = Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-US-1988"],"material":"{{{material}}}","quantity":{{{quantity}}}{{{level}}},"method":"other","from":"JP","facility":"tokai-research-lab","facility_designated":true,"year_total":{{{yearTotal}}}}""",
                decision);
            if (decision == "permitted")
                Assert.Contains(activity == "alter" ? "JP-US-1988 IA Art. 1(2)(a)(i)" : "JP-US-1988 IA Art. 1(2)(a)(ii)", d.Citations);
        }

        [Theory]
        [InlineData("plutonium", 250.0, 249.0, "permitted")]
        [InlineData("plutonium", 250.0, 250.0, "permitted")]
        [InlineData("plutonium", 250.0, 251.0, "consent-required")]
        [InlineData("uranium-233", 500.0, 0.0, "permitted")]
        public void IA_1_2_a_iii_reprocessing_of_500_grams_of_plutonium_content(string material, double quantity, double yearTotal, string decision) =>
            Expect($$$"""{"activity":"reprocess","agreements":["JP-US-1988"],"material":"{{{material}}}","irradiated":true,"quantity":{{{quantity}}},"from":"JP","facility":"tokai-research-lab","facility_designated":true,"year_total":{{{yearTotal}}}}""",
                decision);

        [Theory]
        [InlineData("store", "FR", "consent-required")]
        [InlineData("reprocess", "GB", "consent-required")]
        [InlineData("alter", "FR", "consent-required")]
        [InlineData("store", "JP", "permitted")]
        [InlineData("reprocess", "US", "permitted")]
        [InlineData("alter", "JP", "permitted")]
        public void IA_1_2_a_only_at_designated_facilities_within_either_party_s_jurisdiction(string activity, string where, string decision)
        {
            // Issue 12, item 1: 100 g of plutonium stored at a designated facility in France was answered permitted.
            var d = Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-US-1988"],"material":"plutonium","quantity":100,"irradiated":{{{(activity == "reprocess" ? "true" : "false")}}},"method":"other","from":"{{{where}}}","facility":"designated-plant","facility_designated":true,"year_total":0}""",
                decision);
            Assert.Equal(decision == "permitted", d.Citations.Any(c => c.StartsWith("JP-US-1988 IA Art. 1(2)(a)")));
        }

        [Fact]
        public void IA_1_2_a_where_the_designated_facility_is_decides()
        {
            var d = Expect("""{"activity":"store","agreements":["JP-US-1988"],"material":"plutonium","quantity":100,"facility":"designated-plant","facility_designated":true,"year_total":0}""", "undetermined");
            Assert.Equal(new[] { "from" }, d.Missing);
        }

        [Fact]
        public void IA_1_2_a_the_year_total_decides_at_a_designated_facility()
        {
            var d = Expect("""{"activity":"store","agreements":["JP-US-1988"],"material":"plutonium","quantity":100,"from":"JP","facility":"tokai-research-lab","facility_designated":true}""", "undetermined");
            Assert.Equal(new[] { "year_total" }, d.Missing);
        }

        [Fact]
        public void IA_1_2_a_effective_grams_are_derived()
        {
            var d = Ask("""{"activity":"store","agreements":["JP-US-1988"],"material":"uranium","enrichment":90,"quantity":1000}""");
            Assert.Equal(810.0, (double)d.Derived("ia_effective_grams")!, 6);
        }

        // ---- IA Art. 1(2)(b) ----

        [Theory]
        [InlineData(499.9, 0.0, "permitted")]
        [InlineData(500.0, 0.0, "permitted")]
        [InlineData(300.0, 199.0, "permitted")]
        [InlineData(300.0, 200.0, "permitted")]
        [InlineData(300.0, 201.0, "consent-required")]
        [InlineData(500.1, 0.0, "consent-required")]
        public void IA_1_2_b_plutonium_for_irradiation_testing(double quantity, double yearTotal, string decision) =>
            Expect($$$"""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":{{{quantity}}},"purpose":"irradiation-testing","supplier":"US","from":"JP","to":"NO","facility":"joyo","destination_facility":"halden-reactor","facility_designated":true,"year_total":{{{yearTotal}}}}""",
                decision);

        [Theory]
        [InlineData("pfff", "permitted")]                     // Annex 1
        [InlineData("fca", "permitted")]                      // Annex 2
        [InlineData("tokai-daini", "consent-required")]       // Annex 3
        [InlineData("pfpf", "consent-required")]              // Annex 4
        public void IA_1_4_plutonium_for_irradiation_testing_must_leave_an_Annex_1_or_2_facility(string facility, string decision)
        {
            var d = Expect($$$"""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":100,"purpose":"irradiation-testing","supplier":"US","from":"JP","to":"NO","facility":"{{{facility}}}","destination_facility":"halden-reactor","facility_designated":true,"year_total":0}""",
                decision);
            if (decision == "permitted") Assert.Contains("JP-US-1988 IA Art. 1(2)(b)", d.Citations);
        }

        // ---- IA Art. 1(3): return of recovered plutonium ----

        [Theory]
        [InlineData("""{"material":"equipment"}""", "consent-required")]
        [InlineData("""{"material":"component"}""", "consent-required")]
        [InlineData("""{"material":"graphite"}""", "consent-required")]
        [InlineData("""{"material":"uranium","enrichment":0.9}""", "permitted")]
        public void IA_1_3_a_ii_covers_returns_of_nuclear_material_only(string item, string decision)
        {
            // Issue 12, item 5: equipment returned from La Hague to Japan was granted the US's consent by 1(3)(a)(ii).
            var json = item.TrimEnd('}') + ""","activity":"transfer","agreements":["JP-US-1988"],"supplier":"JP","from":"FR","to":"JP","recipient_authorized":true,"facility":"la-hague","evidence":{"consents":["JP"]}}""";
            var d = Expect(json, decision);
            Assert.Equal(decision == "permitted", d.Citations.Contains("JP-US-1988 IA Art. 1(3)(a)(ii)"));
        }

        [Fact]
        public void IA_1_3_a_iii_a_return_of_2_kg_or_more_needs_the_receiving_party_s_notice()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":250000,"supplier":"US","from":"FR","to":"JP","recipient_authorized":true,"facility":"la-hague"}""",
                "notification-required", "JP-US-1988 IA Art. 1(3)(a)(iii)", "JP-US-1988 Art. 4");
            var r = d.Requirements.Single(x => x.Kind == RequirementKind.Notification);
            Assert.Equal("JP", Assert.Single(r.Parties));
            Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":250000,"supplier":"US","from":"FR","to":"JP","recipient_authorized":true,"facility":"la-hague","evidence":{"notifications":[{"by":"JP"}]}}""",
                "permitted", "JP-US-1988 IA Art. 1(3)(a)(iii)", "JP-US-1988 Art. 4");
        }

        [Fact]
        public void IA_1_3_b_otherwise_the_return_needs_the_other_party_s_consent()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":1500,"supplier":"US","from":"GB","to":"JP","recipient_authorized":true,"facility":"sellafield"}""",
                "consent-required", "JP-US-1988 IA Art. 1(3)(b)", "JP-US-1988 Art. 4");
            Assert.Equal("US", Assert.Single(d.Requirements).Parties.Single());
            Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":1500,"supplier":"US","from":"GB","to":"JP","recipient_authorized":true,"facility":"sellafield","evidence":{"consents":["US"]}}""",
                "permitted");
        }

        /// <summary>
        /// Issue 12, item 6: 「(a)(iii)の手続がとられない場合には…受領当事国政府でない当事国政府の同意があるときにのみ行われる」.
        /// The request the issue quotes: 2 kg of recovered plutonium (unirradiated: the default) from Sellafield
        /// to Japan, with the US's consent on record. The other facts the rules need: the agreement, the supplier
        /// (Art. 4 and Annex B read it), where it comes from and goes to, and that the recipient is authorised
        /// (Art. 4). It was answered notification-required.
        /// </summary>
        [Fact]
        public void IA_1_3_b_the_other_party_s_consent_stands_in_for_the_notice_of_a_iii()
        {
            const string request = """{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":2000,"supplier":"US","from":"GB","to":"JP","facility":"sellafield","recipient_authorized":true""";
            var d = Expect(request + ""","evidence":{"consents":["US"]}}""", "permitted", "JP-US-1988 IA Art. 1(3)(a)(iii)", "JP-US-1988 Art. 4");
            var r = d.Requirements.Single(x => x.RuleId == "ia-art1-3-a-iii-plutonium-to-jp");
            Assert.True(r.Satisfied);
            Assert.Equal("consent on record", r.SatisfiedBy);
            Assert.Equal(RequirementKind.Notification, r.Kind);
            Assert.Equal("JP", Assert.Single(r.Parties));
            var alternative = Assert.Single(r.Alternatives);
            Assert.Equal((RequirementKind.Consent, "US", false), (alternative.Kind, Assert.Single(alternative.Parties), alternative.Written));
            // Japan's notice alone still does it; neither, or only notices and consents from the wrong party, does not.
            Expect(request + ""","evidence":{"notifications":[{"by":"JP"}]}}""", "permitted");
            var neither = Expect(request + """}""", "notification-required");
            Assert.False(neither.Requirements.Single(x => x.RuleId == "ia-art1-3-a-iii-plutonium-to-jp").Satisfied);
            Expect(request + ""","evidence":{"notifications":[{"by":"US"}],"consents":["JP"]}}""", "notification-required");
            // The consent must be prior, and the notice written.
            Expect(request + ""","evidence":{"consents":[{"party":"US","prior":false}],"notifications":[{"by":"JP","written":false}]}}""", "notification-required");
        }

        [Fact]
        public void IA_1_3_b_returning_plutonium_to_the_US_Japan_s_consent_stands_in_for_the_US_s_notice()
        {
            const string request = """{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":2000,"supplier":"JP","from":"FR","to":"US","facility":"la-hague","recipient_authorized":true""";
            Expect(request + ""","evidence":{"consents":["JP"]}}""", "permitted", "JP-US-1988 IA Art. 1(3)(a)(iii)", "JP-US-1988 Art. 4");
            Expect(request + ""","evidence":{"consents":["US"],"notifications":[{"by":"JP"}]}}""", "notification-required");
        }

        /// <summary>
        /// The overlap check flagged (AGR0017, now acknowledged with the reason) that Art. 4 asks both parties' agreement
        /// beside IA Art. 1(3)'s notice when recovered plutonium returns to the party that supplied it. IA Art. 1(3) gives
        /// its consents to the third country under that country's agreement, not the Art. 4 agreement IA Art. 1(1)(b) and
        /// 1(2)(b) give in terms, so both hold: Japan's notice alone does not do it, both parties' consent does.
        /// </summary>
        [Fact]
        public void IA_1_3_recovered_plutonium_returned_to_its_supplier_needs_Art_4_agreement_beside_the_notice()
        {
            const string toJapan = """{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":2000,"supplier":"JP","from":"FR","to":"JP","facility":"la-hague","recipient_authorized":true""";
            Expect(toJapan + ""","evidence":{"notifications":[{"by":"JP"}]}}""", "consent-required", "JP-US-1988 IA Art. 1(3)(a)(iii)", "JP-US-1988 Art. 4");
            Expect(toJapan + ""","evidence":{"consents":["US"],"notifications":[{"by":"JP"}]}}""", "consent-required");
            Expect(toJapan + ""","evidence":{"consents":["JP","US"],"notifications":[{"by":"JP"}]}}""", "permitted");
            Expect(toJapan + ""","evidence":{"consents":["JP","US"]}}""", "permitted");
            const string toTheUs = """{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":500,"supplier":"US","from":"GB","to":"US","facility":"sellafield","recipient_authorized":true""";
            Expect(toTheUs + ""","evidence":{"consents":["JP"]}}""", "consent-required");
            Expect(toTheUs + ""","evidence":{"consents":["JP","US"]}}""", "permitted");
        }

        [Fact]
        public void IA_1_3_the_quantity_decides_between_notice_and_consent()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","supplier":"US","from":"GB","to":"JP","recipient_authorized":true,"facility":"sellafield"}""", "undetermined");
            Assert.Equal(new[] { "quantity" }, d.Missing);
        }

        // ---- IA Art. 3(2): suspension ----

        [Fact]
        public void IA_3_2_a_suspended_consent_grants_nothing_and_the_answer_says_why()
        {
            var d = Expect("""{"activity":"reprocess","agreements":["JP-US-1988"],"material":"uranium","enrichment":3,"irradiated":true,"facility":"tokai-reprocessing-plant","consent_suspended":true}""",
                "consent-required", "JP-US-1988 Art. 5(1)");
            Assert.Equal(new[] { "JP-US-1988 IA Art. 3(2): the programmatic consent of IA Art. 1 is suspended: the parties' agreement is needed case by case (IA Art. 3(3))" },
                d.Advisories);
        }

        [Theory]
        [InlineData("""{"activity":"store","material":"plutonium","quantity":10,"facility":"joyo"}""")]
        [InlineData("""{"activity":"alter","material":"plutonium","quantity":10,"method":"other","from":"JP","facility":"tokai-research-lab","facility_designated":true,"year_total":0}""")]
        [InlineData("""{"activity":"transfer","material":"uranium","enrichment":3,"supplier":"US","from":"JP","to":"AU","designated_third_country":true}""")]
        public void IA_3_2_suspension_reaches_every_consent(string request)
        {
            var suspended = request.TrimEnd('}') + ""","agreements":["JP-US-1988"],"consent_suspended":true}""";
            Expect(suspended, "consent-required");
            Expect(suspended.Replace("\"consent_suspended\":true", "\"consent_suspended\":false"), "permitted");
        }
    }
}
