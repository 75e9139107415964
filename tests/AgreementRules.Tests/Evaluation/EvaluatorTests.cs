namespace AgreementRules.Tests.Evaluation
{
    public class EvaluatorTests
    {
        private static readonly RuleSet Rules = RuleSet.Parse(TestRules.Small, "small.rules");

        private static Activity Enrich(double level) =>
            TestRules.UnderT1("enrich").With("material", "uranium").With("enrichment", level);

        [Fact]
        public void Enrichment_below_20_percent_is_permitted_with_its_citation()
        {
            var decision = Rules.Evaluate(Enrich(19.99));
            Assert.Equal(Outcome.Permitted, decision.Outcome);
            Assert.True(decision.IsPermitted);
            Assert.Equal(new[] { "T-1 Art. 6" }, decision.Citations);
            Assert.Equal(false, decision.Derived["heu"]);
        }

        [Fact]
        public void Enrichment_at_20_percent_needs_both_parties()
        {
            var decision = Rules.Evaluate(Enrich(20), Evidence.None.WithConsent("JP"));
            Assert.Equal(Outcome.ConsentRequired, decision.Outcome);
            var requirement = Assert.Single(decision.Requirements);
            Assert.Equal(new[] { "JP", "US" }, requirement.Parties);
            Assert.False(requirement.Satisfied);
            Assert.Equal(true, decision.Derived["heu"]);
        }

        [Fact]
        public void Enrichment_at_20_percent_with_both_prior_written_consents_is_permitted()
        {
            var decision = Rules.Evaluate(Enrich(20), Evidence.None.WithConsent("JP").WithConsent("US"));
            Assert.Equal(Outcome.Permitted, decision.Outcome);
        }

        [Fact]
        public void A_consent_given_after_the_fact_satisfies_nothing()
        {
            var decision = Rules.Evaluate(Enrich(20), Evidence.None.WithConsent("JP").WithConsent("US", prior: false));
            Assert.Equal(Outcome.ConsentRequired, decision.Outcome);
        }

        [Fact]
        public void Missing_enrichment_is_undetermined_and_names_the_fact()
        {
            var decision = Rules.Evaluate(TestRules.UnderT1("enrich").With("material", "uranium"));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.False(decision.IsPermitted);
            Assert.Equal(new[] { "enrichment" }, decision.Missing);
        }

        [Fact]
        public void A_prohibition_decides_whatever_else_is_missing()
        {
            var decision = Rules.Evaluate(TestRules.UnderT1("enrich").With("purpose", "military"));
            Assert.Equal(Outcome.Prohibited, decision.Outcome);
            Assert.Empty(decision.Missing);
        }

        [Fact]
        public void Transfer_requires_the_suppliers_prior_written_notification()
        {
            var activity = TestRules.UnderT1("transfer").With("supplier", "US").With("recipient_authorized", true);
            Assert.Equal(Outcome.NotificationRequired, Rules.Evaluate(activity).Outcome);
            Assert.Equal(Outcome.NotificationRequired, Rules.Evaluate(activity, Evidence.None.WithNotification("US", written: false)).Outcome);
            Assert.Equal(Outcome.Permitted, Rules.Evaluate(activity, Evidence.None.WithNotification("US")).Outcome);
        }

        [Fact]
        public void Reprocessing_requires_consent_and_ThrowIfNotPermitted_throws()
        {
            var decision = Rules.Evaluate(TestRules.UnderT1("reprocess").With("material", "plutonium"));
            Assert.Equal(Outcome.ConsentRequired, decision.Outcome);
            var ex = Assert.Throws<ActivityNotPermittedException>(decision.ThrowIfNotPermitted);
            Assert.Contains("Art. 5(1)", ex.Message);
        }

        [Fact]
        public void An_activity_no_rule_speaks_to_is_undetermined_not_permitted()
        {
            var rules = RuleSet.Parse("activity store\nagreement A { parties JP }\n", "empty.rules");
            Assert.Equal(Outcome.Undetermined, rules.Evaluate(Activity.Create("store")).Outcome);
        }

        [Theory]
        [InlineData("material", "plutonum", "did you mean 'plutonium'")]
        [InlineData("enrichmnt", 3.0, "unknown fact 'enrichmnt'")]
        [InlineData("enrichment", "high", "fact 'enrichment' is number %")]
        public void A_request_the_vocabulary_does_not_declare_is_refused_precisely(string fact, object value, string expected)
        {
            var ex = Assert.Throws<InvalidActivityException>(() => Rules.Evaluate(TestRules.UnderT1("enrich").With(fact, value)));
            Assert.Contains(expected, ex.Message);
        }

        [Theory]
        [InlineData("enrichment", -0.5, "fact 'enrichment' is a percentage, from 0 to 100; the request gives -0.5")]
        [InlineData("enrichment", 100.5, "fact 'enrichment' is a percentage, from 0 to 100; the request gives 100.5")]
        [InlineData("quantity", -1.0, "fact 'quantity' cannot be negative; the request gives -1")]
        public void A_number_outside_the_range_the_checker_proved_covered_is_refused(string fact, double value, string expected)
        {
            var ex = Assert.Throws<InvalidActivityException>(() => Rules.Evaluate(Enrich(5).With(fact, value)));
            Assert.Contains(expected, ex.Message);
            Assert.Throws<InvalidActivityException>(() => Rules.Evaluate(Enrich(5).With(fact, (decimal)value))); // the other numeric path
        }

        [Fact]
        public void The_bounds_of_a_percentage_are_values_it_may_take()
        {
            Assert.Equal(Outcome.Permitted, Rules.Evaluate(Enrich(0)).Outcome);
            Assert.Equal(Outcome.ConsentRequired, Rules.Evaluate(Enrich(100)).Outcome);
            Assert.Equal(Outcome.Permitted, Rules.Evaluate(Enrich(5).With("quantity", 0)).Outcome);
        }

        [Fact]
        public void A_misspelt_agreement_is_refused_rather_than_answered_undetermined()
        {
            var ex = Assert.Throws<InvalidActivityException>(() => Rules.Evaluate(Enrich(5).With("agreements", new[] { "T-2" })));
            Assert.Contains("unknown agreement 'T-2' (did you mean 'T-1'?) in 'agreements'; the rules declare T-1", ex.Message);
            Assert.Equal(Outcome.Permitted, Rules.Evaluate(Enrich(5).With("agreements", new[] { "T-1" })).Outcome);
        }

        [Fact]
        public void A_value_that_only_looks_convertible_to_a_number_is_refused_not_thrown_at()
        {
            // DateTime and char are IConvertible, but not numbers: the binder must refuse them as it
            // refuses a text, never let Convert throw InvalidCastException at the host.
            var date = Assert.Throws<InvalidActivityException>(() => Rules.Evaluate(Enrich(5).With("quantity", new System.DateTime(2026, 1, 1))));
            Assert.Contains("fact 'quantity' is number g, but the request gives", date.Message);
            Assert.Throws<InvalidActivityException>(() => Rules.Evaluate(Enrich(5).With("quantity", 'x')));
            Assert.Equal(Outcome.Permitted, Rules.Evaluate(Enrich(5).With("quantity", 12m)).Outcome);
            Assert.Equal(Outcome.Permitted, Rules.Evaluate(Enrich(5).With("quantity", 12L)).Outcome);
        }
    }
}
