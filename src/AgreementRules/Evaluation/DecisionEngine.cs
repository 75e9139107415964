using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// Applies the contract's semantics (shared/spec/activity-json.md) to the rules of one activity:
    /// every rule of every applicable agreement; a prohibition outranks everything; consents are
    /// satisfied by evidence or a matching programmatic consent; a missing fact that could change the
    /// answer makes it undetermined; nothing is permitted by default.
    /// </summary>
    internal sealed class DecisionEngine
    {
        private enum Tri : byte { False, True, Unknown }

        private readonly Dictionary<string, CompiledRule[]> rulesByActivity;
        private readonly (string name, CompiledExpr expr)[] definitions;
        private readonly SymbolTable symbols;
        private readonly int agreementsSlot;

        public DecisionEngine(IReadOnlyList<CompiledRule> rules, (string, CompiledExpr)[] definitions, SymbolTable symbols)
        {
            rulesByActivity = rules.GroupBy(r => r.Rule.Activity).ToDictionary(g => g.Key, g => g.ToArray());
            this.definitions = definitions;
            this.symbols = symbols;
            agreementsSlot = symbols.Facts.TryGetValue("agreements", out var f) ? f.Slot : -1;
        }

        public Decision Decide(string activity, Value[] facts, Evidence evidence)
        {
            var scope = new EvaluationScope(facts);
            var candidates = rulesByActivity.TryGetValue(activity, out var r) ? r : System.Array.Empty<CompiledRule>();
            var applicable = ApplicableAgreements(facts);

            var rules = new List<CompiledRule>(candidates.Length);
            var status = new List<Tri>(candidates.Length);
            var missing = new List<int>();
            var trace = new List<string>();
            foreach (var rule in candidates)
            {
                if (applicable != null && !applicable.Contains(rule.AgreementId)) continue;
                var before = scope.MissingReads.Count;
                var value = rule.Condition == null ? Value.True : rule.Condition(scope);
                var tri = value.IsUnknown ? Tri.Unknown : value.IsTrue ? Tri.True : Tri.False;
                if (tri == Tri.Unknown) missing.AddRange(scope.MissingReads.Skip(before));
                rules.Add(rule);
                status.Add(tri);
            }

            // The answer must not depend on what is missing: decide once taking every undecided rule
            // against the activity (requirements match, programmatic consents do not) and once in its
            // favour. Where both agree, that is the answer; otherwise it is undetermined.
            var worst = Judge(rules, status, scope, evidence, pessimistic: true, missing);
            var best = Judge(rules, status, scope, evidence, pessimistic: false, missing);
            var outcome = worst == best ? worst : Outcome.Undetermined;

            var requirements = new List<Requirement>();
            var citations = new List<string>();
            var advisories = new List<string>();
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                trace.Add(TraceLine(rule, status[i]));
                if (status[i] != Tri.True) continue;
                if (rule.Kind == OutcomeKind.Advisory) { advisories.Add($"{rule.Citation}: {rule.Rule.Declaration.Outcome.Text}"); continue; }
                if (outcome == Outcome.Prohibited && rule.Kind != OutcomeKind.Prohibited) continue;
                if (rule.IsRequirement) requirements.Add(DescribeRequirement(rule, rules, status, scope, evidence));
                if (!citations.Contains(rule.Citation)) citations.Add(rule.Citation);
            }
            if (outcome == Outcome.Undetermined && rules.TrueForAll(x => x.Kind == OutcomeKind.Advisory) || rules.Count == 0)
                trace.Add($"no rule of {(applicable == null ? "the loaded agreements" : string.Join(", ", applicable))} speaks to '{activity}'");

            var missingNames = outcome == Outcome.Undetermined
                ? missing.Distinct().Select(slot => symbols.FactsBySlot[slot].Name).ToList()
                : new List<string>();
            return new Decision(outcome, requirements, citations, missingNames, trace, Derive(scope), advisories, activity);
        }

        private HashSet<string>? ApplicableAgreements(Value[] facts)
        {
            if (agreementsSlot < 0 || facts[agreementsSlot].IsUnknown) return null; // not given: every loaded agreement applies
            return new HashSet<string>((string[])facts[agreementsSlot].Ref!);
        }

        private static Outcome Judge(List<CompiledRule> rules, List<Tri> status, EvaluationScope scope, Evidence evidence,
            bool pessimistic, List<int> missing)
        {
            var speaks = false;
            var outcome = Outcome.Permitted;
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (!Matches(status[i], rule, pessimistic)) continue;
                switch (rule.Kind)
                {
                    case OutcomeKind.Prohibited:
                        return Outcome.Prohibited;
                    case OutcomeKind.Permitted:
                        speaks = true;
                        break;
                    case OutcomeKind.RequiresConsent:
                    case OutcomeKind.RequiresNotification:
                    case OutcomeKind.RequiresAssurances:
                        speaks = true;
                        if (!IsSatisfied(rule, rules, status, scope, evidence, pessimistic, missing, out _))
                            outcome = Max(outcome, rule.Kind switch
                            {
                                OutcomeKind.RequiresConsent => Outcome.ConsentRequired,
                                OutcomeKind.RequiresNotification => Outcome.NotificationRequired,
                                _ => Outcome.AssurancesRequired,
                            });
                        break;
                }
            }
            return speaks ? outcome : Outcome.Undetermined;
        }

        /// <summary>Whether an undecided rule counts as matching in this pass: requirements and prohibitions
        /// match in the pessimistic pass, programmatic consents in the optimistic one.</summary>
        private static bool Matches(Tri status, CompiledRule rule, bool pessimistic) =>
            status == Tri.True || status == Tri.Unknown && (rule.Kind == OutcomeKind.GrantsConsent ? !pessimistic : pessimistic);

        private static Outcome Max(Outcome a, Outcome b) => a > b ? a : b;

        private static bool IsSatisfied(CompiledRule rule, List<CompiledRule> rules, List<Tri> status, EvaluationScope scope,
            Evidence evidence, bool pessimistic, List<int> missing, out string? by)
        {
            by = null;
            foreach (var partyRef in rule.Parties)
            {
                var before = scope.MissingReads.Count;
                var party = partyRef.Resolve(scope);
                if (party == null)
                {
                    missing.AddRange(scope.MissingReads.Skip(before));
                    if (pessimistic) return false;
                    continue;
                }
                if (rule.Kind == OutcomeKind.RequiresNotification)
                {
                    if (!evidence.HasNotification(party, rule.Written)) return false;
                    by = "notification on record";
                    continue;
                }
                if (evidence.HasConsent(party, rule.Written)) { by ??= "consent on record"; continue; }
                var grant = FindGrant(party, rule.AgreementId, rules, status, scope, pessimistic);
                if (grant == null) return false;
                by = "programmatic consent " + grant.Citation;
            }
            return true;
        }

        private static CompiledRule? FindGrant(string party, string agreement, List<CompiledRule> rules, List<Tri> status,
            EvaluationScope scope, bool pessimistic)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var g = rules[i];
                if (g.Kind != OutcomeKind.GrantsConsent || g.AgreementId != agreement || !Matches(status[i], g, pessimistic)) continue;
                foreach (var p in g.Parties)
                    if (p.Resolve(scope) == party) return g;
            }
            return null;
        }

        private static Requirement DescribeRequirement(CompiledRule rule, List<CompiledRule> rules, List<Tri> status,
            EvaluationScope scope, Evidence evidence)
        {
            var satisfied = IsSatisfied(rule, rules, status, scope, evidence, pessimistic: true, new List<int>(), out var by);
            var parties = rule.Parties.Select(p => p.Resolve(scope) ?? $"({p.Name} unknown)").ToList();
            var kind = rule.Kind switch
            {
                OutcomeKind.RequiresConsent => RequirementKind.Consent,
                OutcomeKind.RequiresNotification => RequirementKind.Notification,
                _ => RequirementKind.Assurances,
            };
            return new Requirement(kind, parties, satisfied, rule.Citation, rule.Id, satisfied ? by : null);
        }

        private static string TraceLine(CompiledRule rule, Tri status)
        {
            var verdict = status switch
            {
                Tri.True => "applies",
                Tri.False => "does not apply",
                _ => "cannot decide (a fact it needs is missing)",
            };
            return $"{rule.Citation} [{rule.Id}] {verdict}: {Describe(rule.Rule.Declaration.Outcome)}";
        }

        internal static string Describe(RuleOutcome outcome) => outcome.Kind switch
        {
            OutcomeKind.Permitted => "permitted",
            OutcomeKind.Prohibited => "prohibited",
            OutcomeKind.Advisory => "advisory: " + outcome.Text,
            OutcomeKind.RequiresConsent => $"requires {(outcome.Written ? "written " : "")}consent of {Parties(outcome)}",
            OutcomeKind.RequiresNotification => $"requires {(outcome.Written ? "written " : "")}notification by {Parties(outcome)}",
            OutcomeKind.RequiresAssurances => $"requires assurances or consent of {Parties(outcome)}",
            _ => $"grants consent of {Parties(outcome)} in advance",
        };

        private static string Parties(RuleOutcome outcome) => string.Join(", ", outcome.Parties.Select(p => p.Text));

        private Dictionary<string, object?> Derive(EvaluationScope scope)
        {
            var derived = new Dictionary<string, object?>(definitions.Length);
            foreach (var (name, expr) in definitions)
            {
                var v = expr(scope);
                if (!v.IsUnknown && v.Kind != ValueKind.Set) derived[name] = v.ToObject();
            }
            return derived;
        }
    }
}
