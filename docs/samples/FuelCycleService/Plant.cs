using System;
using System.Collections.Generic;
using AgreementRules;

namespace FuelCycleService
{
    /// <summary>A quantity of material moving through the plant.</summary>
    public sealed record Batch(string Id, string Material, double EnrichmentPercent, double Grams, string Facility);

    /// <summary>The regulated equipment: each member performs an activity the agreements govern.</summary>
    public sealed class EnrichmentCascade
    {
        [Regulated("enrich")]
        public Batch Enrich(Batch batch, double toPercent) => batch with { EnrichmentPercent = toPercent };
    }

    public sealed class ReprocessingLine
    {
        [Regulated("reprocess")]
        public Batch Reprocess(Batch spentFuel) => spentFuel with { Id = spentFuel.Id + "-recovered", Material = "plutonium" };
    }

    public sealed class StorageVault
    {
        private readonly List<Batch> shelves = new();

        [Regulated("store")]
        public void Store(Batch batch) => shelves.Add(batch);

        public int Count => shelves.Count;
    }

    public sealed class TransferDesk
    {
        public List<string> Manifest { get; } = new();

        [Regulated("transfer")]
        public void Ship(Batch batch, string toCountry) => Manifest.Add($"{batch.Id} -> {toCountry}");
    }

    /// <summary>What the service reports for each request.</summary>
    public sealed record OperationResult(string Activity, string BatchId, bool Done, string Decision)
    {
        public override string ToString() => $"{Activity,-9} {BatchId,-14} {(Done ? "done" : "refused"),-7} {Decision}";
    }

    internal static class Units
    {
        public static string Percent(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "%";
        public static void Log(string line) => Console.WriteLine(line);
    }
}
