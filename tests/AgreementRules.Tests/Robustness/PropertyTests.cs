using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AgreementRules.Cli.Commands;
using AgreementRules.Cli.Json;
using AgreementRules.Compilation;
using AgreementRules.Syntax;
using AgreementRules.Tests.Snapshots;
using CsCheck;

namespace AgreementRules.Tests.Robustness
{
    /// <summary>
    /// Property tests (CsCheck): whatever text the parser and checker are given — real rules mutated,
    /// the language's words in random order, random characters — they answer with diagnostics, never
    /// an exception; every diagnostic has an id, a message and a place inside the text; a file that
    /// does not parse is never reported as OK; and the spans of whatever did parse are right.
    ///
    /// A failure prints the seed of the failing case; replay it with CsCheck_Seed=&lt;seed&gt; (and more
    /// iterations with CsCheck_Iter=&lt;n&gt;). Iterations are kept small so the suite runs in seconds.
    /// </summary>
    public class PropertyTests
    {
        private const string Path = "mutated.rules";

        /// <summary>The iterations for a property: <paramref name="n"/>, or CsCheck_Iter when set (to search harder, or to replay).</summary>
        private static long Iter(long n) => long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var iter) ? iter : n;

        private static string Show(string text) =>
            $"({text.Length} characters)\n" + (text.Length <= 2000 ? text : text.Substring(0, 1000) + "\n…\n" + text.Substring(text.Length - 1000));

        [Fact]
        public void Mutated_excerpts_of_real_rules_give_diagnostics_never_an_exception() =>
            RulesTextGen.MutatedExcerpt.Sample(text => AssertWellBehaved(text, withVocabulary: true), iter: Iter(300), print: Show);

        [Fact]
        public void Declarations_with_their_meaning_changed_give_diagnostics_never_an_exception() =>
            // About half of these still parse, so the checker, coverage analysis, compiler and examples run on them.
            RulesTextGen.MeaningMutatedDeclarations.Sample(text => AssertWellBehaved(text, withVocabulary: true), iter: Iter(300), print: Show);

        [Fact]
        public void Mutated_whole_files_give_diagnostics_never_an_exception() =>
            RulesTextGen.MutatedFile.Sample(text => AssertWellBehaved(text, withVocabulary: true), iter: Iter(25), print: Show);

        [Fact]
        public void The_language_s_words_in_random_order_give_diagnostics_never_an_exception() =>
            RulesTextGen.TokenSoup.Sample(text => AssertWellBehaved(text, withVocabulary: false), iter: Iter(500), print: Show);

        [Fact]
        public void Random_characters_give_diagnostics_never_an_exception() =>
            RulesTextGen.Noise.Sample(text => AssertWellBehaved(text, withVocabulary: false), iter: Iter(500), print: Show);

        [Fact]
        public void The_unmutated_seeds_are_well_behaved_too()
        {
            foreach (var seed in RulesTextGen.Seeds) AssertWellBehaved(seed, withVocabulary: true);
        }

        /// <summary>Parses and compiles <paramref name="text"/> (beside the shipped vocabulary) and checks every promise.</summary>
        internal static void AssertWellBehaved(string text, bool withVocabulary)
        {
            var sources = new List<RulesSource> { new(Path, text) };
            if (withVocabulary) sources.Add(new RulesSource("vocabulary.rules", RulesTextGen.Vocabulary));
            var texts = sources.ToDictionary(s => s.Path, s => s.Text);

            // Parsing alone: diagnostics, never an exception, never the parser's own "internal error".
            var file = RulesParser.Parse(text, Path);
            AssertDiagnostics(file.Diagnostics, texts);
            // Whatever parsed has spans inside the text, at the right line and column, holding whole brackets.
            SyntaxTreeJson.Of(file, text);

            // The whole pipeline: check, coverage, compile, examples.
            var result = RulesCompiler.Compile(sources);
            AssertDiagnostics(result.Diagnostics, texts);
            Assert.Equal(result.HasErrors, result.RuleSet == null);
            if (file.Diagnostics.Any(d => d.Severity == Severity.Error))
            {
                // A file that does not parse is never reported as OK, by any entry point.
                Assert.True(result.HasErrors);
                Assert.All(file.Diagnostics, d => Assert.Contains(d, result.Diagnostics));
                if (!withVocabulary) Assert.Throws<RulesException>(() => RuleSet.Parse(text, Path));
            }
            if (result.RuleSet is { } rules)
                foreach (var activity in rules.Activities)
                    rules.Evaluate(Activity.Create(activity)); // a rule set that loads also answers
        }

