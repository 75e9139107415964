using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Compilation
{
    /// <summary>A party named by a rule: fixed (<c>JP</c>) or read from a fact (<c>supplier</c>).</summary>
    internal readonly struct PartyRef
    {
        public PartyRef(string name, int slot, IReadOnlyList<string>? domain = null) { Name = name; Slot = slot; Domain = domain; }
        public string Name { get; }
        /// <summary>The fact slot to read, or -1 for a fixed party.</summary>
        public int Slot { get; }
        /// <summary>The values the fact can take when it is an enum (a party type); null when it is any text.</summary>
        public IReadOnlyList<string>? Domain { get; }

        /// <summary>Whether <paramref name="party"/> is a value this reference could take.</summary>
        public bool CouldBe(string party) => Slot < 0 ? party == Name : Domain == null || Domain.Contains(party);

        public string? Resolve(EvaluationScope scope)
        {
            if (Slot < 0) return Name;
            var v = scope.Read(Slot);
            return v.IsUnknown ? null : v.Text;
        }
    }

    /// <summary>
    /// One way to meet a requirement, ready to run: <c>written notification by JP</c>, <c>consent of US</c>.
    /// A requirement has one, or several joined by <c>or</c>.
    /// </summary>
    internal sealed class RequirementClauseRef
    {
        public RequirementClauseRef(OutcomeKind kind, PartyRef[] parties, bool written) { Kind = kind; Parties = parties; Written = written; }
        public OutcomeKind Kind { get; }
        public PartyRef[] Parties { get; }
        public bool Written { get; }
        public bool IsNotification => Kind == OutcomeKind.RequiresNotification;

        /// <summary>The parties as the answer names them: a party read from a fact the request does not give is "(supplier unknown)".</summary>
        public string[] Resolve(EvaluationScope scope)
        {
            var names = new string[Parties.Length];
            for (var i = 0; i < names.Length; i++) names[i] = Parties[i].Resolve(scope) ?? $"({Parties[i].Name} unknown)";
            return names;
        }

        public bool AllFixed => Array.TrueForAll(Parties, p => p.Slot < 0);
    }

    /// <summary>A rule's compiled condition and the ways to meet its outcome, its parties resolved to fact slots.</summary>
    internal readonly struct CompiledRuleParts
    {
        public CompiledRuleParts(CheckedRule rule, CompiledExpr? condition, RequirementClauseRef[] clauses)
        {
            Rule = rule; Condition = condition; Clauses = clauses;
        }

        public CheckedRule Rule { get; }
        /// <summary>Null for a rule without 'when'.</summary>
        public CompiledExpr? Condition { get; }
        /// <summary>The outcome's own kind and parties first, then each alternative after 'or'.</summary>
        public RequirementClauseRef[] Clauses { get; }
    }

    /// <summary>Compiles a checked rule: its condition to a delegate, the parties its outcome names to fact slots or fixed names.</summary>
    internal static class RuleCompiler
    {
        public static CompiledRuleParts Compile(CheckedRule rule, ExpressionCompiler compiler, SymbolTable symbols)
        {
            var condition = rule.Declaration.Condition == null ? null : compiler.Compile(rule.Declaration.Condition);
            var outcome = rule.Declaration.Outcome;
            var clauses = new List<RequirementClauseRef> { new(outcome.Kind, Parties(outcome.Parties, symbols), outcome.Written) };
            foreach (var alternative in outcome.Alternatives)
                clauses.Add(new RequirementClauseRef(alternative.Kind, Parties(alternative.Parties, symbols), alternative.Written));
            return new CompiledRuleParts(rule, condition, clauses.ToArray());
        }

        private static PartyRef[] Parties(IReadOnlyList<Name> names, SymbolTable symbols)
        {
            var parties = new PartyRef[names.Count];
            for (var i = 0; i < parties.Length; i++)
            {
                var p = names[i];
                parties[i] = symbols.Facts.TryGetValue(p.Text, out var fact)
                    ? new PartyRef(p.Text, fact.Slot, fact.Type is EnumType e ? e.Values : null)
                    : new PartyRef(p.Text, -1);
            }
            return parties;
        }
    }
}
