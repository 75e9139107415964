using System.Linq;
using System.Text.Json;
using AgreementRules.Cli.Json;
using CsCheck;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// The request reader has two paths: a one-pass Utf8JsonReader for the common request, and the general
    /// JsonDocument reader for everything else. The one-pass reader must never answer what the general reader
    /// refuses — a key given twice, anywhere, above all — so over generated objects built from a pool of
    /// members (a pool small enough that keys repeat often, at the top, in "evidence" and inside a consent),
    /// both give the same request: same id, same error, same facts, same evidence.
    /// </summary>
    public class ReaderAgreementTests
    {
        private static readonly string[] Members =
        {
            "\"id\":\"a\"", "\"id\":\"b\"", "\"activity\":\"enrich\"", "\"activity\":\"reprocess\"", "\"enrichment\":5", "\"enrichment\":93",
            "\"enrichm\\u0065nt\":20", "\"material\":\"uranium\"", "\"agreements\":[\"JP-US-1988\"]", "\"agreements\":[]", "\"irradiated\":true",
            "\"evidence\":null", "\"evidence\":{\"consents\":[\"JP\"]}", "\"evidence\":{\"consents\":[\"JP\"],\"consents\":[\"US\"]}",
            "\"evidence\":{\"notifications\":[{\"by\":\"US\",\"prior\":false,\"prior\":true}]}",
            "\"evidence\":{\"consents\":[{\"party\":\"JP\",\"party\":\"US\"}],\"notifications\":[]}",
            "\"evidence\":{\"consents\":[{\"party\":\"JP\",\"written\":false}]}",
        };

        private static readonly Gen<string> Requests =
            Gen.Int[0, Members.Length - 1].Array[1, 7].Select(picks => "{" + string.Join(",", picks.Select(i => Members[i])) + "}");

        private static string Describe(Request r) =>
            $"id={r.Id}|error={r.Error}|activity={r.Activity}|consents={string.Join(",", r.Evidence.Consents)}|notifications={string.Join(",", r.Evidence.Notifications)}";

        [Fact]
        public void The_one_pass_reader_and_the_general_reader_give_the_same_request() =>
            Requests.Sample(json =>
            {
                using var document = JsonDocument.Parse(json);
                Assert.Equal(Describe(RequestReader.Read(document.RootElement, "request line 1")), Describe(RequestReader.Read(json, "request line 1")));
            }, iter: 2000);

        [Fact]
        public void Some_generated_requests_repeat_a_key_and_some_are_read()
        {
            // The property above is only worth something if both kinds occur.
            bool repeated = false, read = false;
            Requests.Sample(json =>
            {
                var request = RequestReader.Read(json, "p");
                repeated |= request.Error?.Contains("given more than once") == true;
                read |= request.Error == null && request.Activity != null;
            }, iter: 300, threads: 1);
            Assert.True(repeated, "no generated request repeats a key");
            Assert.True(read, "no generated request is read");
        }
    }
}
