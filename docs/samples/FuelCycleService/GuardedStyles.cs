using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AgreementRules;

namespace FuelCycleService
{
    /// <summary>
    /// Other ways real code guards a regulated call, each accepted by the analyzers (issue 11): helpers that
    /// stand for a check, patterns, switches, loops, async code and local functions. The end-to-end test builds
    /// this file clean; tests/BypassingFuelCycleService/GuardBypasses.cs holds the versions that must fail.
    /// </summary>
    /// <summary>
    /// A cascade that says which of its parameters carries which fact, and demands a permit at run time: the
    /// analyzers check at each call that the decision was made for the level passed (AGR1020), and
    /// <see cref="Permits.Demand(Activity)"/> refuses a caller the analyzers never saw (reflection, another language).
    /// </summary>
    public sealed class CheckedCascade
    {
        [Regulated("enrich")]
        public Batch Enrich(Batch batch, [ActivityFact("enrichment")] double toPercent)
        {
            Permits.Demand(Activity.Create("enrich").With("enrichment", toPercent));
            return batch with { EnrichmentPercent = toPercent };
        }
    }

    public sealed class GuardedStyles
    {
        private readonly RuleSet rules;
        private readonly ReprocessingLine line = new();
        private readonly EnrichmentCascade cascade = new();
        private readonly StorageVault vault = new();
        private readonly CheckedCascade checkedCascade = new();

        public GuardedStyles(RuleSet rules) => this.rules = rules;

        private Decision DecideReprocessing(Batch spentFuel) => rules.Evaluate(
            Activity.Create("reprocess").With("material", spentFuel.Material).With("irradiated", true).With("facility", spentFuel.Facility));

        private static bool Allowed(Decision decision) => decision.IsPermitted;

        private static void Require(Decision decision)
        {
            if (!decision.IsPermitted) throw new ActivityNotPermittedException(decision);
        }

        public Batch? WithDecisionHelper(Batch spentFuel)
        {
            var decision = DecideReprocessing(spentFuel);
            return Allowed(decision) ? line.Reprocess(spentFuel) : null;
        }

        public Batch WithRequireHelper(Batch spentFuel)
        {
            Require(DecideReprocessing(spentFuel));
            return line.Reprocess(spentFuel);
        }

        public Batch? WithPropertyPattern(Batch spentFuel) =>
            DecideReprocessing(spentFuel) is { IsPermitted: true } ? line.Reprocess(spentFuel) : null;

        public string WithSwitch(Batch batch, double toPercent)
        {
            var decision = rules.Evaluate(Activity.Create("enrich").With("material", batch.Material).With("enrichment", toPercent));
            return decision.Outcome switch
            {
                Outcome.Permitted => cascade.Enrich(batch, toPercent).Id,
                Outcome.ConsentRequired => "consent required",
                _ => "refused",
            };
        }

        public int StoreEachThatIsPermitted(IEnumerable<Batch> batches)
        {
            var stored = 0;
            foreach (var batch in batches)
            {
                var decision = rules.Evaluate(Activity.Create("store").With("material", batch.Material).With("facility", batch.Facility));
                if (!decision.IsPermitted) continue;
                vault.Store(batch);
                stored++;
            }
            return stored;
        }

        public async Task<Batch?> AfterAwait(Batch spentFuel)
        {
            var decision = DecideReprocessing(spentFuel);
            if (decision.Outcome != Outcome.Permitted) return null;
            await Task.Yield();
            return line.Reprocess(spentFuel);
        }

        public Batch? UnderAPermitForTheSameLevel(Batch batch, double toPercent)
        {
            var decision = rules.Evaluate(Activity.Create("enrich").With("material", batch.Material).With("enrichment", toPercent));
            if (!decision.IsPermitted) return null;
            using var permit = decision.Permit();
            return checkedCascade.Enrich(batch, toPercent);
        }

        public Batch? InALocalFunction(Batch spentFuel, bool ready)
        {
            var decision = DecideReprocessing(spentFuel);
            return ready && decision.IsPermitted ? Run() : null;

            Batch Run() => line.Reprocess(spentFuel);
        }
    }
}
