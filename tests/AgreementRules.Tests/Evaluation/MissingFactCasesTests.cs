using System.Linq;
using AgreementRules.Tests.ShippedRules;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// Undetermined exactly when some values of the missing facts would change the decision (the contract):
    /// where the two-pass judgement cannot tell, every case of the missing facts (over their ranges:
    /// percentages 0–100, quantities and totals from 0) is tried, as the checker's gap search does.
    /// </summary>
    public class MissingFactCasesTests
    {
        private static readonly string[] JpUs = { "JP-US-1988" };
        private static readonly Evidence BothConsents = Evidence.None.WithConsent("JP").WithConsent("US");

        [Fact]
        public void Enrichment_missing_with_both_consents_on_record_is_permitted_as_every_level_is()
        {
            var decision = Shipped.Rules.Evaluate(Activity.Create("enrich").With("agreements", JpUs).With("material", "uranium"), BothConsents);
            Assert.True(Outcome.Permitted == decision.Outcome, string.Join("\n", decision.Missing.Concat(decision.Trace)));
            Assert.Empty(decision.Missing);
            Assert.Contains("whatever the value of enrichment, the rules decide permitted (every case of the missing facts was tried)", decision.Trace);
            // The record says what the permission rests on: at 20 % or more, Art. 6's consent of both parties, on record.
            Assert.Equal(new[] { "JP-US-1988 Art. 6" }, decision.Citations);
            var consent = Assert.Single(decision.Requirements);
            Assert.Equal(("jp-us-art6-20-or-more", true), (consent.RuleId, consent.Satisfied));
            Assert.Equal("consent on record, in the cases where it applies (depending on the value of enrichment)", consent.SatisfiedBy);
        }

        [Fact]
        public void Enrichment_missing_without_consents_stays_undetermined_and_names_enrichment()
        {
            var decision = Shipped.Rules.Evaluate(Activity.Create("enrich").With("agreements", JpUs).With("material", "uranium"));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.Equal(new[] { "enrichment" }, decision.Missing);
        }

        [Fact]
        public void Method_missing_for_an_alteration_both_methods_permit_is_decided()
        {
            var alter = Activity.Create("alter").With("agreements", JpUs).With("material", "plutonium").With("quantity", 100.0)
                .With("facility", "tokai").With("facility_designated", false);
            var decision = Shipped.Rules.Evaluate(alter, BothConsents);
            Assert.Equal(Outcome.Permitted, decision.Outcome);
            Assert.Empty(decision.Missing);
            // Without the consents the method decides: by irradiation permitted, otherwise consent-required.
            var open = Shipped.Rules.Evaluate(alter);
            Assert.Equal(Outcome.Undetermined, open.Outcome);
            Assert.Equal(new[] { "method" }, open.Missing);
        }

        [Fact]
        public void Six_kg_of_plutonium_with_the_year_total_missing_is_over_the_5_kg_limit_whatever_the_total()
        {
            var store = Activity.Create("store").With("agreements", JpUs).With("material", "plutonium").With("quantity", 6000.0)
                .With("facility", "oarai-hot-laboratory").With("facility_designated", true)
                .With("from", "JP"); // IA Art. 1(2)(a): the programmatic consent holds only inside either party's jurisdiction
            var decision = Shipped.Rules.Evaluate(store);
            Assert.Equal(Outcome.ConsentRequired, decision.Outcome);
            Assert.Empty(decision.Missing);
            var consent = Assert.Single(decision.Requirements);
            Assert.False(consent.Satisfied);
            Assert.Equal("JP-US-1988 Art. 3", consent.Citation);
            // 1 kg: within the limit for a small enough total, over it for a large one.
            var small = Shipped.Rules.Evaluate(store.With("quantity", 1000.0));
            Assert.Equal(Outcome.Undetermined, small.Outcome);
            Assert.Equal(new[] { "year_total" }, small.Missing);
        }

        [Fact]
        public void A_case_search_through_arithmetic_samples_and_so_never_permits()
        {
            // x is read through arithmetic: its cases are samples (0, 350, 700, 700.5, 701, beyond), and
            // none falls in [400 g, 401 g], where y = 300 g makes the activity prohibited.
            var rules = RuleSet.Parse("""
                type party = enum { JP, US }
                activity use
                fact agreements : list of text
                fact x : number g
                fact y : number g
                agreement T { parties JP, US }
                rule band cites "Art. 1" on use when x + y >= 700 g and x + y <= 701 g then prohibited
                rule rest cites "Art. 2" on use when x + y < 700 g or x + y > 701 g then permitted
                """, "band.rules");
            var decision = rules.Evaluate(Activity.Create("use").With("agreements", new[] { "T" }).With("y", 300.0));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.Equal(new[] { "x" }, decision.Missing);
            Assert.Equal(Outcome.Prohibited, rules.Evaluate(Activity.Create("use").With("agreements", new[] { "T" }).With("y", 300.0).With("x", 400.5)).Outcome);
        }
    }
}
