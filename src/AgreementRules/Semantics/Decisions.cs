using System;
using System.Collections.Generic;

// The decisions and their written names, in the first stage that needs them: the checker reads the decision an
// example expects, the engine decides one, and the answer writes its name.
namespace AgreementRules
{
    /// <summary>Decisions in rank order: a higher value outranks a lower one when rules disagree.</summary>
    public enum Outcome
    {
        /// <summary>The activity may go ahead: the rules that apply permit it and every requirement is met.</summary>
        Permitted = 0,
        /// <summary>The assurances an article asks for are missing; the consent of the parties it names would cure it.</summary>
        AssurancesRequired = 1,
        /// <summary>It may go ahead once the notification a rule asks for is on record.</summary>
        NotificationRequired = 2,
        /// <summary>It may go ahead once the consent a rule asks for is on record.</summary>
        ConsentRequired = 3,
        /// <summary>The rules cannot decide: facts the request did not give could change the answer (see <see cref="Decision.Missing"/>), or no rule applies. Not permitted.</summary>
        Undetermined = 4,
        /// <summary>A rule prohibits the activity.</summary>
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
