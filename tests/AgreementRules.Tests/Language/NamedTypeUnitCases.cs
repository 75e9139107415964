using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgreementRules.Semantics;

namespace AgreementRules.Tests.Language
{
    /// <summary>
    /// One table of number facts declared in place and through named types (<c>type kilos = number kg</c>, and a
    /// type naming that one), with requests in each fact's declared unit and the decision each must get. Every path
    /// that reads a fact's unit is tested against this same table — the request binder (closures and IL), the C#
    /// back end, the CLI, the checker's examples and defaults (written from the table), the overlap analysis'
    /// witnesses and the source generator's typed requests (AgreementRules.Analyzers.Tests links this file) — so
    /// that they cannot drift apart again: a kg fact read as grams would let 6 kg pass a 5 kg limit.
    /// </summary>
    internal static class NamedTypeUnitCases
    {
        /// <summary>A fact, its declared type, the unit a request gives it in, and the limit its rules draw.</summary>
        public sealed record UnitFact(string Name, string Type, string Unit, string Limit, string? Default = null)
        {
            public string Activity => "on-" + Name.Replace('_', '-');
        }

        /// <summary>A request giving <see cref="Given"/> (in the fact's unit; null: not given) and the decision it gets.</summary>
        public sealed record UnitCase(UnitFact Fact, double? Given, Outcome Expected)
        {
            public override string ToString() => $"{Fact.Name} = {(Given is { } g ? Number(g) + " " + Fact.Unit : "(not given)")}";
        }

        public static readonly UnitFact[] Facts =
        {
            new("direct_kg", "number kg", "kg", "5 kg"),
            new("alias_kg", "kilos", "kg", "5 kg"),
            new("alias_alias_kg", "kilos_again", "kg", "5 kg"),
            new("direct_g", "number g", "g", "5 kg"),
            new("alias_g", "grams", "g", "5 kg"),
            new("alias_alias_g", "grams_again", "g", "5 kg"),
            new("alias_pct", "percent", "%", "20 %"),
            new("alias_alias_pct", "percent_again", "%", "20 %"),
            new("defaulted_kg", "kilos_again", "kg", "5 kg", Default: "6000 g"),
        };

        private static UnitFact F(string name) => Facts.Single(f => f.Name == name);

        /// <summary>Each rule prohibits above the limit and permits at or below it.</summary>
        public static readonly UnitCase[] Cases =
        {
            new(F("direct_kg"), 6, Outcome.Prohibited),
            new(F("direct_kg"), 5, Outcome.Permitted),
            new(F("alias_kg"), 6, Outcome.Prohibited),
            new(F("alias_kg"), 5, Outcome.Permitted),
            new(F("alias_kg"), 5.001, Outcome.Prohibited),
            new(F("alias_alias_kg"), 6, Outcome.Prohibited),
            new(F("alias_alias_kg"), 4, Outcome.Permitted),
            new(F("direct_g"), 6, Outcome.Permitted),
            new(F("direct_g"), 6000, Outcome.Prohibited),
            new(F("alias_g"), 6, Outcome.Permitted),
            new(F("alias_g"), 5001, Outcome.Prohibited),
            new(F("alias_alias_g"), 6, Outcome.Permitted),
            new(F("alias_alias_g"), 5000.5, Outcome.Prohibited),
            new(F("alias_pct"), 25, Outcome.Prohibited),
            new(F("alias_pct"), 20, Outcome.Permitted),
            new(F("alias_alias_pct"), 25, Outcome.Prohibited),
            new(F("alias_alias_pct"), 19.5, Outcome.Permitted),
            new(F("defaulted_kg"), null, Outcome.Prohibited), // the default, 6000 g, is 6 kg
            new(F("defaulted_kg"), 4, Outcome.Permitted),
            new(F("defaulted_kg"), 6, Outcome.Prohibited),
        };

        /// <summary>The overlap analysis' activity: two rules on an alias-of-alias kg fact that both hold between 5 and 7 kg.</summary>
        public const string OverlapActivity = "on-overlap";

        /// <summary>The rules: the named types, the facts, two rules per fact, one example per case (the checker's path).</summary>
        public static string Rules()
        {
            var text = new StringBuilder()
                .AppendLine("type kilos = number kg")
                .AppendLine("type kilos_again = kilos")
                .AppendLine("type grams = number g")
                .AppendLine("type grams_again = grams")
                .AppendLine("type percent = number %")
                .AppendLine("type percent_again = percent")
                .AppendLine("agreement UNITS-1 {")
                .AppendLine("  parties JP, US")
                .AppendLine("}");
            foreach (var f in Facts)
            {
                text.AppendLine($"fact {f.Name} : {f.Type}{(f.Default != null ? " default " + f.Default : "")}")
                    .AppendLine($"activity {f.Activity}")
                    .AppendLine($"rule {f.Activity}-over cites \"Art. 1\" on {f.Activity} when {f.Name} > {f.Limit} then prohibited")
                    .AppendLine($"rule {f.Activity}-within cites \"Art. 1\" on {f.Activity} when {f.Name} <= {f.Limit} then permitted");
            }
            var n = 0;
            foreach (var c in Cases)
                text.AppendLine($"example \"case {++n}: {c}\" {{")
                    .AppendLine($"  {c.Fact.Activity}{(c.Given is { } g ? $" {c.Fact.Name} = {Number(g)} {c.Fact.Unit}" : "")}")
                    .AppendLine($"  expect {DecisionNames.Of(c.Expected)}")
                    .AppendLine("}");
            return text
                .AppendLine($"activity {OverlapActivity}")
                .AppendLine($"rule overlap-above-5 cites \"Art. 2\" on {OverlapActivity} when alias_alias_kg > 5 kg then permitted")
                .AppendLine($"rule overlap-below-7 cites \"Art. 2\" on {OverlapActivity} when alias_alias_kg < 7 kg then prohibited")
                .ToString();
        }

        /// <summary>A request for a case, as the string API takes it.</summary>
        public static Activity Request(UnitCase c) =>
            c.Given is { } given ? Activity.Create(c.Fact.Activity).With(c.Fact.Name, given) : Activity.Create(c.Fact.Activity);

        public static string Number(double n) => n.ToString(CultureInfo.InvariantCulture);

        public static IEnumerable<object[]> Rows => Cases.Select((c, i) => new object[] { i });
    }
}
