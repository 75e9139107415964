using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// A block-bodied member with no decision in it and no code that can be unreachable is answered without a
    /// control-flow graph (<c>GraphFreeProof</c>). Each case runs twice, with the proof and with every member sent
    /// to the graph, and both runs must give exactly the marked diagnostics; then it checks which members still got
    /// a graph. Flagged and clean variants, in unreachable code, lambdas, local functions, try/finally and constructors.
    /// </summary>
    public class GraphFreeProofTests
    {
        [Fact]
        public async Task Straight_line_use_without_a_decision_is_flagged_without_a_graph() =>
            Assert.Empty(await GraphsBuiltBothWays("""
                public int Flagged(Batch batch)
                {
                    var n = 2 * 3;
                    {|AGR1001:line.Run(batch)|};
                    if (n > 4) {|AGR1001:cascade.Run(batch)|};
                    vault.Shelves = {|AGR1001:vault.Capacity|};
                    return n;
                }
                """));

        [Fact]
        public async Task Use_of_the_members_own_activity_is_clean_without_a_graph() =>
            Assert.Empty(await GraphsBuiltBothWays("""
                [Regulated("reprocess")]
                public void Clean(Batch batch)
                {
                    line.Run(batch);
                    if (batch != null) line.Run(batch);
                    {|AGR1001:cascade.Run(batch)|};
                }
                """));

        [Fact]
        public async Task A_decision_anywhere_in_the_member_takes_the_graph() =>
            Assert.Equal(new[] { "Service.Clean(Batch)", "Service.Flagged(Batch)" }, await GraphsBuiltBothWays("""
                public void Flagged(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    {|AGR1001:line.Run(batch)|};
                }
                public void Clean(Batch batch)
                {
                    var decision = rules.Evaluate(Activity.Create("reprocess"));
                    if (decision.IsPermitted) line.Run(batch);
                }
                """));

        [Fact]
        public async Task A_bool_local_of_IsPermitted_takes_the_graph() =>
            // The bool's initializer reads a Decision, so the proof declines and the graph decides: without it the clean
            // member would be flagged.
            Assert.Equal(new[] { "Service.Clean(Batch)", "Service.Flagged(Batch)" }, await GraphsBuiltBothWays("""
                public void Flagged(Batch batch)
                {
                    bool allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    allowed = true;
                    if (allowed) {|AGR1001:line.Run(batch)|};
                }
                public void Clean(Batch batch)
                {
                    bool allowed = rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                    if (allowed) line.Run(batch);
                }
                """));

        [Fact]
        public async Task Unreachable_code_takes_the_graph_and_stays_unflagged() =>
            Assert.Equal(new[] { "Service.AfterReturn(Batch)", "Service.AfterThrow(Batch)", "Service.ConstantFalse(Batch)", "Service.ConstantTrue(Batch)" },
                await GraphsBuiltBothWays("""
                public void AfterReturn(Batch batch)
                {
                    {|AGR1001:line.Run(batch)|};
                    return;
                    line.Run(batch);
                }
                public void AfterThrow(Batch batch)
                {
                    {|AGR1001:line.Run(batch)|};
                    throw new InvalidOperationException();
                    line.Run(batch);
                }
                public void ConstantFalse(Batch batch)
                {
                    if (false) line.Run(batch);
                }
                public void ConstantTrue(Batch batch)
                {
                    if (1 < 2) {|AGR1001:line.Run(batch)|};
                }
                """));

        [Fact]
        public async Task Lambdas_take_the_graph() =>
            Assert.Equal(new[] { "Service.Clean(Batch)", "Service.Flagged(Batch)" }, await GraphsBuiltBothWays("""
                public void Flagged(Batch batch)
                {
                    Action run = () => {|AGR1001:line.Run(batch)|};
                }
                [Regulated("reprocess")]
                public void Clean(Batch batch)
                {
                    Action run = () => line.Run(batch);
                }
                """));

        [Fact]
        public async Task Local_functions_take_the_graph() =>
            Assert.Equal(new[] { "Service.Clean(Batch)", "Service.Flagged(Batch)" }, await GraphsBuiltBothWays("""
                public void Flagged(Batch batch)
                {
                    Local();
                    void Local() { {|AGR1001:line.Run(batch)|}; }
                }
                public void Clean(Batch batch)
                {
                    {|AGR1001:Local()|};
                    [Regulated("reprocess")] void Local() { line.Run(batch); }
                }
                """));

        [Fact]
        public async Task Try_finally_takes_the_graph() =>
            Assert.Equal(new[] { "Service.Clean(Batch)", "Service.Flagged(Batch)" }, await GraphsBuiltBothWays("""
                public void Flagged(Batch batch)
                {
                    try { {|AGR1001:line.Run(batch)|}; } finally { Console.WriteLine(); }
                }
                [Regulated("reprocess")]
                public void Clean(Batch batch)
                {
                    try { line.Run(batch); } finally { line.Run(batch); }
                }
                """));

        [Fact]
        public async Task Constructors_and_expression_bodies_take_the_graph() =>
            Assert.Equal(new[] { "Service.Clean.get", "Service.Flagged()", "Service.Service(Batch)", "Service.Service(int)" }, await GraphsBuiltBothWays("""
                public Service(Batch batch) { {|AGR1001:line.Run(batch)|}; }
                [Regulated("reprocess")]
                public Service(int n) : this(new Batch()) { line.Run(new Batch()); }
                public bool Flagged() => {|AGR1001:line.TryRun(new Batch())|};
                [Regulated("reprocess")] public bool Clean => line.TryRun(new Batch());
                """));

        [Fact]
        public async Task Broken_code_takes_the_graph() =>
            Assert.Equal(new[] { "Service.Broken(Batch)" }, await GraphsBuiltBothWays("""
                public void Broken(Batch batch)
                {
                    {|AGR1001:line.Run(batch)|};
                    line.Run(Missing());
                }
                """, CompilerDiagnostics.None));

        private static async Task<string[]> GraphsBuiltBothWays(string members, CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors)
        {
            var source = $$"""
                using System;
                using AgreementRules;

                public class Service
                {
                    private readonly RuleSet rules = RuleSet.Parse("");
                    private readonly Line line = new Line();
                    private readonly Cascade cascade = new Cascade();
                    private readonly Vault vault = new Vault();

                {{members}}
                }
                """;
            var withGraphOnly = await GraphsBuilt(source, decidesWithoutGraph: false, compilerDiagnostics);
            Assert.NotEmpty(withGraphOnly);
            return await GraphsBuilt(source, decidesWithoutGraph: true, compilerDiagnostics);
        }

        /// <summary>Runs one analyzer instance over the source, checks the marked diagnostics, and returns the members it built a graph for.</summary>
        private static async Task<string[]> GraphsBuilt(string source, bool decidesWithoutGraph, CompilerDiagnostics compilerDiagnostics)
        {
            var analyzer = new UnguardedRegulatedUseAnalyzer { DecidesWithoutGraph = decidesWithoutGraph };
            var built = new ConcurrentQueue<string>();
            analyzer.FlowGraphBuilt = member => built.Enqueue(member.ToDisplayString());
            var test = new SingleInstanceTest(analyzer)
            {
                TestCode = source,
                ReferenceAssemblies = References.Empty,
                CompilerDiagnostics = compilerDiagnostics,
                // One run only: the extra runs (generated code, suppressions) would call the hook again.
                TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck,
            };
            Verify.Configure(test.TestState, Verify.Rules, withHost: true, withRuntime: true);
            Verify.KeepOffByDefault(test);
            await test.RunAsync(CancellationToken.None);
            return built.OrderBy(m => m, StringComparer.Ordinal).ToArray();
        }

        private sealed class SingleInstanceTest(DiagnosticAnalyzer analyzer) : CSharpAnalyzerTest<UnguardedRegulatedUseAnalyzer, DefaultVerifier>
        {
            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ImmutableArray.Create(analyzer);
        }
    }
}
