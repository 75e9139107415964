using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgreementRules.Evaluation;

namespace AgreementRules.Cli.Testing
{
    /// <summary>Counts over a group of rules (all of them, a file, an article): rules that apply in some example, conditions seen both ways.</summary>
    internal sealed class CoverageCounts
    {
        public CoverageCounts(string name, IReadOnlyList<RuleCoverage> rules)
        {
            Name = name;
            Rules = rules;
            RulesApplied = rules.Count(r => r.Decided);
            Conditions = rules.Sum(r => r.Conditions.Count);
            ConditionsCovered = rules.Sum(r => r.Conditions.Count(c => c.Covered));
        }

        public string Name { get; }
        public IReadOnlyList<RuleCoverage> Rules { get; }
        public int RulesApplied { get; }
        public int Conditions { get; }
        public int ConditionsCovered { get; }
        public bool Complete => RulesApplied == Rules.Count && ConditionsCovered == Conditions;

        public string Describe() =>
            $"{RulesApplied} of {Rules.Count} rule(s) apply in some example ({Percent(RulesApplied, Rules.Count)}), " +
            $"{ConditionsCovered} of {Conditions} condition(s) both true and false ({Percent(ConditionsCovered, Conditions)})";

        /// <summary>A percentage rounded down, so that 99.96 % never shows as 100 %.</summary>
        public static string Percent(int part, int whole) =>
            whole == 0 ? "100 %" : (System.Math.Floor(1000.0 * part / whole) / 10).ToString("0.#", CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>The coverage of a <c>test --coverage</c> run, by file and, within a file, by article (the rule's citation).</summary>
    internal sealed class CoverageSummary
    {
        public CoverageSummary(IReadOnlyList<RuleCoverage> rules)
        {
            Total = new CoverageCounts("all", rules);
            Files = rules.GroupBy(r => r.Rule.Declaration.Span.Path)
                .Select(file => (new CoverageCounts(file.Key, file.ToList()),
                    (IReadOnlyList<CoverageCounts>)file.GroupBy(r => r.Rule.Citation).Select(a => new CoverageCounts(a.Key, a.ToList())).ToList()))
                .ToList();
        }

        public CoverageCounts Total { get; }
        public IReadOnlyList<(CoverageCounts file, IReadOnlyList<CoverageCounts> articles)> Files { get; }
    }
}
