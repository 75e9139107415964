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
        [ThreadStatic] private static Value[]? buffer;

        public ActivityBinder(SymbolTable symbols)
        {
            this.symbols = symbols;
            defaults = new Value[symbols.FactsBySlot.Count];
            massScale = new double[symbols.FactsBySlot.Count];
            foreach (var fact in symbols.FactsBySlot)
            {
                massScale[fact.Slot] = fact.Declaration.Type is NumberTypeExpr { Unit: "kg" } ? 1000 : 1;
                if (fact.Default != null && TryConvert(fact, fact.Default, out var v, out _)) defaults[fact.Slot] = v;
            }
        }

        public Value[] Bind(Activity activity, out List<string>? problems)
        {
            problems = null;
            if (!symbols.Activities.ContainsKey(activity.Kind))
                (problems ??= new()).Add($"unknown activity '{activity.Kind}'{Suggestions.DidYouMean(activity.Kind, symbols.Activities.Keys)}; " +
                                         $"the rules declare {string.Join(", ", symbols.Activities.Keys)}");
            // A per-thread buffer: the values live only until the engine has decided.
            var values = buffer != null && buffer.Length == defaults.Length ? buffer : (buffer = new Value[defaults.Length]);
            Array.Copy(defaults, values, defaults.Length);
            foreach (var pair in activity.FactArray) // the array itself: enumerating the IReadOnlyList would allocate an enumerator per call
            {
                if (!symbols.Facts.TryGetValue(pair.Key, out var fact))
                {
                    (problems ??= new()).Add($"unknown fact '{pair.Key}'{Suggestions.DidYouMean(pair.Key, symbols.Facts.Keys)}");
                    continue;
                }
                if (pair.Value == null) { values[fact.Slot] = Value.Unknown; continue; }
                if (TryConvert(fact, pair.Value, out var v, out var problem)) values[fact.Slot] = v;
                else (problems ??= new()).Add(problem!);
            }
            return values;
        }

        private bool TryConvert(FactSymbol fact, object value, out Value result, out string? problem)
        {
            problem = null;
            result = Value.Unknown;
            switch (fact.Type)
            {
                case var t when t == RuleType.Bool:
                    if (value is bool b) { result = Value.Of(b); return true; }
                    break;
                case NumberType:
                    if (value is double d && !double.IsNaN(d) && !double.IsInfinity(d)) { result = Value.Of(d * massScale[fact.Slot]); return true; }
                    if (value is IConvertible c && value is not string && value is not bool && value is not char)
                    {
                        var n = c.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
                        if (double.IsNaN(n) || double.IsInfinity(n)) { problem = $"fact '{fact.Name}' must be a finite number"; return false; }
                        result = Value.Of(n * massScale[fact.Slot]);
                        return true;
                    }
                    break;
                case EnumType e:
                    if (value is string s)
                    {
                        if (e.TryGetCanonical(s, out var canonical)) { result = Value.Symbol(canonical); return true; }
                        problem = $"'{s}' is not a value of fact '{fact.Name}'{Suggestions.DidYouMean(s, e.Values)}; it takes {string.Join(", ", e.Values)}";
                        return false;
                    }
                    break;
                case ListType list:
                    // Activity.With has already copied lists into arrays: use them as they are once checked.
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

        private static string Describe(object value) => value switch
        {
            string s => $"the text \"{s}\"",
            bool b => b ? "true" : "false",
            IEnumerable => "a list",
            _ => $"{value} ({value.GetType().Name})",
        };
    }
}
