using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgreementRules.Tests.Robustness;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// rules_sha256 (shared/spec/activity-json.md; defined in docs/cli.md): the SHA-256 of the rule files,
    /// normalised so that line endings and file order do not change it, on every answer.
    /// </summary>
    public class RulesSha256Tests
    {
        private const string Vocabulary = "type party = enum { JP, US }\nactivity enrich\nfact enrichment : number %\n";
        private const string Rules = "agreement A { parties JP, US }\n" +
                                     "rule lo cites \"Art. 1\" on enrich when enrichment < 20 % then permitted\n" +
                                     "rule hi cites \"Art. 1\" on enrich when enrichment >= 20 % then requires consent of JP, US\n";

        /// <summary>The definition in docs/cli.md, written out again with nothing of the library's code.</summary>
        private static string Independent(params string[] texts)
        {
            static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
            var digests = texts
                .Select(t => t.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace("\r", "\n"))
                .Select(t => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(t))))
                .OrderBy(d => d, StringComparer.Ordinal);
            return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(digests.Select(d => d + "\n")))));
        }

        private static string Hash(params (string path, string text)[] files) => RulesHash.Compute(files.Select(f => new RulesSource(f.path, f.text)));

        [Fact]
        public void It_matches_an_independent_computation_of_the_documented_definition()
        {
            Assert.Equal(Independent(Vocabulary, Rules), Hash(("a.rules", Vocabulary), ("b.rules", Rules)));
            Assert.Matches("^[0-9a-f]{64}$", Hash(("a.rules", Vocabulary)));
        }

        [Fact]
        public void Line_endings_a_byte_order_mark_file_order_and_paths_do_not_change_it()
        {
            var lf = Hash(("a.rules", Vocabulary), ("b.rules", Rules));
            Assert.Equal(lf, Hash(("a.rules", Vocabulary.Replace("\n", "\r\n")), ("b.rules", Rules.Replace("\n", "\r\n"))));
            Assert.Equal(lf, Hash(("a.rules", Vocabulary.Replace("\n", "\r")), ("b.rules", "\uFEFF" + Rules)));
            Assert.Equal(lf, Hash(("b.rules", Rules), ("a.rules", Vocabulary)));
            Assert.Equal(lf, Hash(("/elsewhere/x/vocabulary.rules", Vocabulary), ("/elsewhere/y.rules", Rules)));
        }

        [Fact]
        public void One_character_of_one_rule_changes_it_and_so_does_moving_text_between_files()
        {
            var original = Hash(("a.rules", Vocabulary), ("b.rules", Rules));
            Assert.NotEqual(original, Hash(("a.rules", Vocabulary), ("b.rules", Rules.Replace("< 20 %", "< 21 %"))));
            Assert.NotEqual(original, Hash(("a.rules", Vocabulary), ("b.rules", Rules + " ")));
            Assert.NotEqual(original, Hash(("a.rules", Vocabulary + Rules)));
        }

        [Fact]
        public void RuleSet_Load_and_RuleSet_Parse_carry_it()
        {
            using var folder = new TempFolder();
            folder.Write("vocabulary.rules", Vocabulary.Replace("\n", "\r\n"));
            folder.Write("sub/rules.rules", Rules);
            Assert.Equal(Independent(Vocabulary, Rules), RuleSet.Load(folder.Path).RulesSha256);
            Assert.Equal(Independent(Vocabulary + Rules), RuleSet.Parse(Vocabulary + Rules).RulesSha256);
        }

        /// <summary>Issue 15: every decision names the rules that gave it, whichever rule set it came from.</summary>
        [Fact]
        public void Every_decision_carries_the_hash_of_its_rule_set()
        {
            using var folder = new TempFolder();
            folder.Write("vocabulary.rules", Vocabulary);
            folder.Write("rules.rules", Rules);
            var loaded = RuleSet.Load(folder.Path);
            var changed = RuleSet.Parse(Vocabulary + Rules.Replace("< 20 %", "< 21 %").Replace(">= 20 %", ">= 21 %"));
            var generated = GeneratedRuleSet.Build(Independent(Vocabulary, Rules), new RulesSource("v.rules", Vocabulary), new RulesSource("r.rules", Rules));
            foreach (var level in new[] { 5.0, 20.5, 50.0 })
            {
                var request = Activity.Create("enrich").With("enrichment", level);
                Assert.Equal(Independent(Vocabulary, Rules), loaded.Evaluate(request).RulesSha256);
                Assert.Equal(Independent(Vocabulary, Rules), generated.Evaluate(request).RulesSha256);
                Assert.Equal(changed.RulesSha256, changed.Evaluate(request).RulesSha256);
                // Interleaved evaluations of two rule sets: a decision never takes the other set's hash.
                Assert.NotEqual(loaded.Evaluate(request).RulesSha256, changed.Evaluate(request).RulesSha256);
            }
        }

        [Fact]
        public void A_generated_rule_set_whose_texts_no_longer_have_the_build_hash_refuses_to_load()
        {
            var thrown = Assert.Throws<RulesException>(() =>
                GeneratedRuleSet.Build(Independent(Vocabulary, Rules), new RulesSource("v.rules", Vocabulary), new RulesSource("r.rules", Rules.Replace("< 20 %", "< 21 %"))));
            Assert.Contains("hash to", thrown.Message);
            Assert.Contains("rebuild against one version of the package", thrown.Message);
        }

        [Fact]
        public void Every_answer_carries_it_decisions_and_errors_and_so_does_explain()
        {
            using var folder = new TempFolder();
            var rules = folder.Write("a.rules", Vocabulary + Rules);
            var expected = Independent(Vocabulary + Rules);
            var requests = """{"id":"ok","activity":"enrich","enrichment":5}""" + "\n" + "{broken\n" + """{"id":"bad","activity":"enrich","enrichment":"high"}""" + "\n";
            var (_, stdout, _) = Run(requests, "eval", "--rules", rules, "-");
            var answers = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal(3, answers.Length);
            foreach (var answer in answers)
            {
                using var json = JsonDocument.Parse(answer);
                Assert.Equal(expected, json.RootElement.GetProperty("rules_sha256").GetString());
            }
            var (_, explained, _) = Run(requests, "explain", "--rules", rules, "-");
            Assert.Equal(3, explained.Split('\n').Count(l => l == "  Rules SHA-256: " + expected));
        }
    }
}
