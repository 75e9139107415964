using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
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
        /// <summary>The largest .json request file read (docs/cli.md, Limits): 64 MiB. Larger batches stream as JSON Lines.</summary>
        public const int MaxJsonFileBytes = 64 << 20;

        public static IEnumerable<(int line, Request request)> Read(string input, TextReader stdin)
        {
            if (input != "-" && input.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var r in ReadJsonFile(input)) yield return r;
                yield break;
            }
            var stream = input == "-" ? null : File.OpenRead(input);
            try
            {
                // The process's standard input is a StreamReader that has read nothing yet: its bytes are
                // read directly, so that invalid UTF-8 is seen as such. A reader of text (tests) is read as text.
                var lines = stream != null ? RequestLines.Read(stream)
                    : stdin is StreamReader { BaseStream: var bytes } ? RequestLines.Read(bytes)
                    : RequestLines.Read(stdin);
                foreach (var line in lines)
                    yield return (line.Number, line.Text != null
                        ? RequestReader.Read(line.Text, $"request line {line.Number}")
                        : new Request(null, null, Evidence.None, line.Error));
            }
            finally
            {
                stream?.Dispose();
            }
        }

        private static IEnumerable<(int, Request)> ReadJsonFile(string path)
        {
            var (document, failure) = Parse(path);
            if (failure != null) { yield return (1, failure); yield break; }
            using (document)
            {
                if (document!.RootElement.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var element in document.RootElement.EnumerateArray())
                    {
                        i++;
                        yield return (i, RequestReader.Read(element, $"request {i} of the file"));
                    }
                }
                else yield return (1, RequestReader.Read(document.RootElement, "the request"));
            }
        }

        /// <summary>The file as one JSON document, read at most <see cref="MaxJsonFileBytes"/> and as strict UTF-8.</summary>
        private static (JsonDocument? document, Request? failure) Parse(string path)
        {
            byte[] bytes;
            using (var file = File.OpenRead(path))
            {
                var content = new MemoryStream();
                var buffer = new byte[1 << 16];
                int read;
                while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (content.Length + read > MaxJsonFileBytes)
                        return (null, Failure(string.Create(CultureInfo.InvariantCulture,
                            $"the request file is larger than the limit of {MaxJsonFileBytes:N0} bytes (64 MiB) for a .json file (docs/cli.md, Limits); send a large batch as JSON Lines (.jsonl), which streams")));
                    content.Write(buffer, 0, read);
                }
                bytes = content.ToArray();
            }
            var start = StartOfJson(bytes);
            var invalid = RequestLines.FirstInvalidUtf8(bytes, start, bytes.Length - start);
            if (invalid >= 0)
            {
                var before = bytes.AsSpan(0, invalid);
                var line = 1 + before.Count((byte)'\n');
                var lineStart = before.LastIndexOf((byte)'\n') + 1;
                return (null, Failure(string.Create(CultureInfo.InvariantCulture,
                    $"the request file is not valid UTF-8: line {line}, byte {invalid - lineStart + 1} (0x{bytes[invalid]:X2}) does not begin or continue a UTF-8 character; save it as UTF-8")));
            }
            try
            {
                return (JsonDocument.Parse(bytes.AsMemory(start)), null);
            }
            catch (JsonException ex)
            {
                return (null, RequestReader.Invalid(ex));
            }
        }

        private static int StartOfJson(byte[] bytes) => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;

        private static Request Failure(string error) => new(null, null, Evidence.None, error);
    }
}
