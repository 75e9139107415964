using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AgreementRules.Compilation;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;
using AgreementRules.Tests.ShippedRules;
using CsCheck;
using static AgreementRules.Tests.Evaluation.IlDifferentialTests;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// Evaluation is a pure function of (rule set, activity, evidence): the answer, field by field, does not
    /// depend on what was evaluated before, on which thread, in which rule set instance, or on an evaluation
    /// running inside another (a host's lazy list that evaluates while it is enumerated).
    /// </summary>
    public class PureEvaluationTests
    {
        private static readonly string[] JpFrAndJpUs = { "JP-FR-1990", "JP-US-1988" };

        private static Activity Enrich(double enrichment) =>
            Activity.Create("enrich").With("agreements", JpFrAndJpUs).With("material", "uranium").With("enrichment", enrichment);

        /// <summary>The answer of a rule set built for this request alone, on a thread that has evaluated nothing.</summary>
        private static string Alone(Activity activity, Evidence evidence)
        {
            var rules = RulesCompiler.Build(Shipped.Rules.Model, new List<RulesDiagnostic>(), rulesSha256: Shipped.Rules.RulesSha256);
            return OnNewThread(() => Answer(rules, activity, evidence));
        }

        private static string Answer(RuleSet rules, Activity activity, Evidence evidence)
        {
            try { return Describe(rules.Evaluate(activity, evidence)); }
            catch (InvalidActivityException e) { return "invalid: " + e.Message; }
        }

        private static T OnNewThread<T>(Func<T> run)
        {
            T result = default!;
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try { result = run(); }
                catch (Exception e) { failure = e; }
            });
            thread.Start();
            thread.Join();
            if (failure != null) throw new InvalidOperationException("the evaluation failed on its thread", failure);
            return result;
        }

        [Fact]
        public void A_requirement_behind_an_undecided_prohibition_does_not_report_the_consents_of_the_request_before()
        {
            var rules = Shipped.Rules;
            // purpose unknown: JP-FR Art. 2's prohibition cannot decide, and it comes before JP-US Art. 6's consent.
            var unknownPurpose = Enrich(25).With("purpose", null);
            var expected = Alone(unknownPurpose, Evidence.None);
            OnNewThread(() =>
            {
                Assert.Equal(Outcome.Permitted, rules.Evaluate(Enrich(25), Evidence.None.WithConsent("JP").WithConsent("US")).Outcome);
                var after = rules.Evaluate(unknownPurpose, Evidence.None);
                Assert.Equal(Outcome.Undetermined, after.Outcome);
                var consent = Assert.Single(after.Requirements, r => r.RuleId == "jp-us-art6-20-or-more");
                Assert.False(consent.Satisfied);
                Assert.Null(consent.SatisfiedBy);
                Assert.Equal(expected, Describe(after));
                return 0;
            });
        }

        [Fact]
        public void A_requirement_the_evidence_meets_says_so_even_behind_an_undecided_prohibition()
        {
            var decision = OnNewThread(() => Shipped.Rules.Evaluate(Enrich(25).With("purpose", null), Evidence.None.WithConsent("JP").WithConsent("US")));
            Assert.Equal(Outcome.Undetermined, decision.Outcome);
            Assert.Equal(new[] { "purpose" }, decision.Missing);
            var consent = Assert.Single(decision.Requirements, r => r.RuleId == "jp-us-art6-20-or-more");
            Assert.True(consent.Satisfied);
            Assert.Equal("consent on record", consent.SatisfiedBy);
        }

        [Fact]
        public void A_lazy_list_that_evaluates_while_enumerated_does_not_change_the_outer_answer()
        {
            var rules = Shipped.Rules;
            string? inner = null;
            IEnumerable<object> AgreementsThatEvaluate()
            {
                inner = Describe(rules.Evaluate(Activity.Create("enrich").With("agreements", new[] { "JP-US-1988" })
                    .With("material", "uranium").With("enrichment", 3.0)));
                yield return "JP-US-1988";
            }
            // enrichment is bound before agreements: the nested request must not overwrite it.
            var outer = Activity.Create("enrich").With("material", "uranium").With("enrichment", 93.0).With("agreements", AgreementsThatEvaluate());
            var decision = rules.Evaluate(outer);
            Assert.Equal(Outcome.ConsentRequired, decision.Outcome);
            Assert.NotNull(inner);
            Assert.StartsWith("Permitted", inner);
            Assert.Equal(Alone(outer, Evidence.None), Describe(decision));
        }

        [Fact]
        public void An_activity_takes_a_snapshot_of_a_lazy_list_when_the_fact_is_set_so_no_host_code_runs_while_evaluating()
        {
            var enumerations = 0;
            IEnumerable<object> Agreements()
            {
                enumerations++;
                yield return "JP-US-1988";
            }
            var source = new List<object> { "JP-US-1988" };
            var activity = Activity.Create("enrich").With("material", "uranium").With("enrichment", 25.0).With("agreements", Agreements());
            Assert.Equal(1, enumerations);
            var fromList = Activity.Create("enrich").With("material", "uranium").With("enrichment", 25.0).With("agreements", source);
            source.Add("JP-FR-1990"); // changed after the fact was set: the activity keeps what it was given
            Shipped.Rules.Evaluate(activity);
            Shipped.Rules.Evaluate(activity);
            Assert.Equal(1, enumerations);
            Assert.Equal(new[] { "JP-US-1988" }, Shipped.Rules.Evaluate(fromList).Citations.Select(c => c.Substring(0, c.IndexOf(' '))).Distinct());
        }

        [Fact]
        public void A_scratch_rented_while_the_thread_s_own_is_out_is_another_one()
        {
            OnNewThread(() =>
            {
                var outer = EvaluationScratch.Rent();
                var nested = EvaluationScratch.Rent();
                Assert.NotSame(outer, nested);
                nested.Return();
                Assert.NotSame(outer, EvaluationScratch.Rent()); // still out
                outer.Return();
                Assert.Same(outer, EvaluationScratch.Rent()); // back: the thread reuses it
                return 0;
            });
        }

        /// <summary>The iterations for a property: <paramref name="n"/>, or CsCheck_Iter when set (to search harder, or to replay).</summary>
        private static long Iter(long n) => long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var iter) ? iter : n;

        private const int BatchSize = 25;

        [Fact]
        public void Answers_are_the_same_whatever_rule_set_instance_order_thread_or_nesting()
        {
            var model = Shipped.Rules.Model;
            // One rule set shared by every batch (and by the other tests running meanwhile): it moves to IL
            // after 100 evaluations of an activity, so it is compared with the closures of the fresh ones too.
            var shared = RulesCompiler.Build(model, new List<RulesDiagnostic>(), rulesSha256: Shipped.Rules.RulesSha256);
            var nested = 0;
            var undetermined = 0;
            Gen.Int[0, int.MaxValue].Sample(seed =>
            {
                var generator = new RequestGenerator(model, seed);
                var batch = Enumerable.Range(0, BatchSize).Select(_ => generator.Next()).ToArray();
                var expected = batch.Select(r => Alone(r.Item1, r.Item2)).ToArray();
                undetermined += expected.Count(e => e.StartsWith("Undetermined", StringComparison.Ordinal));

                void Check(string how, int i, string actual) =>
                    Assert.True(expected[i] == actual, $"{how}, request {i}: {batch[i].Item1}\nalone:\n{expected[i]}\n{how}:\n{actual}");

                // In order and in reverse, on this thread.
                for (var i = 0; i < batch.Length; i++) Check("in order", i, Answer(shared, batch[i].Item1, batch[i].Item2));
                for (var i = batch.Length - 1; i >= 0; i--) Check("in reverse", i, Answer(shared, batch[i].Item1, batch[i].Item2));

                // On four threads at once, each starting at a different place.
                var answers = new string[4, batch.Length];
                var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
                {
                    for (var k = 0; k < batch.Length; k++)
                    {
                        var i = (k + t * 7) % batch.Length;
                        answers[t, i] = Answer(shared, batch[i].Item1, batch[i].Item2);
                    }
                })).ToArray();
                foreach (var thread in threads) thread.Start();
                foreach (var thread in threads) thread.Join();
                for (var t = 0; t < 4; t++)
                    for (var i = 0; i < batch.Length; i++) Check($"thread {t}", i, answers[t, i]);

                // Nested: request i+1 evaluated from inside the enumeration of each list fact of request i.
                for (var i = 0; i < batch.Length; i++)
                {
                    var next = (i + 1) % batch.Length;
                    var outer = Activity.Create(batch[i].Item1.Kind);
                    foreach (var fact in batch[i].Item1.Facts)
                        outer = outer.With(fact.Key, fact.Value is string[] list
                            ? Evaluating(list, () => { nested++; Check("nested inside another", next, Answer(shared, batch[next].Item1, batch[next].Item2)); })
                            : fact.Value);
                    Check("with another nested inside", i, Answer(shared, outer, batch[i].Item2));
                }
            }, iter: Iter(80), threads: 1);
            // The comparisons mean something only if evaluations did nest and the requests reach undecided rules.
            Assert.True(nested > Iter(80) * BatchSize / 4, $"only {nested} nested evaluations");
            Assert.True(undetermined > Iter(80) * BatchSize / 10, $"only {undetermined} undetermined answers");
        }

        /// <summary>
        /// <see cref="Decision.Derived"/> is computed when first read, not when the decision is taken: read later, after
        /// other evaluations, on other threads at once, or from inside another evaluation, it holds what a decision
        /// read at once in a rule set of its own holds, and every read returns the same dictionary; so do the derived
        /// facts computed during the evaluation (<see cref="RuleSet.WithEagerDerivedFacts"/>).
        /// </summary>
        [Fact]
        public void Derived_facts_read_later_elsewhere_or_nested_are_those_of_the_evaluation()
        {
            var model = Shipped.Rules.Model;
            var shared = RulesCompiler.Build(model, new List<RulesDiagnostic>(), rulesSha256: Shipped.Rules.RulesSha256);
            var eager = shared.WithEagerDerivedFacts();
            var derivedRead = 0;
            Gen.Int[0, int.MaxValue].Sample(seed =>
            {
                var generator = new RequestGenerator(model, seed);
                var batch = Enumerable.Range(0, BatchSize).Select(_ => generator.Next()).ToArray();
                var expected = batch.Select(r => Alone(r.Item1, r.Item2)).ToArray();
                var decisions = new Decision?[batch.Length];
                for (var i = 0; i < batch.Length; i++)
                {
                    try { decisions[i] = shared.Evaluate(batch[i].Item1, batch[i].Item2); }
                    catch (InvalidActivityException) { }
                }
                // Others decided in between, on this thread and on the shared rule set.
                foreach (var (activity, evidence) in batch.Reverse()) Answer(shared, activity, evidence);

                // Read first on four threads at once, each starting at a different place.
                var seen = new IReadOnlyDictionary<string, object?>?[4, batch.Length];
                var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
                {
                    for (var k = 0; k < batch.Length; k++)
                    {
                        var i = (k + t * 7) % batch.Length;
                        seen[t, i] = decisions[i]?.Derived;
                    }
                })).ToArray();
                foreach (var thread in threads) thread.Start();
                foreach (var thread in threads) thread.Join();
                for (var i = 0; i < batch.Length; i++)
                {
                    if (decisions[i] is not { } decision) continue;
                    derivedRead += decision.Derived.Count;
                    for (var t = 0; t < 4; t++) Assert.Same(decision.Derived, seen[t, i]);
                    Assert.True(expected[i] == Describe(decision), $"read later, request {i}: {batch[i].Item1}\nalone:\n{expected[i]}\nlater:\n{Describe(decision)}");
                }

                // Read first while the thread's working state is out (as inside another evaluation: no host code runs
                // inside one, so the test holds it itself), then evaluate again with it.
                var again = batch.Select(r => { try { return shared.Evaluate(r.Item1, r.Item2); } catch (InvalidActivityException) { return null; } }).ToArray();
                for (var i = 0; i < batch.Length; i++)
                {
                    if (again[i] is not { } decision) continue;
                    var held = EvaluationScratch.Rent();
                    string readWhileHeld;
                    try { readWhileHeld = Describe(decision); }
                    finally { held.Return(); }
                    Assert.True(expected[i] == readWhileHeld, $"read while the thread's scratch is out, request {i}: {batch[i].Item1}\nalone:\n{expected[i]}\nread:\n{readWhileHeld}");
                    var next = (i + 1) % batch.Length;
                    Assert.True(expected[next] == Answer(shared, batch[next].Item1, batch[next].Item2), $"after a read while the scratch was out, request {next}");
                    // Derived at once, from what the evaluation computed (the command line's way): the same.
                    var now = Describe(eager.Evaluate(batch[i].Item1, batch[i].Item2));
                    Assert.True(expected[i] == now, $"derived at once, request {i}: {batch[i].Item1}\nalone:\n{expected[i]}\nat once:\n{now}");
                }
            }, iter: Iter(20), threads: 1);
            // The comparisons mean something only if the answers derived facts.
            Assert.True(derivedRead > Iter(20) * BatchSize * 5, $"only {derivedRead} derived facts read");
        }

        /// <summary>A host's lazy list: runs <paramref name="whileEnumerated"/> in the middle of being enumerated.</summary>
        private static IEnumerable<object> Evaluating(string[] items, Action whileEnumerated)
        {
            whileEnumerated();
            foreach (var item in items) yield return item;
        }
    }
}
