using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgreementRules.Cli.Json
{
    internal static class JsonOptions
    {
        /// <summary>Answers quote treaty text (Japanese too) and names with apostrophes: keep them readable, not \uXXXX-escaped.</summary>
        public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
