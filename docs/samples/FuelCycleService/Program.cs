using System;
using System.IO;
using AgreementRules;
using FuelCycleService;

// Loads the shipped agreements (copied next to the program) and runs a day of fuel-cycle operations.
var folder = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "rules");
var rules = RuleSet.Load(folder);
var operations = new FuelCycleOperations(rules);

var leu = new Batch("U-2026-014", "uranium", 0.711, 250_000, "rokkasho-enrichment-plant");
var spent = new Batch("SF-2026-003", "uranium", 1.2, 80_000, "tokai-reprocessing-plant");
var bothParties = Evidence.None.WithConsent("JP").WithConsent("US");

Units.Log(operations.Enrich(leu, 4.95, Evidence.None).ToString());
Units.Log(operations.Enrich(leu, 20, Evidence.None.WithConsent("JP")).ToString());
Units.Log(operations.Enrich(leu, 20, bothParties).ToString());
Units.Log(operations.Reprocess(spent, Evidence.None).ToString());
Units.Log(operations.Reprocess(spent, bothParties).ToString());
Units.Log(operations.Store(leu with { EnrichmentPercent = 4.95 }).ToString());
Units.Log(operations.Transfer(new[] { leu }, "FR", bothParties).ToString());
Units.Log($"vault holds {operations.Vault.Count} batch(es)");
