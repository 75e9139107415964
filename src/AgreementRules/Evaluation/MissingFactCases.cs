using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Analysis;
using AgreementRules.Compilation;
using AgreementRules.Semantics;

namespace AgreementRules.Evaluation
{
    /// <summary>
    /// Whether the facts a request leaves out could change its decision at all. The engine's two passes
    /// (every undecided rule against the activity, then in its favour) are cheap but only a bound: they
    /// disagree whenever a rule cannot decide, even where every value of the missing fact gives the same
    /// answer (enrichment missing with both consents on record: every level is permitted). Only then,
    /// this tries the cases of the missing facts with the checker's own three-valued search
    /// (<see cref="CaseSearch"/>, over each fact's range: percentages 0–100, other numbers from 0) and
    /// decides when every case gives the same outcome; otherwise the answer stays undetermined, naming
    /// the facts whose values lead to different outcomes.
    /// A fact read through arithmetic is only sampled (<see cref="CaseDomains"/>), so a search that branched
    /// on one may decide against the activity but never permits it: nothing is permitted on a sample.
    /// A decision the cases settled reports its requirements as the cases found them (<see cref="Met"/>): the
    /// pessimistic pass took a party read from a missing fact as giving nothing, which the cases disproved; and
    /// it cites, with their requirements, the rules that applied only in some of the cases, since the answer
    /// rests on them there (enrichment missing, both consents on record: permitted, by Art. 6's consent).
    /// </summary>
    internal sealed class MissingFactCases : ICaseJudge
    {
        /// <summary>Cases a request may try before the search gives up and the answer stays undetermined.</summary>
        internal const int Budget = 512;

        private readonly DecisionEngine engine;
        private readonly DecisionEngine.Request request;
        private readonly CaseDomains domains;
        /// <summary>Its own working state: the evaluation that asks still reads its own.</summary>
        private readonly EvaluationScratch work = new();
        private readonly List<int> branched = new();
        /// <summary>Branched facts that an undecided rule read through arithmetic: their cases were samples.</summary>
        private readonly List<int> sampled = new();

        private MissingFactCases(DecisionEngine engine, DecisionEngine.Request request, CaseDomains domains)
        {
            this.engine = engine;
            this.request = request;
            this.domains = domains;
            foreach (var rule in request.Candidates)
                foreach (var party in rule.Parties)
                    if (party.Slot >= 0 && party.Domain == null) anyTextParty.Add(party.Slot);
        }

        /// <summary>
        /// Facts that name a party as any text ('notification by shipper'): the case search's values for a text
        /// stand for what the conditions test, not for the parties the evidence names, so they are not branched on.
        /// </summary>
        private readonly HashSet<int> anyTextParty = new();

        /// <summary>The outcome every case gives; null when the cases differ or the search gave up.</summary>
        public Outcome? Outcome { get; private set; }

        /// <summary>When the search finished and the cases differ: the facts whose values could change the decision. Null otherwise.</summary>
        public IReadOnlyList<int>? Decisive { get; private set; }

        /// <summary>
        /// Per rule the request reaches, in the engine's order (the same in every case: which rules a request
        /// reaches depends on its agreements, not on the facts searched): whether it applied in some decided case,
        /// whether its requirement was met in every decided case where it applied, and each way it was met, once,
        /// in the order the cases met it. Null until a case is decided.
        /// </summary>
        private bool[]? appliedInSomeCase;
        private bool[]? metWhereApplied;
        private List<string>?[]? waysMet;

        public static MissingFactCases Search(DecisionEngine engine, DecisionEngine.Request request, CaseDomains domains, Value[] facts)
        {
            var cases = new MissingFactCases(engine, request, domains);
            var decisive = new List<int>();
            if (!CaseSearch.TryOutcomes(domains, facts, cases, Budget, out var outcomes, decisive)) return cases;
            if ((outcomes & (outcomes - 1)) != 0)
            {
                // In the order the rules read them, as the two passes list missing facts.
                cases.Decisive = cases.branched.Where(decisive.Contains).ToList();
                return cases;
            }
            var outcome = (Outcome)Log2(outcomes);
            if (outcome == AgreementRules.Outcome.Permitted && cases.sampled.Count > 0) cases.Decisive = cases.sampled;
            else cases.Outcome = outcome;
            return cases;
        }

