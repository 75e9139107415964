using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Analysis;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using CsCheck;

namespace AgreementRules.Tests.Semantics
{
    /// <summary>
    /// The gap search takes a condition's value from the case above when the fact the search just fixed is not one the
    /// condition reads. That must change how many conditions it evaluates and nothing else: the same uncovered request
    /// (or none), the same completeness, the same steps counted against the budget, as when it evaluates every
    /// condition at every case.
    /// </summary>
    public class CoverageSearchReuseTests
    {
        private static long Iter(long n) => long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var iter) ? iter : n;

        private sealed record Search(bool Complete, string Uncovered, int Steps, int Evaluations);

        private static Search Run(CheckedModel model, IReadOnlyList<AgreementRules.Syntax.Expr?> conditions, bool reuse)
        {
            var complete = CaseSearch.TryFindUncovered(model, conditions, new ExpressionCompiler(model), reuse, out var uncovered, out var steps, out var evaluations);
            return new Search(complete, uncovered == null ? "(covered)" : string.Join(", ", uncovered), steps, evaluations);
        }

        /// <summary>Every (agreement, activity) group of rules with a condition, searched both ways: (reused, evaluated every time).</summary>
        private static List<(string group, Search reused, Search full)> BothWays(CheckedModel model) =>
            model.Rules.Where(r => r.Declaration.Condition != null)
                .GroupBy(r => (r.Agreement.Id, r.Activity))
                .Select(g =>
                {
                    var conditions = g.Select(r => r.Declaration.Condition).ToList();
                    return ($"{g.Key.Id} on {g.Key.Activity}", Run(model, conditions, reuse: true), Run(model, conditions, reuse: false));
                })
                .ToList();

        private static CheckedModel Checked(IReadOnlyList<RulesSource> sources)
        {
            var result = RulesCompiler.Compile(sources, runExamples: false);
            Assert.True(result.Model != null, string.Join("\n", result.Diagnostics));
            return result.Model!;
        }

        private static void AssertSameAnswers(List<(string group, Search reused, Search full)> searches)
        {
            foreach (var (group, reused, full) in searches)
            {
                Assert.True((reused.Complete, reused.Uncovered, reused.Steps) == (full.Complete, full.Uncovered, full.Steps),
                    $"{group}: reused {reused}, evaluated every time {full}");
                Assert.True(reused.Evaluations <= full.Evaluations, $"{group}: reused {reused.Evaluations} evaluations, every time {full.Evaluations}");
            }
        }

        [Fact]
        public void The_shipped_rules_get_the_same_answers_after_the_same_steps_with_a_fraction_of_the_evaluations()
        {
            var model = Checked(Directory.GetFiles(TestRules.ShippedRules, "*.rules").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new RulesSource(f, File.ReadAllText(f))).ToList());
            var searches = BothWays(model);
            AssertSameAnswers(searches);
            var reused = searches.Sum(s => s.reused.Evaluations);
            var full = searches.Sum(s => s.full.Evaluations);
            // Every case evaluates every condition: the steps are the evaluations.
            Assert.Equal(searches.Sum(s => s.full.Steps), full);
            Assert.True(reused * 4 < full, $"{reused} evaluations reusing the case above, {full} evaluating every condition at every case");
        }

        [Fact]
        public void The_good_corpus_gets_the_same_answers_after_the_same_steps()
        {
            var folder = Path.Combine(TestRules.RepoRoot, "tests", "AgreementRules.Tests", "Corpus", "good");
            foreach (var file in Directory.GetFiles(folder, "*.rules").OrderBy(f => f, StringComparer.Ordinal))
                AssertSameAnswers(BothWays(Checked(new[] { new RulesSource(file, File.ReadAllText(file)) })));
        }

        private const string Vocabulary = """
            type party = enum { JP, US }
            activity enrich
            fact agreements : list of text
            fact material : enum { uranium, plutonium, thorium }
            fact enrichment : number %
            fact quantity : number g
            fact irradiated : bool
            fact purpose : enum { peaceful, military } default peaceful
            fact facility : text
            fact assurances : list of enum { peaceful-use, iaea-safeguards }
            set annex = { plant-a, plant-b }
            define heu = material == uranium and enrichment >= 20 %
            define grams = case when enrichment >= 20 % then quantity * enrichment else 0 g end
            agreement A { parties JP, US }

            """;

        private static readonly string[] Atoms =
        {
            "enrichment < 5 %", "enrichment >= 20 %", "enrichment < 90 %", "quantity >= 500 g", "quantity < 2 kg",
            "quantity * enrichment >= 100 g", "grams >= 50 g", "irradiated", "material == uranium", "material != plutonium",
            "material in { uranium, thorium }", "purpose == military", "facility in annex", "facility == \"plant-c\"",
            "enrichment is given", "irradiated is given", "facility is given", "heu", "agreements has A",
            "assurances has peaceful-use", "quantity / 2 > enrichment * 1 g",
        };

        private static readonly Gen<string> Condition = Condition_(3);

        private static Gen<string> Condition_(int depth) => depth == 0
            ? Gen.OneOf(Atoms)
            : Gen.Frequency(
                (3, Gen.OneOf(Atoms)),
                (1, Condition_(depth - 1).Select(c => $"not ({c})")),
                (2, from l in Condition_(depth - 1) from r in Condition_(depth - 1) select $"({l}) and ({r})"),
                (2, from l in Condition_(depth - 1) from r in Condition_(depth - 1) select $"({l}) or ({r})"));

        [Fact]
        public void Random_groups_of_conditions_get_the_same_answers_after_the_same_steps()
        {
            Condition.Array[1, 7].Sample(conditions =>
            {
                var text = Vocabulary + string.Concat(conditions.Select((c, i) => $"rule r{i} cites \"Art. {i}\" on enrich when {c} then permitted\n"));
                AssertSameAnswers(BothWays(Checked(new[] { new RulesSource("random.rules", text) })));
            }, iter: Iter(300), print: c => string.Join("\n", c));
        }
    }
}
