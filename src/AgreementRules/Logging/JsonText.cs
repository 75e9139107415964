using System;
using System.Globalization;
using System.Text;

namespace AgreementRules.Logging
{
    /// <summary>
    /// Compact JSON into a <see cref="StringBuilder"/>, for the decision log. Escapes what the command line's
    /// writer escapes that matters for a log line: quotes, backslashes, control characters (so no text can
    /// break a line) and unpaired surrogates (so the line stays valid UTF-8); other text, Japanese included,
    /// stays readable.
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

        private void Quoted(string value)
        {
            text.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    case '\b': text.Append("\\b"); break;
                    case '\f': text.Append("\\f"); break;
                    default:
                        if (c < ' ' || c == '\u2028' || c == '\u2029' || IsUnpairedSurrogate(value, i)) Escaped(c);
                        else if (char.IsHighSurrogate(c)) { text.Append(c).Append(value[i + 1]); i++; }
                        else text.Append(c);
                        break;
                }
            }
            text.Append('"');
        }

        private static bool IsUnpairedSurrogate(string value, int i)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c)) return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
            return char.IsLowSurrogate(c); // a low surrogate met here had no high one before it
        }

        private void Escaped(char c) => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }
}
