using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// Turns host values into the typed fact array the compiled predicates read, refusing what the
    /// vocabulary does not declare: an unknown fact, a value of the wrong type, an enum value not declared.
    /// </summary>
    internal sealed class ActivityBinder
    {
        private readonly SymbolTable symbols;
        private readonly Value[] defaults;
        private readonly double[] massScale;
        /// <summary>The slot of the fact that lists the applicable agreements, or -1.</summary>
        private readonly int agreementsSlot;
        // The per-request lookups, in tables faster than the symbol table's dictionaries (see NameTable).
        private readonly NameTable<FactSymbol> facts;
        private readonly NameTable<bool> activities, agreementIds;
        /// <summary>
        /// The parties evidence may name: those of every loaded agreement, and the values of every enum fact an
        /// outcome names as a party (<c>notification by supplier</c>); <see cref="partyNames"/> lists them for messages.
        /// </summary>
        private readonly NameTable<bool> parties;
        private readonly string[] partyNames;
        /// <summary>The text facts an outcome names as a party (<c>notification by shipper</c>): their value may be anyone.</summary>
        private readonly FactSymbol[] textPartyFacts;
        /// <summary>Per slot, an enum fact's values to their interned instances; null for other facts.</summary>
        private readonly NameTable<string>?[] enumValues;

        /// <param name="rules">The rules whose outcomes may name facts as parties (the model's rules).</param>
        public ActivityBinder(SymbolTable symbols, IEnumerable<CheckedRule> rules)
        {
            this.symbols = symbols;
            defaults = new Value[symbols.FactsBySlot.Count];
            massScale = new double[symbols.FactsBySlot.Count];
            agreementsSlot = symbols.Facts.TryGetValue(Checker.AgreementsFact, out var agreements) && agreements.Type is ListType ? agreements.Slot : -1;
            facts = new NameTable<FactSymbol>(symbols.Facts);
            activities = new NameTable<bool>(symbols.Activities.Keys.Select(k => new KeyValuePair<string, bool>(k, true)));
            agreementIds = new NameTable<bool>(symbols.Agreements.Keys.Select(k => new KeyValuePair<string, bool>(k, true)));
            var partyFacts = rules.SelectMany(r => r.Declaration.Outcome.Alternatives.SelectMany(a => a.Parties).Concat(r.Declaration.Outcome.Parties))
                .Select(p => symbols.Facts.TryGetValue(p.Text, out var fact) ? fact : null).OfType<FactSymbol>().Distinct().ToList();
            partyNames = symbols.Agreements.Values.SelectMany(a => a.Parties)
                .Concat(partyFacts.SelectMany(f => f.Type is EnumType e ? e.Values : Enumerable.Empty<string>()))
                .Distinct(StringComparer.Ordinal).ToArray();
            parties = new NameTable<bool>(partyNames.Select(p => new KeyValuePair<string, bool>(p, true)));
            textPartyFacts = partyFacts.Where(f => f.Type is not EnumType).ToArray();
            enumValues = new NameTable<string>?[symbols.FactsBySlot.Count];
            foreach (var fact in symbols.FactsBySlot)
                if (fact.Type is EnumType e) enumValues[fact.Slot] = new NameTable<string>(e.Values.Select(v => new KeyValuePair<string, string>(v, v)));
            foreach (var fact in symbols.FactsBySlot)
            {
                massScale[fact.Slot] = fact.RequestScale;
                if (fact.Default != null && TryConvert(fact, fact.Default, massScale[fact.Slot], enumValues[fact.Slot], out var v, out _)) defaults[fact.Slot] = v;
            }
        }

        /// <summary>
        /// The activity's facts by slot, in <paramref name="work"/>'s fact buffer (valid until it is returned);
        /// <paramref name="problems"/> lists what the rules cannot read in the activity, then in the evidence.
        /// </summary>
        public Value[] Bind(Activity activity, Evidence evidence, EvaluationScratch work, out List<string>? problems)
        {
            var values = Bind(activity, work, out problems);
            AddEvidenceProblems(activity, evidence, ref problems);
            return values;
        }

        /// <summary>
        /// Whether every consent and notification names a party of a loaded agreement: one table lookup per
        /// entry (usually none to two), so it is asked before the emitted code decides, which reads no names.
        /// </summary>
        public bool KnowsEvidenceParties(Activity activity, Evidence evidence)
        {
            List<string>? problems = null;
            AddEvidenceProblems(activity, evidence, ref problems);
            return problems == null;
        }

        /// <summary>
        /// Evidence that names a party no loaded agreement declares ('JPP' for 'JP') satisfies no requirement: the
        /// answer would be fail-closed, but the typo would go unsaid. It is refused as an unknown fact is.
        /// </summary>
        private void AddEvidenceProblems(Activity activity, Evidence evidence, ref List<string>? problems)
        {
            foreach (var consent in evidence.ConsentArray) CheckParty(activity, consent.Party, "consent", "consents", ref problems);
            foreach (var notification in evidence.NotificationArray) CheckParty(activity, notification.By, "notification", "notifications", ref problems);
        }

        private void CheckParty(Activity activity, string? party, string entry, string key, ref List<string>? problems)
        {
            if (party == null)
                (problems ??= new()).Add($"a {entry} in evidence '{key}' names no party; {KnownParties()}");
            else if (!parties.TryGetValue(party, out _) && !MayBeTextParty(activity, party))
                (problems ??= new()).Add($"unknown party '{party}' in evidence '{key}'{Suggestions.DidYouMean(party, partyNames)}; {KnownParties()}");
        }

        private string KnownParties() => partyNames.Length > 0
            ? "the agreements' parties are " + string.Join(", ", partyNames)
            : "no loaded agreement lists its parties, so evidence can name none";

        /// <summary>
        /// Whether a text fact named as a party (<c>shipper</c>) is, or may be, <paramref name="party"/>: given as it,
        /// or unknown (then the engine asks whether anyone on record could be it). Only asked for a name no agreement lists.
        /// </summary>
        private bool MayBeTextParty(Activity activity, string party)
        {
            foreach (var fact in textPartyFacts)
            {
                var value = fact.Default;
                foreach (var pair in activity.FactArray)
                    if (pair.Key == fact.Name) value = pair.Value;
                if (value == null || value as string == party) return true;
            }
            return false;
        }

        /// <summary>The activity's facts by slot, in <paramref name="work"/>'s fact buffer (valid until it is returned).</summary>
        public Value[] Bind(Activity activity, EvaluationScratch work, out List<string>? problems)
        {
            problems = null;
            if (!activities.TryGetValue(activity.Kind, out _))
                (problems ??= new()).Add($"unknown activity '{activity.Kind}'{Suggestions.DidYouMean(activity.Kind, symbols.Activities.Keys)}; " +
                                         $"the rules declare {string.Join(", ", symbols.Activities.Keys)}");
            var values = work.Facts(defaults.Length);
            Array.Copy(defaults, values, defaults.Length);
            foreach (var pair in activity.FactArray) // the array itself: enumerating the IReadOnlyList would allocate an enumerator per call
            {
                if (!facts.TryGetValue(pair.Key, out var fact))
                {
                    (problems ??= new()).Add($"unknown fact '{pair.Key}'{Suggestions.DidYouMean(pair.Key, symbols.Facts.Keys)}");
                    continue;
                }
                if (pair.Value == null) { values[fact.Slot] = Value.Unknown; continue; }
                if (TryConvert(fact, pair.Value, massScale[fact.Slot], enumValues[fact.Slot], out var v, out var problem)) values[fact.Slot] = v;
                else (problems ??= new()).Add(problem!);
            }
            if (agreementsSlot >= 0 && values[agreementsSlot].Ref is string[] listed)
                foreach (var id in listed)
                    if (!agreementIds.TryGetValue(id, out _))
                        // A misspelt id would leave every rule out and answer 'undetermined' without saying why.
                        (problems ??= new()).Add($"unknown agreement '{id}'{Suggestions.DidYouMean(id, symbols.Agreements.Keys)} in '{Checker.AgreementsFact}'; " +
                                                 $"the rules declare {string.Join(", ", symbols.Agreements.Keys)}");
            return values;
        }

        /// <summary>
        /// Why a host value cannot be given for a fact, as <see cref="Bind(Activity, EvaluationScratch, out List{string})"/> would report it; null when it can
        /// (null itself means "unknown" and always can). The analyzers ask this about constants in host code, so
        /// the build and the run time refuse the same values with the same words.
        /// </summary>
        internal static string? ProblemWith(FactSymbol fact, object? value) =>
            value == null || TryConvert(fact, value, scale: 1, enumValues: null, out _, out var problem) ? null : problem;

        /// <param name="scale">What a number is multiplied by: 1000 for a fact declared in kg, which the engine reads in grams.</param>
        /// <param name="enumValues">An enum fact's values as a <see cref="NameTable{T}"/>; null to ask the type itself.</param>
        private static bool TryConvert(FactSymbol fact, object value, double scale, NameTable<string>? enumValues, out Value result, out string? problem)
        {
            problem = null;
            result = Value.Unknown;
            switch (fact.Type)
            {
                case var t when t == RuleType.Bool:
                    if (value is bool b) { result = Value.Of(b); return true; }
                    break;
                case NumberType:
                    if (value is double d && !double.IsNaN(d) && !double.IsInfinity(d) && OutOfRange(fact, (NumberType)fact.Type, d) == null) { result = Value.Of(d * scale); return true; }
                    // Only the numeric primitives: other IConvertibles (DateTime, a numeric string) are not numbers,
                    // and converting them would throw or guess.
                    if (value is double or byte or sbyte or short or ushort or int or uint or long or ulong or float or decimal)
                    {
                        var n = ((IConvertible)value).ToDouble(System.Globalization.CultureInfo.InvariantCulture);
                        if (double.IsNaN(n) || double.IsInfinity(n)) { problem = $"fact '{fact.Name}' must be a finite number"; return false; }
                        problem = OutOfRange(fact, (NumberType)fact.Type, n);
                        if (problem != null) return false;
                        result = Value.Of(n * scale);
                        return true;
                    }
                    break;
                case EnumType e:
                    if (value is string s)
                    {
                        if (enumValues != null ? enumValues.TryGetValue(s, out var canonical) : e.TryGetCanonical(s, out canonical))
                        {
                            result = Value.Symbol(canonical);
                            return true;
                        }
                        problem = $"'{s}' is not a value of fact '{fact.Name}'{Suggestions.DidYouMean(s, e.Values)}; it takes {string.Join(", ", e.Values)}";
                        return false;
                    }
                    break;
                case ListType list:
                    // Activity.With has already copied lists into arrays (no host code runs here): use them as they are once checked.
                    if (value is string[] array && (list.Element is not EnumType || Array.TrueForAll(array, ((EnumType)list.Element).Contains)))
                    {
                        result = Value.List(array);
                        return true;
                    }
                    if (value is IEnumerable items and not string)
                    {
                        var texts = new List<string>();
                        foreach (var item in items)
                        {
                            if (item is not string text) { problem = $"fact '{fact.Name}' is a list of texts; '{item}' is not a text"; return false; }
                            if (list.Element is EnumType le && !le.Contains(text))
                            {
                                problem = $"'{text}' is not a value of fact '{fact.Name}'{Suggestions.DidYouMean(text, le.Values)}; it takes {string.Join(", ", le.Values)}";
                                return false;
                            }
                            texts.Add(text);
                        }
                        result = Value.List(texts.ToArray());
                        return true;
                    }
                    break;
                default:
                    if (value is string text2) { result = Value.Symbol(text2); return true; }
                    break;
            }
            problem = $"fact '{fact.Name}' is {fact.Type.Display}, but the request gives {Describe(value)}";
            return false;
        }

        /// <summary>
        /// The checker's coverage analysis takes a percentage to run from 0 to 100 and every other number
        /// from 0 up; a value outside would reach no rule it proved covered, so it is refused here.
        /// </summary>
        private static string? OutOfRange(FactSymbol fact, NumberType type, double n) =>
            type.Dimension == Dimension.Percent && (n < 0 || n > 100)
                ? $"fact '{fact.Name}' is a percentage, from 0 to 100; the request gives {n.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                : n < 0
                    ? $"fact '{fact.Name}' cannot be negative; the request gives {n.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                    : null;

        private static string Describe(object value) => value switch
        {
            string s => $"the text \"{s}\"",
            bool b => b ? "true" : "false",
            IEnumerable => "a list",
            // A JSON number arrives as a double: say 'the number 3', not '3 (Double)', and never in the local culture.
            double or float or decimal or int or long or short or byte or uint or ulong or ushort or sbyte =>
                "the number " + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => $"{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        };
    }
}
