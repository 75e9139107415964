using System.Collections.Generic;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Snapshots
{
    /// <summary>
    /// The syntax tree of each kind of declaration, spans included, as Snapshooter snapshots
    /// (Snapshots/__snapshots__/SyntaxTree.*.snap). A change to the grammar that changes a tree or a span
    /// fails here; if it is meant, re-record (see <see cref="Recording"/>) and review the diff.
    /// </summary>
    public class SyntaxTreeSnapshotTests
    {
        public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
        {
            ["agreement-header"] = """
                # An agreement, and a file that continues it.
                agreement JP-US-1988 {
                  title "Agreement for Cooperation between Japan and the United States"
                  parties JP, US
                  source "seeds/jp-us-1988.txt"
                }
                agreement JP-US-1988 continued { title "Implementing Arrangement" }

                """,
            ["types-and-facts"] = """
                type party = enum { JP, US, FR }
                type assurance = enum { peaceful-use, iaea-safeguards }
                fact enrichment : number % "U-235 content, in percent"
                fact quantity : number g
                fact shipment : number kg
                fact count : number
                fact irradiated : bool default false
                fact purpose : enum { peaceful, military } default peaceful "what the item is for"
                fact supplier : party
                fact agreements : list of text
                fact assurances : list of assurance default { peaceful-use }
                fact note : text
                activity enrich "enrich uranium in U-235"
                activity store

                """,
            ["define-arithmetic"] = """
                define u235 = quantity * enrichment
                define effective = (quantity - year_total) / 2 + 1.5 kg
                define heu = material == uranium and enrichment >= 20 %
                define weak = not (protection is given) or protection != I
                define category = case
                    when material == plutonium and quantity >= 2000 g then I
                    when heu then II
                    else none
                  end

                """,
            ["sets-and-membership"] = """
                set ia-annex-1 = { tokai-reprocessing, rokkasho-reprocessing }
                set mixed = { "quoted id", plain, 20 }
                set none-yet = { }
                define annexed = facility in ia-annex-1
                define nuclear = material in { uranium, plutonium, uranium-233 }
                define assured = assurances has peaceful-use and not (assurances has iaea-safeguards)

                """,
            ["rule-outcomes"] = """
                rule enrich-leu cites "Art. 6" on enrich when enrichment < 20 % then permitted
                rule military cites "Art. 8(2)" on enrich
                  when purpose == military
                  then prohibited
                  quote "shall not be used for any nuclear explosive device"
                rule store-any cites "Art. 3" on store then permitted
                rule enrich-heu cites "Art. 6" on enrich when heu then requires consent of JP, US
                rule transfer-out cites "Art. 4(3)" on transfer when to != supplier then requires written consent of supplier
                rule notify cites "Art. 4A(1)" on transfer then requires notification by JP
                rule notify-written cites "Art. 4A(1)" on transfer then requires written notification by supplier
                rule assure cites "Art. 4(2)" on transfer when not assured then requires assurances or consent of supplier
                rule programmatic cites "IA Art. 1(1)(a)" on reprocess when annexed then grants consent of JP, US
                rule hague cites "para. 19" on store when material == plutonium then advisory "minimise stocks of separated plutonium"

                """,
            ["rule-alternatives"] = """
                rule pu-return cites "IA Art. 1(3)(a)(iii)" on transfer when quantity >= 2 kg
                  then requires written notification by JP or consent of US
                rule three-ways cites "Art. 4" on transfer
                  then requires consent of supplier, JP or written consent of US or notification by FR, recipient

                """,
            ["rule-overlaps"] = """
                rule art8 cites "Art. 8(2)" on enrich when purpose == military then prohibited
                  quote "shall not be used for any military purpose"
                  overlaps art6-low, art6-high
                    because "Art. 8(2) prohibits military use whatever Art. 6 allows"
                  overlaps art5 because "and whatever Art. 5 asks"

                """,
            ["examples"] = """
                example "HEU needs both parties" {
                  enrich material = uranium, enrichment = 25 %, quantity = 1.5 kg
                  consents JP, US (oral), FR (after), GB (oral, after)
                  notifications JP
                  expect consent-required
                }
                example "lists and texts" {
                  transfer agreements = { JP-US-1988, "JP-FR-1990" }, irradiated = false, to = "KR"
                  expect undetermined
                }

                """,
        };

        public static IEnumerable<object[]> Names => Sources.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Names))]
        public void The_syntax_tree_with_its_spans_matches_its_snapshot(string name)
        {
            var text = Sources[name];
            var file = RulesParser.Parse(text, name + ".rules");
            Assert.Empty(file.Diagnostics);
            SnapshotFiles.Match(SyntaxTreeJson.Of(file, text), "SyntaxTree." + name);
        }

        // ---- the guard itself: a snapshot test must fail when the tree changes, and when its snapshot is missing ----

        [Fact]
        public void A_changed_tree_fails_its_snapshot()
        {
            // The same declarations with one condition changed: 20 % became 19 %, a one-character edit.
            var text = Sources["rule-outcomes"].Replace("enrichment < 20 %", "enrichment < 19 %");
            var changed = SyntaxTreeJson.Of(RulesParser.Parse(text, "rule-outcomes.rules"), text);
            try
            {
                Assert.ThrowsAny<System.Exception>(() => SnapshotFiles.Match(changed, "SyntaxTree.rule-outcomes", strict: true, record: false));
            }
            finally
            {
                // Snapshooter leaves the failing tree in __mismatch__ (git-ignored); this one is expected.
                System.IO.File.Delete(System.IO.Path.Combine(SnapshotFiles.Folder, "__snapshots__", "__mismatch__", "SyntaxTree.rule-outcomes.snap"));
            }
        }

        [Fact]
        public void A_missing_snapshot_fails_under_CI_and_is_not_created()
        {
            var file = RulesParser.Parse(Sources["examples"], "examples.rules");
            var ex = Assert.ThrowsAny<System.Exception>(() => SnapshotFiles.Match(SyntaxTreeJson.Of(file, Sources["examples"]), "SyntaxTree.no-such-snapshot", strict: true, record: false));
            Assert.Contains("snapshots are not created under CI", ex.Message);
            Assert.False(System.IO.File.Exists(SnapshotFiles.PathOf("SyntaxTree.no-such-snapshot")));
        }

        [Fact]
        public void Every_committed_snapshot_belongs_to_a_test()
        {
            var expected = Sources.Keys.Select(k => "SyntaxTree." + k)
                .Concat(DiagnosticSnapshotTests.Sources.Keys.Select(k => "Diagnostics." + k))
                .Concat(Cli.TestCommandTests.Snapshots)
                .Concat(Cli.DiagnosticRenderingTests.Snapshots)
                .Concat(Cli.ReportCommandTests.Snapshots)
                .OrderBy(n => n, System.StringComparer.Ordinal);
            var committed = System.IO.Directory.GetFiles(System.IO.Path.Combine(SnapshotFiles.Folder, "__snapshots__"), "*.snap")
                .Select(f => System.IO.Path.GetFileNameWithoutExtension(f)!)
                .OrderBy(n => n, System.StringComparer.Ordinal);
            Assert.Equal(expected, committed);
        }
    }
}
