using System.Linq;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// When the two passes disagree and the cases of the missing facts settle the decision, each requirement
    /// the answer reports says what the cases found (met in every case tried, and how), not what the
    /// pessimistic pass left: a permitted answer never carries a requirement marked not met.
    /// </summary>
    public class CaseSettledRequirementsTests
    {
        private const string Rules = """
            type party = enum { JP, US, FR }
            activity ship
            activity carry
            activity move
            activity refine
            fact level : number %
            fact agreements : list of text
            fact quantity : number g
            fact sender : party
            agreement CS {
              parties JP, US
            }
            rule cs-ship cites "Art. 1" on ship then requires written notification by sender
            rule cs-carry cites "Art. 2" on carry then requires consent of JP or notification by sender
            rule cs-carry-grant cites "Art. 3" on carry when quantity > 5 kg then grants consent of JP
            rule cs-move cites "Art. 4" on move then requires notification by sender
            rule cs-move-jp cites "Art. 5" on move when sender == JP then requires consent of US
            rule cs-move-other cites "Art. 5" on move when sender != JP then requires consent of US
            rule cs-refine-low cites "Art. 6(a)" on refine when level < 20 % then permitted
            rule cs-refine-high cites "Art. 6(b)" on refine when level >= 20 % then requires consent of JP, US
            """;

        private static readonly RuleSet Set = RuleSet.Parse(Rules, "case-settled.rules");

        private static Activity Ask(string activity) => Activity.Create(activity).With("agreements", new[] { "CS" });

        private static readonly Evidence EverySenderNotified =
            Evidence.None.WithNotification("JP").WithNotification("US").WithNotification("FR");

        [Fact]
        public void Every_possible_sender_having_notified_the_permitted_answer_says_the_notification_is_on_record()
        {
            var d = Set.Evaluate(Ask("ship"), EverySenderNotified);
            Assert.Equal(Outcome.Permitted, d.Outcome);
            Assert.Contains(d.Trace, line => line.StartsWith("whatever the value of sender, the rules decide permitted"));
            var r = Assert.Single(d.Requirements);
            Assert.True(r.Satisfied);
            Assert.Equal("notification on record", r.SatisfiedBy);
            Assert.Equal(new[] { "(sender unknown)" }, r.Parties);
        }

        [Fact]
        public void Met_one_way_in_some_cases_and_another_in_others_the_answer_names_both_and_what_they_depend_on()
        {
            // Over 5 kg Japan's consent is programmatic; up to 5 kg whoever sends has notified.
            var d = Set.Evaluate(Ask("carry"), EverySenderNotified);
            Assert.Equal(Outcome.Permitted, d.Outcome);
            var r = Assert.Single(d.Requirements);
            Assert.True(r.Satisfied);
            Assert.Equal("notification on record or programmatic consent CS Art. 3, depending on the value of quantity, sender", r.SatisfiedBy);
        }

        [Fact]
        public void A_refusal_the_cases_settled_says_met_for_a_requirement_every_case_met()
        {
            // Whoever sends, the consent of the United States is needed (by one rule or the other) and missing,
            // and whoever sends has notified.
            var d = Set.Evaluate(Ask("move"), EverySenderNotified);
            Assert.Equal(Outcome.ConsentRequired, d.Outcome);
            Assert.Empty(d.Missing);
            var r = Assert.Single(d.Requirements, x => x.RuleId == "cs-move");
            Assert.True(r.Satisfied);
            Assert.Equal("notification on record", r.SatisfiedBy);
        }

        [Fact]
        public void A_requirement_met_in_some_cases_only_is_not_met()
        {
            // France has not notified: were France the sender, the notification would be missing too.
            var d = Set.Evaluate(Ask("move"), Evidence.None.WithNotification("JP").WithNotification("US"));
            Assert.Equal(Outcome.ConsentRequired, d.Outcome);
            var r = Assert.Single(d.Requirements, x => x.RuleId == "cs-move");
            Assert.False(r.Satisfied);
            Assert.Null(r.SatisfiedBy);
        }

        [Fact]
        public void A_permission_the_cases_settled_cites_and_reports_the_rules_it_rests_on_in_some_cases()
        {
            // Below 20 % permitted by Art. 6(a); at 20 % or more Art. 6(b)'s consents, both on record.
            var d = Set.Evaluate(Ask("refine"), Evidence.None.WithConsent("JP").WithConsent("US"));
            Assert.Equal(Outcome.Permitted, d.Outcome);
            Assert.Equal(new[] { "CS Art. 6(a)", "CS Art. 6(b)" }, d.Citations);
            var r = Assert.Single(d.Requirements);
            Assert.Equal(("cs-refine-high", true), (r.RuleId, r.Satisfied));
            Assert.Equal("consent on record, in the cases where it applies (depending on the value of level)", r.SatisfiedBy);
            // The trace still says the request alone leaves open whether each rule applies.
            Assert.Contains("CS Art. 6(b) [cs-refine-high] cannot decide (a fact it needs is missing): requires consent of JP, US", d.Trace);
        }

        [Fact]
        public void A_refusal_the_cases_settled_reports_each_requirement_that_applies_in_some_case_as_not_met()
        {
            // Whoever sends, the consent of the United States is missing: by Art. 5's rule for Japan or its rule for the others.
            var d = Set.Evaluate(Ask("move"), EverySenderNotified);
            Assert.Equal(Outcome.ConsentRequired, d.Outcome);
            Assert.Equal(new[] { "cs-move", "cs-move-jp", "cs-move-other" }, d.Requirements.Select(r => r.RuleId));
            Assert.Equal(new[] { true, false, false }, d.Requirements.Select(r => r.Satisfied));
            Assert.Equal(new[] { "CS Art. 4", "CS Art. 5" }, d.Citations);
        }

        [Fact]
        public async System.Threading.Tasks.Task A_settled_answer_does_not_depend_on_what_was_evaluated_before()
        {
            static string Answer(Decision d) =>
                d.Outcome + ": " + string.Join("; ", d.Requirements.Select(r => $"{r.RuleId} {r.Satisfied} {r.SatisfiedBy}"));
            var first = Answer(Set.Evaluate(Ask("carry"), EverySenderNotified));
            // Others in between that leave different records behind: decided by the passes, by the cases, and undetermined.
            Set.Evaluate(Ask("carry").With("quantity", 1000.0).With("sender", "FR"), Evidence.None);
            Set.Evaluate(Ask("move"), Evidence.None.WithNotification("JP"));
            Set.Evaluate(Ask("ship"), Evidence.None.WithNotification("US"));
            Assert.Equal(first, Answer(Set.Evaluate(Ask("carry"), EverySenderNotified)));
            // On another thread, with its own scratch.
            Assert.Equal(first, await System.Threading.Tasks.Task.Run(() => Answer(Set.Evaluate(Ask("carry"), EverySenderNotified))));
        }
    }
}
