using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;

namespace AgreementRules.Evaluation
{
    /// <summary>Runs the in-file examples (an activity and the decision its author expects), like `opa test`.</summary>
    internal static class ExampleRunner
    {
        public static IEnumerable<RulesDiagnostic> Run(RuleSet ruleSet, CheckedModel model)
        {
            foreach (var example in model.Examples)
            {
                var d = example.Declaration;
                var activity = Activity.Create(d.Activity.Text);
                foreach (var assignment in d.Facts)
                {
                    var fact = model.Symbols.Facts[assignment.Fact.Text];
                    activity = activity.With(assignment.Fact.Text, WrittenValues.RequestValue(assignment.Value, fact));
                }
                // An example speaks for the agreement of its file unless it names the agreements itself.
                if (example.Agreement != null && !d.Facts.Any(f => f.Fact.Text == Checker.AgreementsFact) && model.Symbols.Facts.ContainsKey(Checker.AgreementsFact))
                    activity = activity.With(Checker.AgreementsFact, new[] { example.Agreement.Id });
                var evidence = new Evidence(
                    d.Consents.Select(c => new Consent(c.Party.Text, c.Written, c.Prior)).ToList(),
                    d.Notifications.Select(n => new Notification(n.Party.Text, n.Written, n.Prior)).ToList());

                RulesDiagnostic? failure = null;
                try
                {
                    var decision = ruleSet.Evaluate(activity, evidence, countsTowardIl: false);
                    DecisionNames.TryParse(d.Expected.Text, out var expected);
                    if (decision.Outcome != expected)
                        failure = Fail(d, $"example \"{d.Title}\" expects {d.Expected.Text}, but the rules decide {DecisionNames.Of(decision.Outcome)}" +
                                          (decision.Citations.Count > 0 ? $" ({string.Join("; ", decision.Citations)})" : "") +
                                          (decision.Missing.Count > 0 ? $"; missing facts: {string.Join(", ", decision.Missing)}" : "") +
                                          "; fix the rule or the expectation");
                }
                catch (InvalidActivityException ex)
                {
                    failure = Fail(d, $"example \"{d.Title}\" is not a valid request: {ex.Message}");
                }
                if (failure != null) yield return failure;
            }
        }

        private static RulesDiagnostic Fail(Syntax.ExampleDecl d, string message) =>
            new(RulesDiagnosticIds.ExampleFailed, Severity.Error, d.Span with { Length = 7 }, message);
    }
}
