using System;
using System.Globalization;
using System.Text;
using AgreementRules.Evaluation;

namespace AgreementRules.Logging
{
    /// <summary>
    /// Compact JSON into a <see cref="StringBuilder"/>, for the decision log; texts are escaped by
    /// <see cref="JsonString"/> (what the command line's writer escapes that matters for a log line).
    /// </summary>
    internal sealed class JsonText : IJsonOutput
    {
        private readonly StringBuilder text = new();
        /// <summary>Whether the next member or item follows another in the same object or array.</summary>
        private bool afterValue;

        public override string ToString() => text.ToString();

        public void StartObject() { Separate(); text.Append('{'); afterValue = false; }
        public void StartObject(string name) { Name(name); text.Append('{'); afterValue = false; }
        public void EndObject() { text.Append('}'); afterValue = true; }
        public void StartArray(string name) { Name(name); text.Append('['); afterValue = false; }
        public void EndArray() { text.Append(']'); afterValue = true; }
        public void Text(string name, string value) { Name(name); Quoted(value); afterValue = true; }
        public void TextValue(string value) { Separate(); Quoted(value); afterValue = true; }
        public void Request(string name, string value) => Text(name, value);
        public void RequestValue(string value) => TextValue(value);
        public void Boolean(string name, bool value) { Name(name); text.Append(value ? "true" : "false"); afterValue = true; }
        public void Null(string name) { Name(name); text.Append("null"); afterValue = true; }

        /// <summary>The shortest text that reads back as the same double; JSON has no NaN or infinity, so those are written as text.</summary>
        public void Number(string name, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) { Text(name, value.ToString(CultureInfo.InvariantCulture)); return; }
            Name(name);
            text.Append(value.ToString("R", CultureInfo.InvariantCulture));
            afterValue = true;
        }

        private void Separate()
        {
            if (afterValue) text.Append(',');
        }

        private void Name(string name)
        {
            Separate();
            Quoted(name);
            text.Append(':');
        }

        private void Quoted(string value) => JsonString.AppendQuoted(text, value);
    }
}
