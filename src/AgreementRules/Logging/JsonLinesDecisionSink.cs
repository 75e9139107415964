using System;
using System.IO;
using System.Text;

namespace AgreementRules
{
    /// <summary>
    /// Appends each record to a file as one line of JSON (<see cref="DecisionRecord.ToJson"/>), UTF-8 without a
    /// byte-order mark: JSON Lines that a later run appends to. <see cref="Flush"/> writes through to the disk.
    /// The file stays open, readable by others, until the sink is disposed (by its <see cref="DecisionLog"/>).
    /// </summary>
    public sealed class JsonLinesDecisionSink : IDecisionSink, IDisposable
    {
        private readonly FileStream file;
        private readonly StreamWriter writer;

        /// <summary>Opens (or creates) the file at <paramref name="path"/> for appending; throws as <see cref="FileStream"/> does when it cannot.</summary>
        public JsonLinesDecisionSink(string path)
        {
            file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        }

        /// <inheritdoc/>
        public void Write(DecisionRecord record) => writer.WriteLine(record.ToJson());

        /// <inheritdoc/>
        public void Flush()
        {
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        /// <summary>Flushes and closes the file.</summary>
        public void Dispose()
        {
            writer.Flush();
            writer.Dispose();
        }
    }
}
