using System.Linq;
using AgreementRules.Semantics;
using CsCheck;

namespace AgreementRules.Tests.Compilation
{
    /// <summary>
    /// CsCheck generators of requests over a checked model's vocabulary: each fact left out (unknown, or its
    /// default), given as null, or given a value near the rules' thresholds; the agreements mostly one, sometimes
    /// several or none; consents and notifications of every party, written or not, prior or not.
    /// </summary>
    internal static class RequestGen
    {
        private static readonly double[] Numbers = { 0, 0.5, 0.711, 1, 3, 3.5, 10, 15, 19.99, 20, 25, 90, 100, 499, 500, 501, 1000, 2000, 5000, 10_000, 1_000_000 };
        private static readonly string[] Parties = { "JP", "US", "FR", "GB" };

        public static Gen<(Activity activity, Evidence evidence)> Requests(CheckedModel model)
        {
            var texts = model.Symbols.DataSets.Values.SelectMany(s => s.Members).Concat(Parties).Append("elsewhere").Distinct().ToArray();
            var activity = Gen.OneOf(model.Symbols.Activities.Keys.ToArray()).Select(Activity.Create);
            foreach (var fact in model.Symbols.FactsBySlot)
            {
                var value = Value(fact, model, texts);
                var name = fact.Name;
                activity = activity.SelectMany(a => Gen.Int[0, 99].SelectMany<int, Activity>(roll =>
                    roll < 40 ? Gen.Const(a) : roll < 44 ? Gen.Const(a.With(name, null)) : value.Select(v => a.With(name, v))));
            }
            var evidence = Gen.Const(Evidence.None);
            // Evidence names the agreements' parties: one no agreement names is refused (UnknownEvidencePartyTests).
            foreach (var party in model.Symbols.Agreements.Values.SelectMany(a => a.Parties).Distinct())
                evidence = evidence.SelectMany(e => Gen.Int[0, 11].Select(roll =>
                    roll < 4 ? e
                    : roll < 8 ? e.WithConsent(party, written: roll != 4, prior: roll != 5)
                    : e.WithNotification(party, written: roll != 8, prior: roll != 9)));
            return activity.Select(evidence, (a, e) => (a, e));
        }

        private static Gen<object?> Value(FactSymbol fact, CheckedModel model, string[] texts)
        {
            switch (fact.Type)
            {
                case var t when t == RuleType.Bool: return Gen.Bool.Select(b => (object?)b);
                case NumberType n:
                    return Gen.OneOf(n.Dimension == Dimension.Percent ? Numbers.Where(x => x <= 100).ToArray() : Numbers).Select(x => (object?)x);
                case EnumType e: return Gen.OneOf(e.Values.ToArray()).Select(v => (object?)v);
                case ListType { Element: EnumType le }:
                    return Gen.Bool.Array[le.Values.Count].Select(keep => (object?)le.Values.Where((_, i) => keep[i]).ToArray());
                case ListType when fact.Name == Checker.AgreementsFact:
                    var ids = model.Symbols.Agreements.Keys.ToArray();
                    return Gen.Int[0, 3].SelectMany(roll => roll > 0
                        ? Gen.OneOf(ids).Select(id => (object?)new[] { id })
                        : Gen.Bool.Array[ids.Length].Select(keep => (object?)ids.Where((_, i) => keep[i]).ToArray()));
                case ListType: return Gen.Bool.Array[texts.Length].Select(keep => (object?)texts.Where((_, i) => keep[i] && i % 3 == 0).ToArray());
                default: return Gen.OneOf(texts).Select(v => (object?)v);
            }
        }
    }
}
