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

        /// <summary>Enough evaluations that a one-off request or a test never compiles IL, few enough that a batch soon does.</summary>
        public static readonly EvaluationTiering Default = new(100);

        /// <summary>Closures only (the reference the IL is checked against).</summary>
        public static readonly EvaluationTiering ClosuresOnly = new(-1);

        /// <summary>IL from the first evaluation (for the differential tests).</summary>
        public static readonly EvaluationTiering IlAtOnce = new(0);
    }
}
