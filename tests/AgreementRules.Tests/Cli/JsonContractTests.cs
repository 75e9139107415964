using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AgreementRules.Cli;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// The request contract of shared/spec/activity-json.md through 'agreement-rules eval' on the shipped rules:
    /// "An unknown key, a value of the wrong type, or an enum value the vocabulary does not declare is a clear
    /// error for that request (its answer carries "error"), never a crash and never a silent guess; the other
    /// requests of a batch are still answered." Each bad request below stands between two good ones.
    /// </summary>
    public class JsonContractTests
    {
        internal const string Good = """{"id":"good","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":5,"quantity":1000}""";

        public static readonly TheoryData<string, string, string> BadRequests = new()
        {
            // unknown keys
            { "unknown fact", """{"id":"x","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichmnt":25}""",
                "unknown fact 'enrichmnt' (did you mean 'enrichment'?)" },
            { "unknown key far from any fact", """{"id":"x","activity":"enrich","colour":"green"}""",
                "unknown fact 'colour'" },
            { "unknown evidence", """{"id":"x","activity":"enrich","evidence":{"approvals":["US"]}}""",
                "unknown evidence \"approvals\"; evidence has \"consents\" and \"notifications\"" },
            { "unknown key in a consent", """{"id":"x","activity":"enrich","evidence":{"consents":[{"party":"US","oral":true}]}}""",
                "each of \"consents\" is a party such as \"US\" or {\"party\": \"US\", \"written\": true, \"prior\": true}" },
            { "a notification keyed like a consent", """{"id":"x","activity":"transfer","evidence":{"notifications":[{"party":"US"}]}}""",
                "each of \"notifications\" is a party such as \"US\" or {\"by\": \"US\", \"written\": true, \"prior\": true}" },
            // wrong types
            { "text for a number", """{"id":"x","activity":"enrich","enrichment":"high"}""",
                "fact 'enrichment' is number %, but the request gives the text \"high\"" },
            { "number for an enum", """{"id":"x","activity":"enrich","material":3}""",
                "fact 'material' is material (one of uranium, plutonium, uranium-233, thorium, heavy-water, graphite, equipment, component, sensitive-technology, classified-information), but the request gives the number 3" },
            { "text for a bool", """{"id":"x","activity":"transfer","recipient_authorized":"yes"}""",
                "fact 'recipient_authorized' is bool, but the request gives the text \"yes\"" },
            { "number for a bool", """{"id":"x","activity":"transfer","irradiated":1}""",
                "fact 'irradiated' is bool, but the request gives the number 1" },
            { "text for a list", """{"id":"x","activity":"enrich","agreements":"JP-US-1988"}""",
                "fact 'agreements' is list of text, but the request gives the text \"JP-US-1988\"" },
            { "list for a number", """{"id":"x","activity":"enrich","enrichment":["5"]}""",
                "fact 'enrichment' is number %, but the request gives a list" },
            { "object for a fact", """{"id":"x","activity":"enrich","material":{"name":"uranium"}}""",
                "fact \"material\" must be a string, a number, true/false, null or a list of strings" },
            { "list of numbers", """{"id":"x","activity":"enrich","agreements":[1988]}""",
                "fact \"agreements\" must be a string, a number, true/false, null or a list of strings" },
            { "a number too large for a double", """{"id":"x","activity":"enrich","enrichment":1e400}""",
                "fact 'enrichment' must be a finite number" },
            { "evidence not an object", """{"id":"x","activity":"enrich","evidence":["US"]}""",
                "\"evidence\" must be an object with \"consents\" and \"notifications\"" },
            { "consents not a list", """{"id":"x","activity":"enrich","evidence":{"consents":"US"}}""",
                "evidence \"consents\" must be a list" },
            { "prior not a bool", """{"id":"x","activity":"enrich","evidence":{"consents":[{"party":"US","prior":"yes"}]}}""",
                "each of \"consents\" is a party such as \"US\" or {\"party\": \"US\", \"written\": true, \"prior\": true}" },
            // undeclared enum values
            { "misspelt enum value", """{"id":"x","activity":"enrich","material":"plutonum"}""",
                "'plutonum' is not a value of fact 'material' (did you mean 'plutonium'?); it takes uranium, plutonium, uranium-233, thorium, heavy-water, graphite, equipment, component, sensitive-technology, classified-information" },
            { "undeclared party", """{"id":"x","activity":"transfer","supplier":"GB"}""",
                "'GB' is not a value of fact 'supplier'; it takes JP, US, FR" }, // no 'did you mean JP': nothing in common
            { "undeclared value in a list", """{"id":"x","activity":"transfer","assurances":["peaceful"]}""",
                "'peaceful' is not a value of fact 'assurances' (did you mean 'peaceful-use'?); it takes peaceful-use, iaea-safeguards, physical-protection" },
            { "enum value in the wrong case", """{"id":"x","activity":"store","protection":"ii"}""",
                "'ii' is not a value of fact 'protection' (did you mean 'II'?); it takes I, II, III" },
            { "undeclared activity", """{"id":"x","activity":"enrichment"}""",
                "unknown activity 'enrichment' (did you mean 'enrich'?); the rules declare enrich, reprocess, alter, store, transfer, use" },
            { "an empty key", """{"id":"x","activity":"enrich","":1}""",
                "a key with no name (\"\"): every key other than \"id\", \"activity\" and \"evidence\" names a fact" },
            { "an unpaired surrogate in a value", """{"id":"x","activity":"enrich","material":"\ud800"}""",
                "a text in the request holds an unpaired UTF-16 surrogate (such as \\ud800 without its other half); send valid Unicode" },
            { "an unpaired surrogate in evidence", """{"id":"x","activity":"enrich","evidence":{"consents":["\udc00"]}}""",
                "a text in the request holds an unpaired UTF-16 surrogate (such as \\ud800 without its other half); send valid Unicode" },
            // not a request at all
            { "no activity", """{"id":"x","material":"uranium"}""", "the request has no \"activity\" (a string such as \"enrich\")" },
            { "activity not a string", """{"id":"x","activity":["enrich"]}""", "the request has no \"activity\" (a string such as \"enrich\")" },
            { "several problems at once", """{"id":"x","activity":"enrich","material":"gold","enrichment":"high"}""",
                "'gold' is not a value of fact 'material'; it takes uranium, plutonium, uranium-233, thorium, heavy-water, graphite, equipment, component, sensitive-technology, classified-information; fact 'enrichment' is number %, but the request gives the text \"high\"" },
        };

        [Theory]
        [MemberData(nameof(BadRequests))]
        public void A_bad_request_is_a_clear_error_for_that_request_and_the_batch_goes_on(string what, string request, string error)
        {
            var (code, stdout, stderr) = Run(Good + "\n" + request + "\n" + Good + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.True(code == (int)ExitCode.RequestErrors, what);
            var answers = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal(3, answers.Length);
            Assert.Equal("permitted", Decision(answers[0]));
            using (var bad = JsonDocument.Parse(answers[1]))
            {
                Assert.Equal("x", bad.RootElement.GetProperty("id").GetString());
                Assert.Equal(error, bad.RootElement.GetProperty("error").GetString());
                Assert.Equal(new[] { "id", "error", "rules_sha256" }, bad.RootElement.EnumerateObject().Select(p => p.Name));
            }
            Assert.Equal("permitted", Decision(answers[2]));
            Assert.Equal("", stderr);
            AssertNoStackTrace(stdout);
        }

        [Theory]
        [InlineData("{broken", "not valid JSON (line 1, byte 2): '")]
        [InlineData("[1, 2]", "a request must be a JSON object")]
        [InlineData("\"enrich\"", "a request must be a JSON object")]
        [InlineData("{\"a\":" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "not valid JSON (line 1, byte 69): The maximum configured depth of 64 has been exceeded")]
        public void A_line_that_is_not_a_request_is_an_error_without_an_id_and_the_batch_goes_on(string line, string errorStart)
        {
            var (code, stdout, _) = Run(Good + "\n" + line + "\n" + Good + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.RequestErrors, code);
            var answers = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal(3, answers.Length);
            using (var bad = JsonDocument.Parse(answers[1]))
            {
                Assert.False(bad.RootElement.TryGetProperty("id", out _));
                Assert.StartsWith(errorStart, bad.RootElement.GetProperty("error").GetString());
            }
            Assert.Equal(new[] { "permitted", "permitted" }, new[] { Decision(answers[0]), Decision(answers[2]) });
        }

        [Fact]
        public void Blank_lines_are_skipped_and_answers_keep_the_order_of_the_requests()
        {
            var requests = Enumerable.Range(1, 5).Select(i => Good.Replace("\"good\"", $"\"r{i}\"").Replace("\"enrichment\":5", $"\"enrichment\":{i * 5}"));
            var (code, stdout, _) = Run(string.Join("\n\n  \n", requests) + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            var answers = stdout.TrimEnd('\n').Split('\n').Select(a => JsonDocument.Parse(a).RootElement).ToList();
            Assert.Equal(new[] { "r1", "r2", "r3", "r4", "r5" }, answers.Select(a => a.GetProperty("id").GetString()));
            // 5, 10, 15 % are below 20 %; 20 and 25 % need both parties' consent (JP-US Art. 6).
            Assert.Equal(new[] { "permitted", "permitted", "permitted", "consent-required", "consent-required" }, answers.Select(a => a.GetProperty("decision").GetString()));
        }

        [Theory]
        // IA Art. 1(3)(a)(iii), (b): Japan's notice, or the US's consent instead (docs/cli.md, Output).
        [InlineData(""","evidence":{"consents":["US"]}""",
            """{"kind":"notification","parties":["JP"],"or":[{"kind":"consent","parties":["US"],"written":false}],"satisfied":true,"satisfied_by":"consent on record","citation":"JP-US-1988 IA Art. 1(3)(a)(iii)","rule":"ia-art1-3-a-iii-plutonium-to-jp"}""")]
        [InlineData("",
            """{"kind":"notification","parties":["JP"],"or":[{"kind":"consent","parties":["US"],"written":false}],"satisfied":false,"citation":"JP-US-1988 IA Art. 1(3)(a)(iii)","rule":"ia-art1-3-a-iii-plutonium-to-jp"}""")]
        public void A_requirement_met_in_one_of_several_ways_lists_the_others_under_or(string evidence, string requirement)
        {
            var (code, stdout, _) = Run("""{"activity":"transfer","agreements":["JP-US-1988"],"material":"plutonium","quantity":2000,"supplier":"US","from":"GB","to":"JP","facility":"sellafield","recipient_authorized":true""" + evidence + "}\n",
                "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            var requirements = JsonDocument.Parse(stdout).RootElement.GetProperty("requirements").EnumerateArray()
                .Select(r => JsonSerializer.Serialize(r)).ToList();
            Assert.Contains(requirement, requirements);
        }

        [Fact]
        public void An_id_is_echoed_whatever_its_JSON_type_and_absent_when_not_given()
        {
            var (_, stdout, _) = Run("""{"id":42,"activity":"enrich"}""" + "\n" + """{"activity":"enrich"}""" + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            var answers = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal("42", JsonDocument.Parse(answers[0]).RootElement.GetProperty("id").GetString());
            Assert.False(JsonDocument.Parse(answers[1]).RootElement.TryGetProperty("id", out _));
        }

        [Fact]
        public void A_fact_given_as_null_is_unknown_not_an_error()
        {
            var (code, stdout, _) = Run("""{"id":"n","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":null}""" + "\n",
                "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            var answer = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal("undetermined", answer.GetProperty("decision").GetString());
            Assert.Equal(new[] { "enrichment" }, answer.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        }

        [Fact]
        public void An_answer_has_the_contract_s_shape()
        {
            var request = """{"id":"heu","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":25,"quantity":1000,"evidence":{"consents":["JP"]}}""";
            var (code, stdout, _) = Run(request + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            var answer = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(new[] { "id", "decision", "requirements", "citations", "derived", "trace", "rules_sha256" }, answer.EnumerateObject().Select(p => p.Name));
            Assert.Equal("consent-required", answer.GetProperty("decision").GetString());
            var requirement = Assert.Single(answer.GetProperty("requirements").EnumerateArray());
            Assert.Equal(new[] { "kind", "parties", "satisfied", "citation", "rule" }, requirement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("consent", requirement.GetProperty("kind").GetString());
            Assert.Equal(new[] { "JP", "US" }, requirement.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
            Assert.False(requirement.GetProperty("satisfied").GetBoolean());
            Assert.Equal("JP-US-1988 Art. 6", requirement.GetProperty("citation").GetString());
            Assert.Equal(new[] { "JP-US-1988 Art. 6" }, answer.GetProperty("citations").EnumerateArray().Select(c => c.GetString()));
            var derived = answer.GetProperty("derived");
            Assert.True(derived.GetProperty("heu").GetBoolean());
            Assert.Equal("III", derived.GetProperty("category").GetString()); // 250 g of U-235 in HEU: 1 kg or less (JP-US Annex B)
            Assert.NotEmpty(answer.GetProperty("trace").EnumerateArray());
        }

        private static string? Decision(string answer)
        {
            using var doc = JsonDocument.Parse(answer);
            return doc.RootElement.TryGetProperty("decision", out var d) ? d.GetString() : "error: " + doc.RootElement.GetProperty("error").GetString();
        }
    }
}
