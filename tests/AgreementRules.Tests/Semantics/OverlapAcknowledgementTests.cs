using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Evaluation;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>
    /// <c>overlaps OTHER, … because "reason"</c>: a rule author says an overlap (AGR0017) is intended. It silences the warning
    /// of exactly the pairs it names, keeps the reason for SARIF and <c>report</c>, is itself reported when it silences
    /// nothing (AGR0018) or names no rule (AGR0003), and never changes an answer.
    /// </summary>
    public class OverlapAcknowledgementTests
    {
        private static readonly string Low = OverlapTests.Rule("low", "enrichment < 5 %");
        private static readonly string VeryLow = OverlapTests.Rule("very-low", "enrichment <= 4 %", "prohibited");

        private static RulesCompilationResult Check(string rules, bool analyseOverlaps = true)
        {
            var result = RulesCompiler.Compile(new[] { new RulesSource("o.rules", OverlapTests.Vocabulary + rules) },
                runExamples: true, EvaluationTiering.Default, analyseOverlaps);
            return result;
        }

        private static List<RulesDiagnostic> Warnings(RulesCompilationResult result, string id)
        {
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            return result.Diagnostics.Where(d => d.Id == id).ToList();
        }

        [Fact]
        public void An_acknowledged_overlap_is_not_reported_and_keeps_its_reason_and_who_gave_it()
        {
            var result = Check(Low + VeryLow + "  overlaps low because \"Art. 2 prohibits what Art. 1 permits below 4 %\"\n");
            Assert.Empty(Warnings(result, RulesDiagnosticIds.OverlappingRules));
            Assert.Empty(Warnings(result, RulesDiagnosticIds.StaleOverlapAcknowledgement));
            var acknowledged = Assert.Single(result.AcknowledgedOverlaps);
            Assert.Equal("very-low", acknowledged.AcknowledgedBy.Id);
            Assert.Equal("Art. 2 prohibits what Art. 1 permits below 4 %", acknowledged.Acknowledgement.Reason);
            Assert.Equal(RulesDiagnosticIds.OverlappingRules, acknowledged.Diagnostic.Id);
            Assert.StartsWith("rules 'very-low' (prohibited) and 'low' (permitted", acknowledged.Diagnostic.Message);
        }

        [Fact]
        public void Either_rule_of_the_pair_may_acknowledge_it()
        {
            var result = Check(Low + "  overlaps very-low because \"Art. 2 prohibits what Art. 1 permits below 4 %\"\n" + VeryLow);
            Assert.Empty(Warnings(result, RulesDiagnosticIds.OverlappingRules));
            Assert.Equal("low", Assert.Single(result.AcknowledgedOverlaps).AcknowledgedBy.Id);
        }

        [Fact]
        public void Without_the_acknowledgement_the_same_rules_are_reported() =>
            Assert.Single(Warnings(Check(Low + VeryLow), RulesDiagnosticIds.OverlappingRules));

        [Fact]
        public void An_overlap_with_a_rule_not_named_is_still_reported()
        {
            var third = OverlapTests.Rule("mid", "enrichment >= 3 % and enrichment < 4.5 %", "requires consent of JP");
            var result = Check(Low + VeryLow + "  overlaps low because \"Art. 2 prohibits what Art. 1 permits\"\n" + third);
            var reported = Warnings(result, RulesDiagnosticIds.OverlappingRules);
            Assert.Equal(2, reported.Count);
            Assert.All(reported, d => Assert.Contains("'mid'", d.Message));
            Assert.DoesNotContain(reported, d => d.Message.Contains("'very-low'") && d.Message.Contains("'low'"));
        }

        [Fact]
        public void One_acknowledgement_may_name_several_rules_each_silenced_alone()
        {
            var third = OverlapTests.Rule("mid", "enrichment >= 3 % and enrichment < 4.5 %", "requires consent of JP");
            var result = Check(Low + third + VeryLow + "  overlaps low, mid because \"Art. 2 prohibits whatever else holds\"\n");
            Assert.Equal(new[] { "rules 'mid'" }, Warnings(result, RulesDiagnosticIds.OverlappingRules).Select(d => d.Message.Substring(0, 11)));
            Assert.Equal(2, result.AcknowledgedOverlaps.Count);
        }

        [Fact]
        public void An_acknowledgement_changes_no_answer()
        {
            var plain = Check(Low + VeryLow).RuleSet!;
            var acknowledged = Check(Low + VeryLow + "  overlaps low because \"Art. 2 prohibits what Art. 1 permits\"\n").RuleSet!;
            foreach (var enrichment in new[] { 0.0, 3.0, 4.0, 4.5, 5.0, 20.0 })
            {
                var request = Activity.Create("enrich").With("agreements", new[] { "A" }).With("enrichment", enrichment);
                var expected = plain.Evaluate(request);
                var actual = acknowledged.Evaluate(request);
                Assert.Equal(expected.Outcome, actual.Outcome);
                Assert.Equal(expected.Trace, actual.Trace);
            }
            Assert.Equal(Outcome.Prohibited, acknowledged.Evaluate(Activity.Create("enrich").With("agreements", new[] { "A" }).With("enrichment", 3.0)).Outcome);
        }

        [Fact]
        public void A_pair_that_no_longer_overlaps_is_reported_at_the_name()
        {
            var result = Check(OverlapTests.Rule("low", "enrichment > 4.5 %") + VeryLow + "  overlaps low because \"was: Art. 2 prohibits what Art. 1 permits\"\n");
            var stale = Assert.Single(Warnings(result, RulesDiagnosticIds.StaleOverlapAcknowledgement));
            Assert.Equal(Severity.Warning, stale.Severity);
            Assert.Equal((22, 12), (stale.Span.Line, stale.Span.Column));
            Assert.Equal("rule 'very-low' acknowledges an overlap with 'low', but no request makes both apply with different outcomes (any more): " +
                         "the overlap is gone; remove 'low' from its 'overlaps' so that the acknowledgements say only what holds", stale.Message);
            Assert.Empty(result.AcknowledgedOverlaps);
        }

        [Theory]
        [InlineData("very-low", "a rule does not overlap itself")]
        [InlineData("store-low", "'store-low' is on 'store', not 'enrich'")]
        [InlineData("same-outcome", "no request makes both apply with different outcomes")]
        [InlineData("given", "the overlap analysis does not compare 'given'")]
        public void An_acknowledgement_of_a_pair_that_cannot_overlap_is_reported(string named, string why)
        {
            var others = "activity store\n" +
                         "rule store-low cites \"Art. 3\" on store when enrichment < 5 % then permitted\n" +
                         OverlapTests.Rule("same-outcome", "enrichment < 3 %", "prohibited") +
                         OverlapTests.Rule("given", "enrichment is given and enrichment < 1 %");
            var result = Check(Low + VeryLow + $"  overlaps low because \"Art. 2\"\n  overlaps {named} because \"wrong\"\n" + others);
            var stale = Assert.Single(Warnings(result, RulesDiagnosticIds.StaleOverlapAcknowledgement));
            Assert.Contains(why, stale.Message);
            Assert.Single(result.AcknowledgedOverlaps); // the right one still silences its pair
        }

        [Fact]
        public void A_rule_of_another_agreement_is_never_compared()
        {
            var other = "agreement B { parties JP }\n" + OverlapTests.Rule("b-high", "enrichment > 1 %", "prohibited");
            var result = RulesCompiler.Compile(new[]
            {
                new RulesSource("o.rules", OverlapTests.Vocabulary + Low + "  overlaps b-high because \"both agreements\"\n"),
                new RulesSource("b.rules", other),
            }, runExamples: true, EvaluationTiering.Default, analyseOverlaps: true);
            var stale = Assert.Single(Warnings(result, RulesDiagnosticIds.StaleOverlapAcknowledgement));
            Assert.Contains("'b-high' is a rule of B, not A: rules of different agreements add up by design", stale.Message);
        }

        [Fact]
        public void The_same_pair_acknowledged_twice_is_reported_the_second_time()
        {
            var result = Check(Low + "  overlaps very-low because \"Art. 1 gives way to Art. 2\"\n" + VeryLow + "  overlaps low because \"Art. 2 prohibits\"\n");
            var stale = Assert.Single(Warnings(result, RulesDiagnosticIds.StaleOverlapAcknowledgement));
            Assert.Contains("the same overlap is acknowledged already, by 'low' at o.rules:18:12", stale.Message);
            Assert.Equal("low", Assert.Single(result.AcknowledgedOverlaps).AcknowledgedBy.Id);
        }

        [Fact]
        public void A_rule_name_no_rule_has_is_an_error_with_a_suggestion_also_when_loading()
        {
            var text = OverlapTests.Vocabulary + Low + VeryLow + "  overlaps lowe because \"Art. 2\"\n";
            var error = Assert.Single(Check(Low + VeryLow + "  overlaps lowe because \"Art. 2\"\n").Diagnostics, d => d.Severity == Severity.Error);
            Assert.Equal("o.rules:22:12: error AGR0003: rule 'very-low' acknowledges an overlap with 'lowe', but no rule has that id (did you mean 'low'?); " +
                         "name the rule it overlaps, or remove the name if that rule is gone", error.ToString());
            var load = Assert.Throws<RulesException>(() => RuleSet.Parse(text, "o.rules"));
            Assert.Contains(load.Diagnostics, d => d.Id == RulesDiagnosticIds.UnknownName && d.Span.Line == 22);
        }

        [Fact]
        public void Stale_acknowledgements_are_reported_by_check_only_as_the_overlaps_are()
        {
            var text = OverlapTests.Vocabulary + OverlapTests.Rule("low", "enrichment > 4.5 %") + VeryLow + "  overlaps low because \"Art. 2\"\n";
            Assert.DoesNotContain(RuleSet.Parse(text, "o.rules").Warnings, d => d.Id == RulesDiagnosticIds.StaleOverlapAcknowledgement);
            Assert.Contains(RulesDiagnosticIds.StaleOverlapAcknowledgement, RulesDiagnosticIds.OnlyFromCheck);
        }

        [Theory]
        [InlineData("  overlaps low\n", "o.rules:2:15: error AGR0001: unexpected end of this declaration; expected 'because' and the reason the overlap is intended (overlaps OTHER-RULE because \"…\")")]
        [InlineData("  overlaps low because \"  \"\n", "o.rules:2:24: error AGR0001: unexpected '\"'; expected a reason, not blank: say why the articles mean both rules to apply, quoting or citing them")]
        [InlineData("  overlaps low because\n", "o.rules:2:23: error AGR0001: unexpected end of this declaration; expected a reason, not blank: say why the articles mean both rules to apply, quoting or citing them")]
        [InlineData("  overlaps \"why\"\n", "o.rules:2:12: error AGR0001: unexpected '\"'; expected the id of the rule this one overlaps")]
        [InlineData("  overlaps low, because \"why\"\n", "o.rules:2:25: error AGR0001: unexpected '\"'; expected 'because' and the reason the overlap is intended (overlaps OTHER-RULE because \"…\")")]
        public void A_malformed_acknowledgement_is_a_located_syntax_error(string acknowledgement, string expected)
        {
            var file = RulesParser.Parse("rule r cites \"A\" on enrich then permitted\n" + acknowledgement, "o.rules");
            Assert.Equal(expected, Assert.Single(file.Diagnostics).ToString());
        }

        [Fact]
        public void The_parser_keeps_every_acknowledgement_with_its_names_reason_and_span()
        {
            var file = RulesParser.Parse("rule r cites \"A\" on enrich then permitted quote \"q\"\n  overlaps a, b because \"one\"\n  overlaps c because \"two\"\n", "o.rules");
            Assert.Empty(file.Diagnostics);
            var rule = (RuleDecl)Assert.Single(file.Declarations);
            Assert.Equal(new[] { "a b|one", "c|two" }, rule.Overlaps.Select(o => string.Join(" ", o.Rules.Select(n => n.Text)) + "|" + o.Reason));
            Assert.Equal((2, 3), (rule.Overlaps[0].Span.Line, rule.Overlaps[0].Span.Column));
        }
    }
}
