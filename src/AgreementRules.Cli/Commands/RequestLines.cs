using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace AgreementRules.Cli.Commands
{
    /// <summary>One line of JSON Lines input: its 1-based number, and its text or why it has none.</summary>
    internal readonly record struct RequestLine(int Number, string? Text, string? Error);

    /// <summary>
    /// Splits JSON Lines input into lines without trusting it. Bytes are read as they are, so a line that
    /// is not valid UTF-8 is an error for that line (with the offset of the first bad byte) instead of text
    /// with U+FFFD in it answered under a mangled id; a line longer than <see cref="MaxBytes"/> is an error
    /// for that line, and memory stays bounded however long it is. Blank lines are skipped.
    /// </summary>
    internal static class RequestLines
    {
        /// <summary>The longest request line read, in bytes (docs/cli.md, Limits): 1 MiB.</summary>
        public const int MaxBytes = 1 << 20;

        private const int BufferSize = 1 << 16;

        /// <summary>Lines of a byte stream (a file, or the process's standard input).</summary>
        public static IEnumerable<RequestLine> Read(Stream stream)
        {
            var buffer = new byte[BufferSize];
            var line = new MemoryStream();
            var tooLong = false;
            long length = 0;
            var number = 1;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                while (start < read)
                {
                    var end = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                    var stop = end < 0 ? read : end;
                    length += stop - start;
                    if (length > MaxBytes) tooLong = true;
                    else line.Write(buffer, start, stop - start);
                    if (end < 0) break;
                    var answer = Finish(number++, line, length, tooLong);
                    if (answer != null) yield return answer.Value;
                    line.SetLength(0);
                    length = 0;
                    tooLong = false;
                    start = end + 1;
                }
            }
            if (length > 0)
            {
                var last = Finish(number, line, length, tooLong);
                if (last != null) yield return last.Value;
            }
        }

        /// <summary>Lines of text already decoded (in-process callers and tests): only the length and unpaired surrogates are left to check.</summary>
        public static IEnumerable<RequestLine> Read(TextReader reader)
        {
            var number = 0;
            string? text;
            while ((text = reader.ReadLine()) != null)
            {
                number++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                var bad = FirstUnpairedSurrogate(text);
                if (bad >= 0)
                    yield return new RequestLine(number, null, Invariant($"request line {number} is not valid Unicode: character {bad + 1} is half of a UTF-16 surrogate pair; send the request as UTF-8"));
                else if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
                    yield return new RequestLine(number, null, TooLong(number, Encoding.UTF8.GetByteCount(text)));
                else yield return new RequestLine(number, text, null);
            }
        }

        private static RequestLine? Finish(int number, MemoryStream line, long length, bool tooLong)
        {
            if (tooLong) return new RequestLine(number, null, TooLong(number, length));
            var bytes = line.GetBuffer();
            var count = (int)line.Length;
            var offset = number == 1 && count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0; // a byte-order mark
            if (count > offset && bytes[count - 1] == '\r') count--;
            var at = FirstInvalidUtf8(bytes, offset, count - offset);
            if (at >= 0)
                return new RequestLine(number, null, Invariant(
                    $"request line {number} is not valid UTF-8: byte {at + 1} (0x{bytes[at]:X2}) does not begin or continue a UTF-8 character; send the request as UTF-8"));
            var text = Encoding.UTF8.GetString(bytes, offset, count - offset);
            return string.IsNullOrWhiteSpace(text) ? null : new RequestLine(number, text, null);
        }

        /// <summary>The index of the first byte that is not part of valid UTF-8, or -1 when all of them are.</summary>
        public static int FirstInvalidUtf8(byte[] bytes, int offset, int count)
        {
            var span = new ReadOnlySpan<byte>(bytes, offset, count);
            if (System.Text.Unicode.Utf8.IsValid(span)) return -1;
            var at = 0;
            while (Rune.DecodeFromUtf8(span.Slice(at), out _, out var used) == System.Buffers.OperationStatus.Done) at += used;
            return offset + at;
        }

        private static string TooLong(int number, long length) => Invariant(
            $"request line {number} is {length:N0} bytes long; the limit is {MaxBytes:N0} bytes (1 MiB) per request line (docs/cli.md, Limits): split what it asks into several requests");

        private static int FirstUnpairedSurrogate(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                else if (char.IsSurrogate(text[i])) return i;
            }
            return -1;
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
