using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>
    /// Properties of the overlap analysis (AGR0017) over random pairs of conditions on numbers (percent, grams and
    /// kilograms, every comparison), enums, texts and booleans, joined with and, or, not: every witness reported,
    /// read as eval reads it, makes the engine apply both rules; conditions disjoint by construction are never
    /// reported; and against a brute-force search of every case the analysis reports exactly the overlapping pairs.
    /// A failure prints the two rules; replay it with CsCheck_Seed=&lt;seed&gt;.
    /// </summary>
    public class OverlapPropertyTests
    {
        private static long Iter(long n) => long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var iter) ? iter : n;

        private static readonly double[] Percents = { 0, 1, 2.5, 5, 20, 100 };
        private static readonly double[] Grams = { 0, 500, 1000, 1500, 2000 };

        private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

        private static readonly Gen<string> Operator = Gen.OneOf("<", "<=", ">", ">=", "==", "!=");

        /// <summary>A mass written in grams or kilograms.</summary>
        private static readonly Gen<string> Mass =
            from grams in Gen.OneOf(Grams)
            from kg in Gen.Bool
            select kg ? Number(grams / 1000) + " kg" : Number(grams) + " g";

        private static readonly Gen<string> PercentTest =
            from op in Operator
            from c in Gen.OneOf(Percents)
            from mirrored in Gen.Bool
            select mirrored ? $"{Number(c)} % {Mirror(op)} enrichment" : $"enrichment {op} {Number(c)} %";

        private static readonly Gen<string> QuantityTest = from op in Operator from m in Mass select $"quantity {op} {m}";

        private static readonly Gen<string> MaterialTest = Gen.OneOf(
            from op in Gen.OneOf("==", "!=") from v in Gen.OneOf("uranium", "plutonium", "thorium") select $"material {op} {v}",
            from mask in Gen.Int[1, 6] select "material in { " + string.Join(", ", new[] { "uranium", "plutonium", "thorium" }.Where((_, i) => (mask & (1 << i)) != 0)) + " }");

        private static readonly Gen<string> AuthorisedTest = Gen.OneOf("authorised", "not authorised", "authorised == true", "authorised == false", "authorised != true");

        private static string Mirror(string op) => op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };

        /// <summary>Conditions over the facts the brute force enumerates: enrichment, quantity, material, authorised.</summary>
        private static Gen<string> Condition(int depth, Gen<string> atom) => depth == 0 ? atom : Gen.OneOf(
            atom,
            from a in Condition(depth - 1, atom) from b in Condition(depth - 1, atom) select $"({a}) and ({b})",
            from a in Condition(depth - 1, atom) from b in Condition(depth - 1, atom) select $"({a}) or ({b})",
            from a in Condition(depth - 1, atom) select $"not ({a})");

        private static readonly Gen<string> Atom = Gen.OneOf(PercentTest, QuantityTest, MaterialTest, AuthorisedTest);

        /// <summary>Also the facts brute force leaves out: a mass fact declared in kg, a text fact with a set.</summary>
        private static readonly Gen<string> WideAtom = Gen.OneOf(Atom,
            from op in Operator from m in Mass select $"stock {op} {m}",
            Gen.OneOf("facility in annex", "facility == plant-a", "facility != \"plant-b\"", "not (facility in annex)"));

        private static readonly Gen<string> Outcome = Gen.OneOf("permitted", "prohibited", "requires consent of JP", "requires consent of US");

        private static readonly Gen<(string first, string second, string firstOutcome, string secondOutcome)> WidePairs =
            from a in Condition(2, WideAtom)
            from b in Condition(2, WideAtom)
            from oa in Outcome
            from ob in Outcome.Where(o => o != oa)
            select (a, b, oa, ob);

        /// <summary>
        /// Whether the two conditions are written the same after parsing (<c>not (not (a))</c> and <c>not (not a)</c>)
        /// with one rule permitting and one prohibiting: that is AGR0008, an error, and no rule set loads to compare with.
        /// </summary>
        private static bool Contradictory(string rules) =>
            RulesCompiler.Compile(new[] { new RulesSource("o.rules", OverlapTests.Vocabulary + rules) }, runExamples: false)
                .Diagnostics.Any(d => d.Id == RulesDiagnosticIds.ContradictoryRules);

        private static string Rules((string first, string second, string firstOutcome, string secondOutcome) p) =>
            OverlapTests.Rule("first", p.first, p.firstOutcome) + OverlapTests.Rule("second", p.second, p.secondOutcome);

        [Fact]
        public void Every_reported_witness_evaluated_as_eval_reads_it_applies_both_rules()
        {
            var witnesses = 0;
            WidePairs.Sample(p =>
            {
                var rules = Rules(p);
                if (Contradictory(rules)) return;
                var reported = OverlapTests.Overlaps(rules);
                if (reported.Count == 0) return;
                System.Threading.Interlocked.Increment(ref witnesses);
                var ruleSet = RuleSet.Parse(OverlapTests.Vocabulary + rules, "o.rules");
                var applying = OverlapTests.ApplyingTo(ruleSet, OverlapTests.WitnessJson(Assert.Single(reported)));
                Assert.Contains("first", applying);
                Assert.Contains("second", applying);
            }, iter: Iter(300), print: Rules);
            Assert.True(witnesses >= 30, $"only {witnesses} of the pairs overlapped: the property says little");
        }

        [Fact]
        public void Conditions_disjoint_by_construction_are_never_reported() =>
            (from p in WidePairs from c in Condition(1, WideAtom) select p with { second = $"({c}) and not ({p.first})" })
            .Sample(p => Assert.Empty(OverlapTests.Overlaps(Rules(p))), iter: Iter(300), print: Rules);

        /// <summary>
        /// The values that decide every test the generator writes: each constant, a point between each two, and
        /// one beyond the last (a comparison with constants is the same everywhere strictly between two of them).
        /// </summary>
        private static IEnumerable<double> Cases(double[] constants, bool bounded)
        {
            for (var i = 0; i < constants.Length; i++)
            {
                yield return constants[i];
                if (i + 1 < constants.Length) yield return (constants[i] + constants[i + 1]) / 2;
            }
            if (!bounded) yield return constants[^1] + 500;
        }

        private static bool SomeCaseAppliesBoth(RuleSet rules)
        {
            foreach (var enrichment in Cases(Percents, bounded: true))
                foreach (var quantity in Cases(Grams, bounded: false))
                    foreach (var material in new[] { "uranium", "plutonium", "thorium" })
                        foreach (var authorised in new[] { true, false })
                        {
                            var request = Activity.Create("enrich").With("agreements", new[] { "A" }).With("enrichment", enrichment)
                                .With("quantity", quantity).With("material", material).With("authorised", authorised);
                            var applying = 0;
                            rules.Inspect(request, (rule, holds, _) => { if (holds == true) applying++; });
                            if (applying == 2) return true;
                        }
            return false;
        }

        [Fact]
        public void The_analysis_reports_exactly_the_pairs_a_search_of_every_case_finds_overlapping()
        {
            int overlapping = 0, disjoint = 0;
            (from a in Condition(2, Atom) from b in Condition(2, Atom) select (a, b, "permitted", "prohibited"))
            .Sample(p =>
            {
                var rules = Rules(p);
                if (Contradictory(rules)) return;
                var found = SomeCaseAppliesBoth(RuleSet.Parse(OverlapTests.Vocabulary + rules, "o.rules"));
                Assert.Equal(found, OverlapTests.Overlaps(rules).Count == 1);
                System.Threading.Interlocked.Increment(ref found ? ref overlapping : ref disjoint);
            }, iter: Iter(150), print: Rules);
            Assert.True(overlapping >= 15 && disjoint >= 15, $"{overlapping} overlapping and {disjoint} disjoint pairs: too few of one kind to tell");
        }
    }
}
