using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// AGR1001: every guard form builds clean; every bypass fails at the call. Each form has a flagged and a
    /// clean variant. Where a write to the decision cannot be followed the answer is AGR1007 (cannot decide),
    /// never silence.
    /// </summary>
    public class AGR1001UnguardedRegulatedCallTests
    {
        internal static Task Check(string body, string members = "") => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using AgreementRules;

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();
                private readonly Cascade cascade = new Cascade();
                private readonly Vault vault = new Vault();

                public async Task Work(Batch batch, bool flag, int n, List<Batch> batches)
                {
                    await Task.CompletedTask;
            {{body}}
                }
            {{members}}
            }
            """);

        // ---- the four guard forms ----

        [Fact]
        public Task If_IsPermitted_guards_the_call() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    if (decision.IsPermitted) line.Run(batch);
            """);

        [Fact]
        public Task No_check_at_all_is_flagged() => Check("""
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Early_return_when_not_permitted_guards_the_rest() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) return;
                    line.Run(batch);
            """);

        [Fact]
        public Task Throw_when_not_permitted_guards_the_rest() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) throw new InvalidOperationException("no");
                    line.Run(batch);
            """);

        [Fact]
        public Task Throw_when_permitted_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) throw new InvalidOperationException("inverted");
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Not_permitted_branch_that_falls_through_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) Console.WriteLine("not permitted");
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task ThrowIfNotPermitted_guards_what_follows() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision.ThrowIfNotPermitted();
                    line.Run(batch);
                    rules.Evaluate(Activity.Create("enrich")).ThrowIfNotPermitted();
                    cascade.Run(batch);
            """);

        [Fact]
        public Task ThrowIfNotPermitted_after_the_call_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    {|AGR1001:line.Run(batch)|};
                    decision.ThrowIfNotPermitted();
            """);

        [Fact]
        public Task ThrowIfNotPermitted_whose_exception_is_swallowed_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    try { decision.ThrowIfNotPermitted(); }
                    catch (ActivityNotPermittedException) { Console.WriteLine("refused"); }
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task A_member_regulated_for_the_same_activity_moves_the_duty_to_its_callers() => Check("", """
                [Regulated("reprocess")]
                public void Reprocess(Batch batch) => line.Run(batch);
            """);

        [Fact]
        public Task A_member_regulated_for_another_activity_is_flagged() => Check("", """
                [Regulated("enrich")]
                public void Reprocess(Batch batch) => {|AGR1001:line.Run(batch)|};
            """);

        // ---- bypasses ----

        [Fact]
        public Task Ignored_result_is_flagged() => Check("""
                    rules.Evaluate(Activity.Create("reprocess"));
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Call_in_the_else_branch_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) Console.WriteLine("ok");
                    else {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Call_under_not_IsPermitted_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Check_after_the_call_is_flagged() => Check("""
                    {|AGR1001:line.Run(batch)|};
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) throw new InvalidOperationException();
            """);

        [Fact]
        public Task Decision_about_another_activity_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_reassigned_to_another_activity_before_the_check_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    decision = rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted) {|AGR1001:line.Run(batch)|};
            """);

        // ---- what the decision is about: locals, and writes the analysis cannot follow ----

        [Fact]
        public Task Activity_built_in_a_local_is_followed() => Check("""
                    var activity = Activity.Create("reprocess").With("material", "plutonium");
                    activity = activity.With("irradiated", true);
                    var decision = rules.Evaluate(activity, Evidence.None.WithConsent("JP"));
                    if (decision.IsPermitted) line.Run(batch);
            """);


        [Fact]
        public Task Decision_replaced_through_ref_or_out_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    Replace(ref decision);
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
            """, """
                private void Replace(ref Decision decision) => decision = rules.Evaluate(Activity.Create("enrich"));
            """);

        [Fact]
        public Task Decision_replaced_by_deconstruction_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    (decision, n) = (rules.Evaluate(Activity.Create("enrich")), 1);
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_replaced_through_a_ref_local_is_not_trusted() => Check("", """
                public void Alias(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    ref var alias = ref decision;
                    alias = rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Decision_chosen_by_a_conditional_is_about_both_activities() => Check("""
                    var decision = flag ? rules.Evaluate(Activity.Create("reprocess")) : rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted) {|AGR1001:line.Run(batch)|};
                    var same = flag ? rules.Evaluate(Activity.Create("reprocess")) : rules.Evaluate(Activity.Create("reprocess").With("quantity", 1));
                    if (same.IsPermitted) line.Run(batch);
            """);

        // ---- conditions: ==, !=, &&, || ----

        [Fact]
        public Task Evaluate_inline_in_the_condition_guards() => Check("""
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) line.Run(batch);
            """);

        [Fact]
        public Task Outcome_equals_Permitted_guards_and_not_equals_does_not() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.Outcome == Outcome.Permitted) line.Run(batch);
                    if (decision.Outcome != Outcome.Permitted) {|AGR1001:line.Run(batch)|};
                    if (decision.IsPermitted == true) line.Run(batch);
                    if (decision.IsPermitted == false) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task And_keeps_the_guard_or_loses_it() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (flag && decision.IsPermitted) line.Run(batch);
                    if (decision.IsPermitted || flag) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Or_in_an_early_return_keeps_the_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted || flag) return;
                    line.Run(batch);
                    if (!(flag || !decision.IsPermitted)) line.Run(batch);
            """);

        [Fact]
        public Task And_in_an_early_return_loses_the_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted && flag) return;
                    {|AGR1001:line.Run(batch)|};
                    if (flag || decision.IsPermitted) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Short_circuit_in_a_condition_with_the_call_on_the_right() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var ran = decision.IsPermitted && line.TryRun(batch);
                    var skipped = !decision.IsPermitted || line.TryRun(batch);
                    var wrong = decision.IsPermitted || {|AGR1001:line.TryRun(batch)|};
                    var wrongToo = !decision.IsPermitted && {|AGR1001:line.TryRun(batch)|};
            """);

        [Fact]
        public Task Two_activities_need_two_decisions() => Check("""
                    var reprocess = rules.Evaluate(Activity.Create("reprocess"));
                    var enrich = rules.Evaluate(Activity.Create("enrich"));
                    if (reprocess.IsPermitted && enrich.IsPermitted)
                    {
                        line.Run(batch);
                        cascade.Run(batch);
                    }
                    if (reprocess.IsPermitted)
                    {
                        line.Run(batch);
                        {|AGR1001:cascade.Run(batch)|};
                    }
            """);

        [Fact]
        public Task Guard_on_one_path_only_is_flagged_after_the_join() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (flag)
                    {
                        if (!decision.IsPermitted) return;
                    }
                    {|AGR1001:line.Run(batch)|};
            """);


        // ---- property patterns ----

        [Fact]
        public Task Property_pattern_IsPermitted_true_guards() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision is { IsPermitted: true }) line.Run(batch);
                    if (decision is { Outcome: Outcome.Permitted }) line.Run(batch);
                    if (rules.Evaluate(Activity.Create("enrich")) is { IsPermitted: true } enrich) cascade.Run(batch);
                    if (decision is not { IsPermitted: true }) return;
                    line.Run(batch);
            """);

        [Fact]
        public Task Property_pattern_that_does_not_mean_permitted_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision is { IsPermitted: false }) {|AGR1001:line.Run(batch)|};
                    if (decision is not { IsPermitted: true }) {|AGR1001:line.Run(batch)|};
                    if (decision is { IsPermitted: true } or { Outcome: Outcome.ConsentRequired }) {|AGR1001:line.Run(batch)|};
                    if (decision is { Outcome: Outcome.ConsentRequired }) {|AGR1001:line.Run(batch)|};
                    if (rules.Evaluate(Activity.Create("enrich")) is { IsPermitted: true }) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Property_pattern_combined_with_and_guards() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision is { IsPermitted: true } and { Missing.Count: 0 }) line.Run(batch);
            """);

        // ---- conditional access on the decision ----

        [Fact]
        public Task Conditional_access_on_the_decision_compared_with_true_guards() => Check("""
                    Decision? decision = flag ? rules.Evaluate(Activity.Create("reprocess")) : null;
                    if (decision?.IsPermitted == true) line.Run(batch);
                    if (decision?.IsPermitted ?? false) line.Run(batch);
                    if (decision?.IsPermitted != true) return;
                    line.Run(batch);
            """);

        [Fact]
        public Task Conditional_access_on_the_decision_that_lets_null_through_is_flagged() => Check("""
                    Decision? decision = flag ? rules.Evaluate(Activity.Create("reprocess")) : null;
                    if (decision?.IsPermitted != false) {|AGR1001:line.Run(batch)|};
                    if (decision?.IsPermitted ?? true) {|AGR1001:line.Run(batch)|};
                    if (decision?.IsPermitted == false) {|AGR1001:line.Run(batch)|};
                    if (decision?.IsPermitted == true) return;
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Default_outcome_is_Permitted_and_proves_nothing() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if ((flag ? decision.Outcome : default) == Outcome.Permitted) {|AGR1001:line.Run(batch)|};
                    if ((flag ? decision.Outcome : default(Outcome?)) == Outcome.Permitted) line.Run(batch);
                    if ((flag ? decision.IsPermitted : default) == true) line.Run(batch);
            """);

        // ---- loops ----

        [Fact]
        public Task Loop_evaluating_each_item_is_clean() => Check("""
                    foreach (var item in batches)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess").With("quantity", 10));
                        if (!decision.IsPermitted) continue;
                        line.Run(item);
                    }
                    for (var i = 0; i < n; i++)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (decision.IsPermitted) line.Run(batch);
                    }
            """);

        [Fact]
        public Task Loop_checking_after_the_first_call_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    while (n-- > 0)
                    {
                        {|AGR1001:line.Run(batch)|};
                        if (!decision.IsPermitted) break;
                    }
            """);

        [Fact]
        public Task Loop_that_breaks_out_when_not_permitted_guards_the_rest_of_its_body() => Check("""
                    do
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (!decision.IsPermitted) break;
                        line.Run(batch);
                    } while (n-- > 0);
            """);


        [Fact]
        public Task Loops_without_a_check_are_flagged() => Check("""
                    for (var i = 0; i < n; i++) {|AGR1001:line.Run(batch)|};
                    foreach (var item in batches) {|AGR1001:line.Run(item)|};
                    do {|AGR1001:line.Run(batch)|}; while (n-- > 0);
            """);

        [Fact]
        public Task Decision_outside_the_loop_guards_every_iteration() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) return;
                    foreach (var item in batches) line.Run(item);
                    while (n-- > 0) line.Run(batch);
                    var again = rules.Evaluate(Activity.Create("enrich"));
                    for (var i = 0; i < n; i++)
                    {
                        if (again.IsPermitted) cascade.Run(batch);
                    }
            """);

        [Fact]
        public Task Check_inside_the_loop_does_not_cover_the_code_after_it() => Check("""
                    foreach (var item in batches)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (!decision.IsPermitted) return;
                    }
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Loop_exiting_only_when_permitted_guards_the_code_after_it() => Check("""
                    while (true)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (decision.IsPermitted) break;
                    }
                    line.Run(batch);
            """);

        [Fact]
        public Task Decision_reassigned_to_another_activity_in_the_loop_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    foreach (var item in batches)
                    {
                        if (decision.IsPermitted) {|AGR1001:line.Run(item)|};
                        decision = rules.Evaluate(Activity.Create("enrich"));
                    }
            """);

        [Fact]
        public Task Decision_reassigned_to_the_same_activity_in_the_loop_is_clean() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    foreach (var item in batches)
                    {
                        if (decision.IsPermitted) line.Run(item);
                        decision = rules.Evaluate(Activity.Create("reprocess").With("quantity", 10));
                    }
            """);

        [Fact]
        public Task Activity_reassigned_in_the_loop_is_followed() => Check("""
                    var activity = Activity.Create("reprocess");
                    for (var i = 0; i < n; i++)
                    {
                        var decision = rules.Evaluate(activity);
                        if (decision.IsPermitted) {|AGR1001:line.Run(batch)|};
                        activity = Activity.Create("enrich");
                    }
            """);

        // ---- try / catch / finally ----

        [Fact]
        public Task Guard_before_try_covers_try_catch_and_finally() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) return;
                    try { line.Run(batch); }
                    catch (InvalidOperationException) { line.Run(batch); }
                    finally { line.Run(batch); }
            """);

        [Fact]
        public Task Guard_inside_try_does_not_cover_finally_or_catch() => Check("""
                    try
                    {
                        rules.Evaluate(Activity.Create("reprocess")).ThrowIfNotPermitted();
                        line.Run(batch);
                    }
                    catch (ActivityNotPermittedException) { {|AGR1001:line.Run(batch)|}; }
                    finally { {|AGR1001:line.Run(batch)|}; }
            """);

        [Fact]
        public Task Using_block_keeps_the_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    using (var stream = new System.IO.MemoryStream())
                    {
                        if (decision.IsPermitted) line.Run(batch);
                        {|AGR1001:line.Run(batch)|};
                    }
            """);


        [Fact]
        public Task Guard_inside_catch_or_finally_is_clean() => Check("""
                    try { Console.WriteLine("work"); }
                    catch (InvalidOperationException)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (!decision.IsPermitted) throw;
                        line.Run(batch);
                    }
                    finally
                    {
                        rules.Evaluate(Activity.Create("enrich")).ThrowIfNotPermitted();
                        cascade.Run(batch);
                    }
            """);

        [Fact]
        public Task Exception_filter_on_the_decision_guards_the_handler() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    try { Console.WriteLine("work"); }
                    catch (InvalidOperationException) when (decision.IsPermitted) { line.Run(batch); }
                    catch (ArgumentException) when (!decision.IsPermitted) { {|AGR1001:line.Run(batch)|}; }
            """);

        [Fact]
        public Task Decision_replaced_in_finally_is_flagged_after_it() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    try { Console.WriteLine("work"); }
                    finally { decision = rules.Evaluate(Activity.Create("enrich")); }
                    if (decision.IsPermitted) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_replaced_in_try_before_a_throw_is_flagged_in_catch() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    try
                    {
                        decision = rules.Evaluate(Activity.Create("enrich"));
                        Console.WriteLine("may throw");
                        decision = rules.Evaluate(Activity.Create("reprocess"));
                    }
                    catch (InvalidOperationException)
                    {
                        if (decision.IsPermitted) {|AGR1001:line.Run(batch)|};
                    }
            """);

        [Fact]
        public Task Check_in_finally_guards_what_follows() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    try { Console.WriteLine("work"); }
                    finally { decision.ThrowIfNotPermitted(); }
                    line.Run(batch);
            """);

        // ---- switch ----

        [Fact]
        public Task Switch_case_with_its_own_guard_is_clean_and_without_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    switch (n)
                    {
                        case 1:
                            if (decision.IsPermitted) line.Run(batch);
                            break;
                        case 2:
                            {|AGR1001:line.Run(batch)|};
                            break;
                    }
            """);

        [Fact]
        public Task Switch_on_the_outcome_guards_the_permitted_case_only() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    switch (decision.Outcome)
                    {
                        case Outcome.Permitted:
                            line.Run(batch);
                            break;
                        case Outcome.ConsentRequired:
                            {|AGR1001:line.Run(batch)|};
                            break;
                    }
            """);

        [Fact]
        public Task Switch_expression_arm_is_flagged_without_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var ran = n switch
                    {
                        1 => decision.IsPermitted && line.TryRun(batch),
                        _ => {|AGR1001:line.TryRun(batch)|},
                    };
            """);


        [Fact]
        public Task Switch_expression_on_the_decision_guards_the_permitted_arm_only() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var ran = decision switch
                    {
                        { IsPermitted: true } => line.TryRun(batch),
                        { Outcome: Outcome.ConsentRequired } => {|AGR1001:line.TryRun(batch)|},
                        _ => false,
                    };
                    var byOutcome = decision.Outcome switch
                    {
                        Outcome.Permitted => line.TryRun(batch),
                        Outcome.Prohibited => false,
                        _ => {|AGR1001:line.TryRun(batch)|},
                    };
            """);

        [Fact]
        public Task Switch_case_patterns_and_when_clauses() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    switch (decision)
                    {
                        case { IsPermitted: true }:
                            line.Run(batch);
                            break;
                        case { Outcome: Outcome.ConsentRequired }:
                            {|AGR1001:line.Run(batch)|};
                            break;
                    }
                    switch (n)
                    {
                        case 1 when decision.IsPermitted:
                            line.Run(batch);
                            break;
                        case 1:
                        default:
                            {|AGR1001:line.Run(batch)|};
                            break;
                    }
            """);

        // ---- local functions ----

        [Fact]
        public Task Local_function_called_under_a_guard_is_clean() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) Reprocess();
                    void Reprocess() => line.Run(batch);
            """);

        [Fact]
        public Task Local_function_called_without_a_guard_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) Reprocess();
                    Reprocess();
                    void Reprocess() => {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Local_function_that_checks_for_itself_is_clean() => Check("""
                    Reprocess(batch);
                    void Reprocess(Batch b)
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (decision.IsPermitted) line.Run(b);
                    }
            """);


        [Fact]
        public Task Local_function_turned_into_a_delegate_before_the_guard_is_flagged() => Check("""
                    Action run = Reprocess;
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) run();
                    void Reprocess() => {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_replaced_by_a_local_function_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    Replace();
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                    void Replace() => decision = rules.Evaluate(Activity.Create("enrich"));
            """);

        [Fact]
        public Task Static_and_recursive_local_functions() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) Repeat(line, batch, n);
                    static void Repeat(Line line, Batch batch, int times)
                    {
                        if (times == 0) return;
                        line.Run(batch);
                        Repeat(line, batch, times - 1);
                    }
                    Unguarded(line, batch);
                    static void Unguarded(Line line, Batch batch) => {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Regulated_local_function_moves_the_duty_to_its_callers() => Check("""
                    {|AGR1001:Reprocess()|};
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) Reprocess();
                    [Regulated("reprocess")] void Reprocess() => line.Run(batch);
            """);

        // ---- a bool local holding IsPermitted ----

        [Fact]
        public Task If_on_a_bool_local_of_IsPermitted_guards_the_call() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess").With("material", "plutonium"));
                    var allowed = decision.IsPermitted;
                    if (allowed) line.Run(batch);
                    if (!allowed) {|AGR1001:line.Run(batch)|};
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Early_return_on_a_bool_local_guards_the_rest() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var allowed = decision.IsPermitted;
                    if (!allowed) return;
                    line.Run(batch);
            """);

        [Fact]
        public Task Early_return_when_the_bool_local_is_true_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var allowed = decision.IsPermitted;
                    if (allowed) return;
                    {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_initialized_from_Evaluate_guards_the_call() => Check("""
                    bool allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    if (allowed) line.Run(batch);
                    bool? maybe = rules.Evaluate(Activity.Create("reprocess"))?.IsPermitted;
                    if (maybe == true) line.Run(batch);
                    if (maybe != false) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_copied_to_another_keeps_the_guard() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    var copy = allowed;
                    if (copy) line.Run(batch);
                    var inverted = !allowed;
                    if (inverted) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_reassigned_to_true_or_an_unknown_bool_is_flagged() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    allowed = true;
                    if (allowed) {|AGR1001:line.Run(batch)|};
                    allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    if (allowed) line.Run(batch);
                    allowed = flag;
                    if (allowed) {|AGR1001:line.Run(batch)|};
                    allowed = n > 3 || flag;
                    if (allowed) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_from_a_decision_about_another_activity_is_flagged() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("enrich")).IsPermitted;
                    if (allowed) {|AGR1001:line.Run(batch)|};
                    if (allowed) cascade.Run(batch);
            """);

        [Fact]
        public Task Bool_local_reassigned_on_one_branch_is_flagged() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    if (n > 3) allowed = true;
                    if (allowed) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_set_from_a_decision_on_both_branches_guards_the_call() => Check("""
                    bool allowed;
                    if (flag) allowed = rules.Evaluate(Activity.Create("reprocess").With("material", "uranium")).IsPermitted;
                    else allowed = false;
                    if (allowed) line.Run(batch);
                    if (!allowed) {|AGR1001:line.Run(batch)|};
                    if (n > 3) allowed = rules.Evaluate(Activity.Create("enrich")).IsPermitted;
                    if (allowed) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_and_another_condition_guards_the_true_branch() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    if (allowed && flag) line.Run(batch);
                    else {|AGR1001:line.Run(batch)|};
                    if (allowed || flag) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_written_in_a_finally() => Check("""
                    var allowed = false;
                    try { Console.WriteLine(); }
                    finally { allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted; }
                    if (allowed) line.Run(batch);
                    try { allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted; }
                    finally { if (flag) allowed = true; }
                    if (allowed) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_from_a_decision_about_an_unknown_activity_cannot_be_decided() => Check("""
                    var allowed = rules.Evaluate(Activity.Create(batch.ToString())).IsPermitted;
                    if (allowed) {|AGR1007:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_written_by_a_lambda_is_not_trusted() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    Action open = () => allowed = true;
                    open();
                    if (allowed) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Bool_local_written_by_a_local_function_is_not_trusted() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    Open();
                    if (allowed) {|AGR1001:line.Run(batch)|};
                    void Open() => allowed = true;
            """);

        [Fact]
        public Task Lambda_reading_a_bool_local_written_once_is_clean() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    Action run = () => { if (allowed) line.Run(batch); };
                    run();
            """);

        [Fact]
        public Task Lambda_reading_a_bool_local_written_again_later_is_flagged() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    Action run = () => { if (allowed) {|AGR1001:line.Run(batch)|}; };
                    allowed = flag;
                    run();
            """);

        [Fact]
        public Task Bool_local_passed_by_ref_or_out_is_not_trusted() => Check("""
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    Open(ref allowed);
                    if (allowed) {|AGR1001:line.Run(batch)|};
                    var checkedOut = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    Overwrite(out checkedOut);
                    if (checkedOut) {|AGR1001:line.Run(batch)|};
            """, """
                private static void Open(ref bool value) => value = true;
                private static void Overwrite(out bool value) => value = true;
                private void Aliased(Batch batch)
                {
                    var aliased = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    ref var alias = ref aliased;
                    alias = true;
                    if (aliased) {|AGR1001:line.Run(batch)|};
                }
                private void MadeRef(Batch batch)
                {
                    var aliased = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    var reference = __makeref(aliased);
                    __refvalue(reference, bool) = true;
                    if (aliased) {|AGR1001:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Bool_local_declared_by_a_pattern_is_not_trusted() => Check("""
                    object boxed = flag;
                    goto Set;
                    Test:
                    if (!(boxed is bool allowed)) return;
                    if (allowed) {|AGR1001:line.Run(batch)|};
                    return;
                    Set:
                    allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    goto Test;
            """);

        [Fact]
        public Task Decision_local_written_through_makeref_is_not_trusted() => Check("", """
                private void MadeRef(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var reference = __makeref(decision);
                    __refvalue(reference, Decision) = rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                }
            """);

        [Fact]
        public Task Local_written_through_a_ref_conditional_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    var other = decision;
                    (flag ? ref decision : ref other) = rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                    var allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    var no = false;
                    (flag ? ref allowed : ref no) = true;
                    if (allowed) {|AGR1001:line.Run(batch)|};
            """);

        [Fact]
        public Task Decision_local_declared_by_a_pattern_is_not_trusted() => Check("""
                    object boxed = rules.Evaluate(Activity.Create("enrich"));
                    goto Set;
                    Test:
                    if (!(boxed is Decision decision)) return;
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
                    return;
                    Set:
                    decision = rules.Evaluate(Activity.Create("reprocess"));
                    goto Test;
            """);

        [Fact]
        public Task Bool_local_in_a_loop() => Check("""
                    foreach (var b in batches)
                    {
                        var allowed = rules.Evaluate(Activity.Create("reprocess").With("batch", b.ToString())).IsPermitted;
                        if (!allowed) continue;
                        line.Run(b);
                    }
                    var granted = false;
                    for (var i = 0; i < n; i++)
                    {
                        granted = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                        if (granted) line.Run(batches[i]);
                    }
                    if (granted) line.Run(batch);
            """);

        [Fact]
        public Task Bool_local_in_a_loop_written_on_the_back_edge_is_flagged() => Check("""
                    var granted = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    foreach (var b in batches)
                    {
                        if (granted) {|AGR1001:line.Run(b)|};
                        granted = flag;
                    }
            """);

        // ---- lambdas ----

        [Fact]
        public Task Lambda_created_under_a_guard_is_clean() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) batches.ForEach(b => line.Run(b));
            """);

        [Fact]
        public Task Lambda_created_before_the_guard_is_flagged() => Check("""
                    Action run = () => {|AGR1001:line.Run(batch)|};
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) run();
            """);

        [Fact]
        public Task Lambda_that_checks_for_itself_is_clean() => Check("""
                    Func<Batch, bool> run = b =>
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        return decision.IsPermitted && line.TryRun(b);
                    };
                    run(batch);
            """);


        [Fact]
        public Task Lambda_reading_a_decision_replaced_after_it_was_created_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    Action run = () => { if (decision.IsPermitted) {|AGR1007:line.Run(batch)|}; };
                    decision = rules.Evaluate(Activity.Create("enrich"));
                    run();
            """);

        [Fact]
        public Task Lambda_reading_a_decision_that_never_changes_is_clean() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    Action run = () => { if (decision.IsPermitted) line.Run(batch); };
                    run();
            """);

        [Fact]
        public Task Decision_replaced_by_a_lambda_is_not_trusted() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    Action replace = () => decision = rules.Evaluate(Activity.Create("enrich"));
                    replace();
                    if (decision.IsPermitted) {|AGR1007:line.Run(batch)|};
            """);

        [Fact]
        public Task Async_lambda_keeps_the_guard_across_await() => Check("""
                    Func<Task> run = async () =>
                    {
                        var decision = rules.Evaluate(Activity.Create("reprocess"));
                        if (!decision.IsPermitted) return;
                        await Task.Yield();
                        line.Run(batch);
                    };
                    Func<Task> unguarded = async () =>
                    {
                        await Task.Yield();
                        {|AGR1001:line.Run(batch)|};
                    };
                    await run();
            """);

        [Fact]
        public Task Regulated_attribute_on_a_lambda_does_not_excuse_its_body() => Check("""
                    // A lambda escapes as a delegate: marking it [Regulated] would let anyone call it unchecked.
                    Action run = [Regulated("reprocess")] () => {|AGR1001:line.Run(batch)|};
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) { Action guarded = [Regulated("reprocess")] () => line.Run(batch); }
            """);

        [Fact]
        public Task Expression_tree_lambda_is_checked_like_a_lambda() => Check("""
                    System.Linq.Expressions.Expression<Action> tree = () => {|AGR1001:line.Run(batch)|};
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) tree = () => line.Run(batch);
            """);

        // ---- async ----

        [Fact]
        public Task Await_between_guard_and_call_keeps_the_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (!decision.IsPermitted) return;
                    await Task.Delay(1);
                    line.Run(batch);
            """);

        [Fact]
        public Task Async_call_without_guard_is_flagged() => Check("""
                    await Task.Delay(1);
                    {|AGR1001:line.Run(batch)|};
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    await Task.Run(() => { if (decision.IsPermitted) line.Run(batch); });
            """);


        [Fact]
        public Task Await_in_the_condition_and_in_the_guarded_branch() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (await Task.FromResult(decision.IsPermitted)) {|AGR1001:line.Run(batch)|};
                    if (decision.IsPermitted && await Task.FromResult(flag))
                    {
                        await Task.Delay(1);
                        line.Run(batch);
                    }
            """);

        [Fact]
        public Task Decision_replaced_across_an_await_is_flagged() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    await Task.Delay(1);
                    decision = rules.Evaluate(Activity.Create("enrich"));
                    await Task.Delay(1);
                    if (decision.IsPermitted) {|AGR1001:line.Run(batch)|};
            """);

        // ---- properties, constructors, conditional access ----

        [Fact]
        public Task Regulated_property_needs_a_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("store"));
                    if (decision.IsPermitted) vault.Capacity = 10;
                    {|AGR1001:vault.Capacity|} = 20;
                    vault.Shelves = 3;
            """);


        [Fact]
        public Task Regulated_property_read_and_compound_assignment_need_a_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("store"));
                    if (decision.IsPermitted) { var c = vault.Capacity; vault.Capacity += 1; }
                    var read = {|AGR1001:vault.Capacity|};
                    {|AGR1001:vault.Capacity|} += 1;
                    var made = new Vault { {|AGR1001:Capacity|} = 3, Shelves = 2 };
                    if (decision.IsPermitted) made = new Vault { Capacity = 3 };
            """);

        [Fact]
        public Task Regulated_property_getter_calling_the_same_activity_is_clean() => Check("", """
                [Regulated("reprocess")]
                public bool Processed => line.TryRun(new Batch());
                [Regulated("reprocess")]
                public bool Other { get => line.TryRun(new Batch()); set => line.Run(new Batch()); }
                [Regulated("enrich")]
                public bool Wrong => {|AGR1001:line.TryRun(new Batch())|};
            """);

        [Fact]
        public Task Regulated_accessor_charges_only_that_accessor() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public class Tank
            {
                public int Level { get; [Regulated("store")] set; }
                public int Pressure { [Regulated("store")] get => 1; set { } }
            }
            public class S
            {
                public void W(RuleSet rules, Tank tank)
                {
                    var level = tank.Level;
                    tank.Pressure = 2;
                    {|AGR1001:tank.Level|} = 3;
                    var pressure = {|AGR1001:tank.Pressure|};
                    {|AGR1001:tank.Level|} += 1;
                    {|AGR1001:tank.Level|}++;
                    (tank.Pressure, {|AGR1001:tank.Level|}) = (1, 2);
                    if (rules.Evaluate(Activity.Create("store")).IsPermitted) { tank.Level = 4; pressure = tank.Pressure; }
                }
            }
            """);

        [Fact]
        public Task Call_inside_a_property_getter_is_checked() => Check("", """
                public bool Flagged => {|AGR1001:line.TryRun(new Batch())|};
                public bool Clean => rules.Evaluate(Activity.Create("reprocess")).IsPermitted && line.TryRun(new Batch());
            """);

        [Fact]
        public Task Regulated_constructor_needs_a_guard() => Check("""
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) { var reactor = new Reactor(); }
                    var other = {|AGR1001:new Reactor()|};
            """);

        [Fact]
        public Task Primary_constructor_base_argument_and_initializers_are_checked() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public class Base { public Base(bool ran) { } }
            public class Derived(Line line, Batch batch) : Base({|AGR1001:line.TryRun(batch)|})
            {
                public bool Field = {|AGR1001:line.TryRun(batch)|};
                public bool Property { get; } = {|AGR1001:line.TryRun(batch)|};
            }
            public class Guarded : Base
            {
                [Regulated("reprocess")]
                public Guarded(Line line, Batch batch) : base(line.TryRun(batch)) { }
            }
            """);

        [Fact]
        public Task Conditional_access_call_needs_a_guard() => Check("""
                    Line? maybe = flag ? line : null;
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) maybe?.Run(batch);
                    {|AGR1001:maybe?.Run(batch)|};
            """);


        [Fact]
        public Task Conditional_access_on_a_regulated_property() => Check("""
                    Vault? maybe = flag ? vault : null;
                    var decision = rules.Evaluate(Activity.Create("store"));
                    var guarded = decision.IsPermitted ? maybe?.Capacity : 0;
                    var unguarded = {|AGR1001:maybe?.Capacity|};
            """);

        [Fact]
        public Task Field_initializer_is_checked() => Check("", """
                private readonly bool ran = {|AGR1001:new Line().TryRun(new Batch())|};
            """);

        [Fact]
        public Task Nameof_is_not_a_call() => Check("""
                    Console.WriteLine(nameof(line.Run));
            """);
    }
}
