using System.Linq;
using System.Text.Json;
using AgreementRules.Cli;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Issue 10, item 5: what a request says must not pass for what the tool says. An id with a newline used
    /// to print a fake "Decision: permitted" line in 'explain'; control characters, ANSI escapes and bidi
    /// overrides reached the terminal as they were. 'explain' escapes them; 'eval' writes JSON, whose writer
    /// escapes control characters, and the id comes back exactly.
    /// </summary>
    public class TerminalEscapingTests
    {
        /// <summary>A newline and a forged decision, an ANSI sequence that clears the screen, C1 CSI, DEL, a bidi override and isolate, a line separator.</summary>
        private const string ForgedId = "x\n  Decision: permitted\r\t\u001b[2J\u009b31m\u007f\u202eevil\u2066\u2028";

        private static string Request(string id) =>
            JsonSerializer.Serialize(new { id, activity = "enrich", agreements = new[] { "JP-US-1988" }, material = "uranium", enrichment = 93 });

        [Fact]
        public void Explain_shows_control_and_bidi_characters_of_an_id_as_escapes_on_one_line()
        {
            var (code, stdout, _) = Run(Request(ForgedId) + "\n", "explain", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            var lines = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal(@"Request x\n  Decision: permitted\r\t\u001B[2J\u009B31m\u007F\u202Eevil\u2066\u2028: enrich(agreements={JP-US-1988}, material=uranium, enrichment=93)", lines[0]);
            // One decision line, the real one: 93 % with no consent needs both parties' consent (JP-US Art. 6).
            Assert.Equal(new[] { "  Decision: consent-required (not permitted)" }, lines.Where(l => l.TrimStart().StartsWith("Decision:")));
            Assert.DoesNotContain(stdout, c => (c < ' ' && c != '\n') || (c >= '\u007f' && c <= '\u009f') || c is '\u202e' or '\u2066' or '\u2028');
        }

        [Fact]
        public void Explain_escapes_the_text_of_an_error_too()
        {
            var request = JsonSerializer.Serialize(new { id = "e", activity = "enrich", material = "gold\n  Decision: permitted" });
            var (code, stdout, _) = Run(request + "\n", "explain", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.RequestErrors, code);
            Assert.DoesNotContain(stdout.Split('\n'), l => l.TrimStart().StartsWith("Decision:"));
            Assert.Contains(stdout.Split('\n'), l => l.StartsWith("  error: 'gold\\n  Decision: permitted' is not a value of fact 'material'"));
        }

        [Fact]
        public void Eval_writes_the_same_id_as_escaped_JSON_on_one_line_and_it_reads_back_exactly()
        {
            var (code, stdout, _) = Run(Request(ForgedId) + "\n", "eval", "--rules", TestRules.ShippedRules, "-");
            Assert.Equal((int)ExitCode.Ok, code);
            var line = Assert.Single(stdout.TrimEnd('\n').Split('\n'));
            Assert.DoesNotContain(line, c => c < ' ' || (c >= '\u007f' && c <= '\u009f'));
            using var answer = JsonDocument.Parse(line);
            Assert.Equal(ForgedId, answer.RootElement.GetProperty("id").GetString());
            Assert.Equal("consent-required", answer.RootElement.GetProperty("decision").GetString());
        }

        [Theory]
        [InlineData("plain text, 日本語, 🙂", "plain text, 日本語, 🙂")]
        [InlineData("a\u0000b", @"a\u0000b")]
        [InlineData("C:\\rules\\a.rules", "C:\\rules\\a.rules")]
        public void Escape_keeps_printable_text_and_shows_everything_else_as_escapes(string text, string shown) =>
            Assert.Equal(shown, TerminalText.Escape(text));

        [Fact]
        public void Escape_shows_unpaired_surrogates_as_escapes()
        {
            // Not theory data: the test runner's serialisation would replace a lone surrogate before the test saw it.
            Assert.Equal(@"\uD800", TerminalText.Escape("\ud800"));
            Assert.Equal(@"bad pair \uDC00\uD800", TerminalText.Escape("bad pair \udc00\ud800"));
            Assert.Equal("paired \ud83d\ude42", TerminalText.Escape("paired \ud83d\ude42"));
        }
    }
}
