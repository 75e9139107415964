using System;
using System.IO;
using System.Text;

namespace AgreementRules.Cli
{
    /// <summary>
    /// The process's standard streams as the commands use them: answers buffered (a batch of a million
    /// wants one buffered stream, not a write per line), and flushed whenever reading the next request
    /// may have to wait for it. So a batch pays one flush per input buffer, and a program that sends one
    /// request and waits for its answer gets it, instead of both sides waiting for each other.
    /// </summary>
    internal static class StandardStreams
    {
        private const int BufferSize = 1 << 16;

        public static (StreamReader stdin, StreamWriter stdout) Open(Stream input, Stream output)
        {
            var stdout = new StreamWriter(new BufferedStream(new OutputGuard(output), BufferSize), new UTF8Encoding(false), BufferSize) { AutoFlush = false };
            var stdin = new StreamReader(new FlushBeforeRead(input, stdout), Encoding.UTF8, false, BufferSize);
            return (stdin, stdout);
        }

        /// <summary>
        /// The process's standard output. On Unix not the console's stream, which drops writes to a closed pipe
        /// without a word (EPIPE ignored, to behave as on Windows): a reader that stopped early would get fewer
        /// answers while the tool exits 0. File descriptor 1 as a file reports EPIPE like any failed write.
        /// </summary>
        /// Where descriptor 1 is a file, though, a FileStream writes at a position of its own and leaves the
        /// descriptor's offset where it was (since .NET 6): in <c>{ echo head; agreement-rules eval …; echo tail; } &gt; out</c>
        /// the shell's later writes would land over the answers. A file has no reader to go away, so there the
        /// console's stream, which writes at the shared offset, is the right one.
        public static Stream Output()
        {
            if (OperatingSystem.IsWindows()) return Console.OpenStandardOutput();
            var descriptor = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            if (!descriptor.CanSeek) return descriptor;
            descriptor.Dispose();
            return Console.OpenStandardOutput();
        }

        /// <summary>
        /// Standard output that fails in one known way. A full disk or a reader that went away (a closed pipe)
        /// makes a write throw IOException wherever the buffer happens to be flushed; this turns the first such
        /// failure into <see cref="OutputFailedException"/>, which the command line reports in one line with
        /// <see cref="ExitCode.OutputFailed"/>, and drops every later write, so closing the streams cannot fail again.
        /// </summary>
        private sealed class OutputGuard : Stream
        {
            private readonly Stream inner;
            private bool failed;

            public OutputGuard(Stream inner) => this.inner = inner;

            public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));
            public override void Flush() => Guard(inner.Flush);

            private void Guard(Action write)
            {
                if (failed) return;
                try
                {
                    write();
                }
                catch (IOException ex)
                {
                    failed = true;
                    throw new OutputFailedException(ex);
                }
            }

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }

        /// <summary>
        /// A read-only stream that flushes the answers written so far before it reads. A StreamReader only
        /// reads from its stream when its own buffer is empty, which is exactly when the next read may block.
        /// </summary>
        private sealed class FlushBeforeRead : Stream
        {
            private readonly Stream inner;
            private readonly TextWriter answers;

            public FlushBeforeRead(Stream inner, TextWriter answers)
            {
                this.inner = inner;
                this.answers = answers;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                answers.Flush();
                return inner.Read(buffer, offset, count);
            }

            public override int Read(Span<byte> buffer)
            {
                answers.Flush();
                return inner.Read(buffer);
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>Standard output could not be written (a full disk, a closed pipe): the answers are incomplete.</summary>
    internal sealed class OutputFailedException : Exception
    {
        public OutputFailedException(IOException inner) : base("standard output could not be written: " + inner.Message, inner) { }
    }
}
