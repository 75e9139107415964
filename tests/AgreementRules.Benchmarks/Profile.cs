using System.Diagnostics;
using System.Reflection;
namespace AgreementRules.Benchmarks {
public static class Profile {
  public static int Run() {
    var rules = RuleSet.Parse(EnrichmentScenario.Rules, "s.rules");
    var req = EnrichmentScenario.Request(25);
    var ev = EnrichmentScenario.BothConsents;
    var binder = (AgreementRules.Evaluation.ActivityBinder)typeof(RuleSet).GetField("binder", BindingFlags.NonPublic|BindingFlags.Instance)!.GetValue(rules)!;
    var engine = (AgreementRules.Evaluation.DecisionEngine)typeof(RuleSet).GetField("engine", BindingFlags.NonPublic|BindingFlags.Instance)!.GetValue(rules)!;
    const int N = 2_000_000;
    for (int round = 0; round < 4; round++) {
      var sw = Stopwatch.StartNew();
      for (int i = 0; i < N; i++) binder.Bind(req, out _);
      var tb = sw.Elapsed.TotalMilliseconds * 1e6 / N;
      var facts = binder.Bind(req, out _);
      sw.Restart();
      for (int i = 0; i < N; i++) engine.Decide("enrich", facts, ev);
      var td = sw.Elapsed.TotalMilliseconds * 1e6 / N;
      System.Console.WriteLine($"bind {tb:F0} ns  decide {td:F0} ns");
    }
    return 0;
  }
}}
