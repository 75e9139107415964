using System.Linq;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>The Japan–US agreement (rules/jp-us-1988.rules), article by article, through RuleSet.Load + Evaluate.</summary>
    public class JpUs1988Tests
    {
        // ---- Art. 1(h): HEU is uranium at 20 % or more ----

        [Theory]
        [InlineData(19.99, false)]
        [InlineData(20.0, true)]
        [InlineData(93.0, true)]
        public void Art1h_heu_is_uranium_enriched_to_20_percent_or_more(double enrichment, bool heu)
        {
            var d = Ask($$$"""{"activity":"use","agreements":["JP-US-1988"],"material":"uranium","enrichment":{{{enrichment}}},"quantity":1000}""");
            Assert.Equal(heu, d.Derived("heu"));
        }

        [Theory]
        [InlineData("plutonium", null, true)]
        [InlineData("uranium-233", null, true)]
        [InlineData("uranium", 0.72, true)]      // enriched in U-235
        [InlineData("uranium", 0.711, false)]    // natural uranium is source material
        [InlineData("uranium", 0.3, false)]      // so is depleted uranium
        [InlineData("thorium", null, false)]
        [InlineData("heavy-water", null, false)]
        public void Art1g_special_fissionable_material_is_plutonium_U233_and_enriched_uranium(string material, double? enrichment, bool special)
        {
            var level = enrichment == null ? "" : $",\"enrichment\":{enrichment}";
            var d = Ask($$$"""{"activity":"use","agreements":["JP-US-1988"],"material":"{{{material}}}"{{{level}}}}""");
            Assert.Equal(special, d.Derived("special_fissionable"));
        }

        [Fact]
        public void Art1h_plutonium_is_never_heu()
        {
            var d = Ask("""{"activity":"use","agreements":["JP-US-1988"],"material":"plutonium","quantity":10}""");
            Assert.Equal(false, d.Derived("heu"));
        }

        // ---- Art. 2(1)(b) ----

        [Theory]
        [InlineData("sensitive-technology")]
        [InlineData("classified-information")]
        public void Art2_1_b_sensitive_technology_and_classified_information_are_never_transferred(string material)
        {
            var d = Expect($$$"""{"activity":"transfer","agreements":["JP-US-1988"],"material":"{{{material}}}","supplier":"US","from":"US","to":"JP","recipient_authorized":true,"evidence":{"consents":["JP","US"],"notifications":[{"by":"US","written":true,"prior":true}]}}""",
                "prohibited", "JP-US-1988 Art. 2(1)(b)");
            Assert.Empty(d.Requirements);
        }

        // ---- Art. 2(3) ----

        [Fact]
        public void Art2_3_a_shipment_from_the_US_asks_for_the_US_s_prior_written_notice()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"graphite","supplier":"US","from":"US","to":"JP","recipient_authorized":true}""",
                "notification-required", "JP-US-1988 Art. 2(3)", "JP-US-1988 Art. 4");
            var r = Assert.Single(d.Requirements);
            Assert.Equal((RequirementKind.Notification, "US", false), (r.Kind, Assert.Single(r.Parties), r.Satisfied));
        }

        [Theory]
        [InlineData("""{"by":"JP"}""", "notification-required")]
        [InlineData("""{"by":"US","written":false}""", "notification-required")]
        [InlineData("""{"by":"US","prior":false}""", "notification-required")]
        [InlineData("""{"by":"US"}""", "permitted")]
        public void Art2_3_only_the_supplying_party_s_prior_written_notice_counts(string notification, string decision) =>
            Expect($$$"""{"activity":"transfer","agreements":["JP-US-1988"],"material":"component","supplier":"US","from":"US","to":"JP","recipient_authorized":true,"evidence":{"notifications":[{{{notification}}}]}}""",
                decision);

        [Fact]
        public void Art2_3_a_transfer_between_third_countries_is_not_between_the_parties() =>
            Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"equipment","supplier":"US","from":"GB","to":"FR","designated_third_country":false,"evidence":{"consents":["JP","US"]}}""",
                "permitted", "JP-US-1988 Art. 4");

        [Fact]
        public void Art2_3_the_recipient_of_a_transfer_between_the_parties_must_be_authorised_even_on_a_return()
        {
            // A return of US uranium to the US leaves Japan's jurisdiction (Art. 4: both parties agree), and the
            // second sentence of Art. 2(3) still asks the US's confirmation that the recipient is its authorised person.
            const string Return = """{"activity":"transfer","agreements":["JP-US-1988"],"material":"uranium","enrichment":3,"supplier":"US","from":"JP","to":"US","evidence":{"consents":["JP","US"],"notifications":[{"by":"JP"}]}""";
            Expect(Return.Replace("\"to\":\"US\"", "\"to\":\"US\",\"recipient_authorized\":false") + "}", "prohibited", "JP-US-1988 Art. 2(3)");
            Expect(Return.Replace("\"to\":\"US\"", "\"to\":\"US\",\"recipient_authorized\":true") + "}", "permitted", "JP-US-1988 Art. 2(3)", "JP-US-1988 Art. 4");
            var d = Expect(Return + "}", "undetermined");
            Assert.Equal(new[] { "recipient_authorized" }, d.Missing);
        }

        [Fact]
        public void Art2_3_and_Art4_both_refuse_an_unauthorised_recipient_of_a_first_transfer() =>
            Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"graphite","supplier":"US","from":"US","to":"JP","recipient_authorized":false,"evidence":{"notifications":[{"by":"US"}]}}""",
                "prohibited", "JP-US-1988 Art. 2(3)", "JP-US-1988 Art. 4");

        // ---- Art. 3 ----

        [Fact]
        public void Art3_plutonium_at_a_facility_without_programmatic_consent_needs_both_parties()
        {
            var d = Expect("""{"activity":"store","agreements":["JP-US-1988"],"material":"plutonium","quantity":1000,"facility":"hamaoka-1","facility_designated":false}""",
                "consent-required", "JP-US-1988 Art. 3");
            var r = Assert.Single(d.Requirements);
            Assert.Equal(new[] { "JP", "US" }, r.Parties);
            Assert.Equal("II", d.Derived("category"));
        }

        [Theory]
        [InlineData("""{"material":"uranium","enrichment":4.5,"quantity":500000}""")]
        [InlineData("""{"material":"uranium","enrichment":0.711}""")]
        [InlineData("""{"material":"thorium"}""")]
        [InlineData("""{"material":"plutonium","irradiated":true}""")]
        [InlineData("""{"material":"uranium-233","irradiated":true}""")]
        [InlineData("""{"material":"graphite"}""")]
        public void Art3_says_explicitly_that_it_does_not_restrict_other_items(string item)
        {
            var json = item.TrimEnd('}') + ""","activity":"store","agreements":["JP-US-1988"],"facility":"hamaoka-1"}""";
            Expect(json, "permitted", "JP-US-1988 Art. 3");
        }

        [Fact]
        public void Art3_irradiated_heu_stays_restricted() =>
            Expect("""{"activity":"store","agreements":["JP-US-1988"],"material":"uranium","enrichment":36,"irradiated":true,"facility":"hamaoka-1","facility_designated":false}""",
                "consent-required", "JP-US-1988 Art. 3");

        // ---- Art. 4 ----

        [Fact]
        public void Art4_passing_on_inside_the_recipient_s_jurisdiction_needs_an_authorised_person()
        {
            Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"heavy-water","supplier":"US","from":"JP","to":"JP","recipient_authorized":true}""",
                "permitted", "JP-US-1988 Art. 4");
            Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"heavy-water","supplier":"US","from":"JP","to":"JP","recipient_authorized":false}""",
                "prohibited", "JP-US-1988 Art. 4");
            var d = Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"heavy-water","supplier":"US","from":"JP","to":"JP"}""", "undetermined");
            Assert.Equal(new[] { "recipient_authorized" }, d.Missing);
        }

        [Fact]
        public void Art4_leaving_the_recipient_s_jurisdiction_needs_both_parties()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"equipment","supplier":"JP","from":"US","to":"CA","evidence":{"consents":["US"]}}""",
                "consent-required", "JP-US-1988 Art. 4");
            Assert.Equal(new[] { "JP", "US" }, Assert.Single(d.Requirements).Parties);
            Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"equipment","supplier":"JP","from":"US","to":"CA","evidence":{"consents":["US","JP"]}}""",
                "permitted", "JP-US-1988 Art. 4");
        }

        [Fact]
        public void Art4_which_jurisdiction_is_the_recipient_s_depends_on_the_supplier()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"equipment","from":"JP","to":"JP","recipient_authorized":true}""", "undetermined");
            Assert.Equal(new[] { "supplier" }, d.Missing);
        }

        // ---- Art. 5 ----

        [Fact]
        public void Art5_1_reprocessing_needs_both_parties()
        {
            var d = Expect("""{"activity":"reprocess","agreements":["JP-US-1988"],"material":"uranium","enrichment":1,"irradiated":true,"facility":"la-hague-up2","facility_designated":false,"evidence":{"consents":["JP"]}}""",
                "consent-required", "JP-US-1988 Art. 5(1)");
            var r = Assert.Single(d.Requirements);
            Assert.Equal((RequirementKind.Consent, false), (r.Kind, r.Satisfied));
        }

        [Theory]
        [InlineData("""{"material":"uranium-233","method":"irradiation"}""", "permitted")]
        [InlineData("""{"material":"uranium-233","method":"other"}""", "consent-required")]
        [InlineData("""{"material":"uranium","enrichment":20,"method":"other"}""", "consent-required")]
        [InlineData("""{"material":"uranium","enrichment":19.99,"method":"other"}""", "permitted")]
        [InlineData("""{"material":"thorium","irradiated":true,"method":"other"}""", "consent-required")]
        [InlineData("""{"material":"thorium","method":"other"}""", "permitted")]
        public void Art5_2_alteration_by_irradiation_is_free_otherwise_agreed(string item, string decision)
        {
            var json = item.TrimEnd('}') + ""","activity":"alter","agreements":["JP-US-1988"],"quantity":100,"facility":"hamaoka-1","facility_designated":false}""";
            Expect(json, decision, "JP-US-1988 Art. 5(2)");
        }

        // ---- Art. 6 ----

        [Theory]
        [InlineData(0.711, "permitted")]
        [InlineData(19.99, "permitted")]
        [InlineData(20.0, "consent-required")]
        [InlineData(90.0, "consent-required")]
        public void Art6_enrichment_below_20_percent_is_free(double level, string decision) =>
            Expect($$$"""{"activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":{{{level}}}}""", decision, "JP-US-1988 Art. 6");

        [Fact]
        public void Art6_to_20_percent_with_both_written_prior_consents()
        {
            var d = Expect("""{"activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":20,"evidence":{"consents":[{"party":"JP"},{"party":"US","written":false}]}}""",
                "permitted", "JP-US-1988 Art. 6");
            Assert.Equal("consent on record", Assert.Single(d.Requirements).SatisfiedBy);
            Assert.Equal(true, d.Derived("heu"));
        }

        // ---- Art. 7 and Annex B ----

        [Theory]
        [InlineData("plutonium", null, 2000.0, "I")]
        [InlineData("plutonium", null, 1999.0, "II")]
        [InlineData("plutonium", null, 501.0, "II")]
        [InlineData("plutonium", null, 500.0, "III")]
        [InlineData("plutonium", null, 16.0, "III")]
        [InlineData("plutonium", null, 15.0, "none")]
        [InlineData("uranium-233", null, 2000.0, "I")]
        [InlineData("uranium", 90.0, 5600.0, "I")]      // 5040 g U-235
        [InlineData("uranium", 90.0, 5500.0, "II")]     // 4950 g
        [InlineData("uranium", 20.0, 5000.0, "III")]    // 1000 g
        [InlineData("uranium", 20.0, 75.0, "none")]     // 15 g
        [InlineData("uranium", 15.0, 66700.0, "II")]    // 10005 g
        [InlineData("uranium", 15.0, 66600.0, "III")]   // 9990 g
        [InlineData("uranium", 15.0, 6600.0, "none")]   // 990 g
        [InlineData("uranium", 20.0, 25000.0, "I")]     // 5 kg U-235 of HEU
        [InlineData("uranium", 19.99, 25000.0, "III")]  // 4997.5 g U-235, not HEU: the 10 % to 20 % row
        [InlineData("uranium", 10.0, 200000.0, "II")]   // 20 kg
        [InlineData("uranium", 9.99, 200000.0, "III")]  // 19.98 kg, below 10 %: the last row
        [InlineData("uranium", 10.0, 10010.0, "III")]   // 1001 g
        [InlineData("uranium", 10.0, 10000.0, "none")]  // 1000 g: category III needs more than 1 kg
        [InlineData("uranium", 5.0, 200000.0, "III")]   // 10 kg
        [InlineData("uranium", 5.0, 199000.0, "none")]
        [InlineData("uranium", 0.711, 10000000.0, "none")]
        [InlineData("thorium", null, 10000000.0, "none")]
        public void AnnexB_categorises_unirradiated_nuclear_material(string material, double? enrichment, double quantity, string category)
        {
            var level = enrichment == null ? "" : $",\"enrichment\":{enrichment}";
            var d = Ask($$$"""{"activity":"use","agreements":["JP-US-1988"],"material":"{{{material}}}","quantity":{{{quantity}}}{{{level}}}}""");
            Assert.Equal(category, d.Derived("category"));
        }

        [Theory]
        [InlineData("uranium", 3.0, "II")]
        [InlineData("thorium", null, "II")]
        [InlineData("uranium", 0.3, "II")]
        [InlineData("plutonium", null, "I")]   // irradiated plutonium keeps its category: no dose fact (notes b, e)
        public void AnnexB_categorises_irradiated_fuel(string material, double? enrichment, string category)
        {
            var level = enrichment == null ? "" : $",\"enrichment\":{enrichment}";
            var d = Ask($$$"""{"activity":"use","agreements":["JP-US-1988"],"material":"{{{material}}}","quantity":3000,"irradiated":true{{{level}}}}""");
            Assert.Equal(category, d.Derived("category"));
        }

        [Theory]
        [InlineData("I", "permitted")]
        [InlineData("II", "permitted")]
        [InlineData("III", "prohibited")]
        public void Art7_protection_weaker_than_the_category_is_prohibited(string protection, string decision) =>
            Expect($$$"""{"activity":"use","agreements":["JP-US-1988"],"material":"plutonium","quantity":1000,"protection":"{{{protection}}}"}""",
                decision, decision == "prohibited" ? new[] { "JP-US-1988 Art. 7, Annex B" } : new[] { "JP-US-1988 Art. 8(1)" });

        [Fact]
        public void Art7_decides_for_every_activity_and_outranks_consents()
        {
            foreach (var activity in new[] { "enrich", "reprocess", "alter", "store", "transfer", "use" })
            {
                var d = Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-US-1988"],"material":"uranium","enrichment":93,"quantity":6000,"protection":"II","method":"irradiation","supplier":"US","from":"JP","to":"JP","recipient_authorized":true,"facility":"tokai-reprocessing-plant","evidence":{"consents":["JP","US"]}}""",
                    "prohibited", "JP-US-1988 Art. 7, Annex B");
                Assert.Equal("I", d.Derived("category"));
            }
        }

        [Fact]
        public void Art7_without_a_protection_level_is_not_applied()
        {
            var d = Expect("""{"activity":"use","agreements":["JP-US-1988"],"material":"plutonium","quantity":50000}""", "permitted", "JP-US-1988 Art. 8(1)");
            Assert.DoesNotContain("protection", d.Missing);
        }

        // ---- Art. 8 ----

        [Theory]
        [InlineData("enrich")]
        [InlineData("reprocess")]
        [InlineData("alter")]
        [InlineData("store")]
        [InlineData("transfer")]
        [InlineData("use")]
        public void Art8_2_any_activity_for_an_explosive_or_military_purpose_is_prohibited(string activity)
        {
            foreach (var purpose in new[] { "nuclear-explosive", "military" })
            {
                var d = Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-US-1988"],"material":"uranium","purpose":"{{{purpose}}}","evidence":{"consents":["JP","US"]}}""",
                    "prohibited", "JP-US-1988 Art. 8(2)");
                Assert.Empty(d.Missing);
            }
        }

        [Theory]
        [InlineData("peaceful")]
        [InlineData("irradiation-testing")]
        [InlineData("heu-production")]
        public void Art8_1_peaceful_use_is_permitted(string purpose) =>
            Expect($$$"""{"activity":"use","agreements":["JP-US-1988"],"material":"uranium","enrichment":3,"purpose":"{{{purpose}}}"}""", "permitted", "JP-US-1988 Art. 8(1)");

        [Fact]
        public void Every_answer_cites_articles_of_the_agreement_and_traces_each_rule()
        {
            var d = Ask("""{"activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":25,"evidence":{"consents":["JP"]}}""");
            Assert.All(d.Citations, c => Assert.StartsWith("JP-US-1988 Art. ", c));
            Assert.Contains(d.Trace, t => t.Contains("[jp-us-art6-20-or-more] applies"));
        }
    }
}
