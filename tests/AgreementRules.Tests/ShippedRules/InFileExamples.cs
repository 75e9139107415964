using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;
using static AgreementRules.Tests.ShippedRules.Shipped;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// The shipped rules' in-file examples, each asked of the evaluator once as `check` asks it (an example
    /// without `agreements` asks about its own file's agreement), with the decision and trace it got.
    /// </summary>
    internal static class InFileExamples
    {
        public sealed record Run(CheckedExample Example, string File, Decision Decision)
        {
            public string Title => Example.Declaration.Title;

            /// <summary>Whether the trace shows the rule as applying ("applies") or not ("does not apply").</summary>
            public bool Traced(string ruleId, string how) => Decision.Trace.Any(t => t.Contains($"[{ruleId}] {how}"));
        }

        private static readonly System.Lazy<List<Run>> Loaded = new(() => Rules.Model.Examples.Select(e =>
        {
            var d = e.Declaration;
            var activity = Activity.Create(d.Activity.Text);
            foreach (var f in d.Facts) activity = activity.With(f.Fact.Text, Value(f.Value));
            if (e.Agreement != null && d.Facts.All(f => f.Fact.Text != "agreements")) activity = activity.With("agreements", new[] { e.Agreement.Id });
            var evidence = new Evidence(
                d.Consents.Select(c => new Consent(c.Party.Text, c.Written, c.Prior)).ToList(),
                d.Notifications.Select(n => new Notification(n.Party.Text, n.Written, n.Prior)).ToList());
            return new Run(e, d.Span.Path, Rules.Evaluate(activity, evidence));
        }).ToList());

        public static IReadOnlyList<Run> All => Loaded.Value;

        /// <summary>An example's value as a request gives it: masses in grams, lists as arrays of names.</summary>
        public static object? Value(Expr e) => e switch
        {
            NumberLiteral n => n.Unit == "kg" ? n.Value * 1000 : n.Value,
            BoolLiteral b => b.Value,
            NameExpr n => n.Text,
            StringLiteral s => s.Value,
            SetLiteral set => set.Items.Select(i => Value(i)!.ToString()!).ToArray(),
            _ => null,
        };

        /// <summary>An example documents a citation when its title begins with it (or, for "Art. 7, Annex B", with either part).</summary>
        public static bool Documents(ExampleDecl example, string citation) =>
            citation.Split(", ").Any(part => example.Title.StartsWith(part) &&
                                             (example.Title.Length == part.Length || example.Title[part.Length] is ':' or ' ' or ','));
    }
}
