using System;
using System.IO;
using System.Threading;

namespace AgreementRules.Cli.Commands
{
    /// <summary>
    /// <c>eval --log FILE</c>: the core's <see cref="DecisionLog"/> over a <see cref="JsonLinesDecisionSink"/>. A
    /// command line run has no host to keep answering, so unlike a service it waits for the log rather than
    /// drop records (<see cref="KeepUp"/>), and fails (exit code 4) if any record was lost.
    /// </summary>
    internal sealed class DecisionLogFile : IDisposable
    {
        private readonly string path;
        private Exception? firstFailure;

        private DecisionLogFile(string path, DecisionLog log)
        {
            this.path = path;
            Log = log;
            Log.DisposeTimeout = Timeout.InfiniteTimeSpan; // every record written before the counts are read
            Log.RecordsLost += (_, loss) => Interlocked.CompareExchange(ref firstFailure, loss.Exception, null);
        }

        public DecisionLog Log { get; }

        /// <summary>The log appending to <paramref name="path"/>; null, with the reason on <paramref name="stderr"/>, when the file cannot be opened.</summary>
        public static DecisionLogFile? Open(string path, TextWriter stderr)
        {
            try
            {
                return new DecisionLogFile(path, new DecisionLog(new JsonLinesDecisionSink(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                TerminalText.WriteLine(stderr, $"error: cannot open the decision log '{path}' for appending: {ex.Message}");
                return null;
            }
        }

        /// <summary>Waits for the log when its queue is half full, so that a fast batch never finds it full.</summary>
        public void KeepUp()
        {
            if (Log.Pending >= DecisionLog.DefaultCapacity / 2) Log.Flush(Timeout.InfiniteTimeSpan);
        }

        /// <summary>Says on <paramref name="stderr"/> how many records were lost, if any; true when none was.</summary>
        public bool Report(TextWriter stderr)
        {
            var lost = Log.Dropped + Log.Failed;
            if (lost == 0) return true;
            TerminalText.WriteLine(stderr, $"error: the decision log '{path}' is incomplete: {Log.Failed} write(s) failed, {Log.Dropped} record(s) dropped" +
                (firstFailure != null ? $" ({firstFailure.Message})" : ""));
            return false;
        }

        public void Dispose() => Log.Dispose();
    }
}
