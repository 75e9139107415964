using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// Issue 11, item 10: the guard styles real code writes, each correctly guarded, must raise nothing. One
    /// member per style, so a failure names the style. The bypass twins of the styles the analysis reads are
    /// in AGR1001UnguardedRegulatedCallTests and GuardHelperTests; <see cref="Every_style_with_its_guard_removed_is_flagged"/>
    /// checks that each style here is a guard at all, by removing it.
    /// </summary>
    public class GuardedStylesTests
    {
        private const string Reprocess = "rules.Evaluate(Activity.Create(\"reprocess\"))";

        /// <summary>Style name → members of a class with <c>rules</c>, <c>line</c>, <c>batch</c>es in scope.</summary>
        public static readonly Dictionary<string, string> Styles = new()
        {
            ["if_IsPermitted"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.IsPermitted) line.Run(batch); }
                """,
            ["if_IsPermitted_block"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.IsPermitted) { Log("go"); line.Run(batch); Log("done"); } }
                """,
            ["early_return"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (!d.IsPermitted) return; line.Run(batch); }
                """,
            ["guard_clause_throw"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (!d.IsPermitted) throw new InvalidOperationException(d.ToString()); line.Run(batch); }
                """,
            ["ThrowIfNotPermitted"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; d.ThrowIfNotPermitted(); line.Run(batch); }
                """,
            ["ThrowIfNotPermitted_inline"] = $$"""
                public void M(Batch batch) { {{Reprocess}}.ThrowIfNotPermitted(); line.Run(batch); }
                """,
            ["else_branch_of_not_permitted"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (!d.IsPermitted) Log("refused"); else line.Run(batch); }
                """,
            ["property_pattern"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d is { IsPermitted: true }) line.Run(batch); }
                """,
            ["outcome_equals"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.Outcome == Outcome.Permitted) line.Run(batch); }
                """,
            ["outcome_is_pattern"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.Outcome is Outcome.Permitted) line.Run(batch); }
                """,
            ["outcome_not_pattern_return"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.Outcome is not Outcome.Permitted) return; line.Run(batch); }
                """,
            ["IsPermitted_equals_true"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.IsPermitted == true) line.Run(batch); }
                """,
            ["and_chain"] = $$"""
                public void M(Batch batch, bool ready) { var d = {{Reprocess}}; if (ready && d.IsPermitted && batch != null) line.Run(batch); }
                """,
            ["or_chain_early_return"] = $$"""
                public void M(Batch batch, bool stop) { var d = {{Reprocess}}; if (stop || !d.IsPermitted) return; line.Run(batch); }
                """,
            ["ternary"] = $$"""
                public bool M(Batch batch) { var d = {{Reprocess}}; return d.IsPermitted ? line.TryRun(batch) : false; }
                """,
            ["switch_expression"] = $$"""
                public bool M(Batch batch) { var d = {{Reprocess}}; return d.Outcome switch { Outcome.Permitted => line.TryRun(batch), _ => false }; }
                """,
            ["switch_statement"] = $$"""
                public void M(Batch batch)
                {
                    var d = {{Reprocess}};
                    switch (d.Outcome)
                    {
                        case Outcome.Permitted: line.Run(batch); break;
                        default: Log("refused"); break;
                    }
                }
                """,
            ["bool_local"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; var allowed = d.IsPermitted; if (allowed) line.Run(batch); }
                """,
            ["null_conditional"] = $$"""
                public void M(Batch batch, bool evaluate) { Decision? d = evaluate ? {{Reprocess}} : null; if (d?.IsPermitted == true) line.Run(batch); }
                """,
            ["null_coalescing_false"] = $$"""
                public void M(Batch batch, bool evaluate) { Decision? d = evaluate ? {{Reprocess}} : null; if (d?.IsPermitted ?? false) line.Run(batch); }
                """,
            ["activity_local_with_facts"] = """
                public void M(Batch batch)
                {
                    var activity = Activity.Create("reprocess").With("material", "plutonium").With("irradiated", true);
                    var d = rules.Evaluate(activity, Evidence.None.WithConsent("JP").WithConsent("US"));
                    if (d.IsPermitted) line.Run(batch);
                }
                """,
            ["bool_helper_expression_bodied"] = $$"""
                private static bool Allowed(Decision d) => d.IsPermitted;
                public void M(Batch batch) { var d = {{Reprocess}}; if (Allowed(d)) line.Run(batch); }
                """,
            ["bool_helper_return_statement"] = $$"""
                private static bool Allowed(Decision d) { return d.Outcome == Outcome.Permitted; }
                public void M(Batch batch) { var d = {{Reprocess}}; if (!Allowed(d)) return; line.Run(batch); }
                """,
            ["bool_extension_helper"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.Allows()) line.Run(batch); }
                """,
            ["decision_helper"] = """
                private Decision Decide(Batch b) => rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                public void M(Batch batch) { var d = Decide(batch); if (d.IsPermitted) line.Run(batch); }
                """,
            ["activity_helper"] = """
                private static Activity Reprocessing(string material) => Activity.Create("reprocess").With("material", material);
                public void M(Batch batch) { var d = rules.Evaluate(Reprocessing("plutonium")); if (d.IsPermitted) line.Run(batch); }
                """,
            ["require_helper"] = $$"""
                private static void Require(Decision d) => d.ThrowIfNotPermitted();
                public void M(Batch batch) { var d = {{Reprocess}}; Require(d); line.Run(batch); }
                """,
            ["require_helper_if_throw"] = $$"""
                private static void Require(Decision d) { if (!d.IsPermitted) throw new InvalidOperationException("refused"); }
                public void M(Batch batch) { var d = {{Reprocess}}; Require(d); line.Run(batch); }
                """,
            ["local_function_helper"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (Ok(d)) line.Run(batch); static bool Ok(Decision x) => x.IsPermitted; }
                """,
            ["local_function_called_under_guard"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.IsPermitted) Go(); void Go() => line.Run(batch); }
                """,
            ["lambda_created_under_guard"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.IsPermitted) { Action go = () => line.Run(batch); go(); } }
                """,
            ["async_after_await"] = $$"""
                public async Task M(Batch batch) { var d = {{Reprocess}}; if (!d.IsPermitted) return; await Task.Yield(); line.Run(batch); }
                """,
            ["async_evaluated_after_await"] = $$"""
                public async Task M(Batch batch) { await Task.Yield(); var d = {{Reprocess}}; if (d.IsPermitted) line.Run(batch); }
                """,
            ["foreach_each_checked"] = """
                public void M(List<Batch> batches)
                {
                    foreach (var batch in batches)
                    {
                        var d = rules.Evaluate(Activity.Create("reprocess").With("facility", batch.ToString()));
                        if (!d.IsPermitted) continue;
                        line.Run(batch);
                    }
                }
                """,
            ["for_checked_once_before"] = $$"""
                public void M(List<Batch> batches) { var d = {{Reprocess}}; if (!d.IsPermitted) return; for (var i = 0; i < batches.Count; i++) line.Run(batches[i]); }
                """,
            ["while_checked_in_body"] = $$"""
                public void M(Queue<Batch> queue) { while (queue.Count > 0) { var batch = queue.Dequeue(); var d = {{Reprocess}}; if (d.IsPermitted) line.Run(batch); } }
                """,
            ["try_finally"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; d.ThrowIfNotPermitted(); try { line.Run(batch); } finally { Log("done"); } }
                """,
            ["try_catch_refusal"] = $$"""
                public void M(Batch batch) { try { {{Reprocess}}.ThrowIfNotPermitted(); line.Run(batch); } catch (ActivityNotPermittedException e) { Log(e.Message); } }
                """,
            ["using_block_inside_guard"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (!d.IsPermitted) return; using (new System.IO.MemoryStream()) line.Run(batch); }
                """,
            ["regulated_caller"] = """
                [Regulated("reprocess")] public void M(Batch batch) => line.Run(batch);
                """,
            ["regulated_local_function"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; if (d.IsPermitted) Go(); [Regulated("reprocess")] void Go() => line.Run(batch); }
                """,
            ["property_setter_under_guard"] = """
                public void M(Vault vault) { var d = rules.Evaluate(Activity.Create("store")); if (d.IsPermitted) vault.Capacity = 3; }
                """,
            ["constructor_under_guard"] = $$"""
                public Reactor? M() { var d = {{Reprocess}}; return d.IsPermitted ? new Reactor() : null; }
                """,
            ["two_activities_two_decisions"] = $$"""
                public void M(Batch batch)
                {
                    var reprocess = {{Reprocess}};
                    var enrich = rules.Evaluate(Activity.Create("enrich"));
                    if (reprocess.IsPermitted && enrich.IsPermitted) { line.Run(batch); cascade.Run(batch); }
                }
                """,
            ["permit_scope_using_declaration"] = $$"""
                public void M(Batch batch) { var d = {{Reprocess}}; using var permit = d.Permit(); line.Run(batch); }
                """,
            ["permit_scope_using_block"] = $$"""
                public void M(Batch batch) { using ({{Reprocess}}.Permit()) { line.Run(batch); } }
                """,
            ["goto_free_nested_ifs"] = $$"""
                public void M(Batch batch, bool a)
                {
                    var d = {{Reprocess}};
                    if (a) { if (!d.IsPermitted) return; } else { d.ThrowIfNotPermitted(); }
                    line.Run(batch);
                }
                """,
        };

        public static IEnumerable<object[]> StyleNames() => Styles.Keys.Select(k => new object[] { k });

        private static string Source(string members) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using AgreementRules;

            public static class DecisionExtensions
            {
                public static bool Allows(this Decision decision) => decision.IsPermitted;
            }

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();
                private readonly Cascade cascade = new Cascade();
                private static void Log(string text) => Console.WriteLine(text);
            {{members}}
            }
            """;

        [Fact]
        public void There_are_at_least_thirty_styles() => Assert.True(Styles.Count >= 30, $"{Styles.Count} styles");

        [Theory]
        [MemberData(nameof(StyleNames))]
        public Task Guarded_style_raises_nothing(string style) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>(Source(Styles[style]));

        /// <summary>
        /// The same member with every decision about "reprocess" or "enrich" replaced by one about "store" (and, for
        /// the regulated caller, the attribute removed): now each regulated call there is unguarded. Proves each style
        /// above is clean because of its guard, not because the analysis does not see the call.
        /// </summary>
        [Theory]
        [MemberData(nameof(StyleNames))]
        public async Task Every_style_with_its_guard_removed_is_flagged(string style)
        {
            if (style == "property_setter_under_guard") return; // guarded by a "store" decision: swapped the other way below
            var members = Styles[style]
                .Replace("Activity.Create(\"reprocess\")", "Activity.Create(\"store\")")
                .Replace("Activity.Create(\"enrich\")", "Activity.Create(\"store\")")
                .Replace("[Regulated(\"reprocess\")] ", "");
            var diagnostics = await Diagnostics(Source(members));
            Assert.Contains(diagnostics, id => id == DiagnosticIds.UnguardedRegulatedCall);
        }

        [Fact]
        public async Task Property_setter_style_with_its_guard_removed_is_flagged()
        {
            var members = Styles["property_setter_under_guard"].Replace("Activity.Create(\"store\")", "Activity.Create(\"enrich\")");
            Assert.Contains(await Diagnostics(Source(members)), id => id == DiagnosticIds.UnguardedRegulatedCall);
        }

        private static async Task<IReadOnlyList<string>> Diagnostics(string source)
        {
            var diagnostics = await Verify.Run<UnguardedRegulatedUseAnalyzer>(source);
            return diagnostics.Select(d => d.Id).ToList();
        }
    }
}
