using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Cli.Json;

namespace AgreementRules.Tests.ShippedRules
{
    /// <summary>
    /// The repository's rules/ loaded once, and requests written exactly as integrators send them
    /// (shared/spec/activity-json.md), read by the command line's own request reader.
    /// </summary>
    internal static class Shipped
    {
        private static readonly Lazy<RuleSet> Loaded = new(() => RuleSet.Load(TestRules.ShippedRules));

        public static RuleSet Rules => Loaded.Value;

        public static Decision Ask(string json)
        {
            var request = RequestReader.Read(json);
            Assert.True(request.Error == null, $"the request is not valid: {request.Error}");
            return Rules.Evaluate(request.Activity!, request.Evidence);
        }

        /// <summary>Asks and checks the decision and, when given, exactly the citations that decided it.</summary>
        public static Decision Expect(string json, string decision, params string[] citations)
        {
            var d = Ask(json);
            Assert.True(decision == AgreementRules.Semantics.DecisionNames.Of(d.Outcome),
                $"expected {decision}, got {AgreementRules.Semantics.DecisionNames.Of(d.Outcome)} ({string.Join("; ", d.Citations)}); " +
                $"missing: {string.Join(", ", d.Missing)}\n{string.Join("\n", d.Trace)}");
            if (citations.Length > 0) Assert.Equal(citations.OrderBy(c => c, StringComparer.Ordinal), d.Citations.OrderBy(c => c, StringComparer.Ordinal));
            return d;
        }

        public static object? Derived(this Decision d, string name) => d.Derived.TryGetValue(name, out var v) ? v : null;

        public static IReadOnlyList<string> Advisories(this Decision d) => d.Advisories;
    }
}
