using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// The in-file examples document every article: each rule is seen applying (and a rule that decides,
    /// where it has a condition, not applying), each article of a binding agreement has an example it
    /// permits and one it refuses, each paragraph of a commitment an example, and every threshold a rule
    /// compares a fact with has examples at it and on its other side.
    /// </summary>
    public class ExampleCoverageTests
    {
        private static IReadOnlyList<InFileExamples.Run> Runs => InFileExamples.All;

        private static object? Value(Expr e) => InFileExamples.Value(e);

        private static bool Traced(InFileExamples.Run run, string ruleId, string how) => run.Traced(ruleId, how);

        [Fact]
        public void Every_rule_applies_in_an_example_and_every_deciding_condition_is_seen_failing_too()
        {
            var problems = new List<string>();
            foreach (var rule in Rules.Model.Rules)
            {
                if (!Runs.Any(r => Traced(r, rule.Id, "applies"))) problems.Add($"{rule.Id}: no example in which it applies");
                // An advisory never changes a decision, so an example cannot show it failing; it is enough to see it apply.
                if (rule.Declaration.Condition != null && rule.Declaration.Outcome.Kind != OutcomeKind.Advisory &&
                    !Runs.Any(r => Traced(r, rule.Id, "does not apply")))
                    problems.Add($"{rule.Id}: no example in which its condition fails");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        private static bool Documents(ExampleDecl example, string citation) => InFileExamples.Documents(example, citation);

        [Fact]
        public void Every_article_of_a_binding_agreement_has_an_example_it_permits_and_one_it_refuses()
        {
            var problems = new List<string>();
            var binding = Rules.Model.Rules.Where(r => r.Declaration.Outcome.Kind != OutcomeKind.Advisory).Select(r => r.Agreement.Id).ToHashSet();
            foreach (var article in Rules.Model.Rules.GroupBy(r => (file: r.Declaration.Span.Path, r.Agreement.Id, r.Declaration.Citation)))
            {
                var examples = Runs.Where(r => r.File == article.Key.file && Documents(r.Example.Declaration, article.Key.Citation)).ToList();
                if (examples.Count == 0) { problems.Add($"{article.Key.Citation} ({article.Key.file}): no example"); continue; }
                if (!binding.Contains(article.Key.Id)) continue;
                if (!examples.Any(r => r.Decision.Outcome == Outcome.Permitted)) problems.Add($"{article.Key.Id} {article.Key.Citation}: no example it permits");
                if (!examples.Any(r => r.Decision.Outcome != Outcome.Permitted)) problems.Add($"{article.Key.Id} {article.Key.Citation}: no example it refuses");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>
        /// Comparisons with a constant in a rule's condition and the yes/no definitions it uses: of a fact
        /// (enrichment &lt; 20 %), or of a sum of facts and derived values (year_total + ia_effective_grams &lt;= 1 kg).
        /// </summary>
        private static IEnumerable<(string[] terms, string op, double value)> Thresholds(Expr expr, HashSet<string> seen)
        {
            switch (expr)
            {
                case NotExpr not:
                    foreach (var t in Thresholds(not.Operand, seen)) yield return t;
                    break;
                case BinaryExpr { Operator: BinaryOperator.And or BinaryOperator.Or } b:
                    foreach (var t in Thresholds(b.Left, seen).Concat(Thresholds(b.Right, seen))) yield return t;
                    break;
                case BinaryExpr { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } b when b.Right is NumberLiteral n && Terms(b.Left) is { } terms:
                    yield return (terms, b.Operator.Text(), n.Unit == "kg" ? n.Value * 1000 : n.Value);
                    break;
                case NameExpr name when Rules.Model.Symbols.Definitions.TryGetValue(name.Text, out var definition) && seen.Add(name.Text):
                    if (definition.Declaration.Body is not CaseExpr)
                        foreach (var t in Thresholds(definition.Declaration.Body, seen)) yield return t;
                    break;
            }
        }

        private static string[]? Terms(Expr e) => e switch
        {
            NameExpr n => new[] { n.Text },
            BinaryExpr { Operator: BinaryOperator.Add } b when Terms(b.Left) is { } l && Terms(b.Right) is { } r => l.Concat(r).ToArray(),
            _ => null,
        };

        /// <summary>The value of a sum of facts (as the example gives them) and derived values (as the answer gives them).</summary>
        private static double? Sum(InFileExamples.Run run, string[] terms)
        {
            var sum = 0.0;
            foreach (var term in terms)
            {
                var given = run.Example.Declaration.Facts.FirstOrDefault(f => f.Fact.Text == term);
                var value = given != null ? Value(given.Value) : run.Decision.Derived.TryGetValue(term, out var d) ? d : null;
                if (value is not double number) return null;
                sum += number;
            }
            return sum;
        }

        [Fact]
        public void Every_threshold_has_examples_at_it_and_on_its_other_side_and_every_annual_limit_under_at_and_over()
        {
            var problems = new List<string>();
            var thresholds = Rules.Model.Rules
                .Where(r => r.Declaration.Outcome.Kind != OutcomeKind.Advisory && r.Declaration.Condition != null)
                .SelectMany(r => Thresholds(r.Declaration.Condition!, new HashSet<string>()).Select(t => (r.Activity, terms: string.Join(" + ", t.terms), t.op, t.value)))
                .Distinct();
            foreach (var (activity, terms, op, value) in thresholds)
            {
                var given = Runs.Where(r => r.Example.Declaration.Activity.Text == activity)
                    .Select(r => Sum(r, terms.Split(" + "))).OfType<double>().Select(v => System.Math.Round(v, 6)).ToList();
                var under = given.Any(v => v < value);
                var over = given.Any(v => v > value);
                // A sum is a limit on a year's total (IA Art. 1(2)): just under, at and over it; a fact's threshold: at it and across it.
                var enough = given.Contains(value) && (terms.Contains('+') ? under && over : op is "<" or ">=" ? under : over);
                if (!enough) problems.Add($"{activity}: {terms} {op} {value}: examples give {string.Join(", ", given.Distinct().OrderBy(v => v))}");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }
}