        public int Judge(EvaluationScope scope, out int branch)
        {
            var facts = scope.Facts;
            var count = engine.Assess(request, facts, countsTowardIl: false, work, out var worst, out var best);
            branch = -1;
            if (worst == best)
            {
                // A prohibited answer reports no requirement; its pass may have stopped before recording them.
                RecordCase(count, requirementsRecorded: worst != AgreementRules.Outcome.Prohibited);
                return 1 << (int)worst;
            }
            foreach (var slot in work.Missing)
                // A fact tested with 'is given' decides by its absence: giving it a value is another request.
                if (facts[slot].IsUnknown && !domains.GivenSlots.Contains(slot)) { branch = slot; break; }
            if (branch >= 0 && anyTextParty.Contains(branch)) branch = -1; // the search gives up: undetermined as the passes say
            if (branch < 0) return 0;
            if (!branched.Contains(branch)) branched.Add(branch);
            // A rule that cannot decide here and reads the fact through arithmetic sees only samples of it.
            // (A rule that decides without the fact gives the same for every value of it: Kleene logic.)
            for (var i = 0; i < count; i++)
                if (work.Status[i] == DecisionEngine.Tri.Unknown && !sampled.Contains(branch) &&
                    domains.ThroughArithmetic(Array.IndexOf(request.Candidates, work.Rules[i])).Contains(branch))
                    sampled.Add(branch);
            return 0;
        }

        /// <summary>
        /// Folds a decided case into the cases' verdict: which rules applied in it (their statuses are this case's
        /// own: every rule the request reaches is assessed in every case) and, when its pass recorded them, whether
        /// each requirement that applied was met and by what.
        /// </summary>
        private void RecordCase(int count, bool requirementsRecorded)
        {
            if (appliedInSomeCase == null)
            {
                appliedInSomeCase = new bool[count];
                metWhereApplied = new bool[count];
                waysMet = new List<string>?[count];
                for (var i = 0; i < count; i++) metWhereApplied[i] = true;
            }
            for (var i = 0; i < count; i++)
            {
                if (work.Status[i] != DecisionEngine.Tri.True) continue;
                appliedInSomeCase[i] = true;
                if (!requirementsRecorded || !work.Rules[i].IsRequirement) continue;
                if (!work.Satisfied[i]) { metWhereApplied![i] = false; continue; }
                var ways = waysMet![i] ??= new List<string>(1);
                var by = work.SatisfiedBy[i]!;
                if (!ways.Contains(by)) ways.Add(by);
            }
        }

        /// <summary>
        /// Whether rule <paramref name="rule"/> (an index in the engine's order) applied in some case the search
        /// tried. A decision the cases settled reports such a rule (its citation, and its requirement as the cases
        /// met it) even where the request leaves open whether it applies: the answer rests on it in those cases.
        /// </summary>
        public bool AppliedInSomeCase(int rule) => appliedInSomeCase != null && appliedInSomeCase[rule];

        /// <summary>
        /// Whether the requirement of rule <paramref name="rule"/> was met in every case the search tried where it
        /// applied, and by what: the way every case met it, or, when that differs from case to case, each way and
        /// the facts it depends on ("notification on record or consent on record, depending on the value of
        /// sender"). A rule that applies only in some cases (<paramref name="inEveryCase"/> false) says so. Read
        /// only when the cases settled the decision.
        /// </summary>
        public bool Met(int rule, bool inEveryCase, SymbolTable symbols, out string? by)
        {
            by = null;
            if (!AppliedInSomeCase(rule) || !metWhereApplied![rule] || waysMet![rule] is not { } ways) return false;
            by = !inEveryCase ? $"{string.Join(" or ", ways)}, in the cases where it applies (depending on the value of {BranchedNames(symbols)})"
                : ways.Count == 1 ? ways[0]
                : $"{string.Join(" or ", ways)}, depending on the value of {BranchedNames(symbols)}";
            return true;
        }

        /// <summary>The trace line of a decision the cases settled.</summary>
        public string Explain(SymbolTable symbols) =>
            $"whatever the value of {BranchedNames(symbols)}, " +
            $"the rules decide {DecisionNames.Of(Outcome!.Value)} (every case of the missing facts was tried)";

        private string BranchedNames(SymbolTable symbols) => string.Join(", ", branched.Select(slot => symbols.FactsBySlot[slot].Name));

        private static int Log2(int bit)
        {
            var n = 0;
            while ((bit >>= 1) != 0) n++;
            return n;
        }
    }
}
