using System;

namespace AgreementRules.Compilation
{
    /// <summary>
    /// When evaluation switches from closures to IL. Building closures is cheap and running them is
    /// not; compiling IL is the reverse. So a rule set loads with closures (loading 10,000 rules stays
    /// fast, the analyzers and the in-file examples never pay for IL), and the code of an activity is
    /// compiled to IL once that activity has been evaluated <see cref="After"/> times through
    /// <see cref="RuleSet.Evaluate(Activity, Evidence)"/>; the definitions once the rule set has.
    /// </summary>
    internal sealed class EvaluationTiering
    {
        private EvaluationTiering(int after) => After = after;

        /// <summary>How many evaluations run with closures before IL takes over; -1 for never.</summary>
        public int After { get; }

        public bool UsesIl => After >= 0;

        /// <summary>
        /// Enough evaluations that a one-off request or a test never compiles IL, few enough that a batch soon does;
        /// closures for good where the runtime cannot run code made at run time (NativeAOT), where compiling an
        /// expression tree would give an interpreter slower than the closures.
        /// </summary>
        public static readonly EvaluationTiering Default = DynamicCode.IsSupported ? new(100) : new(-1);

        /// <summary>Closures only (the reference the IL is checked against).</summary>
        public static readonly EvaluationTiering ClosuresOnly = new(-1);

        /// <summary>IL from the first evaluation (for the differential tests).</summary>
        public static readonly EvaluationTiering IlAtOnce = new(0);
    }

    /// <summary>
    /// Whether this runtime can run code made at run time: <c>RuntimeFeature.IsDynamicCodeSupported</c>, which
    /// netstandard2.0 does not name, read by its constant name (a pattern trimming and NativeAOT keep). A runtime
    /// without the property (.NET Framework, .NET Core before 3.0) always could.
    /// </summary>
    internal static class DynamicCode
    {
        public static readonly bool IsSupported =
            Type.GetType("System.Runtime.CompilerServices.RuntimeFeature")?.GetProperty("IsDynamicCodeSupported")?.GetValue(null) as bool? ?? true;
    }
}
