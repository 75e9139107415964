using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>One condition of a rule (an operand of its 'and', 'or' and 'not') and what the examples made it.</summary>
    internal sealed record ConditionCoverage(Expr Condition, bool SeenTrue, bool SeenFalse)
    {
        public string Text => ExprPrinter.Print(Condition);
        public bool Covered => SeenTrue && SeenFalse;
    }

    /// <summary>How the in-file examples exercise one rule: the examples in which it applies, and each of its conditions.</summary>
    internal sealed record RuleCoverage(CheckedRule Rule, IReadOnlyList<ExampleResult> AppliedIn, IReadOnlyList<ConditionCoverage> Conditions)
    {
        public int AppliesIn => AppliedIn.Count;
        public bool Decided => AppliesIn > 0;
    }

    /// <summary>
    /// Coverage of the rules by the in-file examples, like <c>opa test --coverage</c>: which rules no example
    /// makes apply, and which conditions no two examples make true and false. A rule counts for an example when
    /// the example's request can apply it (its activity, an agreement the request lists), as the decision does;
    /// a condition whose facts the example leaves missing counts as neither true nor false.
    /// </summary>
    internal static class ExampleCoverage
    {
        public static IReadOnlyList<RuleCoverage> Measure(RuleSet ruleSet, CheckedModel model, IEnumerable<ExampleResult> results)
        {
            var compiler = new ExpressionCompiler(model);
            var conditions = model.Rules.ToDictionary(r => r, r => Conditions(r.Declaration.Condition).Select(c => (expr: c, run: compiler.Compile(c))).ToList());
            var applies = model.Rules.ToDictionary(r => r, _ => new List<ExampleResult>());
            // Per rule, per condition (in the order of Conditions): whether an example made it true, and false.
            var seenTrue = conditions.ToDictionary(p => p.Key, p => new bool[p.Value.Count]);
            var seenFalse = conditions.ToDictionary(p => p.Key, p => new bool[p.Value.Count]);
            foreach (var result in results.Where(r => r.Activity != null))
                ruleSet.Inspect(result.Activity!, (rule, holds, scope) =>
                {
                    if (holds == true) applies[rule].Add(result);
                    var own = conditions[rule];
                    for (var i = 0; i < own.Count; i++)
                    {
                        var value = own[i].run(scope);
                        if (!value.IsUnknown) (value.IsTrue ? seenTrue : seenFalse)[rule][i] = true;
                    }
                });
            return model.Rules.Select(r => new RuleCoverage(r, applies[r],
                conditions[r].Select((c, i) => new ConditionCoverage(c.expr, seenTrue[r][i], seenFalse[r][i])).ToList())).ToList();
        }

        /// <summary>The conditions of a rule: the operands of its 'and', 'or' and 'not', down to what is neither.</summary>
        internal static IEnumerable<Expr> Conditions(Expr? expr)
        {
            switch (expr)
            {
                case null:
                    yield break;
                case NotExpr not:
                    foreach (var c in Conditions(not.Operand)) yield return c;
                    break;
                case BinaryExpr { Operator: BinaryOperator.And or BinaryOperator.Or } b:
                    foreach (var c in Conditions(b.Left)) yield return c;
                    foreach (var c in Conditions(b.Right)) yield return c;
                    break;
                default:
                    yield return expr;
                    break;
            }
        }
    }
}