        private static void AssertDiagnostics(IEnumerable<RulesDiagnostic> diagnostics, IReadOnlyDictionary<string, string> texts)
        {
            foreach (var d in diagnostics)
            {
                Assert.Contains(d.Id, RulesDiagnosticIds.All);
                Assert.False(string.IsNullOrWhiteSpace(d.Message), $"{d}: no message");
                Assert.DoesNotContain("internal parser error", d.Message);
                Assert.True(Enum.IsDefined(d.Severity), d.ToString());
                Assert.True(texts.TryGetValue(d.Span.Path, out var text), $"{d}: not a path of the input");
                Assert.True(d.Span.Start >= 0 && d.Span.Length >= 0 && d.Span.Start + d.Span.Length <= text!.Length, $"{d}: span {d.Span.Start}+{d.Span.Length} outside {text!.Length} characters");
                Assert.True((d.Span.Line, d.Span.Column) == LineColumn(text, d.Span.Start), $"{d}: offset {d.Span.Start} is {LineColumn(text, d.Span.Start)}");
            }
        }

        private static (int line, int column) LineColumn(string text, int offset)
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < offset; i++)
                if (text[i] == '\n') { line++; lineStart = i + 1; }
            return (line, offset - lineStart + 1);
        }

        // ---- requests ----

        private static readonly Lazy<RuleSet> Shipped = new(() => RuleSet.Load(TestRules.ShippedRules));

        private static readonly string[] SampleRequests = File.ReadAllLines(System.IO.Path.Combine(TestRules.RepoRoot, "docs", "samples", "requests.jsonl"))
            .Where(l => l.Trim().Length > 0).ToArray();

        private static readonly Gen<string> MutatedRequest =
            Gen.Int[0, SampleRequests.Length - 1].SelectMany(i =>
            {
                var request = SampleRequests[i];
                return Gen.OneOf(
                    Gen.Int[0, request.Length].Select(n => request.Substring(0, n)),
                    from at in Gen.Int[0, request.Length]
                    from s in Gen.OneOf("\"", "{", "}", "[", "]", ",", ":", "null", "1e999", "-1", "true", "\"x\"", "\"material\":\"gold\"", "\"activity\":7", "\"evidence\":{\"consents\":[{\"party\":1}]}", "\"\":1,", "\"\\ud800\"", "\\udc00", "\"id\":\"\\ud800\",")
                    select request.Insert(at, s),
                    from at in Gen.Int[0, request.Length]
                    from count in Gen.Int[0, 20]
                    select request.Remove(at, Math.Min(count, request.Length - at)));
            });

        [Fact]
        public void Mutated_requests_are_each_answered_with_a_decision_or_an_error()
        {
            var rules = Shipped.Value;
            MutatedRequest.Sample(line =>
            {
                var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer, JsonOptions.Writer))
                    EvalCommand.Answer(writer, rules, RequestReader.Read(line));
                using var answer = JsonDocument.Parse(buffer.ToArray());
                var decided = answer.RootElement.TryGetProperty("decision", out _);
                var refused = answer.RootElement.TryGetProperty("error", out var error);
                Assert.True(decided != refused, "an answer has a decision or an error, not both, not neither");
                if (refused) Assert.False(string.IsNullOrWhiteSpace(error.GetString()));
            }, iter: Iter(400));
        }
    }
}
