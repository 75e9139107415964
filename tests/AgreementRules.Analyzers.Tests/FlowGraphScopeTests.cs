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
    /// The guard analysis costs a control-flow graph per member, so it builds one only for members that use a
    /// regulated member, and once per member however many operation blocks it has. Observed through the
    /// analyzer's <c>FlowGraphBuilt</c> hook.
    /// </summary>
    public class FlowGraphScopeTests
    {
        private const string Source = """
            using System;
            using AgreementRules;

            public class Base { public Base(bool ran) { } }

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();
                private readonly int plainField = 42;
                private readonly bool ran = {|AGR1001:new Line().TryRun(new Batch())|};

                public Service() { }
                public Service(int n) : this() { Console.WriteLine(n); }
                public int Plain(int x) => x + 1;
                public bool OnlyAsks() => rules.Evaluate(Activity.Create("reprocess")).IsPermitted;
                public string OnlyNames() => nameof(line.Run);
                public int Lambdas(int[] xs) => Array.Find(xs, x => x > 0);
                [Regulated("reprocess")] public void IsRegulatedButCallsNothing() { }
                public int PlainProperty => 3;

                public void Calls(Batch batch)
                {
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) line.Run(batch);
                }
                public void CallsInALambda(Batch batch) { Action run = () => {|AGR1001:line.Run(batch)|}; }
                public Action<Batch> Escapes() => {|AGR1002:line.Run|};
                public bool Property => {|AGR1001:line.TryRun(new Batch())|};
            }

            public class Derived : Base
            {
                public Derived(Line line, Batch batch) : base({|AGR1001:line.TryRun(batch)|}) { {|AGR1001:line.Run(batch)|}; }
            }
            """;

        [Fact]
        public async Task A_graph_is_built_only_for_members_that_use_a_regulated_member_and_once_each()
        {
            var analyzer = new UnguardedRegulatedUseAnalyzer();
            var built = new ConcurrentQueue<string>();
            analyzer.FlowGraphBuilt = member => built.Enqueue(member.ToDisplayString());
            var test = new SingleInstanceTest(analyzer)
            {
                TestCode = Source,
                ReferenceAssemblies = References.Empty,
                // One run only: the extra runs (generated code, suppressions) would call the hook again.
                TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck,
            };
            Verify.Configure(test.TestState, Verify.Rules, withHost: true, withRuntime: true);
            Verify.KeepOffByDefault(test);
            await test.RunAsync(CancellationToken.None);

            Assert.Equal(new[]
            {
                "Derived.Derived(Line, Batch)",
                "Service.Calls(Batch)",
                "Service.CallsInALambda(Batch)",
                "Service.Escapes()",
                "Service.Property.get",
                "Service.ran",
            }, built.OrderBy(m => m, StringComparer.Ordinal));
        }

        private sealed class SingleInstanceTest(DiagnosticAnalyzer analyzer) : CSharpAnalyzerTest<UnguardedRegulatedUseAnalyzer, DefaultVerifier>
        {
            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ImmutableArray.Create(analyzer);
        }
    }
}
