using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace AgreementRules
{
    /// <summary>
    /// Reads the .rules files of a path for <see cref="RuleSet.ReadSources"/> without trusting the file
    /// system: only regular files (a FIFO would hang the reader, /dev/zero would fill memory), each at most
    /// <see cref="MaxFileBytes"/> and valid UTF-8; folders walked at most <see cref="MaxFolderDepth"/> deep,
    /// each real folder once however many links lead to it, and each real file loaded once. Every problem
    /// is a diagnostic naming the path and the reason (AGR0020–AGR0024); the caller throws them together.
    /// </summary>
    internal sealed class RulesSourceReader
    {
        /// <summary>The largest .rules file read: 16 MiB, over four hundred times the largest shipped file.</summary>
        public const int MaxFileBytes = 16 << 20;
        /// <summary>How many folders deep below the rules path .rules files are looked for.</summary>
        public const int MaxFolderDepth = 32;

        private readonly List<RulesDiagnostic> problems = new();
        private readonly HashSet<string> realFolders = new(StringComparer.Ordinal);
        private readonly List<(string path, string? real)> files = new();

        public static (List<RulesSource> sources, List<RulesDiagnostic> problems) ReadFolder(string root)
        {
            var reader = new RulesSourceReader();
            reader.Walk(root, 0);
            // In path order, so that diagnostics come out the same on every machine, and so that a file
            // reached through two links is loaded once, under the first of its paths.
            reader.files.Sort((a, b) => StringComparer.Ordinal.Compare(a.path, b.path));
            var loaded = new HashSet<string>(StringComparer.Ordinal);
            var sources = new List<RulesSource>();
            foreach (var (path, real) in reader.files)
            {
                if (real != null && !loaded.Add(real)) continue;
                var source = reader.Read(path);
                if (source != null) sources.Add(source);
            }
            return (sources, reader.problems);
        }

        public static (RulesSource? source, List<RulesDiagnostic> problems) ReadFile(string path)
        {
            var reader = new RulesSourceReader();
            return (reader.Read(path), reader.problems);
        }

        private void Walk(string folder, int depth)
        {
            // A link back to a folder already walked (a folder linked into itself) is not walked again.
            if (!realFolders.Add(FileKind.RealPath(folder) ?? Path.GetFullPath(folder))) return;
            if (depth > MaxFolderDepth)
            {
                Report(RulesDiagnosticIds.FoldersTooDeep, folder,
                    $"'{folder}' is more than {MaxFolderDepth} folders below the rules path; .rules files are looked for at most {MaxFolderDepth} folders deep: move them up, or pass a deeper folder as the rules path");
                return;
            }
            try
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.rules", SearchOption.TopDirectoryOnly))
                    files.Add((file, FileKind.RealPath(file)));
                foreach (var sub in Directory.EnumerateDirectories(folder, "*", SearchOption.TopDirectoryOnly)) Walk(sub, depth + 1);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(RulesDiagnosticIds.Unreadable, folder, $"cannot read the folder '{folder}': {ex.Message.TrimEnd('.')}; check that it exists and may be read");
            }
        }

        private RulesSource? Read(string path)
        {
            var kind = FileKind.Of(path);
            if (kind != null)
            {
                Report(RulesDiagnosticIds.NotARegularFile, path,
                    $"'{path}' is {kind}, not a regular file; rules are read only from regular files (reading a device or a pipe may never end): put the rules in a file");
                return null;
            }
            byte[] bytes;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                bytes = ReadAtMost(stream, MaxFileBytes + 1);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(RulesDiagnosticIds.Unreadable, path, $"cannot read '{path}': {ex.Message.TrimEnd('.')}; check that it exists and may be read");
                return null;
            }
            if (bytes.Length > MaxFileBytes)
            {
                Report(RulesDiagnosticIds.RulesFileTooLarge, path,
                    $"'{path}' is larger than {MaxFileBytes / (1 << 20)} MiB ({MaxFileBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes), the most a .rules file may hold; split it into several files (a folder of them loads as one rule set)");
                return null;
            }
            var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try
            {
                return new RulesSource(path, StrictUtf8.GetString(bytes, start, bytes.Length - start));
            }
            catch (DecoderFallbackException ex)
            {
                var at = start + Math.Max(ex.Index, 0);
                // Index is where the decoder stopped within the bytes it was given; find the line and column it falls on.
                var (line, column) = LineAndColumn(bytes, start, at);
                problems.Add(new RulesDiagnostic(RulesDiagnosticIds.NotUtf8, Severity.Error, new SourceSpan(path, 0, 0, line, column),
                    $"'{path}' is not valid UTF-8: byte 0x{bytes[at]:X2} at line {line}, column {column} does not begin or continue a UTF-8 character; save the file as UTF-8"));
                return null;
            }
        }

        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private static (int line, int column) LineAndColumn(byte[] bytes, int start, int at)
        {
            var line = 1;
            var lineStart = start;
            for (var i = start; i < at; i++)
                if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
            // The column counts characters, as the other diagnostics do: the bytes before 'at' on its line are valid UTF-8.
            return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, at - lineStart) + 1);
        }

        /// <summary>At most <paramref name="limit"/> bytes of the stream: a file that grows while it is read cannot fill memory.</summary>
        private static byte[] ReadAtMost(Stream stream, int limit)
        {
            var content = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while (content.Length < limit && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - content.Length))) > 0)
                content.Write(buffer, 0, read);
            return content.ToArray();
        }

        private void Report(string id, string path, string message) =>
            problems.Add(new RulesDiagnostic(id, Severity.Error, new SourceSpan(path, 0, 0, 1, 1), message));

        /// <summary>
        /// What kind of file a path names, through links, from the .NET runtime's own native layer (the same
        /// call File and Directory make on Unix; netstandard2.0 has no managed way to ask). Where that layer
        /// is not there (Windows, .NET Framework), every file counts as regular and paths as their own identity.
        /// </summary>
        private static class FileKind
        {
            private const string Native = "libSystem.Native";
            private const int TypeMask = 0xF000, Fifo = 0x1000, CharDevice = 0x2000, Directory = 0x4000, BlockDevice = 0x6000, Regular = 0x8000, Socket = 0xC000;
            // Set once, when the runtime turns out to have no native layer; it is the same for the whole process.
            private static bool unavailable;

            [DllImport(Native, EntryPoint = "SystemNative_Stat")]
            private static extern int Stat(byte[] utf8Path, byte[] status);

            [DllImport(Native, EntryPoint = "SystemNative_RealPath")]
            private static extern IntPtr NativeRealPath(byte[] utf8Path);

            /// <summary>The path as the native layer takes it: UTF-8, ending in NUL (netstandard2.0 cannot marshal a string so).</summary>
            private static byte[] Utf8Z(string path) => Encoding.UTF8.GetBytes(path + "\0");

            /// <summary>Null for a regular file; otherwise what the path is, for the error ("a named pipe (FIFO)").</summary>
            public static string? Of(string path)
            {
                if (unavailable) return null;
                try
                {
                    // The runtime's FileStatus begins with two 32-bit fields, flags and mode; the buffer is larger than the whole struct.
                    var status = new byte[512];
                    if (Stat(Utf8Z(path), status) != 0) return "a link whose target does not exist, or a path that cannot be examined";
                    return (BitConverter.ToInt32(status, 4) & TypeMask) switch
                    {
                        Regular => null,
                        Fifo => "a named pipe (FIFO)",
                        CharDevice => "a character device",
                        BlockDevice => "a block device",
                        Socket => "a socket",
                        Directory => "a folder",
                        _ => "a special file",
                    };
                }
                catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
                {
                    unavailable = true;
                    return null;
                }
            }

            /// <summary>The path with every link resolved, or null where that cannot be asked.</summary>
            public static string? RealPath(string path)
            {
                if (unavailable) return null;
                try
                {
                    var result = NativeRealPath(Utf8Z(path));
                    if (result == IntPtr.Zero) return null;
                    try
                    {
                        var length = 0;
                        while (Marshal.ReadByte(result, length) != 0) length++;
                        var bytes = new byte[length];
                        Marshal.Copy(result, bytes, 0, length);
                        return Encoding.UTF8.GetString(bytes);
                    }
                    finally
                    {
                        Marshal.FreeHGlobal(result); // malloc'd by realpath; FreeHGlobal is free() on Unix
                    }
                }
                catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
                {
                    unavailable = true;
                    return null;
                }
            }
        }
    }
}
