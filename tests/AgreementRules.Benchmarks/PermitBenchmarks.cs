using System;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// The cost of the run-time backstop (issue 11, item 8), all in the same run: a plain call of a regulated
    /// member (the baseline), the same call after <c>Permits.Demand("enrich")</c> and after
    /// <c>Permits.Demand(activity with its facts)</c> under an open permit, opening and closing a permit, and a
    /// demand with no permit open (it throws: the price of a refusal, not of the normal path). Each permitted
    /// benchmark opens its permit once and makes <see cref="Calls"/> calls under it, so the per-call figure is the
    /// demand's cost; the open-and-close benchmark shows what a scope per call costs.
    /// </summary>
    [MemoryDiagnoser]
    public class PermitBenchmarks
    {
        private const int Calls = 100;
        private Decision permitted = null!;
        private Activity demanded = null!;
        private double level;

        [GlobalSetup]
        public void Setup()
        {
            var rules = RuleSet.Parse("""
                type party = enum { JP, US }
                activity enrich
                fact enrichment : number %
                agreement A { parties JP, US }
                rule low cites "Art. 6" on enrich when enrichment < 20 % then permitted
                """, "permit.rules");
            level = 4.0;
            demanded = Activity.Create("enrich").With("enrichment", level);
            permitted = rules.Evaluate(demanded);
            if (!permitted.IsPermitted) throw new InvalidOperationException("the setup decision must be permitted");
            using (permitted.Permit()) DemandFacts(); // proves the measured demand passes
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private double Enrich(double toLevel) => toLevel + level;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private double DemandKind()
        {
            Permits.Demand("enrich");
            return Enrich(level);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private double DemandFacts()
        {
            Permits.Demand(demanded);
            return Enrich(level);
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "plain call")]
        public double PlainCall()
        {
            var sum = 0.0;
            for (var i = 0; i < Calls; i++) sum += Enrich(level);
            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls, Description = "Demand(kind) + call, permit open")]
        public double DemandKindInScope()
        {
            var sum = 0.0;
            using (permitted.Permit())
                for (var i = 0; i < Calls; i++) sum += DemandKind();
            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls, Description = "Demand(activity+facts) + call, permit open")]
        public double DemandFactsInScope()
        {
            var sum = 0.0;
            using (permitted.Permit())
                for (var i = 0; i < Calls; i++) sum += DemandFacts();
            return sum;
        }

        [Benchmark(Description = "open + close a permit")]
        public void OpenAndClose()
        {
            using var permit = permitted.Permit();
        }

        [Benchmark(Description = "Demand(kind), no permit open (throws)")]
        public bool DemandWithoutScope()
        {
            try
            {
                Permits.Demand("enrich");
                return true;
            }
            catch (NotPermittedException)
            {
                return false;
            }
        }
    }
}
