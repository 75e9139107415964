using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>
    /// The gap check (AGR0009): every agreement that decides anything is checked on every activity,
    /// on its own, over every kind of fact, and a rule that stops covering shows up as a gap.
    /// </summary>
    public class CoverageTests
    {
        private const string Vocabulary = """
            type party = enum { JP, US }
            activity enrich
            activity store
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            fact quantity : number g
            fact recipient_authorized : bool
            fact facility : text
            fact protection : enum { I, II, III }
            set annex = { plant-a, plant-b }
            agreement A { parties JP, US }
            rule a-store cites "Art. 3" on store then permitted

            """;

        private static List<RulesDiagnostic> Gaps(string rules, string? otherFile = null) =>
            RulesCompiler.Compile(new[] { new RulesSource("c.rules", Vocabulary + rules) }
                    .Concat(otherFile == null ? Enumerable.Empty<RulesSource>() : new[] { new RulesSource("d.rules", otherFile) }).ToList())
                .Diagnostics.Where(d => d.Id == RulesDiagnosticIds.Gap).ToList();

        [Fact]
        public void An_activity_an_agreement_has_no_deciding_rule_on_is_reported_at_the_agreement()
        {
            var d = Assert.Single(Gaps(""));
            Assert.Equal("no rule of A speaks to 'enrich': a request that lists only A is undetermined for every 'enrich'; " +
                         "add a rule citing the article that governs it, or one citing the article that leaves it unrestricted (silence is never permission)",
                d.Message);
            Assert.Equal(("c.rules", 11, 11), (d.Span.Path, d.Span.Line, d.Span.Column));
        }

        [Fact]
        public void Advisories_and_programmatic_consents_do_not_speak_for_an_agreement()
        {
            var d = Assert.Single(Gaps("rule a-warn cites \"X\" on enrich then advisory \"careful\"\n" +
                                       "rule a-grant cites \"X\" on enrich then grants consent of JP, US\n"));
            Assert.StartsWith("no rule of A speaks to 'enrich'", d.Message);
        }

        [Fact]
        public void An_agreement_of_advisories_only_is_not_checked() =>
            Assert.Empty(Gaps("rule a-enrich cites \"X\" on enrich then permitted\n",
                "agreement C { parties JP }\nrule c-warn cites \"para. 1\" on enrich when enrichment >= 20 % then advisory \"minimise HEU\"\n"));

        [Fact]
        public void Each_agreement_is_checked_on_its_own()
        {
            // A covers enrichment completely; B, which says nothing on storage and only half of enrichment, does not
            // borrow A's rules: a request listing only B gets no answer there.
            var gaps = Gaps("rule a-low cites \"Art. 6\" on enrich when enrichment < 20 % then permitted\n" +
                            "rule a-high cites \"Art. 6\" on enrich when enrichment >= 20 % then requires consent of JP, US\n",
                            "agreement B { parties JP, US }\nrule b-low cites \"Art. 6\" on enrich when enrichment < 20 % then permitted\n");
            Assert.Equal(new[]
            {
                "no rule of B on 'enrich' covers enrichment [20, 100] %",
                "no rule of B speaks to 'store'",
            }, gaps.Select(g => g.Message.Split(';')[0].Split(':')[0]));
        }

        [Fact]
        public void An_enum_value_no_rule_speaks_to_is_reported()
        {
            var d = Assert.Single(Gaps("rule a-u cites \"Art. 6\" on enrich when material == uranium then permitted\n"));
            Assert.Equal("no rule of A on 'enrich' covers the request with material = plutonium; " +
                         "add a rule for it, or one citing the article that leaves it unrestricted (silence is never permission)", d.Message);
            Assert.Equal(13, d.Span.Line);
        }

        [Fact]
        public void A_bool_case_no_rule_speaks_to_is_reported() =>
            Assert.StartsWith("no rule of A on 'enrich' covers the request with recipient_authorized = false",
                Assert.Single(Gaps("rule a-ok cites \"Art. 4\" on enrich when recipient_authorized then permitted\n")).Message);

        [Fact]
        public void Complementary_conditions_through_a_definition_leave_no_gap() =>
            Assert.Empty(Gaps("define restricted = material == plutonium or material == uranium and enrichment >= 20 %\n" +
                              "rule a-r cites \"Art. 3\" on enrich when restricted then requires consent of JP, US\n" +
                              "rule a-n cites \"Art. 3\" on enrich when not restricted then permitted\n"));

        [Fact]
        public void A_case_the_conditions_leave_open_between_two_facts_is_named_by_its_range()
        {
            // Uranium is spoken to below 20 % and plutonium at any level, but not uranium at 20 % or more.
            var d = Assert.Single(Gaps("rule a-pu cites \"X\" on enrich when material == plutonium then requires consent of JP, US\n" +
                                       "rule a-leu cites \"X\" on enrich when material == uranium and enrichment < 20 % then permitted\n" +
                                       "rule a-any cites \"X\" on enrich when enrichment >= 0 % then advisory \"any\"\n"));
            Assert.StartsWith("no rule of A on 'enrich' covers enrichment [20, 100] %", d.Message);
        }

        [Fact]
        public void A_range_that_a_rule_not_testing_the_fact_covers_is_no_gap() =>
            // Projected onto enrichment alone, nothing covers authorised recipients below 20 %; the first rule does.
            Assert.Empty(Gaps("rule a-ok cites \"X\" on enrich when recipient_authorized or enrichment >= 20 % then permitted\n" +
                              "rule a-no cites \"X\" on enrich when not recipient_authorized and enrichment < 20 % then prohibited\n"));

        [Fact]
        public void A_rule_without_a_condition_covers_every_value() =>
            Assert.Empty(Gaps("rule a-all cites \"Art. 5\" on enrich then requires consent of JP, US\n" +
                              "rule a-low cites \"Art. 5\" on enrich when enrichment < 5 % then permitted\n"));

        [Fact]
        public void A_text_tested_against_a_set_is_tried_inside_and_outside_it() =>
            Assert.StartsWith("no rule of A on 'enrich' covers the request with facility = (any other)",
                Assert.Single(Gaps("rule a-in cites \"IA Art. 1\" on enrich when facility in annex then permitted\n" +
                                   "rule a-c cites \"IA Art. 1\" on enrich when facility == plant-c then requires consent of JP, US\n")).Message);

        [Fact]
        public void A_fact_tested_with_is_given_is_tried_absent() =>
            Assert.StartsWith("no rule of A on 'enrich' covers the request with protection not given",
                Assert.Single(Gaps("rule a-p cites \"Art. 7\" on enrich when protection is given then permitted\n")).Message);

        [Fact]
        public void A_programmatic_consent_does_not_close_a_gap() =>
            Assert.StartsWith("no rule of A on 'enrich' covers the request with material = plutonium",
                Assert.Single(Gaps("rule a-u cites \"Art. 5\" on enrich when material == uranium then requires consent of JP, US\n" +
                                   "rule a-g cites \"IA Art. 1\" on enrich when material == plutonium then grants consent of JP, US\n")).Message);
    }

    /// <summary>
    /// The shipped agreements have no gap, and the check is not blind to them: take away a rule that
    /// decides part of an activity, under either agreement, and the checker names the agreement and
    /// the activity left uncovered.
    /// </summary>
    public class ShippedCoverageTests
    {
        private static List<RulesDiagnostic> GapsWithout(params string[] ruleIds)
        {
            var sources = RuleSet.ReadSources(TestRules.ShippedRules).Select(source =>
            {
                var text = source.Text;
                var all = RulesParser.Parse(text, source.Path).Declarations.OfType<RuleDecl>().ToList();
                var edits = all.Where(r => ruleIds.Contains(r.Id.Text)).Select(r => (r.Span.Start, r.Span.Length, Text: "")).ToList();
                // An acknowledged overlap names the removed rule as a rule must be named (an unknown one is an error): drop the name too.
                foreach (var acknowledgement in all.Where(r => !ruleIds.Contains(r.Id.Text)).SelectMany(r => r.Overlaps))
                {
                    var kept = acknowledgement.Rules.Where(n => !ruleIds.Contains(n.Text)).Select(n => n.Text).ToList();
                    if (kept.Count == acknowledgement.Rules.Count) continue;
                    var first = acknowledgement.Rules[0].Span;
                    var last = acknowledgement.Rules[acknowledgement.Rules.Count - 1].Span;
                    edits.Add(kept.Count == 0
                        ? (acknowledgement.Span.Start, acknowledgement.Span.Length, "")
                        : (first.Start, last.Start + last.Length - first.Start, string.Join(", ", kept)));
                }
                foreach (var (start, length, replacement) in edits.OrderByDescending(e => e.Start))
                    text = text.Remove(start, length).Insert(start, replacement);
                return new RulesSource(source.Path, text);
            }).ToList();
            var found = sources.Sum(s => RulesParser.Parse(s.Text, s.Path).Declarations.OfType<RuleDecl>().Count(r => ruleIds.Contains(r.Id.Text)));
            Assert.Equal(0, found);
            var result = RulesCompiler.Compile(sources, runExamples: false);
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            return result.Diagnostics.Where(d => d.Id == RulesDiagnosticIds.Gap).ToList();
        }

        [Fact]
        public void The_shipped_rules_leave_no_gap() => Assert.Empty(GapsWithout());

        [Theory]
        [InlineData("JP-US-1988", "enrich", "jp-us-art6-below-20")]
        [InlineData("JP-US-1988", "enrich", "jp-us-art6-20-or-more")]
        [InlineData("JP-US-1988", "reprocess", "jp-us-art5-1-reprocessing")]
        [InlineData("JP-US-1988", "alter", "jp-us-art5-2-alteration-by-irradiation")]
        [InlineData("JP-US-1988", "alter", "jp-us-art5-2-alteration-otherwise")]
        [InlineData("JP-US-1988", "alter", "jp-us-art5-2-other-items-unrestricted")]
        [InlineData("JP-US-1988", "store", "jp-us-art3-storage-agreed-facility")]
        [InlineData("JP-US-1988", "store", "jp-us-art3-other-storage-unrestricted")]
        [InlineData("JP-US-1988", "transfer", "jp-us-art4-outside-recipient-jurisdiction")]
        [InlineData("JP-US-1988", "transfer", "jp-us-art4-authorised-person")]
        [InlineData("JP-US-1988", "transfer", "jp-us-art4-unauthorised-person")]
        [InlineData("JP-US-1988", "use", "jp-us-art8-use")]
        [InlineData("JP-FR-1990", "enrich", "jp-fr-art2-enrich")]
        [InlineData("JP-FR-1990", "enrich", "jp-fr-art2-no-explosive-enrich")]
        [InlineData("JP-FR-1990", "reprocess", "jp-fr-art2-reprocess")]
        [InlineData("JP-FR-1990", "alter", "jp-fr-art2-alter")]
        [InlineData("JP-FR-1990", "store", "jp-fr-art2-store")]
        [InlineData("JP-FR-1990", "store", "jp-fr-art2-no-explosive-store")]
        [InlineData("JP-FR-1990", "transfer", "jp-fr-art4-1-authorised-person")]
        [InlineData("JP-FR-1990", "transfer", "jp-fr-art4-1-unauthorised-person")]
        [InlineData("JP-FR-1990", "transfer", "jp-fr-art4-1-other-items-unrestricted")]
        [InlineData("JP-FR-1990", "transfer", "jp-fr-art4-2-other-items-unrestricted")]
        [InlineData("JP-FR-1990", "use", "jp-fr-art2-use")]
        public void Removing_a_rule_that_decides_leaves_a_gap_the_checker_reports(string agreement, string activity, string ruleId)
        {
            var gap = Assert.Single(GapsWithout(ruleId));
            Assert.StartsWith($"no rule of {agreement} on '{activity}' covers ", gap.Message);
        }

        [Theory]
        [InlineData("JP-FR-1990", "enrich", "jp-fr-art2-enrich", "jp-fr-art2-no-explosive-enrich")]
        [InlineData("JP-FR-1990", "reprocess", "jp-fr-art2-reprocess", "jp-fr-art2-no-explosive-reprocess")]
        [InlineData("JP-US-1988", "enrich", "jp-us-art6-below-20", "jp-us-art6-20-or-more", "jp-us-art7-enrich", "jp-us-art8-enrich")]
        public void An_agreement_left_silent_on_an_activity_is_reported_though_the_other_speaks(string agreement, string activity, params string[] ruleIds)
        {
            // The other agreement still speaks to the activity; a request listing only this one would get no answer.
            var gap = Assert.Single(GapsWithout(ruleIds));
            Assert.StartsWith($"no rule of {agreement} speaks to '{activity}'", gap.Message);
            Assert.EndsWith(agreement == "JP-US-1988" ? "jp-us-1988.rules" : "jp-fr-1990.rules", gap.Span.Path);
        }
    }
}
