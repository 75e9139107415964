using System.Collections.Generic;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>A party named by a rule: fixed (<c>JP</c>) or read from a fact (<c>supplier</c>).</summary>
    internal readonly struct PartyRef
    {
        public PartyRef(string name, int slot) { Name = name; Slot = slot; }
        public string Name { get; }
        /// <summary>The fact slot to read, or -1 for a fixed party.</summary>
        public int Slot { get; }

        public string? Resolve(EvaluationScope scope)
        {
            if (Slot < 0) return Name;
            var v = scope.Read(Slot);
            return v.IsUnknown ? null : v.Text;
        }
    }

    /// <summary>A rule ready to run: its compiled condition and its outcome, with parties resolved to slots.</summary>
    internal sealed class CompiledRule
    {
        public CompiledRule(CheckedRule rule, CompiledExpr? condition, PartyRef[] parties)
        {
            Rule = rule;
            Condition = condition;
            Parties = parties;
            Kind = rule.Declaration.Outcome.Kind;
            Written = rule.Declaration.Outcome.Written;
            AgreementId = rule.Agreement.Id;
            Citation = rule.Citation;
        }

        public CheckedRule Rule { get; }
        public CompiledExpr? Condition { get; }
        public PartyRef[] Parties { get; }
        public OutcomeKind Kind { get; }
        public bool Written { get; }
        public string AgreementId { get; }
        public string Citation { get; }
        public string Id => Rule.Id;

        public bool IsRequirement => Kind is OutcomeKind.RequiresConsent or OutcomeKind.RequiresNotification or OutcomeKind.RequiresAssurances;
    }

    internal static class RuleCompiler
    {
        public static CompiledRule Compile(CheckedRule rule, ExpressionCompiler compiler, SymbolTable symbols)
        {
            var condition = rule.Declaration.Condition == null ? null : compiler.Compile(rule.Declaration.Condition);
            var parties = new List<PartyRef>();
            foreach (var p in rule.Declaration.Outcome.Parties)
                parties.Add(new PartyRef(p.Text, symbols.Facts.TryGetValue(p.Text, out var fact) ? fact.Slot : -1));
            return new CompiledRule(rule, condition, parties.ToArray());
        }
    }
}
