using System;
using System.Collections.Generic;

// The decisions and their written names, in the first stage that needs them: the checker reads the decision an
// example expects, the engine decides one, and the answer writes its name.
namespace AgreementRules
{
    /// <summary>Decisions in rank order: a higher value outranks a lower one when rules disagree.</summary>
    public enum Outcome
    {
        Permitted = 0,
        AssurancesRequired = 1,
        NotificationRequired = 2,
        ConsentRequired = 3,
        Undetermined = 4,
        Prohibited = 5,
    }
}

namespace AgreementRules.Semantics
{
    /// <summary>The decision names as rule authors and the JSON contract write them.</summary>
    public static class DecisionNames
    {
        public static readonly IReadOnlyList<string> All = Array.AsReadOnly(new[]
        {
            "permitted", "assurances-required", "notification-required", "consent-required", "undetermined", "prohibited",
        });

        public static string Of(Outcome outcome) => All[(int)outcome];

        public static bool TryParse(string text, out Outcome outcome)
        {
            for (var i = 0; i < All.Count; i++)
                if (All[i] == text) { outcome = (Outcome)i; return true; }
            outcome = Outcome.Undetermined;
            return false;
        }
    }
}
