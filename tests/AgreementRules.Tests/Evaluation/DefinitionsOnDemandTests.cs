using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// A condition computes the definitions it reads, when it first reads them (not every definition up front), and
    /// the answer's derived facts are computed when read: neither may change an answer. What an undecided rule reports
    /// missing does not depend on which rule read a shared definition first, nor on closures or IL; the derived facts
    /// list every definition, read by a rule or not.
    /// </summary>
    public class DefinitionsOnDemandTests
    {
        private const string Vocabulary = """
            type party = enum { JP, US }
            activity use
            fact agreements : list of text
            fact quantity : number g
            fact enrichment : number %
            define big = quantity >= 5 kg
            define big_heu = big and enrichment >= 20 %
            define low = enrichment < 20 %
            """;

        private const string A = """
            agreement A { parties JP, US }
            rule heu cites "A Art. 1" on use when big_heu then requires consent of JP
            rule rest-a cites "A Art. 2" on use when not big_heu then permitted
            """;

        private const string B = """
            agreement B { parties JP, US }
            rule any cites "B Art. 1" on use when big then requires consent of US
            rule rest cites "B Art. 2" on use when not big then permitted
            """;

        /// <summary>The same rules with A's before B's and B's before A's, each as closures and as IL.</summary>
        private static IEnumerable<RuleSet> Orders() =>
            from files in new[] { new[] { ("a.rules", A), ("b.rules", B) }, new[] { ("b.rules", B), ("a.rules", A) } }
            from tiering in new[] { EvaluationTiering.ClosuresOnly, EvaluationTiering.IlAtOnce }
            select RulesCompiler.Compile(
                new[] { new RulesSource("vocabulary.rules", Vocabulary) }.Concat(files.Select(f => new RulesSource(f.Item1, f.Item2))).ToArray(),
                runExamples: false, tiering).RuleSet ?? throw new System.InvalidOperationException("the test's rules do not check");

        private static Activity Use(params string[] agreements) => Activity.Create("use").With("agreements", agreements).With("enrichment", 25.0);

        [Theory]
        [InlineData("A")]
        [InlineData("B")]
        [InlineData("A", "B")]
        [InlineData("B", "A")]
        public void The_missing_facts_do_not_depend_on_which_rule_reads_a_definition_first(params string[] agreements)
        {
            var answers = Orders().Select(rules => rules.Evaluate(Use(agreements))).ToList();
            foreach (var decision in answers)
            {
                Assert.Equal(Outcome.Undetermined, decision.Outcome);
                Assert.Equal(new[] { "quantity" }, decision.Missing);
            }
            // Given, it decides the same in every order and form.
            foreach (var rules in Orders())
            {
                var given = rules.Evaluate(Use(agreements).With("quantity", 6000.0));
                Assert.Equal(Outcome.ConsentRequired, given.Outcome);
                Assert.Equal(agreements.OrderBy(a => a).Select(a => a == "A" ? "JP" : "US"),
                    given.Requirements.Select(r => r.Parties.Single()).OrderBy(p => p == "JP" ? 0 : 1));
            }
        }

        [Fact]
        public void The_derived_facts_list_every_definition_whether_a_rule_read_it_or_not()
        {
            foreach (var rules in Orders())
            {
                // No agreement listed: no rule applies, so no condition reads any definition.
                var none = rules.Evaluate(Use().With("quantity", 6000.0));
                Assert.Equal(Outcome.Undetermined, none.Outcome);
                Assert.Equal(new Dictionary<string, object?> { ["big"] = true, ["big_heu"] = true, ["low"] = false },
                    none.Derived.ToDictionary(p => p.Key, p => p.Value));

                // Only B's rules read 'big'; 'big_heu' and 'low' are derived all the same, and what depends on the
                // missing quantity is left out.
                var b = rules.Evaluate(Use("B"));
                Assert.Equal(new Dictionary<string, object?> { ["low"] = false }, b.Derived.ToDictionary(p => p.Key, p => p.Value));
            }
        }
    }
}
