namespace AgreementRules.Logging
{
    /// <summary>
    /// Where <see cref="DecisionJson"/> writes: the command line's UTF-8 writer, or <see cref="JsonText"/> for
    /// the decision log (the core takes no JSON library). The shape of an answer is written once, through this.
    /// Texts come in two kinds: <c>…Text</c> methods take the rule set's own strings (rule ids, citations, trace
    /// lines), the same objects answer after answer, which a writer may encode once and keep; <c>…Request</c>
    /// methods take texts that came with one request (its id, a fact's value), new every time.
    /// </summary>
    internal interface IJsonOutput
    {
        void StartObject();
        void StartObject(string name);
        void EndObject();
        void StartArray(string name);
        void EndArray();
        void Text(string name, string value);
        void TextValue(string value);
        void Request(string name, string value);
        void RequestValue(string value);
        void Boolean(string name, bool value);
        void Number(string name, double value);
        void Null(string name);
    }
}
