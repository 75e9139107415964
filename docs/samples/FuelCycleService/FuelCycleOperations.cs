using AgreementRules;

namespace FuelCycleService
{
    /// <summary>
    /// The operations of the service. Each regulated call is reached only where the rules permit it; the
    /// four methods show the four forms the analyzers accept.
    /// </summary>
    public sealed class FuelCycleOperations
    {
        private readonly RuleSet rules;
        private readonly EnrichmentCascade cascade = new();
        private readonly ReprocessingLine line = new();
        private readonly TransferDesk desk = new();

        public FuelCycleOperations(RuleSet rules) => this.rules = rules;

        public StorageVault Vault { get; } = new();

        /// <summary>Form 1: <c>if (decision.IsPermitted) call;</c></summary>
        public OperationResult Enrich(Batch batch, double toPercent, Evidence evidence)
        {
            var decision = rules.Evaluate(
                Activity.Create("enrich")
                    .With("agreements", new[] { "JP-US-1988" })
                    .With("material", batch.Material)
                    .With("enrichment", toPercent)
                    .With("quantity", batch.Grams),
                evidence);
            var done = false;
            if (decision.IsPermitted)
            {
                cascade.Enrich(batch, toPercent);
                done = true;
            }
            return new OperationResult("enrich", batch.Id, done, decision.ToString());
        }

        /// <summary>Form 2: <c>if (!decision.IsPermitted) return;</c> then the call.</summary>
        public OperationResult Reprocess(Batch spentFuel, Evidence evidence)
        {
            var decision = rules.Evaluate(
                Activity.Create("reprocess")
                    .With("agreements", new[] { "JP-US-1988" })
                    .With("material", spentFuel.Material)
                    .With("irradiated", true)
                    .With("facility", spentFuel.Facility),
                evidence);
            if (!decision.IsPermitted) return new OperationResult("reprocess", spentFuel.Id, false, decision.ToString());
            var recovered = line.Reprocess(spentFuel);
            return new OperationResult("reprocess", recovered.Id, true, decision.ToString());
        }

        /// <summary>Form 3: <c>decision.ThrowIfNotPermitted();</c> then the call.</summary>
        public OperationResult Store(Batch batch)
        {
            var decision = rules.Evaluate(
                Activity.Create("store")
                    .With("agreements", new[] { "JP-US-1988" })
                    .With("material", batch.Material)
                    .With("enrichment", batch.EnrichmentPercent)
                    .With("facility", batch.Facility));
            try
            {
                decision.ThrowIfNotPermitted();
                Vault.Store(batch);
                return new OperationResult("store", batch.Id, true, decision.ToString());
            }
            catch (ActivityNotPermittedException refused)
            {
                return new OperationResult("store", batch.Id, false, refused.Decision.ToString());
            }
        }

        /// <summary>Form 4: a member that is itself [Regulated] moves the duty to its callers.</summary>
        [Regulated("transfer")]
        public void ShipAll(Batch[] batches, string toCountry)
        {
            foreach (var batch in batches) desk.Ship(batch, toCountry);
        }

        public OperationResult Transfer(Batch[] batches, string toCountry, Evidence evidence)
        {
            var decision = rules.Evaluate(
                Activity.Create("transfer")
                    .With("agreements", new[] { "JP-US-1988" })
                    .With("material", batches[0].Material)
                    .With("from", "JP")
                    .With("to", toCountry)
                    .With("supplier", "US"),
                evidence);
            if (decision.IsPermitted) ShipAll(batches, toCountry);
            return new OperationResult("transfer", batches[0].Id, decision.IsPermitted, decision.ToString());
        }
    }
}
