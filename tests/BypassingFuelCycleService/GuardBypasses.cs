using AgreementRules;

namespace FuelCycleService
{
    // Issue 11, items 6-9: guards the analysis cannot follow, decisions about other facts, and suppressions
    // without a reason. Markers /*!ID*/ as in Bypasses.cs; the guarded twins are in the sample's GuardedStyles.cs.
    public sealed class GuardBypasses
    {
        private static Decision? cached;
        private readonly RuleSet rules;
        private readonly ReprocessingLine line = new();
        private readonly CheckedCascade cascade = new();

        public GuardBypasses(RuleSet rules) => this.rules = rules;

        public void DecisionFromAStaticField(Batch batch)
        {
            cached ??= rules.Evaluate(Activity.Create("reprocess"));
            if (cached.IsPermitted) /*!AGR1007*/line.Reprocess(batch);
        }

        public void DefaultDecision(Batch batch)
        {
            Decision decision = default!;
            if (decision.IsPermitted) /*!AGR1007*/line.Reprocess(batch);
        }

        public void DecisionReassignedAfterItsCheck(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            if (!decision.IsPermitted)
            {
                decision = cached!;
                if (decision.IsPermitted) /*!AGR1007*/line.Reprocess(batch);
            }
        }

        private Decision DecideTwoWays(bool fast)
        {
            if (fast && cached != null) return cached;
            return rules.Evaluate(Activity.Create("reprocess"));
        }

        public void DecisionFromAHelperTooLongToRead(Batch batch, bool fast)
        {
            if (DecideTwoWays(fast).IsPermitted) /*!AGR1007*/line.Reprocess(batch);
        }

        public void DecisionForAnotherLevel(Batch batch)
        {
            rules.Evaluate(Activity.Create("enrich").With("enrichment", 4.0)).ThrowIfNotPermitted();
            /*!AGR1020*/cascade.Enrich(batch, 25.0);
        }

        public void LevelChangedAfterTheDecision(Batch batch, double level)
        {
            using var permit = rules.Evaluate(Activity.Create("enrich").With("enrichment", level)).Permit();
            level *= 5;
            /*!AGR1020*/cascade.Enrich(batch, level);
        }

        // Suppressions: allowed with a reason, and listed in the build's SARIF log (ConsumerBuildTests reads it).
        public void SuppressedWithAReason(Batch batch)
        {
#pragma warning disable AGR1001 // e2e: a suppression with its reason, which the SARIF log must list
            line.Reprocess(batch);
#pragma warning restore AGR1001
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("AgreementRules.Usage", "AGR1001", Justification = "e2e: justified attribute")]
        public void SuppressedByAttribute(Batch batch) => line.Reprocess(batch);

        [/*!AGR1022*/System.Diagnostics.CodeAnalysis.SuppressMessage("AgreementRules.Usage", "AGR1001")]
        public void SuppressedWithoutAReason(Batch batch) => line.Reprocess(batch);

        private Decision DecideEnrichment() => rules.Evaluate(Activity.Create("enrich"));

        public void HelperDecidesAnotherActivity(Batch batch)
        {
            if (DecideEnrichment().IsPermitted) /*!AGR1001*/line.Reprocess(batch);
        }
    }
}
