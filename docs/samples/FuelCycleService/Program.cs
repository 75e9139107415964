using AgreementRules;
using AgreementRules.Generated;
using FuelCycleService;

// Runs a day of fuel-cycle operations under the shipped agreements: the rules the build checked this code
// against, compiled into the assembly (no file is read), or those of a folder given on the command line.
var rules = args.Length > 0 ? RuleSet.Load(args[0]) : HostRules.RuleSet;
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
