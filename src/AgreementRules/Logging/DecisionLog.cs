using System;
using System.Collections.Concurrent;
using System.Threading;

namespace AgreementRules
{
    /// <summary>
    /// An optional log of every decision a rule set takes (<see cref="RuleSet.WithDecisionLog"/>), for auditors:
    /// which request, which answer, under which rules, when. Evaluation only puts the record in a bounded queue;
    /// one background thread hands the records to the <see cref="IDecisionSink"/> in the order they were queued.
    /// So the log never blocks nor fails an evaluation: a record that finds the queue full is dropped and counted
    /// (<see cref="Dropped"/>), one the sink throws on is counted (<see cref="Failed"/>), and both are reported
    /// through <see cref="RecordsLost"/>, never thrown into the host.
    /// <para>
    /// Flushing: the sink is flushed whenever the queue runs empty, and <see cref="Flush"/> waits for it.
    /// Disposing stops taking records, writes those still queued, flushes and disposes the sink (waiting at most
    /// <see cref="DisposeTimeout"/> for a slow sink). Records still queued when the process ends without
    /// <see cref="Dispose"/> are lost: dispose the log on shutdown.
    /// </para>
    /// </summary>
    public sealed class DecisionLog : IDisposable
    {
        /// <summary>The queue's default capacity, in records.</summary>
        public const int DefaultCapacity = 8192;

        private readonly IDecisionSink sink;
        private readonly int capacity;
        private readonly ConcurrentQueue<DecisionRecord> queue = new();
        private readonly ManualResetEventSlim wake = new(false);
        private readonly Thread writer;
        private readonly object progress = new();
        private int pending;        // records in the queue, which holds at most capacity
        private int writerAsleep;   // 1 while the writer waits for work: only then does Record signal it
        private int closed;
        private long queued, written, failed, dropped;
        private long flushedThrough; // records handed to the sink before its last flush (guarded by progress)

        /// <summary>A log that sends records to <paramref name="sink"/> through a queue of at most <paramref name="capacity"/> records.</summary>
        public DecisionLog(IDecisionSink sink, int capacity = DefaultCapacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the queue must hold at least one record");
            this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
            this.capacity = capacity;
            writer = new Thread(Drain) { IsBackground = true, Name = "AgreementRules decision log" };
            writer.Start();
        }

        /// <summary>Records the sink has taken.</summary>
        public long Written => Interlocked.Read(ref written);
        /// <summary>Records the sink threw on (each lost), plus flushes it threw on.</summary>
        public long Failed => Interlocked.Read(ref failed);
        /// <summary>Records dropped because the queue was full or the log was already disposed.</summary>
        public long Dropped => Interlocked.Read(ref dropped);
        /// <summary>Records in the queue, not yet taken by the background writer.</summary>
        public int Pending => Volatile.Read(ref pending);
        /// <summary>How long <see cref="Dispose"/> waits for the queued records to be written; 5 seconds unless set.</summary>
        public TimeSpan DisposeTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// Raised, on the log's background thread, when records were lost: the sink threw, or records were
        /// dropped since the last report (a full queue). An exception thrown by a handler is ignored.
        /// </summary>
        public event EventHandler<DecisionLogLossEventArgs>? RecordsLost;

        /// <summary>Queues the record of a decision evaluation returned; never blocks, never throws.</summary>
        internal void Record(Activity activity, Evidence evidence, Decision decision, string? correlationId)
        {
            if (Volatile.Read(ref closed) != 0)
            {
                Interlocked.Increment(ref dropped);
                return;
            }
            if (Interlocked.Increment(ref pending) > capacity)
            {
                Interlocked.Decrement(ref pending);
                Interlocked.Increment(ref dropped);
                return;
            }
            queue.Enqueue(new DecisionRecord(correlationId, DateTimeOffset.UtcNow, activity, evidence, decision));
            Interlocked.Increment(ref queued);
            // Enqueue and the interlocked read below are full fences, as the writer's going to sleep is: either it
            // sees this record before it sleeps, or this sees it asleep and wakes it.
            if (Interlocked.CompareExchange(ref writerAsleep, 0, 0) == 1) wake.Set();
        }

