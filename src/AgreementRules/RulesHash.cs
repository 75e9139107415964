using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace AgreementRules
{
    /// <summary>
    /// The <c>rules_sha256</c> of a rule set: one value that names the rules that decided, the same
    /// wherever the files were checked out or however they were listed. docs/cli.md defines it:
    /// each file's text is normalised (a leading byte-order mark dropped, CRLF and CR made LF) and
    /// hashed alone as UTF-8; the lower-case hex digests, one per file, are sorted ordinally and
    /// written one per line ("digest\n"); the SHA-256 of that text, in lower-case hex, is the value.
    /// Paths are left out on purpose: a file's name or folder changes no decision, and the build,
    /// which sees the files under other paths, must arrive at the same value.
    /// </summary>
    public static class RulesHash
    {
        /// <summary>The <c>rules_sha256</c> of these files' texts, as <see cref="RuleSet.RulesSha256"/> reports it for a rule set built from them.</summary>
        public static string Compute(IEnumerable<RulesSource> sources)
        {
            if (sources == null) throw new ArgumentNullException(nameof(sources));
            // Fixed-width lines make the framing unambiguous: no file's text can run into the next.
            var lines = sources.Select(s => Hex(Sha256(Normalise(s.Text)))).OrderBy(d => d, StringComparer.Ordinal);
            var manifest = new StringBuilder();
            foreach (var digest in lines) manifest.Append(digest).Append('\n');
            return Hex(Sha256(manifest.ToString()));
        }

        /// <summary>The text as it is hashed: without a byte-order mark, with every line ending as LF.</summary>
        public static string Normalise(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            return text.IndexOf('\r') < 0 ? text : text.Replace("\r\n", "\n").Replace('\r', '\n');
        }

        private static byte[] Sha256(string text)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        }

        private static string Hex(byte[] bytes)
        {
            var hex = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return hex.ToString();
        }
    }
}
