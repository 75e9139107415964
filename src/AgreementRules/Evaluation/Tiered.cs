using System;
using System.Threading;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// Evaluation code that starts as closures and is replaced by its IL-compiled form after a number of
    /// evaluations (<see cref="Compilation.EvaluationTiering"/>). Thread-safe: the thread whose count
    /// reaches the threshold compiles, everyone else keeps running the closures meanwhile, and the new
    /// code is published with one reference write; both forms give the same answers.
    /// </summary>
    internal sealed class Tiered<T> where T : class
    {
        private readonly int threshold;
        private readonly T closures;
        private T current;
        private Func<T>? compile;
        private int evaluations;

        /// <param name="compile">Builds the IL form; null to keep <paramref name="closures"/> for good.</param>
        public Tiered(T closures, Func<T>? compile, int threshold)
        {
            current = this.closures = closures;
            this.compile = threshold >= 0 ? compile : null;
            this.threshold = threshold;
        }

        /// <summary>Whether the IL form has taken over.</summary>
        public bool IsCompiled => !ReferenceEquals(Volatile.Read(ref current), closures);

        /// <summary>The code to run now; <paramref name="count"/> says whether this evaluation counts towards compiling.</summary>
        public T Get(bool count)
        {
            if (count && compile != null && Interlocked.Increment(ref evaluations) == threshold + 1) TierUp();
            return Volatile.Read(ref current);
        }

        private void TierUp()
        {
            var build = compile;
            compile = null; // counted once: later evaluations skip the increment
            if (build == null) return;
            try
            {
                Volatile.Write(ref current, build());
            }
            catch (Exception)
            {
                // No IL here (a runtime without dynamic code, or a shape the IL compiler cannot handle):
                // the closures answer the same, only slower, and this evaluation is not the one to fail.
                // The differential tests check that IL does take over on every shape the language has.
            }
        }
    }
}
