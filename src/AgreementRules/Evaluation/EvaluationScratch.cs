using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AgreementRules.Compilation;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// The working state of one evaluation (the bound facts, each rule's status, what the requirements
    /// are satisfied by, the scope the conditions read), reused so that evaluating allocates only the
    /// answer. Rented for one evaluation and given back: each thread keeps one, and an evaluation that
    /// starts while it is rented (nested on the same thread) makes its own, so no two evaluations ever
    /// share one. Every field is written by an evaluation before it reads it.
    /// </summary>
    internal sealed class EvaluationScratch
    {
        [ThreadStatic] private static EvaluationScratch? perThread;
        private bool rented;

        private Value[] facts = Array.Empty<Value>();
        public CompiledRule[] Rules = new CompiledRule[16];
        public DecisionEngine.Tri[] Status = new DecisionEngine.Tri[16];
        /// <summary>Per rule, from the pessimistic pass: whether its requirement is met, and by what.</summary>
        public bool[] Satisfied = new bool[16];
        public string?[] SatisfiedBy = new string?[16];
        public readonly List<int> Missing = new();
        public readonly EvaluationScope Scope = new(Array.Empty<Value>());
        private EmittedEvaluation? emitted;

        /// <summary>The hand-over to emitted decision procedures, made once per scratch.</summary>
        public EmittedEvaluation Emitted => emitted ??= new EmittedEvaluation(this);

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // measured: without it the JIT calls Rent (thread-static read and all)
        public static EvaluationScratch Rent()
        {
            var scratch = perThread;
            if (scratch == null || scratch.rented) return RentElsewhere();
            scratch.rented = true;
            return scratch;
        }

        /// <summary>The thread's first evaluation, or one nested in another (which gets its own, kept by no one).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // keeps the inlined Rent small
        private static EvaluationScratch RentElsewhere()
        {
            var scratch = new EvaluationScratch { rented = true };
            perThread ??= scratch;
            return scratch;
        }

        /// <summary>Gives the scratch back for the thread's next evaluation.</summary>
        public void Return() => rented = false;

        /// <summary>The array the binder fills with a request's facts: <paramref name="count"/> slots.</summary>
        public Value[] Facts(int count) => facts.Length == count ? facts : NewFacts(count);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private Value[] NewFacts(int count) => facts = new Value[count];

        public void EnsureRules(int count)
        {
            if (Rules.Length >= count) return;
            Rules = new CompiledRule[count];
            Status = new DecisionEngine.Tri[count];
            Satisfied = new bool[count];
            SatisfiedBy = new string?[count];
        }
    }
}
