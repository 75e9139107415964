using System.Linq;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>The Japan–France agreement as amended in 1990 (rules/jp-fr-1990.rules).</summary>
    public class JpFr1990Tests
    {
        private const string AllAssurances = "\"assurances\":[\"peaceful-use\",\"iaea-safeguards\",\"physical-protection\"]";

        // ---- Art. 2 ----

        [Theory]
        [InlineData("enrich")]
        [InlineData("reprocess")]
        [InlineData("alter")]
        [InlineData("store")]
        [InlineData("use")]
        public void Art2_speaks_for_every_activity_other_than_transfer(string activity)
        {
            Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-FR-1990"],"material":"plutonium","supplier":"FR"}""", "permitted", "JP-FR-1990 Art. 2");
            Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-FR-1990"],"material":"plutonium","supplier":"FR","purpose":"nuclear-explosive"}""", "prohibited", "JP-FR-1990 Art. 2");
            Expect($$$"""{"activity":"{{{activity}}}","agreements":["JP-FR-1990"],"material":"plutonium","supplier":"FR","purpose":"military"}""", "prohibited", "JP-FR-1990 Art. 2");
        }

        [Fact]
        public void Art2_a_transfer_for_an_explosive_is_prohibited_whatever_the_consents() =>
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"uranium","enrichment":3,"supplier":"FR","from":"JP","to":"KR",{{{AllAssurances}}},"purpose":"nuclear-explosive","evidence":{"consents":["FR","JP"]}}""",
                "prohibited", "JP-FR-1990 Art. 2");

        // ---- Art. 1(1)(c) ----

        [Theory]
        [InlineData("""{"material":"sensitive-technology","supplier":"FR","from":"FR","to":"JP"}""")]
        [InlineData("""{"material":"uranium","enrichment":3.5,"supplier":"JP","from":"FR","to":"JP","assurances":["peaceful-use","iaea-safeguards","physical-protection"],"evidence":{"notifications":[{"by":"FR"}]}}""")]
        [InlineData("""{"material":"equipment","equipment_kind":"other","based_on_sensitive_technology":false,"supplier":"JP","from":"JP","to":"FR","evidence":{"notifications":[{"by":"JP"}]}}""")]
        public void Art1_1_c_supply_between_the_two_countries_only_to_authorised_persons(string item)
        {
            // Issue 12, item 2: French sensitive technology to an unauthorised Japanese recipient, and Japanese
            // uranium returned from France to one, were answered permitted.
            var request = item.Substring(0, item.Length - 1) + ""","activity":"transfer","agreements":["JP-FR-1990"]""";
            var unauthorised = Expect(request + ""","recipient_authorized":false}""", "prohibited");
            Assert.Contains("JP-FR-1990 Art. 1(1)(c)", unauthorised.Citations);
            Assert.Empty(unauthorised.Requirements);
            Expect(request + ""","recipient_authorized":true}""", "permitted");
            Assert.Contains("recipient_authorized", Expect(request + "}", "undetermined").Missing);
        }

        [Fact]
        public void Art1_1_c_does_not_reach_a_transfer_inside_one_country_or_information()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"classified-information","supplier":"FR","from":"FR","to":"JP","recipient_authorized":false}""",
                "permitted", "JP-FR-1990 Art. 4(1)");
            Assert.Contains(d.Trace, t => t.Contains("[jp-fr-art1-1-c-recipient-not-authorised] does not apply"));
            // Inside Japan Art. 4(1) decides, as before.
            Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"plutonium","supplier":"FR","from":"JP","to":"JP","recipient_authorized":false}""",
                "prohibited", "JP-FR-1990 Art. 4(1)");
        }

        // ---- Art. 4(1) ----

        [Theory]
        [InlineData(true, "permitted")]
        [InlineData(false, "prohibited")]
        public void Art4_1_inside_the_recipient_s_jurisdiction_only_to_authorised_persons(bool authorised, string decision) =>
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"plutonium","quantity":100,"supplier":"FR","from":"JP","to":"JP","recipient_authorized":{{{(authorised ? "true" : "false")}}}}""",
                decision, "JP-FR-1990 Art. 4(1)");

        [Theory]
        [InlineData("sensitive-technology", false)]
        [InlineData("classified-information", false)]
        [InlineData("classified-information", true)]
        public void Art4_1_does_not_restrict_items_it_does_not_name(string material, bool authorised) =>
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"{{{material}}}","supplier":"FR","from":"JP","to":"JP","recipient_authorized":{{{(authorised ? "true" : "false")}}}}""",
                "permitted", "JP-FR-1990 Art. 4(1)");

        // ---- Art. 4(2) and Agreed Minute 3 ----

        [Theory]
        [InlineData("""["peaceful-use","iaea-safeguards","physical-protection"]""", "permitted")]
        [InlineData("""["peaceful-use","iaea-safeguards"]""", "assurances-required")]
        [InlineData("""["iaea-safeguards","physical-protection"]""", "assurances-required")]
        [InlineData("""[]""", "assurances-required")]
        public void Art4_2_nuclear_material_needs_all_three_assurances(string assurances, string decision)
        {
            var d = Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"uranium","enrichment":4.95,"supplier":"FR","from":"JP","to":"KR","assurances":{{{assurances}}}}""",
                decision, "JP-FR-1990 Art. 4(2)");
            if (decision == "assurances-required")
            {
                var r = Assert.Single(d.Requirements);
                Assert.Equal((RequirementKind.Assurances, "FR", false), (r.Kind, r.Parties.Single(), r.Satisfied));
            }
        }

        [Theory]
        [InlineData("graphite")]
        [InlineData("equipment")]
        [InlineData("component")]
        public void Art4_2_for_items_other_than_nuclear_material_the_peaceful_use_assurance_is_complete(string material) =>
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"{{{material}}}","equipment_kind":"other","based_on_sensitive_technology":false,"supplier":"FR","from":"JP","to":"KR","assurances":["peaceful-use"]}""",
                "permitted", "JP-FR-1990 Art. 4(2)");

        [Fact]
        public void Art4_2_the_supplier_s_prior_consent_cures_missing_assurances_oral_or_written()
        {
            Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"uranium","enrichment":4.95,"supplier":"FR","from":"JP","to":"KR","assurances":["peaceful-use"],"evidence":{"consents":[{"party":"FR","written":false}]}}""",
                "permitted", "JP-FR-1990 Art. 4(2)");
            Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"uranium","enrichment":4.95,"supplier":"FR","from":"JP","to":"KR","assurances":["peaceful-use"],"evidence":{"consents":[{"party":"JP"}]}}""",
                "assurances-required", "JP-FR-1990 Art. 4(2)");
        }

        [Fact]
        public void Art4_2_unknown_assurances_leave_the_answer_undetermined()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"uranium","enrichment":4.95,"supplier":"FR","from":"JP","to":"KR"}""", "undetermined");
            Assert.Equal(new[] { "assurances" }, d.Missing);
        }

        [Fact]
        public void Art4_2_and_4_3_do_not_restrict_information_leaving_the_recipient_s_jurisdiction() =>
            Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"classified-information","supplier":"FR","from":"JP","to":"KR"}""",
                "permitted", "JP-FR-1990 Art. 4(2)");

        [Fact]
        public void Information_is_still_never_transferred_under_JP_US_whatever_JP_FR_allows() =>
            Expect("""{"activity":"transfer","agreements":["JP-US-1988","JP-FR-1990"],"material":"classified-information","supplier":"FR","from":"JP","to":"KR"}""",
                "prohibited", "JP-US-1988 Art. 2(1)(b)");

        // ---- Art. 4(3) ----

        [Fact]
        public void Art4_3_the_contract_s_worked_case_French_plutonium_leaving_Japan_without_consent()
        {
            // "France-supplied plutonium leaving Japan with no consent → consent-required whatever the assurances (Art. 4(3))"
            var d = Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"plutonium","quantity":1000,"supplier":"FR","from":"JP","to":"US"}""",
                "consent-required", "JP-FR-1990 Art. 4(3)");
            Assert.Empty(d.Missing);
            var r = Assert.Single(d.Requirements);
            Assert.Equal((RequirementKind.Consent, "FR", false, "jp-fr-art4-3-prior-written-consent"), (r.Kind, r.Parties.Single(), r.Satisfied, r.RuleId));
        }

        [Theory]
        [InlineData("""{"party":"FR"}""", "permitted")]
        [InlineData("""{"party":"FR","written":false}""", "consent-required")]
        [InlineData("""{"party":"FR","prior":false}""", "consent-required")]
        [InlineData("""{"party":"JP"}""", "consent-required")]
        public void Art4_3_only_the_supplier_s_prior_written_consent_counts(string consent, string decision) =>
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"heavy-water","supplier":"FR","from":"JP","to":"CA",{{{AllAssurances}}},"evidence":{"consents":[{{{consent}}}]}}""",
                decision);

        [Theory]
        [InlineData("uranium", 19.99, "permitted")]
        [InlineData("uranium", 20.0, "consent-required")]
        [InlineData("uranium-233", null, "consent-required")]
        [InlineData("sensitive-technology", null, "consent-required")]
        public void Art4_3_lists_uranium_at_20_percent_or_more_plutonium_U233_heavy_water_and_sensitive_technology(string material, double? enrichment, string decision)
        {
            var level = enrichment == null ? "" : $",\"enrichment\":{enrichment}";
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"{{{material}}}"{{{level}}},"supplier":"FR","from":"JP","to":"CA",{{{AllAssurances}}}}""", decision);
        }

        [Fact]
        public void Art4_3_except_back_to_the_supplier_s_jurisdiction()
        {
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"plutonium","supplier":"FR","from":"JP","to":"FR","recipient_authorized":true,{{{AllAssurances}}},"evidence":{"notifications":[{"by":"JP"}]}}""",
                "permitted", "JP-FR-1990 Art. 4(2)", "JP-FR-1990 Art. 4A(1)");
            // Japanese plutonium in France goes back to Japan: Japan is the supplier.
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"plutonium","supplier":"JP","from":"FR","to":"JP","recipient_authorized":true,{{{AllAssurances}}},"evidence":{"notifications":[{"by":"FR"}]}}""",
                "permitted", "JP-FR-1990 Art. 4(2)", "JP-FR-1990 Art. 4A(1)");
        }

        [Theory]
        [InlineData("\"equipment_kind\":\"enrichment\"", "consent-required")]
        [InlineData("\"equipment_kind\":\"reprocessing\"", "consent-required")]
        [InlineData("\"equipment_kind\":\"heavy-water-production\"", "consent-required")]
        [InlineData("\"equipment_kind\":\"other\",\"based_on_sensitive_technology\":true", "consent-required")]
        [InlineData("\"equipment_kind\":\"other\",\"based_on_sensitive_technology\":false", "permitted")]
        public void Art4_3_a_and_c_list_enrichment_reprocessing_heavy_water_equipment_and_equipment_based_on_sensitive_technology(string kind, string decision)
        {
            // Issue 12, item 3: equipment sent from Japan to Britain with the peaceful-use assurance only was permitted whatever it was.
            foreach (var material in new[] { "equipment", "component" })
            {
                var request = $$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"{{{material}}}",{{{kind}}},"supplier":"FR","from":"JP","to":"GB","assurances":["peaceful-use"]""";
                var d = Expect(request + "}", decision, decision == "permitted" ? new[] { "JP-FR-1990 Art. 4(2)" } : new[] { "JP-FR-1990 Art. 4(2)", "JP-FR-1990 Art. 4(3)" });
                if (decision != "permitted") Assert.Equal("FR", d.Requirements.Single(r => !r.Satisfied).Parties.Single());
                Expect(request + ""","evidence":{"consents":["FR"]}}""", "permitted");
                Expect(request + ""","evidence":{"consents":[{"party":"FR","written":false}]}}""", decision);
            }
        }

        [Fact]
        public void Art4_3_equipment_of_unknown_kind_is_undetermined_unless_the_written_consent_is_on_record()
        {
            var d = Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"equipment","supplier":"FR","from":"JP","to":"GB","assurances":["peaceful-use"]}""", "undetermined");
            Assert.Equal(new[] { "based_on_sensitive_technology", "equipment_kind" }, d.Missing.OrderBy(m => m, System.StringComparer.Ordinal));
            Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"equipment","supplier":"FR","from":"JP","to":"GB","assurances":["peaceful-use"],"evidence":{"consents":["FR"]}}""", "permitted");
            // Enrichment equipment is listed whatever the other fact says.
            Assert.Empty(Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"equipment","equipment_kind":"enrichment","supplier":"FR","from":"JP","to":"GB","assurances":["peaceful-use"]}""", "consent-required").Missing);
            // Back to France: Art. 4(3) excepts it.
            Expect("""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"equipment","equipment_kind":"enrichment","supplier":"FR","from":"JP","to":"FR","recipient_authorized":true,"assurances":["peaceful-use"],"evidence":{"notifications":[{"by":"JP"}]}}""",
                "permitted", "JP-FR-1990 Art. 4(2)", "JP-FR-1990 Art. 4A(1)");
        }

        // ---- Art. 4A(1) ----

        [Theory]
        [InlineData("FR", "JP", "FR")]
        [InlineData("JP", "FR", "JP")]
        public void Art4A_1_transfers_between_Japan_and_France_need_the_supplying_party_s_prior_written_notice(string from, string to, string notifier)
        {
            var other = notifier == "FR" ? "JP" : "FR";
            var d = Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"equipment","supplier":"{{{from}}}","from":"{{{from}}}","to":"{{{to}}}","recipient_authorized":true,"evidence":{"notifications":[{"by":"{{{other}}}"}]}}""",
                "notification-required", "JP-FR-1990 Art. 4(1)", "JP-FR-1990 Art. 4A(1)");
            Assert.Equal(notifier, d.Requirements.Single(r => r.Kind == RequirementKind.Notification).Parties.Single());
            Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"equipment","supplier":"{{{from}}}","from":"{{{from}}}","to":"{{{to}}}","recipient_authorized":true,"evidence":{"notifications":[{"by":"{{{notifier}}}"}]}}""",
                "permitted", "JP-FR-1990 Art. 4(1)", "JP-FR-1990 Art. 4A(1)");
        }

        [Theory]
        [InlineData("sensitive-technology")]
        [InlineData("classified-information")]
        public void Art4A_1_names_materials_nuclear_material_equipment_and_facilities_only(string material)
        {
            var d = Expect($$$"""{"activity":"transfer","agreements":["JP-FR-1990"],"material":"{{{material}}}","supplier":"FR","from":"FR","to":"JP","recipient_authorized":true}""",
                "permitted", "JP-FR-1990 Art. 4(1)");
            Assert.Empty(d.Requirements);
            Assert.Contains(d.Trace, t => t.Contains("[jp-fr-art4a-1-fr-to-jp] does not apply"));
        }

        // ---- an item subject to both agreements ----

        [Fact]
        public void An_item_under_both_agreements_meets_the_rules_of_each()
        {
            // Plutonium recovered in France from US-origin fuel, stored at Joyo (Annex 2): JP-US Art. 3 with
            // the Arrangement's consent, and JP-FR Art. 2.
            Expect("""{"activity":"store","agreements":["JP-US-1988","JP-FR-1990"],"material":"plutonium","quantity":800,"supplier":"FR","facility":"joyo"}""",
                "permitted", "JP-US-1988 Art. 3", "JP-US-1988 IA Art. 1(1)(a)(ii)", "JP-FR-1990 Art. 2");
            // Leaving Japan for Korea: JP-US Art. 4 asks both parties, JP-FR Art. 4(3) France in writing.
            var d = Expect($$$"""{"activity":"transfer","agreements":["JP-US-1988","JP-FR-1990"],"material":"plutonium","quantity":800,"supplier":"FR","from":"JP","to":"KR",{{{AllAssurances}}},"evidence":{"consents":["FR"]}}""",
                "consent-required", "JP-US-1988 Art. 4", "JP-FR-1990 Art. 4(2)", "JP-FR-1990 Art. 4(3)");
            Assert.True(d.Requirements.Single(r => r.Citation == "JP-FR-1990 Art. 4(3)").Satisfied);
            var missing = d.Requirements.Single(r => !r.Satisfied);
            Assert.Equal("JP-US-1988 Art. 4", missing.Citation);
            Assert.Equal(new[] { "JP", "US" }, missing.Parties);
        }
    }
}
