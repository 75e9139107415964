using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;

namespace AgreementRules.Tests.Snapshots
{
    /// <summary>
    /// The whole diagnostic list of broken inputs, one per stage of the pipeline (each stage runs only
    /// when the one before found no error), as Snapshooter snapshots (Snapshots/__snapshots__/Diagnostics.*.snap):
    /// id, severity, place, the source text it points at, and the message.
    /// </summary>
    public class DiagnosticSnapshotTests
    {
        private const string Vocabulary = """
            type party = enum { JP, US }
            activity enrich
            activity transfer
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            fact quantity : number g
            fact supplier : party
            fact authorised : bool
            fact assurances : list of text

            """;

        public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
        {
            // Parsing: every broken declaration is reported, and the ones between still parse.
            ["syntax"] = """
                agreement A { parties JP US }
                fact level number %
                rule r1 cites "Art. 1" on enrich when enrichment >= then permitted
                rule r2 cites "Art. 2" on enrich then permitted
                rule r3 cites Art. 3 on enrich then permitted
                define d = (material == uranium
                example "e" { enrich expect permited
                define ok = true
                  stray

                """,
            // Checking names, types and units, with suggestions.
            ["names-types-units"] = Vocabulary + """
                agreement A { parties JP, US }
                rule r1 cites "X" on enrch when enrichment >= 20 % then permitted
                rule r2 cites "X" on enrich when enrichmnt >= 20 % then permitted
                rule r3 cites "X" on enrich when material == uranum then permitted
                rule r4 cites "X" on enrich when quantity > 20 % then permitted
                rule r5 cites "X" on enrich when enrichment + quantity > 1 then permitted
                rule r6 cites "X" on enrich when material then permitted
                rule r7 cites "X" on enrich when enrichment == plutonium then permitted
                rule r8 cites "X" on enrich when assurances == peaceful then permitted
                rule r9 cites "X" on enrich when big is given then permitted
                rule r10 cites "X" on enrich then requires consent of FR
                rule r11 cites "X" on enrich then requires consent of quantity
                define big = quantity > 1 kg
                fact level : numbr
                example "typo" {
                  enrich enrichmnt = 3 %, material = "gold"
                  expect alowed
                }

                """,
            // Declarations: duplicates and cycles.
            ["declarations"] = Vocabulary + """
                agreement A { parties JP, US }
                agreement B { parties JP }
                activity enrich
                fact quantity : number kg
                define a = b and authorised
                define b = a
                rule r cites "X" on enrich then permitted
                rule r cites "Y" on enrich then prohibited

                """,
            // Coverage: gaps and unreachable rules are warnings; contradictory rules an error.
            ["coverage"] = Vocabulary + """
                agreement A { parties JP, US }
                rule lo cites "X" on enrich when enrichment < 20 % then permitted
                rule hi cites "X" on enrich when enrichment > 20 % then requires consent of JP, US
                rule never cites "X" on enrich when enrichment > 50 % and enrichment < 40 % then prohibited
                rule small cites "X" on transfer when quantity < 100 g and authorised then permitted
                rule no cites "X" on transfer when quantity < 100 g and authorised then prohibited

                """,
            // In-file examples, run against the compiled rules.
            ["examples"] = Vocabulary + """
                agreement A { parties JP, US }
                rule lo cites "X" on enrich when enrichment < 20 % then permitted
                rule hi cites "X" on enrich when enrichment >= 20 % then requires consent of JP, US
                example "HEU with one consent" {
                  enrich enrichment = 25 %
                  consents JP
                  expect permitted
                }
                example "consent after the fact" {
                  enrich enrichment = 25 %
                  consents JP, US (after)
                  expect permitted
                }
                example "nothing known" {
                  enrich
                  expect consent-required
                }
                example "right" {
                  enrich enrichment = 25 %
                  consents JP, US (oral)
                  expect permitted
                }

                """,
        };

        public static IEnumerable<object[]> Names => Sources.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Names))]
        public void The_diagnostics_match_their_snapshot(string name)
        {
            var text = Sources[name];
            var result = RulesCompiler.Compile(new[] { new RulesSource(name + ".rules", text) });
            Assert.NotEmpty(result.Diagnostics);
            SnapshotFiles.Match(result.Diagnostics.Select(d => Describe(d, text)).ToList(), "Diagnostics." + name);
        }

        private static object Describe(RulesDiagnostic d, string text)
        {
            Assert.Equal(d.Span.Path.Replace(".rules", ""), Sources.Keys.Single(k => d.Span.Path == k + ".rules"));
            var covered = d.Span.Start + d.Span.Length <= text.Length ? text.Substring(d.Span.Start, d.Span.Length) : "";
            return new OrderedDictionary<string, object?>
            {
                ["id"] = d.Id,
                ["severity"] = d.Severity.ToString(),
                ["at"] = $"{d.Span.Line}:{d.Span.Column}",
                ["points at"] = covered.Length <= 60 ? covered : covered.Substring(0, 57) + "…",
                ["message"] = d.Message,
            };
        }
    }
}
