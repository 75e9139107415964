using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Tests.Cli;
using AgreementRules.Tests.Compilation;
using AgreementRules.Tests.Robustness;
using static AgreementRules.Tests.Language.NamedTypeUnitCases;

namespace AgreementRules.Tests.Language
{
    /// <summary>
    /// A fact declared through a named type (<c>type kilos = number kg</c>, <c>fact load : kilos</c>, or a type
    /// naming that one) is given in the unit at the end of the chain, on every path that reads a fact's unit: the
    /// table in <see cref="NamedTypeUnitCases"/> is decided the same way by each (the generator's typed requests
    /// are in AgreementRules.Analyzers.Tests, HostRulesGeneratorTests).
    /// </summary>
    public class NamedTypeUnitTests
    {
        private static RuleSet Compile(EvaluationTiering tiering)
        {
            // runExamples: the checker writes each case's value with its unit (6 kg) and runs it as a request.
            var result = RulesCompiler.Compile(new[] { new RulesSource("units.rules", Rules()) }, runExamples: true, tiering);
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            return result.RuleSet!;
        }

        [Fact]
        public void Every_case_gets_its_decision_from_closures_IL_and_the_emitted_CSharp()
        {
            var paths = new Dictionary<string, RuleSet>
            {
                ["closures"] = Compile(EvaluationTiering.ClosuresOnly),
                ["IL"] = Compile(EvaluationTiering.IlAtOnce),
                ["emitted C#"] = EmittedCode.Attach(Compile(EvaluationTiering.ClosuresOnly)),
            };
            var wrong = new List<string>();
            foreach (var (path, rules) in paths)
                foreach (var c in Cases)
                {
                    var outcome = rules.Evaluate(Request(c)).Outcome;
                    if (outcome != c.Expected) wrong.Add($"{path}: {c} decided {outcome}, expected {c.Expected}");
                }
            Assert.Empty(wrong);
            // The emitted code decided these itself rather than hand them back to the runtime's binder.
            Assert.All(Cases, c => Assert.True(paths["emitted C#"].EmittedAnswers(Request(c), Evidence.None), c.ToString()));
        }

        [Fact]
        public void Every_case_as_a_JSON_request_gets_its_decision_from_eval()
        {
            using var folder = new TempFolder();
            folder.Write("units.rules", Rules());
            var requests = string.Join("\n", Cases.Select(c =>
                "{\"activity\": \"" + c.Fact.Activity + "\"" + (c.Given is { } g ? $", \"{c.Fact.Name}\": {Number(g)}" : "") + "}"));
            var (code, stdout, stderr) = CliRunner.Run(requests, "eval", "--rules", folder.Path, "-");
            Assert.True(code == 0, stderr + stdout);
            var decisions = stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("decision").GetString()).ToList();
            Assert.Equal(Cases.Select(c => $"{c}: {DecisionNames.Of(c.Expected)}"), Cases.Select((c, i) => $"{c}: {decisions[i]}"));
        }

        [Fact]
        public void The_overlap_witness_gives_a_kg_fact_through_two_named_types_in_kilograms()
        {
            var result = RulesCompiler.Compile(new[] { new RulesSource("units.rules", Rules()) }, runExamples: true, EvaluationTiering.ClosuresOnly, analyseOverlaps: true);
            var overlap = Assert.Single(result.Diagnostics, d => d.Id == RulesDiagnosticIds.OverlappingRules);
            var given = Regex.Match(overlap.Message, "\"alias_alias_kg\": ([0-9.]+)");
            Assert.True(given.Success, overlap.Message);
            // The rules overlap between 5 kg and 7 kg; the witness is a request, which gives this fact in kg.
            Assert.InRange(double.Parse(given.Groups[1].Value, CultureInfo.InvariantCulture), 5.0, 7.0);
            var witness = Activity.Create(OverlapActivity).With("alias_alias_kg", double.Parse(given.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.Equal(Outcome.Prohibited, result.RuleSet!.Evaluate(witness).Outcome); // both apply: the stricter decides
        }
    }
}
