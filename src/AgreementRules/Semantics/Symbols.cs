using System.Collections.Generic;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    public sealed class FactSymbol
    {
        internal FactSymbol(string name, RuleType type, FactDecl declaration, int slot)
        {
            Name = name; Type = type; Declaration = declaration; Slot = slot;
        }

        public string Name { get; }
        public RuleType Type { get; }
        public FactDecl Declaration { get; }
        /// <summary>Index of the fact in an evaluation's value array.</summary>
        public int Slot { get; }
        public object? Default { get; internal set; }
    }

    public sealed class DefinitionSymbol
    {
        internal DefinitionSymbol(string name, DefineDecl declaration) { Name = name; Declaration = declaration; }
        public string Name { get; }
        public DefineDecl Declaration { get; }
        public RuleType Type { get; internal set; } = RuleType.Error;
        internal bool Resolving;
        internal bool Resolved;
    }

    public sealed class DataSetSymbol
    {
        internal DataSetSymbol(string name, SetDecl declaration) { Name = name; Declaration = declaration; }
        public string Name { get; }
        public SetDecl Declaration { get; }
        public IReadOnlyList<string> Members { get; internal set; } = new string[0];
    }

    public sealed class AgreementSymbol
    {
        internal AgreementSymbol(AgreementDecl declaration, string path)
        {
            Declaration = declaration;
            Path = path;
        }

        public AgreementDecl Declaration { get; }
        public string Id => Declaration.Id.Text;
        public string Path { get; }
        public IEnumerable<string> Parties
        {
            get { foreach (var p in Declaration.Parties) yield return p.Text; }
        }
    }

    /// <summary>Everything declared across the loaded files. Names are global: one vocabulary for all agreements.</summary>
    public sealed class SymbolTable
    {
        public Dictionary<string, RuleType> Types { get; } = new();
        public Dictionary<string, FactSymbol> Facts { get; } = new();
        public List<FactSymbol> FactsBySlot { get; } = new();
        public Dictionary<string, ActivityDecl> Activities { get; } = new();
        public Dictionary<string, DefinitionSymbol> Definitions { get; } = new();
        public Dictionary<string, DataSetSymbol> DataSets { get; } = new();
        public Dictionary<string, AgreementSymbol> Agreements { get; } = new();

        public IEnumerable<string> AllNames()
        {
            foreach (var n in Facts.Keys) yield return n;
            foreach (var n in Definitions.Keys) yield return n;
            foreach (var n in DataSets.Keys) yield return n;
        }
    }
}