        /// <summary>
        /// Waits until every record queued before the call has been handed to the sink and the sink flushed, at
        /// most <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> for no limit). True when it was; false on timeout (a slow sink), or when the log was
        /// disposed before it could be.
        /// </summary>
        public bool Flush(TimeSpan timeout)
        {
            var forever = timeout == Timeout.InfiniteTimeSpan;
            if (!forever && timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a timeout is positive, or Timeout.InfiniteTimeSpan");
            var target = Interlocked.Read(ref queued);
            var deadline = forever ? DateTime.MaxValue : DateTime.UtcNow + timeout;
            var poll = TimeSpan.FromMilliseconds(100);
            lock (progress)
            {
                while (flushedThrough < target)
                {
                    if (!writer.IsAlive) return false;
                    var left = forever ? poll : deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) return false;
                    wake.Set(); // the writer flushes as soon as the queue is empty
                    Monitor.Wait(progress, left < poll ? left : poll);
                }
                return true;
            }
        }

        /// <summary>Stops taking records, writes those queued (waiting at most <see cref="DisposeTimeout"/>), flushes and disposes the sink.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref closed, 1) != 0) return;
            wake.Set();
            // A sink that hangs keeps the writer thread; it is a background thread, so it does not keep the process alive.
            writer.Join(DisposeTimeout);
        }

        private void Drain()
        {
            long handed = 0;
            long reportedDropped = 0;
            while (true)
            {
                while (queue.TryDequeue(out var record))
                {
                    Interlocked.Decrement(ref pending); // its place in the queue is free while the sink works on it
                    try
                    {
                        sink.Write(record);
                        Interlocked.Increment(ref written);
                    }
                    catch (Exception ex)
                    {
                        Interlocked.Increment(ref failed);
                        Report(new DecisionLogLossEventArgs(DecisionLogLoss.SinkFailed, 1, ex));
                    }
                    handed++;
                }
                var droppedNow = Interlocked.Read(ref dropped);
                if (droppedNow > reportedDropped)
                {
                    Report(new DecisionLogLossEventArgs(DecisionLogLoss.QueueFull, droppedNow - reportedDropped, null));
                    reportedDropped = droppedNow;
                }
                FlushSink(handed);
                if (Volatile.Read(ref closed) != 0 && queue.IsEmpty) break;
                Interlocked.Exchange(ref writerAsleep, 1);
                if (queue.IsEmpty && Volatile.Read(ref closed) == 0) wake.Wait();
                wake.Reset();
                Interlocked.Exchange(ref writerAsleep, 0);
            }
            try
            {
                (sink as IDisposable)?.Dispose();
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failed);
                Report(new DecisionLogLossEventArgs(DecisionLogLoss.SinkFailed, 0, ex));
            }
            lock (progress) Monitor.PulseAll(progress);
        }

        private void FlushSink(long handed)
        {
            try
            {
                sink.Flush();
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failed);
                Report(new DecisionLogLossEventArgs(DecisionLogLoss.SinkFailed, 0, ex));
            }
            lock (progress)
            {
                flushedThrough = handed;
                Monitor.PulseAll(progress);
            }
        }

        private void Report(DecisionLogLossEventArgs loss)
        {
            try
            {
                RecordsLost?.Invoke(this, loss);
            }
            catch (Exception)
            {
                // A handler's failure must not stop the log (nor reach evaluation, which never runs handlers).
            }
        }
    }

    /// <summary>Why a <see cref="DecisionLog"/> lost records.</summary>
    public enum DecisionLogLoss
    {
        /// <summary>The queue was full (the sink is slower than evaluation), or the log was already disposed: the records were dropped.</summary>
        QueueFull,
        /// <summary>The sink threw while writing a record (lost) or flushing (records may not be durable).</summary>
        SinkFailed,
    }

    /// <summary>What a <see cref="DecisionLog"/> lost, for <see cref="DecisionLog.RecordsLost"/>.</summary>
    public sealed class DecisionLogLossEventArgs : EventArgs
    {
        internal DecisionLogLossEventArgs(DecisionLogLoss reason, long records, Exception? exception)
        {
            Reason = reason; Records = records; Exception = exception;
        }

        /// <summary>Why.</summary>
        public DecisionLogLoss Reason { get; }
        /// <summary>How many records were lost (0 for a failed flush, which loses none for certain).</summary>
        public long Records { get; }
        /// <summary>What the sink threw; null for a full queue.</summary>
        public Exception? Exception { get; }
    }
}
