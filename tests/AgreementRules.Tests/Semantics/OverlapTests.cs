using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Cli.Json;
using AgreementRules.Compilation;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>
    /// The overlap analysis (AGR0017, <c>check</c> only): rules of one agreement on one activity that apply together
    /// with different outcomes are reported with a witness request, exactly for number ranges (units, boundaries),
    /// enums and booleans; conditions it cannot decide exactly are skipped; every witness is confirmed by the engine.
    /// </summary>
    public class OverlapTests
    {
        internal const string Vocabulary = """
            type party = enum { JP, US }
            activity enrich
            fact agreements : list of text
            fact material : enum { uranium, plutonium, thorium }
            fact enrichment : number %
            fact quantity : number g
            fact stock : number kg
            fact authorised : bool
            fact facility : text
            fact year_total : number g
            set annex = { plant-a, plant-b }
            define heu = material == uranium and enrichment >= 20 %
            agreement A { parties JP, US }

            """;

        /// <summary>The AGR0017 warnings <c>check</c> gives for these rules (after the vocabulary).</summary>
        internal static List<RulesDiagnostic> Overlaps(string rules, params RulesSource[] more)
        {
            var sources = new[] { new RulesSource("o.rules", Vocabulary + rules) }.Concat(more).ToList();
            var result = RulesCompiler.Compile(sources, runExamples: true, EvaluationTiering.Default, analyseOverlaps: true);
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            return result.Diagnostics.Where(d => d.Id == RulesDiagnosticIds.OverlappingRules).ToList();
        }

        internal static string Rule(string id, string condition, string outcome = "permitted") =>
            $"rule {id} cites \"Art. 1\"\n  on enrich\n  when {condition}\n  then {outcome}\n";

        private static List<RulesDiagnostic> Pair(string first, string second, string firstOutcome = "permitted", string secondOutcome = "prohibited") =>
            Overlaps(Rule("first", first, firstOutcome) + Rule("second", second, secondOutcome));

        /// <summary>The witness request a warning carries, as the user would paste it into eval.</summary>
        internal static string WitnessJson(RulesDiagnostic d) =>
            Regex.Match(d.Message, @"both apply to the request (\{.*?\}); ").Groups[1].Value;

        /// <summary>Evaluates the witness as eval reads it and returns the ids of the rules the engine finds applying.</summary>
        internal static HashSet<string> ApplyingTo(RuleSet rules, string json)
        {
            var request = RequestReader.Read(json);
            Assert.True(request.Error == null, request.Error);
            var applying = new HashSet<string>();
            rules.Inspect(request.Activity!, (rule, holds, _) => { if (holds == true) applying.Add(rule.Id); });
            // The answer eval prints traces the same: both rules apply.
            var trace = rules.Evaluate(request.Activity!).Trace;
            Assert.Equal(applying.OrderBy(i => i), trace.Select(t => Regex.Match(t, @"\[(.*?)\] applies:")).Where(m => m.Success).Select(m => m.Groups[1].Value).OrderBy(i => i));
            return applying;
        }

        [Theory]
        // Every combination of boundary inclusivity at one constant, permitted beside prohibited.
        [InlineData("enrichment < 5 %", "enrichment <= 4 %", true)]
        [InlineData("enrichment < 5 %", "enrichment >= 5 %", false)]
        [InlineData("enrichment <= 5 %", "enrichment >= 5 %", true)]
        [InlineData("enrichment < 5 %", "enrichment > 5 %", false)]
        [InlineData("enrichment <= 5 %", "enrichment > 5 %", false)]
        [InlineData("enrichment < 5 %", "enrichment == 5 %", false)]
        [InlineData("enrichment <= 5 %", "enrichment == 5 %", true)]
        [InlineData("enrichment > 5 %", "enrichment == 5 %", false)]
        [InlineData("enrichment >= 5 %", "enrichment == 5 %", true)]
        [InlineData("enrichment != 5 %", "enrichment == 5 %", false)]
        [InlineData("enrichment != 5 %", "enrichment >= 5 %", true)]
        [InlineData("5 % > enrichment", "enrichment >= 5 %", false)]
        [InlineData("5 % >= enrichment", "enrichment >= 5 %", true)]
        [InlineData("enrichment > 4.5 % and enrichment < 5 %", "enrichment >= 5 % or enrichment <= 4.5 %", false)]
        [InlineData("enrichment > 4.5 % and enrichment < 5 %", "enrichment > 4.9 %", true)]
        [InlineData("not (enrichment < 5 %)", "enrichment < 5 %", false)]
        [InlineData("enrichment >= 100 %", "enrichment > 99 % and enrichment != 100 %", false)]
        // A percentage runs from 0 to 100 (the request binder refuses more): a test beyond it meets nothing.
        [InlineData("enrichment > 100 %", "enrichment >= 50 %", false)]
        [InlineData("enrichment <= 0 %", "enrichment < 1 %", true)]
        public void Number_ranges_overlap_exactly_where_the_boundaries_meet(string first, string second, bool overlaps) =>
            Assert.Equal(overlaps, Pair(first, second).Count == 1);

        [Fact]
        public void The_issue_example_is_reported_with_a_witness_both_rules_apply_to()
        {
            var d = Assert.Single(Pair("enrichment < 5 %", "enrichment <= 4 %"));
            Assert.Equal(Severity.Warning, d.Severity);
            Assert.Equal(("o.rules", 18, 6), (d.Span.Path, d.Span.Line, d.Span.Column));
            Assert.Equal("rules 'second' (prohibited) and 'first' (permitted, o.rules:14:6) of A both apply to the request " +
                         "{\"activity\": \"enrich\", \"agreements\": [\"A\"], \"enrichment\": 4}; narrow one condition so that they cannot both hold, " +
                         "or leave them if the articles mean both to apply (the stricter outcome decides)", d.Message);
        }

        [Fact]
        public void A_shared_closed_boundary_is_the_witness() =>
            Assert.Equal("{\"activity\": \"enrich\", \"agreements\": [\"A\"], \"enrichment\": 5}",
                WitnessJson(Assert.Single(Pair("enrichment <= 5 %", "enrichment >= 5 %"))));

        [Theory]
        [InlineData("quantity < 2 kg", "quantity >= 2000 g", false)]
        [InlineData("quantity <= 2 kg", "quantity >= 2000 g", true)]
        [InlineData("quantity < 2 kg", "quantity > 1999 g", true)]
        [InlineData("quantity <= 1.5 kg", "quantity > 1500 g", false)]
        [InlineData("stock >= 1500 g", "stock < 2 kg", true)]
        [InlineData("stock >= 2000 g", "stock < 2 kg", false)]
        public void Masses_compare_across_grams_and_kilograms(string first, string second, bool overlaps) =>
            Assert.Equal(overlaps, Pair(first, second).Count == 1);

        [Fact]
        public void A_witness_gives_a_fact_declared_in_kg_in_kilograms()
        {
            var d = Assert.Single(Pair("stock >= 1500 g", "stock <= 1.5 kg"));
            Assert.Equal("{\"activity\": \"enrich\", \"agreements\": [\"A\"], \"stock\": 1.5}", WitnessJson(d));
        }

        [Theory]
        [InlineData("material == uranium", "material != uranium", false)]
        [InlineData("material == uranium", "material == plutonium", false)]
        [InlineData("material in { uranium, plutonium }", "not (material == uranium)", true)]
        [InlineData("material in { uranium }", "material == plutonium or material == thorium", false)]
        [InlineData("not (material in { uranium, plutonium })", "material != uranium", true)]
        [InlineData("material != uranium and material != plutonium and material != thorium", "enrichment < 5 %", false)]
        [InlineData("facility in annex", "facility == plant-a", true)]
        [InlineData("facility in annex", "not (facility in annex)", false)]
        [InlineData("facility != \"plant-a\"", "facility != plant-b", true)]
        public void Enum_and_text_values_overlap_where_a_value_meets_both(string first, string second, bool overlaps) =>
            Assert.Equal(overlaps, Pair(first, second).Count == 1);

        [Fact]
        public void An_enum_witness_names_the_value_both_rules_accept() =>
            Assert.Equal("{\"activity\": \"enrich\", \"agreements\": [\"A\"], \"material\": \"plutonium\"}",
                WitnessJson(Assert.Single(Pair("material in { uranium, plutonium }", "not (material == uranium)"))));

        [Fact]
        public void A_text_witness_outside_every_listed_value_is_a_new_name() =>
            Assert.Equal("{\"activity\": \"enrich\", \"agreements\": [\"A\"], \"facility\": \"other\"}",
                WitnessJson(Assert.Single(Pair("not (facility in annex)", "facility != \"x\""))));

        [Theory]
        [InlineData("authorised", "not authorised", false)]
        [InlineData("authorised == true", "authorised", true)]
        [InlineData("authorised == false", "not authorised", true)]
        [InlineData("authorised != true", "authorised", false)]
        [InlineData("true", "authorised", true)]
        [InlineData("false or authorised", "not authorised", false)]
        public void Booleans_overlap_where_one_value_meets_both(string first, string second, bool overlaps) =>
            Assert.Equal(overlaps, Pair(first, second).Count == 1);

        [Theory]
        [InlineData("material == uranium and enrichment < 20 %", "heu", false)]
        [InlineData("material == uranium and enrichment < 20 %", "enrichment >= 19 % or material == plutonium", true)]
        [InlineData("heu and quantity < 1 kg", "heu and quantity >= 1000 g", false)]
        [InlineData("heu and not authorised", "material == uranium and enrichment > 25 % and (authorised or quantity < 5 g)", true)]
        [InlineData("(material == plutonium or enrichment < 5 %) and authorised", "material == uranium and enrichment >= 5 % and authorised", false)]
        public void Mixed_conditions_through_definitions_and_or(string first, string second, bool overlaps) =>
            Assert.Equal(overlaps, Pair(first, second).Count == 1);

        [Fact]
        public void A_mixed_witness_gives_each_fact_the_rules_test_and_both_apply_to_it()
        {
            var rules = Rule("first", "material == uranium and enrichment < 20 %") +
                        Rule("second", "enrichment >= 19 % and not authorised and facility in annex", "requires consent of JP");
            var d = Assert.Single(Overlaps(rules));
            Assert.Equal("{\"activity\": \"enrich\", \"agreements\": [\"A\"], \"material\": \"uranium\", \"enrichment\": 19, \"authorised\": false, \"facility\": \"plant-a\"}",
                WitnessJson(d));
            Assert.Equal(new[] { "first", "second" }, ApplyingTo(RuleSet.Parse(Vocabulary + rules, "o.rules"), WitnessJson(d)).OrderBy(i => i));
        }

        [Theory]
        [InlineData("permitted", "requires consent of JP", true)]
        [InlineData("requires consent of JP", "requires consent of US", true)]
        [InlineData("requires consent of JP, US", "requires consent of US, JP", false)]
        [InlineData("requires consent of JP", "requires written consent of JP", true)]
        [InlineData("requires written notification by JP or consent of US", "requires consent of US or written notification by JP", false)]
        [InlineData("permitted", "permitted", false)]
        [InlineData("prohibited", "prohibited", false)]
        [InlineData("permitted", "advisory \"careful\"", false)]
        [InlineData("permitted", "grants consent of JP", false)]
        public void Only_different_outcomes_are_reported(string first, string second, bool reported) =>
            Assert.Equal(reported, Pair("enrichment < 5 %", "enrichment < 5 %", first, second).Count == 1);

        [Fact]
        public void Rules_of_different_agreements_add_up_and_are_not_reported() =>
            Assert.Empty(Overlaps(Rule("first", "enrichment < 5 %"),
                new RulesSource("b.rules", "agreement B { parties JP }\n" + Rule("b-second", "enrichment < 5 %", "prohibited"))));

        [Fact]
        public void A_rule_without_condition_overlaps_every_rule_of_its_activity() =>
            Assert.Single(Overlaps("rule first cites \"Art. 1\" on enrich then requires consent of JP\n" + Rule("second", "enrichment < 5 %")));

        [Theory]
        // Arithmetic, two facts compared, 'is given', 'case', lists: not decided exactly, so the rule is left out.
        [InlineData("quantity * enrichment >= 5 g")]
        [InlineData("quantity >= year_total")]
        [InlineData("quantity is given")]
        [InlineData("case when authorised then true else false end")]
        [InlineData("agreements has \"A\"")]
        public void Conditions_outside_the_exact_fragment_are_skipped_not_guessed(string undecided)
        {
            // Each overlaps 'quantity >= 0 g' for some request, but the analysis cannot say so exactly.
            Assert.Empty(Pair("quantity >= 0 g", undecided));
            Assert.Empty(Pair("quantity >= 0 g", "enrichment < 5 % and " + undecided));
        }

        [Fact]
        public void A_witness_the_engine_does_not_confirm_is_dropped()
        {
            // Over the reals (1, 1.0000000000000002) is not empty, but no double lies strictly between these two
            // neighbours: the analysis finds the boxes meet, the witness it picks is one of the ends, and there
            // the engine finds the first rule's condition false.
            var rules = Vocabulary + Rule("first", "enrichment > 1 % and enrichment < 1.0000000000000002 %") + Rule("second", "enrichment >= 0 %", "prohibited");
            var result = RulesCompiler.Compile(new[] { new RulesSource("o.rules", rules) }, runExamples: false);
            var ruleSet = result.RuleSet!;
            var proposed = new List<string>();
            var confirmed = OverlapAnalysis.Analyse(ruleSet.Model, (request, a, b) =>
            {
                proposed.Add(a.Id + "+" + b.Id);
                return OverlapAnalysis.BothApply(ruleSet.Inspect, request, a, b);
            });
            Assert.Equal(new[] { "first+second" }, proposed);
            Assert.Empty(confirmed);
            // Had the engine confirmed it, it would have been reported: the drop is the engine's doing.
            Assert.Single(OverlapAnalysis.Analyse(ruleSet.Model, (_, _, _) => true));
            Assert.Empty(Overlaps(Rule("first", "enrichment > 1 % and enrichment < 1.0000000000000002 %") + Rule("second", "enrichment >= 0 %", "prohibited")));
        }

        [Fact]
        public void Each_pair_of_rules_is_reported_once_in_file_order()
        {
            var found = Overlaps(Rule("a", "enrichment < 5 % or enrichment > 50 %") + Rule("b", "enrichment < 10 % or enrichment > 60 %", "prohibited") +
                                 Rule("c", "material == uranium", "requires consent of JP"));
            Assert.Equal(new[] { "b+a", "c+a", "c+b" }, found.Select(d => Regex.Match(d.Message, @"^rules '(\w+)' .*? and '(\w+)'")).Select(m => m.Groups[1].Value + "+" + m.Groups[2].Value));
        }

        [Fact]
        public void Loading_and_the_build_do_not_run_the_analysis()
        {
            var rules = Vocabulary + Rule("first", "enrichment < 5 %") + Rule("second", "enrichment <= 4 %", "prohibited");
            Assert.DoesNotContain(RulesCompiler.Compile(new[] { new RulesSource("o.rules", rules) }).Diagnostics, d => d.Id == RulesDiagnosticIds.OverlappingRules);
            Assert.DoesNotContain(RuleSet.Parse(rules, "o.rules").Warnings, d => d.Id == RulesDiagnosticIds.OverlappingRules);
        }

        [Fact]
        public void The_rule_set_check_builds_carries_the_overlaps_among_its_warnings()
        {
            var rules = Vocabulary + Rule("first", "enrichment < 5 %") + Rule("second", "enrichment <= 4 %", "prohibited");
            var result = RulesCompiler.Compile(new[] { new RulesSource("o.rules", rules) }, runExamples: true, EvaluationTiering.Default, analyseOverlaps: true);
            Assert.Equal(result.Diagnostics.Where(d => d.Severity == Severity.Warning), result.RuleSet!.Warnings);
            Assert.Contains(result.RuleSet.Warnings, d => d.Id == RulesDiagnosticIds.OverlappingRules);
        }
    }
}
