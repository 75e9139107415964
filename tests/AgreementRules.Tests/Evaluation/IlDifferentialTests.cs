using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgreementRules.Compilation;
using AgreementRules.Semantics;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// The two evaluation back ends (closures, and IL compiled from the same checked model) must give the
    /// same decisions: outcome, requirements, citations, missing facts, trace, derived facts, advisories.
    /// Random requests over the shipped rules, most of them with facts left out (undetermined answers and
    /// their missing facts are where the order of reads shows), checked field by field.
    /// </summary>
    public class IlDifferentialTests
    {
        private static readonly Lazy<(RuleSet closures, RuleSet il)> Loaded = new(() =>
        {
            var sources = RuleSet.ReadSources(TestRules.ShippedRules);
            return (RulesCompiler.Compile(sources, runExamples: true, EvaluationTiering.ClosuresOnly).RuleSet!,
                RulesCompiler.Compile(sources, runExamples: true, EvaluationTiering.IlAtOnce).RuleSet!);
        });

        [Fact]
        public void Random_requests_over_the_shipped_rules_get_the_same_decision_from_closures_and_from_IL()
        {
            var (closures, il) = Loaded.Value;
            var generator = new RequestGenerator(closures.Model, seed: 20261126);
            var undetermined = 0;
            for (var i = 0; i < 6000; i++)
            {
                var (activity, evidence) = generator.Next();
                var expected = Describe(closures.Evaluate(activity, evidence));
                var actual = Describe(il.Evaluate(activity, evidence));
                Assert.True(expected == actual, $"request {i}: {activity}\nclosures:\n{expected}\nIL:\n{actual}");
                if (expected.StartsWith("Undetermined", StringComparison.Ordinal)) undetermined++;
            }
            // The comparison means something only if IL did run, and the requests reach undecided rules.
            foreach (var activity in closures.Activities) Assert.False(closures.RunsIl(activity));
            foreach (var activity in il.Model.Rules.Select(r => r.Activity).Distinct()) Assert.True(il.RunsIl(activity), activity);
            Assert.InRange(undetermined, 600, 5400);
        }

        [Fact]
        public void Evaluation_moves_to_IL_only_after_the_threshold_and_examples_do_not_count()
        {
            // Loading ran every in-file example (hundreds of evaluations): none counted.
            var rules = RulesCompiler.Compile(RuleSet.ReadSources(TestRules.ShippedRules)).RuleSet!;
            Assert.False(rules.RunsIl("enrich"));
            var request = Activity.Create("enrich").With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", 3.0);
            var first = Describe(rules.Evaluate(request));
            for (var i = 1; i < EvaluationTiering.Default.After; i++) rules.Evaluate(request);
            Assert.False(rules.RunsIl("enrich"));
            Assert.Equal(first, Describe(rules.Evaluate(request)));
            Assert.True(rules.RunsIl("enrich"));
            Assert.False(rules.RunsIl("reprocess")); // per activity
            Assert.Equal(first, Describe(rules.Evaluate(request)));
        }

        /// <summary>
        /// Every shape the language has: given, case, arithmetic, 'has', 'in' on a text fact and on a set written in place, not, '!=',
        /// constants on the left, division by zero (unknown), comparisons of two facts.
        /// </summary>
        internal const string EveryShape = """
            type party = enum { JP, US }
            activity use
            fact agreements : list of text
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            fact quantity : number g
            fact limit : number g
            fact facility : text
            fact tags : list of enum { a, b, c }
            fact flag : bool
            agreement T { parties JP, US }
            set sites = { s1, s2 }
            define grams = quantity * enrichment
            define ratio = quantity / limit
            define band = case
              when not (quantity is given) then "none"
              when quantity > 10 kg then "big"
              else "small"
            end
            define odd = facility in { x, y } or tags has b or 20 % <= enrichment
            rule r1 cites "1" on use when band == "big" and grams >= 1 kg then requires consent of JP
            rule r2 cites "2" on use when facility in sites and not flag then permitted
            rule r3 cites "3" on use when ratio > 1 or quantity + limit - 5 g > limit then prohibited
            rule r4 cites "4" on use when odd and material != plutonium and "uranium" == material then requires consent of US
            rule r5 cites "5" on use when quantity < limit then permitted
            """;

        [Fact]
        public void Every_shape_the_language_has_compiles_to_IL_with_the_closures_answers()
        {
            var closures = RulesCompiler.Compile(new[] { new RulesSource("shapes.rules", EveryShape) }, false, EvaluationTiering.ClosuresOnly);
            Assert.False(closures.HasErrors, string.Join("\n", closures.Diagnostics));
            var il = RulesCompiler.Compile(new[] { new RulesSource("shapes.rules", EveryShape) }, false, EvaluationTiering.IlAtOnce).RuleSet!;
            var random = new Random(7);
            object?[] quantities = { null, 0.0, 4.0, 5000.0, 10000.0, 20000.0 };
            for (var i = 0; i < 2000; i++)
            {
                var activity = Activity.Create("use").With("agreements", new[] { "T" });
                if (random.Next(3) > 0) activity = activity.With("quantity", quantities[random.Next(quantities.Length)]);
                if (random.Next(3) > 0) activity = activity.With("limit", quantities[random.Next(quantities.Length)]);
                if (random.Next(3) > 0) activity = activity.With("enrichment", new[] { 0.0, 3.0, 20.0, 90.0 }[random.Next(4)]);
                if (random.Next(3) > 0) activity = activity.With("material", random.Next(2) == 0 ? "uranium" : "plutonium");
                if (random.Next(3) > 0) activity = activity.With("facility", new[] { "s1", "s2", "x", "z" }[random.Next(4)]);
                if (random.Next(3) > 0) activity = activity.With("tags", new[] { "a", "b", "c" }.Where(_ => random.Next(2) == 0).ToArray());
                if (random.Next(3) > 0) activity = activity.With("flag", random.Next(2) == 0);
                var evidence = random.Next(2) == 0 ? Evidence.None : Evidence.None.WithConsent("JP");
                Assert.Equal(Describe(closures.RuleSet!.Evaluate(activity, evidence)), Describe(il.Evaluate(activity, evidence)));
            }
            Assert.True(il.RunsIl("use"));
        }

        /// <summary>Everything a decision says, in one text, so that two decisions compare field by field.</summary>
        internal static string Describe(Decision d)
        {
            var text = new StringBuilder();
            text.Append(d.Outcome).Append(" of ").Append(d.Activity).Append('\n');
            text.Append("rules ").Append(d.RulesSha256).Append('\n'); // an emitted answer once carried an empty hash unseen
            foreach (var r in d.Requirements)
                text.Append("requirement ").Append(r.Kind).Append(' ').Append(string.Join(",", r.Parties)).Append(' ').Append(r.Satisfied)
                    .Append(' ').Append(r.SatisfiedBy).Append(' ').Append(r.Citation).Append(' ').Append(r.RuleId)
                    .Append(string.Concat(r.Alternatives.Select(a => $" or {a.Kind} {string.Join(",", a.Parties)} written={a.Written}"))).Append('\n');
            text.Append("citations ").Append(string.Join("; ", d.Citations)).Append('\n');
            text.Append("missing ").Append(string.Join(", ", d.Missing)).Append('\n');
            foreach (var line in d.Trace) text.Append("trace ").Append(line).Append('\n');
            foreach (var pair in d.Derived)
                text.Append("derived ").Append(pair.Key).Append(" = ").Append(Convert.ToString(pair.Value, CultureInfo.InvariantCulture))
                    .Append(" (").Append(pair.Value?.GetType().Name).Append(")\n");
            foreach (var a in d.Advisories) text.Append("advisory ").Append(a).Append('\n');
            return text.ToString();
        }

        /// <summary>Requests over a model's vocabulary: each fact given or left out at random, values near the rules' thresholds.</summary>
        internal sealed class RequestGenerator
        {
            private static readonly double[] Numbers = { 0, 0.5, 0.711, 1, 3, 3.5, 10, 15, 19.99, 20, 25, 90, 100, 499, 500, 501, 1000, 2000, 5000, 10_000, 1_000_000 };
            private readonly CheckedModel model;
            private readonly Random random;
            private readonly string[] texts;
            private readonly string[] parties;

            public RequestGenerator(CheckedModel model, int seed)
            {
                this.model = model;
                random = new Random(seed);
                texts = model.Symbols.DataSets.Values.SelectMany(s => s.Members).Concat(new[] { "JP", "US", "FR", "GB", "elsewhere" }).Distinct().ToArray();
                // The agreements' parties: evidence naming one no agreement names is refused (UnknownEvidencePartyTests).
                parties = model.Symbols.Agreements.Values.SelectMany(a => a.Parties).Distinct().ToArray();
            }

            public (Activity, Evidence) Next()
            {
                var activities = model.Symbols.Activities.Keys.ToArray();
                var activity = Activity.Create(activities[random.Next(activities.Length)]);
                foreach (var fact in model.Symbols.FactsBySlot)
                {
                    if (random.Next(100) < 45) continue; // left out: unknown, or its default
                    activity = activity.With(fact.Name, Pick(fact));
                }
                var evidence = Evidence.None;
                foreach (var party in parties)
                {
                    if (random.Next(3) == 0) evidence = evidence.WithConsent(party, written: random.Next(4) > 0, prior: random.Next(6) > 0);
                    if (random.Next(3) == 0) evidence = evidence.WithNotification(party, written: random.Next(4) > 0, prior: random.Next(6) > 0);
                }
                return (activity, evidence);
            }

            private object? Pick(FactSymbol fact)
            {
                if (random.Next(20) == 0) return null;
                switch (fact.Type)
                {
                    case var t when t == RuleType.Bool: return random.Next(2) == 0;
                    case NumberType n:
                        var candidates = n.Dimension == Dimension.Percent ? Numbers.Where(x => x <= 100).ToArray() : Numbers;
                        return candidates[random.Next(candidates.Length)];
                    case EnumType e: return e.Values[random.Next(e.Values.Count)];
                    case ListType { Element: EnumType le }: return le.Values.Where(_ => random.Next(2) == 0).ToArray();
                    case ListType when fact.Name == Checker.AgreementsFact:
                        var ids = model.Symbols.Agreements.Keys.ToArray();
                        // Mostly one agreement (as integrators send), sometimes several or none.
                        return random.Next(4) == 0 ? ids.Where(_ => random.Next(2) == 0).ToArray() : new[] { ids[random.Next(ids.Length)] };
                    case ListType: return texts.Where(_ => random.Next(4) == 0).ToArray();
                    default: return texts[random.Next(texts.Length)];
                }
            }
        }
    }
}
