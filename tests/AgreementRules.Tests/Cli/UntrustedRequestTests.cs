using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AgreementRules.Cli;
using AgreementRules.Cli.Commands;
using AgreementRules.Cli.Json;
using AgreementRules.Tests.Robustness;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Requests written by a hostile or careless integrator (issue 10, items 3, 4 and 7): a key given twice,
    /// bytes that are not UTF-8, texts and lists past the limits. Each is one located error for that request
    /// (where it stands and the key or byte), exit code 3, and every other request of the batch still
    /// answered in order. Each case is checked through JSON Lines (the one-pass reader, then the general one)
    /// and, where a .json file can hold it, through a .json array (the general reader alone).
    /// </summary>
    public class UntrustedRequestTests
    {
        private const string Good = JsonContractTests.Good;

        public static readonly TheoryData<string, string, string> KeysGivenTwice = new()
        {
            { "activity", """{"id":"x","activity":"reprocess","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":5}""",
                "key \"activity\" is given more than once in the request ({0}); which value counts would be a guess, so give it once" },
            { "a fact", """{"id":"x","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":5,"enrichment":93}""",
                "key \"enrichment\" is given more than once in the request ({0}); which value counts would be a guess, so give it once" },
            { "a fact spelt with an escape", """{"id":"x","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":5,"enrichm\u0065nt":93}""",
                "key \"enrichment\" is given more than once in the request ({0}); which value counts would be a guess, so give it once" },
            { "evidence", """{"id":"x","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":25,"evidence":{"consents":["JP"]},"evidence":{"consents":["JP","US"]}}""",
                "key \"evidence\" is given more than once in the request ({0}); which value counts would be a guess, so give it once" },
            { "consents", """{"id":"x","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":25,"evidence":{"consents":["JP"],"consents":["JP","US"]}}""",
                "key \"consents\" is given more than once in \"evidence\" ({0}); which value counts would be a guess, so give it once" },
            { "a key of a consent", """{"id":"x","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":25,"evidence":{"consents":["JP",{"party":"GB","party":"US"}]}}""",
                "key \"party\" is given more than once in a consent ({0}); which value counts would be a guess, so give it once" },
            { "prior in a notification", """{"id":"x","activity":"transfer","evidence":{"notifications":[{"by":"US","prior":false,"prior":true}]}}""",
                "key \"prior\" is given more than once in a notification ({0}); which value counts would be a guess, so give it once" },
        };

        [Theory]
        [MemberData(nameof(KeysGivenTwice))]
        public void A_key_given_twice_is_a_located_error_for_that_request_in_json_lines(string what, string request, string error)
        {
            // A blank line first, so that the request stands on line 3.
            var bad = ErrorBetweenGoodRequests("\n" + request, what);
            Assert.Equal("x", Field(bad, "id"));
            Assert.Equal(string.Format(error, "request line 3"), Field(bad, "error"));
        }

        /// <summary>Answers good, bad, good on standard input; checks the good two are decided, exit code 3; returns the bad one's answer.</summary>
        private static string ErrorBetweenGoodRequests(string request, string what)
        {
            var (code, stdout, stderr) = Run(Good + "\n" + request + "\n" + Good + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.True(code == (int)ExitCode.RequestErrors, what);
            var answers = Lines(stdout);
            Assert.Equal(new[] { "permitted", null, "permitted" }, answers.Select(a => Field(a, "decision")));
            Assert.Equal("", stderr);
            return answers[1];
        }

        [Theory]
        [MemberData(nameof(KeysGivenTwice))]
        public void A_key_given_twice_is_a_located_error_for_that_request_in_a_json_array(string what, string request, string error)
        {
            using var folder = new TempFolder();
            var file = folder.Write("batch.json", "[\n" + Good + ",\n" + request + ",\n" + Good + "\n]");
            var (code, stdout, _) = Run("", "eval", "--rules", TestRules.ShippedRules, file);
            Assert.True(code == (int)ExitCode.RequestErrors, what);
            var answers = Lines(stdout);
            Assert.Equal(new[] { "permitted", null, "permitted" }, answers.Select(a => Field(a, "decision")));
            Assert.Equal(string.Format(error, "request 2 of the file"), Field(answers[1], "error"));
        }

        [Fact]
        public void An_id_given_twice_is_not_echoed_and_the_error_says_so()
        {
            var (code, stdout, _) = Run("""{"id":"a","id":"b","activity":"enrich"}""" + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.RequestErrors, code);
            using var answer = JsonDocument.Parse(stdout);
            Assert.False(answer.RootElement.TryGetProperty("id", out _));
            Assert.Equal("key \"id\" is given more than once in the request (request line 1); which value counts would be a guess, so give it once",
                answer.RootElement.GetProperty("error").GetString());
        }

        [Fact]
        public void The_same_key_in_two_consents_is_not_a_repeat()
        {
            var request = """{"id":"x","activity":"enrich","agreements":["JP-US-1988"],"material":"uranium","enrichment":25,"evidence":{"consents":[{"party":"JP"},{"party":"US"}]}}""";
            var (code, stdout, _) = Run(request + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("permitted", Field(stdout.TrimEnd('\n'), "decision"));
        }

        // ---- UTF-8 ----

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        /// <summary>The second request's id holds 0xFF, a byte that is never UTF-8; the decoder used to make it U+FFFD.</summary>
        private static readonly byte[] BatchWithInvalidUtf8 = Concat(
            Utf8(Good + "\n"), Utf8("{\"id\":\"b"), new byte[] { 0xFF }, Utf8("\",\"activity\":\"enrich\"}\n"), Utf8(Good.Replace("good", "third") + "\n"));

        private const string InvalidUtf8Error = "request line 2 is not valid UTF-8: byte 9 (0xFF) does not begin or continue a UTF-8 character; send the request as UTF-8";

        [Fact]
        public void Invalid_utf8_in_a_json_lines_file_is_an_error_for_that_line_with_its_byte()
        {
            using var folder = new TempFolder();
            var file = Path.Combine(folder.Path, "batch.jsonl");
            File.WriteAllBytes(file, BatchWithInvalidUtf8);
            var (code, stdout, _) = Run("", "eval", "--rules", TestRules.ShippedRules, file);
            AssertInvalidUtf8Answered(code, stdout);
        }

        [Fact]
        public void Invalid_utf8_on_standard_input_is_an_error_for_that_line_with_its_byte()
        {
            // The process's own streams: bytes in, bytes out.
            var output = new MemoryStream();
            var (stdin, stdout) = StandardStreams.Open(new MemoryStream(BatchWithInvalidUtf8), output);
            var code = Program.Run(new[] { "eval", "--rules", TestRules.ShippedRules, "-" }, stdin, stdout, TextWriter.Null);
            stdout.Flush();
            AssertInvalidUtf8Answered(code, Encoding.UTF8.GetString(output.ToArray()));
        }

        private static void AssertInvalidUtf8Answered(int code, string stdout)
        {
            Assert.Equal((int)ExitCode.RequestErrors, code);
            var answers = Lines(stdout);
            Assert.Equal(3, answers.Length);
            Assert.Equal(new[] { "good", null, "third" }, answers.Select(a => Field(a, "id")));
            Assert.Equal(InvalidUtf8Error, Field(answers[1], "error"));
            Assert.DoesNotContain("\uFFFD", stdout);
            Assert.Equal("permitted", Field(answers[2], "decision"));
        }

        [Fact]
        public void Invalid_utf8_in_a_json_file_is_an_error_with_its_line_and_byte()
        {
            using var folder = new TempFolder();
            var file = Path.Combine(folder.Path, "request.json");
            File.WriteAllBytes(file, Concat(Utf8("{\n  \"id\": \"a"), new byte[] { 0xC3, 0x28 }, Utf8("\",\n  \"activity\": \"enrich\"\n}\n")));
            var (code, stdout, _) = Run("", "eval", "--rules", TestRules.ShippedRules, file);
            Assert.Equal((int)ExitCode.RequestErrors, code);
            Assert.Equal("the request file is not valid UTF-8: line 2, byte 11 (0xC3) does not begin or continue a UTF-8 character; save it as UTF-8",
                Field(Lines(stdout).Single(), "error"));
        }

        [Fact]
        public void A_byte_order_mark_and_crlf_line_endings_are_read_as_before()
        {
            using var folder = new TempFolder();
            var file = Path.Combine(folder.Path, "batch.jsonl");
            File.WriteAllBytes(file, Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Utf8(Good + "\r\n" + Good + "\r\n")));
            var (code, stdout, _) = Run("", "eval", "--rules", TestRules.ShippedRules, file);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal(new[] { "good", "good" }, Lines(stdout).Select(a => Field(a, "id")));
        }

        // ---- limits ----

        [Fact]
        public void A_request_line_over_1_MiB_is_an_error_for_that_line_and_the_batch_goes_on()
        {
            using var folder = new TempFolder();
            var file = Path.Combine(folder.Path, "batch.jsonl");
            var huge = "{\"id\":\"big\",\"activity\":\"enrich\",\"pad\":\"" + new string('x', RequestLines.MaxBytes) + "\"}";
            File.WriteAllText(file, Good + "\n" + huge + "\n" + Good + "\n");
            var (code, stdout, _) = Run("", "eval", "--rules", TestRules.ShippedRules, file);
            Assert.Equal((int)ExitCode.RequestErrors, code);
            var answers = Lines(stdout);
            Assert.Equal(new[] { "permitted", null, "permitted" }, answers.Select(a => Field(a, "decision")));
            Assert.Equal($"request line 2 is {huge.Length:N0} bytes long; the limit is 1,048,576 bytes (1 MiB) per request line (docs/cli.md, Limits): split what it asks into several requests",
                Field(answers[1], "error"));
        }

        public static readonly TheoryData<string, string, string> OverLimits = new()
        {
            { "a long id", "{\"id\":\"" + new string('i', RequestReader.MaxTextLength + 1) + "\",\"activity\":\"enrich\"}",
                "\"id\" (request line 2) is 4,097 characters long; the limit is 4,096 characters for a text in a request (docs/cli.md, Limits)" },
            { "a long fact value", "{\"id\":\"x\",\"activity\":\"enrich\",\"material\":\"" + new string('u', RequestReader.MaxTextLength + 1) + "\"}",
                "fact \"material\" (request line 2) is 4,097 characters long; the limit is 4,096 characters for a text in a request (docs/cli.md, Limits)" },
            { "a long item of a list", "{\"id\":\"x\",\"activity\":\"enrich\",\"agreements\":[\"" + new string('a', RequestReader.MaxTextLength + 1) + "\"]}",
                "an item of fact \"agreements\" (request line 2) is 4,097 characters long; the limit is 4,096 characters for a text in a request (docs/cli.md, Limits)" },
            { "a long list", "{\"id\":\"x\",\"activity\":\"enrich\",\"agreements\":[" + string.Join(",", Enumerable.Repeat("\"JP-US-1988\"", RequestReader.MaxListItems + 1)) + "]}",
                "fact \"agreements\" (request line 2) lists 1,001 items; the limit is 1,000 items for a list in a request (docs/cli.md, Limits): split the request" },
            { "a long list of consents", "{\"id\":\"x\",\"activity\":\"enrich\",\"evidence\":{\"consents\":[" + string.Join(",", Enumerable.Repeat("\"JP\"", RequestReader.MaxListItems + 1)) + "]}}",
                "evidence \"consents\" (request line 2) lists 1,001 items; the limit is 1,000 items for a list in a request (docs/cli.md, Limits): split the request" },
        };

        [Theory]
        [MemberData(nameof(OverLimits))]
        public void A_request_over_a_limit_is_an_error_that_names_the_limit(string what, string request, string error) =>
            Assert.Equal(error, Field(ErrorBetweenGoodRequests(request, what), "error"));

        [Fact]
        public void Texts_and_lists_at_the_limit_are_read()
        {
            var id = new string('i', RequestReader.MaxTextLength);
            var request = "{\"id\":\"" + id + "\",\"activity\":\"enrich\",\"agreements\":[" +
                          string.Join(",", Enumerable.Repeat("\"JP-US-1988\"", RequestReader.MaxListItems)) + "],\"material\":\"uranium\",\"enrichment\":5}";
            var (code, stdout, _) = Run(request + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal(id, Field(stdout.TrimEnd('\n'), "id"));
            Assert.Equal("permitted", Field(stdout.TrimEnd('\n'), "decision"));
        }

        [Fact]
        public void An_error_with_many_unknown_agreements_names_ten_and_counts_the_rest()
        {
            var ids = Enumerable.Range(1, RequestReader.MaxListItems).Select(i => $"\"XX-{i}\"");
            var request = "{\"id\":\"x\",\"activity\":\"enrich\",\"agreements\":[" + string.Join(",", ids) + "]}";
            var (code, stdout, _) = Run(request + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.RequestErrors, code);
            var error = Field(stdout.TrimEnd('\n'), "error")!;
            Assert.EndsWith("; and 990 more problems", error);
            Assert.Equal(10, error.Split("unknown agreement 'XX-").Length - 1);
            Assert.True(error.Length < 4000, $"the error is {error.Length} characters long");
        }

        [Fact]
        public void A_json_file_over_its_limit_is_one_error_naming_the_limit()
        {
            using var folder = new TempFolder();
            var file = Path.Combine(folder.Path, "big.json");
            using (var stream = File.Create(file)) stream.SetLength(RequestSource.MaxJsonFileBytes + 1L);
            var (code, stdout, _) = Run("", "eval", "--rules", TestRules.ShippedRules, file);
            Assert.Equal((int)ExitCode.RequestErrors, code);
            Assert.Equal("the request file is larger than the limit of 67,108,864 bytes (64 MiB) for a .json file (docs/cli.md, Limits); send a large batch as JSON Lines (.jsonl), which streams",
                Field(Lines(stdout).Single(), "error"));
        }

        private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

        private static string? Field(string json, string name)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
    }
}
