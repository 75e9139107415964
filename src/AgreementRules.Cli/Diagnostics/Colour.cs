using System;

namespace AgreementRules.Cli.Diagnostics
{
    /// <summary>
    /// Whether the diagnostics written to each standard stream are coloured: only where that stream is a
    /// terminal, and never when NO_COLOR is set to anything but the empty text (https://no-color.org) or
    /// TERM is 'dumb'. Redirected to a file or a pipe, the text is plain, so logs and tools never see
    /// escape sequences.
    /// </summary>
    public sealed record Colour(bool Output, bool Error)
    {
        /// <summary>No colour on either stream: what a test's string writers and a pipe get.</summary>
        public static readonly Colour None = new(false, false);

        /// <summary>The choice for this process's own streams and environment.</summary>
        public static Colour ForConsole() =>
            Decide(!Console.IsOutputRedirected, !Console.IsErrorRedirected, Environment.GetEnvironmentVariable);

        /// <summary>The choice for streams that are terminals or not, in an environment (tests pass their own).</summary>
        public static Colour Decide(bool outputIsTerminal, bool errorIsTerminal, Func<string, string?> environment)
        {
            var refused = !string.IsNullOrEmpty(environment("NO_COLOR")) || environment("TERM") == "dumb";
            return new Colour(outputIsTerminal && !refused, errorIsTerminal && !refused);
        }
    }
}
