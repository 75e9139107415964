using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using AgreementRules.Cli;
using AgreementRules.Tests.Robustness;
using static AgreementRules.Tests.Cli.CliRunner;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// Issue 10, item 7, the rules side: RuleSet.ReadSources on what a file system can hold besides rules.
    /// A .rules link to /dev/zero ran out of memory, a FIFO hung, a folder linked into itself was walked 40
    /// deep with 1,120 duplicate errors. Each is now one error naming the path and the reason (AGR0020–AGR0024)
    /// and exit code 2, as for a rules path that names nothing, or, for links that lead back, simply each
    /// real folder and file once. Made on the spot: the corpus cannot hold a FIFO or a 16 MiB file.
    /// </summary>
    public class RulesFileReadingTests
    {
        private const string Good = ExitCodeTests.Good;

        /// <summary>Runs 'check' with a deadline: reading a FIFO used to wait for a writer forever.</summary>
        private static (int code, string stdout, string stderr) Check(string path)
        {
            var run = Task.Run(() => Run("", "check", path));
            Assert.True(run.Wait(TimeSpan.FromSeconds(60)), $"check {path} did not finish");
            return run.Result;
        }

        private static void AssertOneError(string path, string id, string message)
        {
            var (code, stdout, stderr) = Check(path);
            Assert.Equal((int)ExitCode.Usage, code);
            Assert.Equal("", stdout);
            Assert.Equal($"{message}\n", Headers(stderr));
            Assert.Contains($" error {id}: ", stderr);
            var ex = Assert.Throws<RulesException>(() => RuleSet.Load(path));
            Assert.Equal(id, Assert.Single(ex.Diagnostics).Id);
        }

        private static void MakeFifo(string path)
        {
            using var mkfifo = Process.Start("mkfifo", new[] { path })!;
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        [Fact]
        public void A_rules_link_to_dev_zero_is_AGR0020_not_out_of_memory()
        {
            using var folder = new TempFolder();
            folder.Write("good.rules", Good);
            var zero = Path.Combine(folder.Path, "zero.rules");
            File.CreateSymbolicLink(zero, "/dev/zero");
            AssertOneError(folder.Path, RulesDiagnosticIds.NotARegularFile,
                $"{zero}:1:1: error AGR0020: '{zero}' is a character device, not a regular file; rules are read only from regular files (reading a device or a pipe may never end): put the rules in a file");
        }

        [Fact]
        public void A_fifo_named_like_rules_is_AGR0020_and_does_not_hang()
        {
            using var folder = new TempFolder();
            var fifo = Path.Combine(folder.Path, "x.rules");
            MakeFifo(fifo);
            AssertOneError(fifo, RulesDiagnosticIds.NotARegularFile,
                $"{fifo}:1:1: error AGR0020: '{fifo}' is a named pipe (FIFO), not a regular file; rules are read only from regular files (reading a device or a pipe may never end): put the rules in a file");
            folder.Write("good.rules", Good);
            Assert.Contains("AGR0020: '" + fifo + "' is a named pipe (FIFO)", Check(folder.Path).stderr);
        }

        [Fact]
        public void A_socket_named_like_rules_is_AGR0020()
        {
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Path, "s.rules");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            AssertOneError(path, RulesDiagnosticIds.NotARegularFile,
                $"{path}:1:1: error AGR0020: '{path}' is a socket, not a regular file; rules are read only from regular files (reading a device or a pipe may never end): put the rules in a file");
        }

        [Fact]
        public void A_link_that_leads_nowhere_is_AGR0020()
        {
            using var folder = new TempFolder();
            folder.Write("good.rules", Good);
            var dangling = Path.Combine(folder.Path, "gone.rules");
            File.CreateSymbolicLink(dangling, Path.Combine(folder.Path, "no-such-file"));
            AssertOneError(folder.Path, RulesDiagnosticIds.NotARegularFile,
                $"{dangling}:1:1: error AGR0020: '{dangling}' is a link whose target does not exist, or a path that cannot be examined, not a regular file; rules are read only from regular files (reading a device or a pipe may never end): put the rules in a file");
        }

        [Fact]
        public void A_folder_linked_into_itself_is_walked_once_and_a_file_reached_twice_is_loaded_once()
        {
            using var folder = new TempFolder();
            folder.Write("good.rules", Good);
            Directory.CreateSymbolicLink(Path.Combine(folder.Path, "loop"), folder.Path);
            Directory.CreateDirectory(Path.Combine(folder.Path, "sub"));
            Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "back"), "..");
            File.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "same.rules"), Path.Combine(folder.Path, "good.rules"));
            var (code, stdout, stderr) = Check(folder.Path);
            Assert.Equal((int)ExitCode.Ok, code);
            Assert.Equal("ok: 1 file(s), 2 rule(s), 1 example(s) passed, 0 warning(s)\n", stdout);
            Assert.Equal("", stderr);
            // Loaded under the first of its paths in path order.
            Assert.Equal(Path.Combine(folder.Path, "good.rules"), Assert.Single(RuleSet.ReadSources(folder.Path)).Path);
        }

        [Fact]
        public void Rules_more_than_32_folders_deep_are_AGR0022_and_at_32_they_load()
        {
            using var folder = new TempFolder();
            var at32 = Path.Combine(new[] { folder.Path }.Concat(Enumerable.Repeat("d", 32)).ToArray());
            Directory.CreateDirectory(at32);
            File.WriteAllText(Path.Combine(at32, "good.rules"), Good);
            Assert.Equal((int)ExitCode.Ok, Check(folder.Path).code);

            var at33 = Path.Combine(at32, "d");
            Directory.CreateDirectory(at33);
            AssertOneError(folder.Path, RulesDiagnosticIds.FoldersTooDeep,
                $"{at33}:1:1: error AGR0022: '{at33}' is more than 32 folders below the rules path; .rules files are looked for at most 32 folders deep: move them up, or pass a deeper folder as the rules path");
        }

        [Fact]
        public void A_rules_file_over_16_MiB_is_AGR0021()
        {
            using var folder = new TempFolder();
            var big = Path.Combine(folder.Path, "big.rules");
            using (var stream = File.Create(big)) stream.SetLength((16 << 20) + 1);
            AssertOneError(big, RulesDiagnosticIds.RulesFileTooLarge,
                $"{big}:1:1: error AGR0021: '{big}' is larger than 16 MiB (16,777,216 bytes), the most a .rules file may hold; split it into several files (a folder of them loads as one rule set)");
        }

        [Fact]
        public void A_rules_file_that_is_not_UTF8_is_AGR0023_at_the_bad_byte()
        {
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Path, "latin1.rules");
            var bytes = System.Text.Encoding.UTF8.GetBytes("activity enrich\nagreement A { title \"Accord franco-japonais\" }\n// d").ToList();
            bytes.AddRange(new byte[] { 0xE9, (byte)'j', (byte)'a', (byte)'\n' }); // 'é' in Latin-1
            File.WriteAllBytes(path, bytes.ToArray());
            AssertOneError(path, RulesDiagnosticIds.NotUtf8,
                $"{path}:3:5: error AGR0023: '{path}' is not valid UTF-8: byte 0xE9 at line 3, column 5 does not begin or continue a UTF-8 character; save the file as UTF-8");
        }

        [Fact]
        public void A_rules_file_that_cannot_be_read_is_AGR0024_with_the_reason()
        {
            // /proc/self/mem is a regular file that fails to read at its start (EIO), even for root.
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Path, "mem.rules");
            File.CreateSymbolicLink(path, "/proc/self/mem");
            AssertOneError(path, RulesDiagnosticIds.Unreadable,
                $"{path}:1:1: error AGR0024: cannot read '{path}': Input/output error : '{path}'; check that it exists and may be read");
        }

        /// <summary>The ids the corpus leaves to this class (see CorpusTests): each has a test above.</summary>
        [Fact]
        public void Every_id_that_only_reading_files_reports_has_a_test_here()
        {
            var tested = new HashSet<string>
            {
                RulesDiagnosticIds.NotARegularFile, RulesDiagnosticIds.RulesFileTooLarge, RulesDiagnosticIds.FoldersTooDeep,
                RulesDiagnosticIds.NotUtf8, RulesDiagnosticIds.Unreadable,
            };
            Assert.Equal(RulesDiagnosticIds.FromReadingFiles.Where(i => i != RulesDiagnosticIds.NoRules).OrderBy(i => i), tested.OrderBy(i => i));
        }
    }
}
