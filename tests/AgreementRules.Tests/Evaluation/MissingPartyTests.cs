namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// A requirement that names its party through a fact (<c>notification by supplier</c>) when the
    /// request does not give that fact: the answer is <c>undetermined</c> exactly when some value of the
    /// fact would change it (shared/spec/activity-json.md), whether or not any condition is undecided.
    /// </summary>
    public class MissingPartyTests
    {
        private static readonly RuleSet Rules = RuleSet.Parse(TestRules.Small, "small.rules");

        private const string TextParty = """
            activity transfer
            fact shipper : text
            fact recipient_authorized : bool
            agreement T-2 {
              parties JP, US
            }
            rule t2-notice cites "Art. 2" on transfer when recipient_authorized then requires written notification by shipper
            rule t2-refused cites "Art. 2" on transfer when not recipient_authorized then prohibited
            """;

        private static Activity AuthorisedTransfer() => TestRules.UnderT1("transfer").With("recipient_authorized", true);

        [Fact]
        public void A_notification_on_record_that_the_missing_supplier_could_have_given_leaves_the_answer_open()
        {
            var decision = Rules.Evaluate(AuthorisedTransfer(), Evidence.None.WithNotification("US"));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.Equal(new[] { "supplier" }, decision.Missing);
            Assert.False(decision.IsPermitted);
        }

        [Fact]
        public void With_no_notification_on_record_no_supplier_could_meet_it_so_the_answer_is_decided()
        {
            var decision = Rules.Evaluate(AuthorisedTransfer());
            Assert.Equal(Outcome.NotificationRequired, decision.Outcome);
            Assert.Empty(decision.Missing);
            var requirement = Assert.Single(decision.Requirements);
            Assert.Equal(new[] { "(supplier unknown)" }, requirement.Parties);
            Assert.False(requirement.Satisfied);
        }

        [Fact]
        public void A_notification_by_someone_neither_the_enum_nor_an_agreement_can_name_is_refused_as_bad_input()
        {
            // It could meet nothing; answering 'notification-required' would hide the typo (UnknownEvidencePartyTests).
            var refused = Assert.Throws<InvalidActivityException>(() => Rules.Evaluate(AuthorisedTransfer(), Evidence.None.WithNotification("FR")));
            Assert.Equal("unknown party 'FR' in evidence 'notifications'; the agreements' parties are JP, US", Assert.Single(refused.Problems));
        }

        [Fact]
        public void An_oral_notification_cannot_meet_a_written_requirement_whoever_the_supplier_is()
        {
            var decision = Rules.Evaluate(AuthorisedTransfer(), Evidence.None.WithNotification("US", written: false));
            Assert.Equal(Outcome.NotificationRequired, decision.Outcome);
        }

        [Fact]
        public void Given_the_supplier_the_same_evidence_decides()
        {
            Assert.Equal(Outcome.Permitted, Rules.Evaluate(AuthorisedTransfer().With("supplier", "US"), Evidence.None.WithNotification("US")).Outcome);
            Assert.Equal(Outcome.NotificationRequired, Rules.Evaluate(AuthorisedTransfer().With("supplier", "JP"), Evidence.None.WithNotification("US")).Outcome);
        }

        [Fact]
        public void An_undecided_condition_does_not_make_a_missing_party_count_as_met()
        {
            // recipient_authorized unknown: the prohibition might apply, so the answer is open anyway;
            // but with it known to be false the prohibition decides, whatever the supplier is.
            var open = Rules.Evaluate(TestRules.UnderT1("transfer"));
            Assert.Equal(Outcome.Undetermined, open.Outcome);
            Assert.Contains("recipient_authorized", open.Missing);
            var refused = Rules.Evaluate(TestRules.UnderT1("transfer").With("recipient_authorized", false));
            Assert.Equal(Outcome.Prohibited, refused.Outcome);
        }

        [Fact]
        public void A_text_party_may_be_anyone_on_record()
        {
            var rules = RuleSet.Parse(TextParty, "t2.rules");
            // This vocabulary has no 'agreements' fact: every loaded agreement applies.
            var transfer = Activity.Create("transfer").With("recipient_authorized", true);
            var open = rules.Evaluate(transfer, Evidence.None.WithNotification("GB"));
            Assert.Equal(Outcome.Undetermined, open.Outcome);
            Assert.Equal(new[] { "shipper" }, open.Missing);
            Assert.Equal(Outcome.NotificationRequired, rules.Evaluate(transfer).Outcome);
            Assert.Equal(Outcome.Permitted, rules.Evaluate(transfer.With("shipper", "GB"), Evidence.None.WithNotification("GB")).Outcome);
        }
    }
}
