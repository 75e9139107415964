using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;

namespace AgreementRules.Evaluation
{
    /// <summary>What running one in-file example gave: the decision the rules took, or why the example could not run.</summary>
    internal sealed class ExampleResult
    {
        public ExampleResult(CheckedExample example, Activity? activity, Evidence? evidence, Decision? decision, string? failure)
        {
            Example = example; Activity = activity; Evidence = evidence; Decision = decision; Failure = failure;
        }

        public CheckedExample Example { get; }
        public Syntax.ExampleDecl Declaration => Example.Declaration;
        /// <summary>The request the example makes; null when it is not a valid one.</summary>
        public Activity? Activity { get; }
        public Evidence? Evidence { get; }
        /// <summary>The rules' decision; null when the example is not a valid request.</summary>
        public Decision? Decision { get; }
        /// <summary>Why the example fails (as <c>check</c> reports it), or null when it passes.</summary>
        public string? Failure { get; }
        public bool Passed => Failure == null;
        public string Expected => Declaration.Expected.Text;
        /// <summary>The decision's name (<c>permitted</c>, …), or null when the example is not a valid request.</summary>
        public string? Actual => Decision == null ? null : DecisionNames.Of(Decision.Outcome);
    }

    /// <summary>Runs the in-file examples (an activity and the decision its author expects), like `opa test`.</summary>
    internal static class ExampleRunner
    {
        /// <summary>A failing example as a diagnostic at its 'example' keyword, for <c>check</c> and the analyzers.</summary>
        public static IEnumerable<RulesDiagnostic> Run(RuleSet ruleSet, CheckedModel model) =>
            Results(ruleSet, model).Where(r => !r.Passed)
                .Select(r => new RulesDiagnostic(RulesDiagnosticIds.ExampleFailed, Severity.Error, r.Declaration.Span with { Length = 7 }, r.Failure!));

        /// <summary>Every example's result, in the model's order (file by file, as written).</summary>
        public static IEnumerable<ExampleResult> Results(RuleSet ruleSet, CheckedModel model) =>
            model.Examples.Select(example => Run(ruleSet, model, example));

        /// <summary>The request an example makes: its activity and facts, and its consents and notifications as evidence.</summary>
        public static (Activity activity, Evidence evidence) Request(CheckedModel model, CheckedExample example)
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
            return (activity, evidence);
        }

        private static ExampleResult Run(RuleSet ruleSet, CheckedModel model, CheckedExample example)
        {
            var d = example.Declaration;
            var (activity, evidence) = Request(model, example);
            try
            {
                var decision = ruleSet.Evaluate(activity, evidence, countsTowardIl: false);
                DecisionNames.TryParse(d.Expected.Text, out var expected);
                var failure = decision.Outcome == expected ? null
                    : $"example \"{d.Title}\" expects {d.Expected.Text}, but the rules decide {DecisionNames.Of(decision.Outcome)}" +
                      (decision.Citations.Count > 0 ? $" ({string.Join("; ", decision.Citations)})" : "") +
                      (decision.Missing.Count > 0 ? $"; missing facts: {string.Join(", ", decision.Missing)}" : "") +
                      "; fix the rule or the expectation";
                return new ExampleResult(example, activity, evidence, decision, failure);
            }
            catch (InvalidActivityException ex)
            {
                return new ExampleResult(example, activity, evidence, null, $"example \"{d.Title}\" is not a valid request: {ex.Message}");
            }
        }
    }
}
