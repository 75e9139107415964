using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using AgreementRules.Cli.Json;

namespace AgreementRules.Cli.Commands
{
    /// <summary>
    /// Where requests come from: a .json file (one object, or an array of them), or JSON Lines from a
    /// file or standard input ('-'), read a line at a time so a batch of any size streams.
    /// </summary>
    internal static class RequestSource
    {
        public static IEnumerable<(int line, Request request)> Read(string input, TextReader stdin)
        {
            if (input != "-" && input.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
            {
                foreach (var r in ReadJsonFile(input)) yield return r;
                yield break;
            }
            var reader = input == "-" ? stdin : new StreamReader(input);
            try
            {
                var number = 0;
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    number++;
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    yield return (number, RequestReader.Read(line));
                }
            }
            finally
            {
                if (input != "-") reader.Dispose();
            }
        }

        private static IEnumerable<(int, Request)> ReadJsonFile(string path)
        {
            JsonDocument document;
            Request? failure = null;
            try
            {
                document = JsonDocument.Parse(File.ReadAllText(path));
            }
            catch (JsonException ex)
            {
                document = null!;
                failure = RequestReader.Invalid(ex);
            }
            if (failure != null) { yield return (1, failure); yield break; }
            using (document)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var element in document.RootElement.EnumerateArray()) yield return (++i, RequestReader.Read(element));
                }
                else yield return (1, RequestReader.Read(document.RootElement));
            }
        }
    }
}
