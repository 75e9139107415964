using System;
using System.Collections.Generic;
using AgreementRules;
using AgreementRules.Evaluation;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// One decision three ways: JP-US Art. 6 (enrichment below 20% free, 20% or more with both parties'
    /// consent) and Art. 8 (peaceful use only). The rules text, the hand-written C# and the RulesEngine
    /// workflow say the same thing, and the hand-written code builds the same <see cref="Decision"/>
    /// (checked field by field before measuring) out of the same kinds of objects: the derived facts
    /// in the same light container, the requirement built once, as the rules build theirs. A baseline
    /// with a dictionary per call would do more than the product and flatter it.
    /// </summary>
    public static class EnrichmentScenario
    {
        public const string Rules = """
            type party = enum { JP, US }
            activity enrich
            fact agreements : list of text
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            fact purpose : enum { peaceful, military } default peaceful
            agreement JP-US-1988 { parties JP, US }
            define heu = material == uranium and enrichment >= 20 %
            rule enrich-leu cites "Art. 6" on enrich when enrichment < 20 % then permitted
            rule enrich-heu cites "Art. 6" on enrich when enrichment >= 20 % then requires consent of JP, US
            rule peaceful-only cites "Art. 8" on enrich when purpose != peaceful then prohibited
            """;

        public static Activity Request(double enrichment) => Activity.Create("enrich")
            .With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", enrichment);

        public static readonly Evidence BothConsents = Evidence.None.WithConsent("JP").WithConsent("US");

        private const string Leu = "JP-US-1988 Art. 6 [enrich-leu] ";
        private const string Heu = "JP-US-1988 Art. 6 [enrich-heu] ";
        private const string Peace = "JP-US-1988 Art. 8 [peaceful-only] ";
        private const string LeuApplies = Leu + "applies: permitted", LeuDoesNot = Leu + "does not apply: permitted";
        private const string HeuApplies = Heu + "applies: requires consent of JP, US", HeuDoesNot = Heu + "does not apply: requires consent of JP, US";
        private const string PeaceApplies = Peace + "applies: prohibited", PeaceDoesNot = Peace + "does not apply: prohibited";
        private static readonly string[] Parties = { "JP", "US" };
        private static readonly string[] DerivedNames = { "heu" };
        private static readonly object True = true, False = false;
        private static readonly Requirement Unsatisfied = new(RequirementKind.Consent, Parties, false, "JP-US-1988 Art. 6", "enrich-heu", null);
        private static readonly Requirement OnRecord = new(RequirementKind.Consent, Parties, true, "JP-US-1988 Art. 6", "enrich-heu", "consent on record");

        /// <summary>The floor: the same logic and the same decision, written by hand.</summary>
        public static Decision HandWritten(Activity activity, Evidence evidence)
        {
            string? material = null, purpose = "peaceful";
            string[]? agreements = null;
            double? enrichment = null;
            var facts = activity.Facts;
            for (var i = 0; i < facts.Count; i++)
            {
                var fact = facts[i];
                switch (fact.Key)
                {
                    case "agreements": agreements = (string[]?)fact.Value; break;
                    case "material": material = (string?)fact.Value; break;
                    case "enrichment": enrichment = Convert.ToDouble(fact.Value); break;
                    case "purpose": purpose = (string?)fact.Value; break;
                }
            }
            if (enrichment == null) throw new NotSupportedException("the benchmark sends enrichment");
            // The rules speak only to items subject to their agreement.
            if (agreements != null && Array.IndexOf(agreements, "JP-US-1988") < 0) throw new NotSupportedException("the benchmark sends JP-US-1988");
            var e = enrichment.Value;
            var military = purpose != "peaceful";
            var trace = new[]
            {
                e < 20 ? LeuApplies : LeuDoesNot,
                e >= 20 ? HeuApplies : HeuDoesNot,
                military ? PeaceApplies : PeaceDoesNot,
            };
            var derived = new DerivedFacts(DerivedNames, new[] { e < 20 ? False : material == null ? DerivedFacts.Absent : material == "uranium" ? True : False });
            if (military)
                return new Decision(Outcome.Prohibited, Array.Empty<Requirement>(), new List<string> { "JP-US-1988 Art. 8" }, Array.Empty<string>(),
                    trace, derived, Array.Empty<string>(), "enrich");
            if (e < 20)
                return new Decision(Outcome.Permitted, Array.Empty<Requirement>(), new List<string> { "JP-US-1988 Art. 6" }, Array.Empty<string>(),
                    trace, derived, Array.Empty<string>(), "enrich");
            var satisfied = HasPrior(evidence, "JP") && HasPrior(evidence, "US");
            return new Decision(satisfied ? Outcome.Permitted : Outcome.ConsentRequired, new List<Requirement> { satisfied ? OnRecord : Unsatisfied },
                new List<string> { "JP-US-1988 Art. 6" }, Array.Empty<string>(), trace, derived, Array.Empty<string>(), "enrich");
        }

        /// <summary>A prior consent by the party ('requires consent', not 'requires written consent': an oral one counts).</summary>
        public static bool HasPrior(Evidence evidence, string party)
        {
            var consents = evidence.Consents;
            for (var i = 0; i < consents.Count; i++)
                if (consents[i].Party == party && consents[i].Prior) return true;
            return false;
        }
    }
}
