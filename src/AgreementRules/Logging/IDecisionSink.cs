namespace AgreementRules
{
    /// <summary>
    /// Where a <see cref="DecisionLog"/> sends its records. The log calls it from its one background thread
    /// only, one call at a time, in the order the records were logged, so a sink needs no locking of its own.
    /// A sink may be slow or throw: the log counts what it could not take (<see cref="DecisionLog.Failed"/>) and
    /// evaluation never waits for it. If the sink is <see cref="System.IDisposable"/>, the log disposes it when
    /// the log itself is disposed.
    /// </summary>
    public interface IDecisionSink
    {
        /// <summary>Keeps one record. An exception loses this record only; the log goes on with the next.</summary>
        void Write(DecisionRecord record);

        /// <summary>Makes the records written so far durable (to disk, to the remote end). Called whenever the log's queue runs empty, and by <see cref="DecisionLog.Flush"/>.</summary>
        void Flush();
    }
}
