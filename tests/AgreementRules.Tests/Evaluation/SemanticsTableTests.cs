using System.Collections.Generic;
using System.Linq;
using AgreementRules.Cli.Json;
using AgreementRules.Compilation;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// The decision table of shared/spec/activity-json.md ("Answer"), rule by rule, on a rule set built so
    /// that each outcome is switched on by one fact: every decision kind alone, every pair in rank order,
    /// undetermined exactly when a missing fact could change the answer, a prohibition on given facts
    /// deciding whatever is unknown, and each form of consent and notification evidence.
    /// </summary>
    public class SemanticsTableTests
    {
        private const string Rules = """
            type party = enum { JP, US, FR }
            activity act
            activity quiet
            fact pro : bool default false
            fact con : bool default false
            fact wcon : bool default false
            fact note : bool default false
            fact wnote : bool default false
            fact assure : bool default false
            fact level : number %
            fact side : number %
            fact supplier : party
            fact granted : bool default false
            fact agreements : list of text
            agreement T { parties JP, US, FR }
            rule base cites "Art. 0" on act then permitted
            rule forbid cites "Art. 1" on act when pro then prohibited
            rule risky cites "Art. 2" on act when level > 50 % then prohibited
            rule consent cites "Art. 3" on act when con then requires consent of JP, US
            rule written-consent cites "Art. 4" on act when wcon then requires written consent of supplier
            rule notify cites "Art. 5" on act when note then requires notification by US
            rule written-notify cites "Art. 6" on act when wnote then requires written notification by FR
            rule assurances cites "Art. 7" on act when assure then requires assurances or consent of FR
            rule side-notice cites "Art. 8" on act when side > 5 % then requires notification by JP
            rule advance cites "IA Art. 1" on act when granted then grants consent of JP, US
            rule hague cites "para. 19" on quiet then advisory "minimise stocks"
            """;

        private static readonly RuleSet Set = RuleSet.Parse(Rules, "table.rules");

        /// <summary>The agreement every request of this table is about (absent, 'agreements' would be unknown).</summary>
        private static readonly string[] AgreementT = { "T" };

        /// <summary>An 'act' under T with 'level' and 'side' given (so the rules testing them decide) unless a test sets them to null.</summary>
        private static Decision Act(Evidence? evidence = null, params (string fact, object? value)[] facts)
        {
            var activity = Activity.Create("act").With("agreements", AgreementT).With("level", 10.0).With("side", 0.0);
            foreach (var (fact, value) in facts) activity = activity.With(fact, value);
            return Set.Evaluate(activity, evidence ?? Evidence.None);
        }

        private static Decision Act(params (string fact, object? value)[] facts) => Act(null, facts);

        // ---- every decision kind ----

        public static readonly TheoryData<string, Outcome, string[]> Kinds = new()
        {
            { "", Outcome.Permitted, new[] { "T Art. 0" } },
            { "pro", Outcome.Prohibited, new[] { "T Art. 1" } },
            { "con", Outcome.ConsentRequired, new[] { "T Art. 0", "T Art. 3" } },
            { "note", Outcome.NotificationRequired, new[] { "T Art. 0", "T Art. 5" } },
            { "assure", Outcome.AssurancesRequired, new[] { "T Art. 0", "T Art. 7" } },
        };

        [Theory]
        [MemberData(nameof(Kinds))]
        public void Each_decision_kind_with_exactly_the_rules_that_decided_it(string fact, Outcome outcome, string[] citations)
        {
            var d = fact == "" ? Act() : Act((fact, true));
            Assert.Equal(outcome, d.Outcome);
            Assert.Equal(citations, d.Citations);
            Assert.Equal(outcome == Outcome.Permitted, d.IsPermitted);
            Assert.Empty(d.Missing);
        }

        [Fact]
        public void Undetermined_when_a_missing_fact_could_bring_a_prohibition_and_it_names_the_fact()
        {
            var d = Act(("level", null));
            Assert.Equal(Outcome.Undetermined, d.Outcome);
            Assert.Equal(new[] { "level" }, d.Missing);
            Assert.False(d.IsPermitted);
            Assert.Contains("T Art. 2 [risky] cannot decide (a fact it needs is missing): prohibited", d.Trace);
            Assert.Throws<ActivityNotPermittedException>(d.ThrowIfNotPermitted);
        }

        [Fact]
        public void Undetermined_when_no_rule_of_the_agreements_speaks_and_an_advisory_is_no_permission()
        {
            var d = Set.Evaluate(Activity.Create("quiet").With("agreements", AgreementT));
            Assert.Equal(Outcome.Undetermined, d.Outcome);
            Assert.Empty(d.Missing);
            Assert.Empty(d.Citations);
            Assert.Equal(new[] { "T para. 19: minimise stocks" }, d.Advisories);
            Assert.Equal("no rule of T speaks to 'quiet'", d.Trace.Last());
        }

        // ---- rank: prohibited > undetermined > consent-required > notification-required > assurances-required > permitted ----

        /// <summary>The facts that switch each outcome on; 'undetermined' by leaving the level that a prohibition tests unknown.</summary>
        private static readonly Dictionary<Outcome, (string fact, object? value)> Switch = new()
        {
            [Outcome.Prohibited] = ("pro", true),
            [Outcome.Undetermined] = ("level", null),
            [Outcome.ConsentRequired] = ("con", true),
            [Outcome.NotificationRequired] = ("note", true),
            [Outcome.AssurancesRequired] = ("assure", true),
        };

        public static IEnumerable<object[]> Pairs =>
            from higher in Switch.Keys
            from lower in Switch.Keys.Concat(new[] { Outcome.Permitted })
            where higher > lower
            select new object[] { higher, lower };

        [Theory]
        [MemberData(nameof(Pairs))]
        public void When_two_outcomes_meet_the_higher_ranked_one_is_the_answer(Outcome higher, Outcome lower)
        {
            var facts = new List<(string, object?)> { Switch[higher] };
            if (lower != Outcome.Permitted) facts.Add(Switch[lower]); // 'permitted' is always there: rule base
            var d = Act(facts.ToArray());
            Assert.Equal(higher, d.Outcome);
            // The same two the other way round: the order of the facts changes nothing.
            facts.Reverse();
            Assert.Equal(higher, Act(facts.ToArray()).Outcome);
        }

        [Fact]
        public void Every_outcome_at_once_is_prohibited()
        {
            var d = Act(Switch.Values.ToArray());
            Assert.Equal(Outcome.Prohibited, d.Outcome);
            Assert.Equal(new[] { "T Art. 1" }, d.Citations);
            Assert.Empty(d.Requirements);
        }

        // ---- undetermined exactly when the missing facts could change the decision ----

        [Fact]
        public void A_prohibition_on_given_facts_decides_whatever_else_is_unknown()
        {
            var d = Act(("pro", true), ("level", null), ("side", null), ("con", true));
            Assert.Equal(Outcome.Prohibited, d.Outcome);
            Assert.Empty(d.Missing);
            Assert.Equal(new[] { "T Art. 1" }, d.Citations);
        }

        [Fact]
        public void A_missing_fact_that_can_only_add_a_lesser_requirement_leaves_the_answer_decided()
        {
            // Consent is required whatever 'side' is: the notification it could add ranks lower.
            var d = Act(("con", true), ("side", null));
            Assert.Equal(Outcome.ConsentRequired, d.Outcome);
            Assert.Empty(d.Missing);
        }

        [Fact]
        public void A_missing_fact_that_could_add_a_requirement_is_undetermined_and_named()
        {
            var d = Act(("side", null));
            Assert.Equal(Outcome.Undetermined, d.Outcome);
            Assert.Equal(new[] { "side" }, d.Missing);
            // Given either way, the answer is decided.
            Assert.Equal(Outcome.Permitted, Act(("side", 5.0)).Outcome);
            Assert.Equal(Outcome.NotificationRequired, Act(("side", 5.01)).Outcome);
        }

        [Fact]
        public void Missing_lists_every_fact_that_could_change_the_answer_and_nothing_else()
        {
            var d = Act(("level", null), ("side", null), ("supplier", null));
            Assert.Equal(Outcome.Undetermined, d.Outcome);
            Assert.Equal(new[] { "level", "side" }, d.Missing); // no rule that applies reads 'supplier'
        }

        [Fact]
        public void A_requirement_of_a_party_named_by_a_missing_fact_is_undetermined_only_if_some_party_would_satisfy_it()
        {
            // 'requires written consent of supplier', supplier not given. With no consent on record the
            // requirement is unmet whoever the supplier is: that is the answer.
            var none = Act(("wcon", true));
            Assert.Equal(Outcome.ConsentRequired, none.Outcome);
            Assert.Empty(none.Missing);
            // France's written consent on record: met if France is the supplier, not otherwise.
            var france = Act(Evidence.None.WithConsent("FR"), ("wcon", true));
            Assert.Equal(Outcome.Undetermined, france.Outcome);
            Assert.Equal(new[] { "supplier" }, france.Missing);
            // Consents that could not meet it whoever the supplier is: oral, or after the fact.
            Assert.Equal(Outcome.ConsentRequired, Act(Evidence.None.WithConsent("FR", written: false), ("wcon", true)).Outcome);
            Assert.Equal(Outcome.ConsentRequired, Act(Evidence.None.WithConsent("FR", prior: false), ("wcon", true)).Outcome);
            // A consent from someone who cannot be the supplier (not a value of 'party', nor a party of an agreement)
            // could meet nothing: the request is refused rather than answered as if the consent were not there.
            Assert.Throws<InvalidActivityException>(() => Act(Evidence.None.WithConsent("GB"), ("wcon", true)));
            // Given, it decides.
            Assert.Equal(Outcome.Permitted, Act(Evidence.None.WithConsent("FR"), ("wcon", true), ("supplier", "FR")).Outcome);
            Assert.Equal(Outcome.ConsentRequired, Act(Evidence.None.WithConsent("FR"), ("wcon", true), ("supplier", "JP")).Outcome);
        }

        // ---- consents and notifications ----

        [Fact]
        public void A_consent_of_both_parties_needs_a_consent_from_each()
        {
            Assert.Equal(Outcome.ConsentRequired, Act(Evidence.None.WithConsent("JP"), ("con", true)).Outcome);
            Assert.Equal(Outcome.ConsentRequired, Act(Evidence.None.WithConsent("JP").WithConsent("FR"), ("con", true)).Outcome);
            var d = Act(Evidence.None.WithConsent("US").WithConsent("JP"), ("con", true));
            Assert.Equal(Outcome.Permitted, d.Outcome);
            var r = Assert.Single(d.Requirements);
            Assert.Equal((RequirementKind.Consent, true, "consent on record"), (r.Kind, r.Satisfied, r.SatisfiedBy));
        }

        [Fact]
        public void A_requirement_met_for_its_first_party_only_is_met_by_nothing()
        {
            // 'consent of JP, US' with JP's consent on record: JP's part is met, the requirement is not, and the
            // answer must not say what met it (the consent on record met JP only).
            var d = Act(Evidence.None.WithConsent("JP"), ("con", true));
            Assert.Equal(Outcome.ConsentRequired, d.Outcome);
            var r = Assert.Single(d.Requirements);
            Assert.Equal((false, (string?)null), (r.Satisfied, r.SatisfiedBy));
        }

        /// <summary>Each form of consent in a request, against a consent that need not be written and one that must.</summary>
        public static readonly TheoryData<string, Outcome, Outcome> ConsentForms = new()
        {
            { "\"FR\"", Outcome.Permitted, Outcome.Permitted }, // a bare string is a prior written consent
            { """{"party":"FR"}""", Outcome.Permitted, Outcome.Permitted },
            { """{"party":"FR","written":true,"prior":true}""", Outcome.Permitted, Outcome.Permitted },
            { """{"party":"FR","written":false}""", Outcome.Permitted, Outcome.ConsentRequired },
            { """{"party":"FR","prior":false}""", Outcome.AssurancesRequired, Outcome.ConsentRequired },
            { """{"party":"FR","written":true,"prior":false}""", Outcome.AssurancesRequired, Outcome.ConsentRequired },
            { """{"party":"FR","written":false,"prior":false}""", Outcome.AssurancesRequired, Outcome.ConsentRequired },
            { "\"JP\"", Outcome.AssurancesRequired, Outcome.ConsentRequired },
        };

        [Theory]
        [MemberData(nameof(ConsentForms))]
        public void Each_form_of_consent_evidence(string consent, Outcome unwrittenRequirement, Outcome writtenRequirement)
        {
            // 'requires assurances or consent of FR' takes any prior consent; 'requires written consent of supplier' a written one.
            Assert.Equal(unwrittenRequirement, Ask($$$"""{"activity":"act","level":10,"side":0,"assure":true,"evidence":{"consents":[{{{consent}}}]}}""").Outcome);
            Assert.Equal(writtenRequirement, Ask($$$"""{"activity":"act","level":10,"side":0,"wcon":true,"supplier":"FR","evidence":{"consents":[{{{consent}}}]}}""").Outcome);
        }

        public static readonly TheoryData<string, Outcome, Outcome> NotificationForms = new()
        {
            { "\"FR\"", Outcome.NotificationRequired, Outcome.Permitted },
            { """{"by":"FR"}""", Outcome.NotificationRequired, Outcome.Permitted },
            { """{"by":"US"}""", Outcome.Permitted, Outcome.NotificationRequired },
            { """{"by":"US","written":false}""", Outcome.Permitted, Outcome.NotificationRequired },
            { """{"by":"FR","written":false}""", Outcome.NotificationRequired, Outcome.NotificationRequired },
            { """{"by":"US","prior":false}""", Outcome.NotificationRequired, Outcome.NotificationRequired },
            { """{"by":"FR","prior":false}""", Outcome.NotificationRequired, Outcome.NotificationRequired },
        };

        [Theory]
        [MemberData(nameof(NotificationForms))]
        public void Each_form_of_notification_evidence(string notification, Outcome byUs, Outcome writtenByFr)
        {
            Assert.Equal(byUs, Ask($$$"""{"activity":"act","level":10,"side":0,"note":true,"evidence":{"notifications":[{{{notification}}}]}}""").Outcome);
            Assert.Equal(writtenByFr, Ask($$$"""{"activity":"act","level":10,"side":0,"wnote":true,"evidence":{"notifications":[{{{notification}}}]}}""").Outcome);
        }

        [Fact]
        public void A_consent_is_no_notification_and_a_notification_no_consent()
        {
            Assert.Equal(Outcome.NotificationRequired, Ask("""{"activity":"act","level":10,"side":0,"note":true,"evidence":{"consents":["US"]}}""").Outcome);
            Assert.Equal(Outcome.ConsentRequired, Ask("""{"activity":"act","level":10,"side":0,"con":true,"evidence":{"notifications":["JP","US"]}}""").Outcome);
        }

        // ---- programmatic consent ----

        [Fact]
        public void A_programmatic_consent_that_matches_satisfies_the_requirement_and_says_so()
        {
            var d = Act(("con", true), ("granted", true));
            Assert.Equal(Outcome.Permitted, d.Outcome);
            var r = Assert.Single(d.Requirements);
            Assert.True(r.Satisfied);
            Assert.Equal("programmatic consent T IA Art. 1", r.SatisfiedBy);
        }

        [Fact]
        public void A_programmatic_consent_that_might_match_leaves_the_answer_undetermined()
        {
            var d = Act(("con", true), ("granted", null));
            Assert.Equal(Outcome.Undetermined, d.Outcome);
            Assert.Equal(new[] { "granted" }, d.Missing);
            // Evidence on record for both parties settles it whatever the programmatic consent would say.
            Assert.Equal(Outcome.Permitted, Act(Evidence.None.WithConsent("JP").WithConsent("US"), ("con", true), ("granted", null)).Outcome);
        }

        [Fact]
        public void A_programmatic_consent_grants_only_within_its_agreement()
        {
            var other = """
                agreement O { parties JP, US }
                rule o-advance cites "Art. 9" on act then grants consent of JP, US
                """;
            var result = RulesCompiler.Compile(new[] { new RulesSource("t.rules", Rules), new RulesSource("o.rules", other) });
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            var d = result.RuleSet!.Evaluate(Activity.Create("act").With("agreements", new[] { "T", "O" }).With("level", 10.0).With("side", 0.0).With("con", true));
            Assert.Equal(Outcome.ConsentRequired, d.Outcome);
        }

        [Fact]
        public void Only_the_rules_of_the_listed_agreements_apply()
        {
            var other = """
                agreement O { parties JP, US }
                rule o-forbid cites "Art. 9" on act then prohibited
                """;
            var set = RulesCompiler.Compile(new[] { new RulesSource("t.rules", Rules), new RulesSource("o.rules", other) }).RuleSet!;
            var act = Activity.Create("act").With("level", 10.0).With("side", 0.0);
            // No list: the agreements are unknown, not "every loaded one".
            var absent = set.Evaluate(act);
            Assert.Equal(Outcome.Undetermined, absent.Outcome);
            Assert.Equal(new[] { "agreements" }, absent.Missing);
            Assert.Equal(Outcome.Prohibited, set.Evaluate(act.With("agreements", new[] { "T", "O" })).Outcome);
            Assert.Equal(Outcome.Permitted, set.Evaluate(act.With("agreements", new[] { "T" })).Outcome);
            // An id no loaded file declares is a mistake in the request, not an agreement that is silent.
            var unknown = Assert.Throws<InvalidActivityException>(() => set.Evaluate(act.With("agreements", new[] { "X" })));
            Assert.Contains("unknown agreement 'X'", unknown.Message);
            var none = set.Evaluate(act.With("agreements", new string[0]));
            Assert.Equal(Outcome.Undetermined, none.Outcome);
            Assert.Equal("the request lists no agreement, so no rule speaks to 'act'", none.Trace.Single());
        }

        private static Decision Ask(string json)
        {
            var request = RequestReader.Read(json);
            Assert.True(request.Error == null, request.Error);
            Assert.DoesNotContain(request.Activity!.Facts, f => f.Key == "agreements");
            return Set.Evaluate(request.Activity!.With("agreements", AgreementT), request.Evidence);
        }
    }
}
