using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// AGR1001 (and AGR1002) for regulated members C# calls without naming them: operators and conversions,
    /// await, foreach, using, deconstruction, patterns, events, initializers, indexers, with, collection
    /// expressions, LINQ, interpolation handlers, dynamic calls on a known type, constructor chains and
    /// new() through a type argument. Each kind has a bypass and a guarded twin that builds clean.
    /// </summary>
    public class AGR1001ImplicitCallTests
    {
        /// <summary>Types whose implicitly called members are regulated ("store" for all, so one guard covers a test).</summary>
        private const string Implicit = """
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;
            using AgreementRules;

            public class Cell
            {
                [Regulated("store")] public static Cell operator +(Cell a, Cell b) => a;
                [Regulated("store")] public static Cell operator -(Cell a) => a;
                [Regulated("store")] public static Cell operator ++(Cell a) => a;
                [Regulated("store")] public static bool operator true(Cell a) => true;
                public static bool operator false(Cell a) => false;
                public static Cell operator |(Cell a, Cell b) => a;
                [Regulated("store")] public static implicit operator int(Cell a) => 0;
                [Regulated("store")] public static explicit operator Cell(int a) => new Cell();
                [Regulated("store")] public void Deconstruct(out int a, out int b) { a = 0; b = 0; }
                [Regulated("store")] public int this[int i] { get => i; set { } }
                public event Action Changed { [Regulated("store")] add { } remove { } }
                [Regulated("store")] public int Level { get; set; }
            }
            public class Shelf
            {
                public Walker GetEnumerator() => new Walker();
            }
            public class Walker
            {
                [Regulated("store")] public int Current => 0;
                public bool MoveNext() => false;
            }
            public ref struct Lease
            {
                [Regulated("store")] public void Dispose() { }
            }
            public class Receipt
            {
                public Waiter GetAwaiter() => new Waiter();
            }
            public class Waiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                [Regulated("store")] public int GetResult() => 0;
                public void OnCompleted(Action continuation) { }
            }
            public class Rack : IEnumerable<int>
            {
                [Regulated("store")] public void Add(int item) { }
                public IEnumerator<int> GetEnumerator() => throw new NotImplementedException();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }
            public record Ledger(int Mass)
            {
                [Regulated("store")] protected Ledger(Ledger original) { Mass = original.Mass; }
            }
            public class Query
            {
                [Regulated("store")] public Query Where(Func<int, bool> keep) => this;
                public Query Select(Func<int, int> map) => this;
            }
            public class Stream
            {
                public Stream GetAsyncEnumerator(System.Threading.CancellationToken token = default) => this;
                [Regulated("store")] public ValueTask<bool> MoveNextAsync() => new(false);
                public int Current => 0;
                [Regulated("store")] public ValueTask DisposeAsync() => default;
            }
            [InterpolatedStringHandler]
            public ref struct AuditHandler
            {
                public AuditHandler(int literalLength, int formattedCount) { }
                public void AppendLiteral(string text) { }
                [Regulated("store")] public void AppendFormatted<T>(T value) { }
            }
            public static class Audit
            {
                public static void Write(AuditHandler handler) { }
            }
            public class Tape
            {
                [Regulated("store")] public int Length => 3;
                public int this[int i] => i;
                [Regulated("store")] public Tape Slice(int start, int length) => this;
            }
            public struct Crate
            {
                [Regulated("store")] public Crate() { }
            }
            public class Vessel
            {
                [Regulated("store")] public Vessel() { }
                public Vessel(int size) { }
            }
            public static class Factory
            {
                public static T Make<T>() where T : new() => new T();
                public static T Default<T>() => default!;
                public static T Fresh<T>() where T : struct => new T();
            }
            """;

        private static Task Check(string body, string members = "") => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>(Implicit + $$"""

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");

                public async Task Work(Cell cell, Shelf shelf, Receipt receipt, Query query, object anything, dynamic loose)
                {
                    await Task.CompletedTask;
            {{body}}
                }
            {{members}}
            }
            """);

        private const string Guard = """
                    var decision = rules.Evaluate(Activity.Create("store"));
                    if (!decision.IsPermitted) return;
            """;

        [Fact]
        public Task User_defined_operators_and_conversions_are_calls() => Check("""
                    var sum = {|AGR1001:cell + cell|};
                    var negated = {|AGR1001:-cell|};
                    {|AGR1001:cell++|};
                    {|AGR1001:cell += cell|};
                    int level = {|AGR1001:cell|};
                    var back = {|AGR1001:(Cell)1|};
            """);

        [Fact]
        public Task Operator_true_reached_through_short_circuit_or_and_through_if_is_a_call() => Check("""
                    // Two calls: operator true(cell) decides whether || evaluates its right side, operator true(result) decides the if.
                    if ({|AGR1001:{|AGR1001:cell|} || cell|}) Console.WriteLine();
                    var either = {|AGR1001:cell|} || cell;
            """);

        [Fact]
        public Task Operators_and_conversions_under_a_guard_are_clean() => Check(Guard + """
                    var sum = cell + cell;
                    var negated = -cell;
                    cell++;
                    cell += cell;
                    int level = cell;
                    var back = (Cell)1;
                    if (cell || cell) Console.WriteLine();
                    var either = cell || cell;
            """);

        [Fact]
        public Task Foreach_reading_a_regulated_Current_is_a_call() => Check("""
                    foreach ({|AGR1001:var|} item in shelf) Console.WriteLine(item);
            """);

        [Fact]
        public Task Foreach_under_a_guard_is_clean() => Check(Guard + """
                    foreach (var item in shelf) Console.WriteLine(item);
            """);

        [Fact]
        public Task Using_a_ref_struct_with_a_regulated_Dispose_is_a_call() => Check("", members: """
                public void Lend()
                {
                    using (var {|AGR1001:lease = new Lease()|}) { }
                }
            """);

        [Fact]
        public Task Using_under_a_guard_is_clean() => Check("", members: """
                public void Lend()
                {
                    var decision = rules.Evaluate(Activity.Create("store"));
                    decision.ThrowIfNotPermitted();
                    using (var lease = new Lease()) { }
                    using var other = new Lease();
                }
            """);

        [Fact]
        public Task Await_with_a_regulated_GetResult_is_a_call() => Check("""
                    var stored = {|AGR1001:await receipt|};
            """);

        [Fact]
        public Task Await_under_a_guard_is_clean() => Check(Guard + """
                    var stored = await receipt;
            """);

        [Fact]
        public Task Deconstruction_and_positional_patterns_call_Deconstruct() => Check("""
                    {|AGR1001:var (a, b) = cell|};
                    if (cell is {|AGR1001:(1, 2)|}) Console.WriteLine();
                    if (cell is { Level: 3 }) Console.WriteLine();
            """.Replace("{ Level: 3 }", "{ {|AGR1001:Level|}: 3 }"));

        [Fact]
        public Task Deconstruction_and_patterns_under_a_guard_are_clean() => Check(Guard + """
                    var (a, b) = cell;
                    if (cell is (1, 2)) Console.WriteLine();
                    if (cell is { Level: 3 }) Console.WriteLine();
            """);

        [Fact]
        public Task Event_add_indexers_and_object_initializers_are_calls() => Check("""
                    {|AGR1001:cell.Changed += () => { }|};
                    var first = {|AGR1001:cell[0]|};
                    {|AGR1001:cell[1]|} = 2;
                    var made = new Cell { {|AGR1001:Level|} = 4 };
            """);

        [Fact]
        public Task Event_add_indexers_and_object_initializers_under_a_guard_are_clean() => Check(Guard + """
                    cell.Changed += () => { };
                    cell.Changed -= () => { };
                    var first = cell[0];
                    cell[1] = 2;
                    var made = new Cell { Level = 4 };
            """);

        [Fact]
        public Task Collection_initializers_and_collection_expressions_call_Add() => Check("""
                    var rack = new Rack { {|AGR1001:1|}, {|AGR1001:2|} };
                    Rack other = {|AGR1001:[1, 2]|};
            """);

        [Fact]
        public Task Collection_initializers_and_expressions_under_a_guard_are_clean() => Check(Guard + """
                    var rack = new Rack { 1, 2 };
                    Rack other = [1, 2];
            """);

        [Fact]
        public Task With_on_a_record_runs_its_regulated_copy_constructor() => Check("""
                    var ledger = new Ledger(1);
                    var copy = {|AGR1001:ledger with { Mass = 2 }|};
            """);

        [Fact]
        public Task With_under_a_guard_is_clean() => Check(Guard + """
                    var ledger = new Ledger(1);
                    var copy = ledger with { Mass = 2 };
            """);

        [Fact]
        public Task Linq_query_clauses_call_their_methods() => Check("""
                    var kept = from x in query {|AGR1001:where x > 0|} select x;
            """);

        [Fact]
        public Task Linq_under_a_guard_is_clean() => Check(Guard + """
                    var kept = from x in query where x > 0 select x;
            """);

        [Fact]
        public Task Await_foreach_and_await_using_call_MoveNextAsync_and_DisposeAsync() => Check("""
                    var stream = new Stream();
                    // Reported at the collection: MoveNextAsync and DisposeAsync both run there.
                    await foreach (var item in {|AGR1001:{|AGR1001:stream|}|}) Console.WriteLine(item);
                    await using ({|AGR1001:stream|}) { }
            """);

        [Fact]
        public Task Await_foreach_and_await_using_under_a_guard_are_clean() => Check(Guard + """
                    var stream = new Stream();
                    await foreach (var item in stream) Console.WriteLine(item);
                    await using (stream) { }
            """);

        [Fact]
        public Task An_interpolated_string_handler_runs_its_regulated_Append() => Check("""
                    Audit.Write($"moved {|AGR1001:{cell}|}");
            """);

        [Fact]
        public Task An_interpolated_string_handler_under_a_guard_is_clean() => Check(Guard + """
                    Audit.Write($"moved {cell}");
            """);

        [Fact]
        public Task Index_from_end_and_ranges_call_Length_and_Slice() => Check("""
                    var tape = new Tape();
                    var last = {|AGR1001:tape[^1]|};
                    var part = {|AGR1001:tape[0..2]|};
            """);

        [Fact]
        public Task Index_from_end_and_ranges_under_a_guard_are_clean() => Check(Guard + """
                    var tape = new Tape();
                    var last = tape[^1];
                    var part = tape[0..2];
            """);

        [Fact]
        public Task A_struct_constraint_also_allows_new_T() => Check("""
                    var crate = {|AGR1002:Factory.Fresh<Crate>()|};
            """);

        [Fact]
        public Task Nameof_a_regulated_member_is_not_a_call() => Check("""
                    var name = nameof(Cell.Level) + nameof(Vessel) + nameof(Query.Where);
            """);

        [Fact]
        public Task A_dynamic_argument_to_a_regulated_method_on_a_known_type_is_a_call() => Check("""
                    {|AGR1001:query.Where(loose)|};
                    var vessel = {|AGR1001:new Vessel(loose)|};
            """);

        [Fact]
        public Task A_dynamic_argument_under_a_guard_is_clean() => Check(Guard + """
                    query.Where(loose);
                    var vessel = new Vessel(loose);
            """);

        [Fact]
        public Task A_type_with_a_regulated_constructor_given_to_new_T_escapes() => Check("""
                    var vessel = {|AGR1002:Factory.Make<Vessel>()|};
                    var plain = Factory.Make<object>();
                    var unconstrained = Factory.Default<Vessel>();
            """, members: """
                public T Forward<T>() where T : new() => Factory.Make<T>();
            """);

        [Fact]
        public Task A_type_given_to_new_T_under_a_guard_is_clean() => Check(Guard + """
                    var vessel = Factory.Make<Vessel>();
            """);
    }
}
