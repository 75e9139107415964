using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace AgreementRules.Tests.Logging
{
    /// <summary>Keeps every record in memory, in the order the log handed them over.</summary>
    internal sealed class ListSink : IDecisionSink
    {
        public List<DecisionRecord> Records { get; } = new();
        public int Flushes;
        public void Write(DecisionRecord record) => Records.Add(record);
        public void Flush() => Flushes++;
    }

    /// <summary>Throws on the writes whose (1-based) number <c>fails</c> picks, and keeps the others.</summary>
    internal sealed class FailingSink : IDecisionSink
    {
        private readonly Func<int, bool> fails;
        private int writes;
        public FailingSink(Func<int, bool> fails) => this.fails = fails;
        public List<DecisionRecord> Kept { get; } = new();
        public void Write(DecisionRecord record)
        {
            if (fails(++writes)) throw new System.IO.IOException($"disk full at write {writes}");
            Kept.Add(record);
        }
        public void Flush() { }
    }

    /// <summary>Blocks inside its first write until released: a sink as slow as can be.</summary>
    internal sealed class GatedSink : IDecisionSink, IDisposable
    {
        public ManualResetEventSlim Entered { get; } = new(false);
        public ManualResetEventSlim Gate { get; } = new(false);
        public ConcurrentQueue<DecisionRecord> Records { get; } = new();
        public bool Disposed;
        public void Write(DecisionRecord record)
        {
            Entered.Set();
            Gate.Wait();
            Records.Enqueue(record);
        }
        public void Flush() { }
        public void Dispose() => Disposed = true;
    }
}
