using AgreementRules.Tests.ShippedRules;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// The 'agreements' fact (shared/spec/activity-json.md): absent, it is unknown like every fact without a
    /// default (the item may be subject to no agreement), never "all of them"; an empty list means none applies.
    /// </summary>
    public class AgreementsFactTests
    {
        [Fact]
        public void Absent_agreements_are_unknown_so_the_answer_is_undetermined_with_agreements_missing()
        {
            // JP-US Art. 6 would require consent for 93 %; with no agreement named nothing may be assumed.
            var decision = Shipped.Rules.Evaluate(Activity.Create("enrich").With("material", "uranium").With("enrichment", 93.0));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.Equal(new[] { "agreements" }, decision.Missing);
            Assert.Empty(decision.Citations);
            Assert.Empty(decision.Requirements);
            Assert.Equal(new[] { "the request does not say which agreements the item is subject to ('agreements' is missing), so no rule can be applied to 'enrich'" },
                decision.Trace);
        }

        [Fact]
        public void Agreements_given_as_null_are_unknown_too()
        {
            var decision = Shipped.Rules.Evaluate(Activity.Create("reprocess").With("agreements", null).With("material", "plutonium"));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.Equal(new[] { "agreements" }, decision.Missing);
        }

        [Fact]
        public void An_empty_agreements_list_means_no_agreement_applies_and_nothing_is_missing()
        {
            var decision = Shipped.Rules.Evaluate(Activity.Create("enrich").With("agreements", new string[0]).With("material", "uranium").With("enrichment", 93.0));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.Empty(decision.Missing);
            Assert.Equal(new[] { "the request lists no agreement, so no rule speaks to 'enrich'" }, decision.Trace);
        }

        [Fact]
        public void Named_agreements_decide_as_before()
        {
            var decision = Shipped.Rules.Evaluate(
                Activity.Create("enrich").With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", 93.0));
            Assert.Equal(Outcome.ConsentRequired, decision.Outcome);
        }

        [Fact]
        public void The_readme_example_names_its_agreement_and_is_permitted_with_both_consents()
        {
            // The README's example, as written there.
            var rules = Shipped.Rules;
            var decision = rules.Evaluate(
                Activity.Create("enrich").With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", 25.0),
                Evidence.None.WithConsent("JP").WithConsent("US"));
            Assert.True(decision.IsPermitted, decision.ToString());
            var readme = System.IO.File.ReadAllText(System.IO.Path.Combine(TestRules.RepoRoot, "README.md"));
            Assert.Contains("Activity.Create(\"enrich\").With(\"agreements\", new[] { \"JP-US-1988\" })", readme);
        }
    }
}
