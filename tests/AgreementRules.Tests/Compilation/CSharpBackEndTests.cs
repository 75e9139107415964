using System;
using System.Linq;
using AgreementRules.Tests.Evaluation;

namespace AgreementRules.Tests.Compilation
{
    public class CSharpBackEndTests
    {
        private static readonly Lazy<(RuleSet runtime, RuleSet emitted)> Shipped = new(() =>
        {
            var runtime = RuleSet.Load(TestRules.ShippedRules);
            return (runtime, EmittedCode.Attach(RuleSet.Load(TestRules.ShippedRules)));
        });

        [Fact]
        public void Smoke()
        {
            var (runtime, emitted) = Shipped.Value;
            var generator = new IlDifferentialTests.RequestGenerator(runtime.Model, 1);
            for (var i = 0; i < 3000; i++)
            {
                var (activity, evidence) = generator.Next();
                string expected, actual;
                try { expected = IlDifferentialTests.Describe(runtime.Evaluate(activity, evidence)); } catch (InvalidActivityException x) { expected = x.Message; }
                try { actual = IlDifferentialTests.Describe(emitted.Evaluate(activity, evidence)); } catch (InvalidActivityException x) { actual = x.Message; }
                Assert.True(expected == actual, $"request {i}: {activity}\nruntime:\n{expected}\nemitted:\n{actual}");
            }
        }
    }
}
