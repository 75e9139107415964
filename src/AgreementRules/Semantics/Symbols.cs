using System.Collections.Generic;
using System.Collections.ObjectModel;
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

        /// <summary>
        /// What a number a request gives for this fact is multiplied by to be in the engine's unit: 1000 for a fact
        /// declared in kg, in place or through named types. The binder, the C# back end and the overlap witnesses read it here.
        /// </summary>
        internal double RequestScale => Type is NumberType number ? Units.EngineScale(number.Unit) : 1;
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
        public IReadOnlyList<string> Members { get; internal set; } = NoMembers;
        private static readonly IReadOnlyList<string> NoMembers = new ReadOnlyCollection<string>(new string[0]);
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

    /// <summary>
    /// Everything declared across the loaded files, as read-only views. Names are global: one vocabulary for
    /// all agreements. The checker fills the tables behind these views (<see cref="Declarations"/>) while it
    /// checks; nothing reachable from here can change them.
    /// </summary>
    public sealed class SymbolTable
    {
        internal SymbolTable(Declarations declarations)
        {
            Types = new ReadOnlyDictionary<string, RuleType>(declarations.Types);
            Facts = new ReadOnlyDictionary<string, FactSymbol>(declarations.Facts);
            FactsBySlot = declarations.FactsBySlot.AsReadOnly();
            Activities = new ReadOnlyDictionary<string, ActivityDecl>(declarations.Activities);
            Definitions = new ReadOnlyDictionary<string, DefinitionSymbol>(declarations.Definitions);
            DataSets = new ReadOnlyDictionary<string, DataSetSymbol>(declarations.DataSets);
            Agreements = new ReadOnlyDictionary<string, AgreementSymbol>(declarations.Agreements);
        }

        public IReadOnlyDictionary<string, RuleType> Types { get; }
        public IReadOnlyDictionary<string, FactSymbol> Facts { get; }
        public IReadOnlyList<FactSymbol> FactsBySlot { get; }
        public IReadOnlyDictionary<string, ActivityDecl> Activities { get; }
        public IReadOnlyDictionary<string, DefinitionSymbol> Definitions { get; }
        public IReadOnlyDictionary<string, DataSetSymbol> DataSets { get; }
        public IReadOnlyDictionary<string, AgreementSymbol> Agreements { get; }

        public IEnumerable<string> AllNames()
        {
            foreach (var n in Facts.Keys) yield return n;
            foreach (var n in Definitions.Keys) yield return n;
            foreach (var n in DataSets.Keys) yield return n;
        }
    }

    /// <summary>
    /// The tables the checker declares names into and resolves them in; <see cref="SymbolTable"/> shows them
    /// read-only. Only the checker writes them, and only while it checks.
    /// </summary>
    internal sealed class Declarations
    {
        public readonly Dictionary<string, RuleType> Types = new();
        /// <summary>Facts once their types are resolved (a fact's name is reserved in <see cref="ValueNames"/> before).</summary>
        public readonly Dictionary<string, FactSymbol> Facts = new();
        public readonly List<FactSymbol> FactsBySlot = new();
        public readonly Dictionary<string, ActivityDecl> Activities = new();
        public readonly Dictionary<string, DefinitionSymbol> Definitions = new();
        public readonly Dictionary<string, DataSetSymbol> DataSets = new();
        public readonly Dictionary<string, AgreementSymbol> Agreements = new();
        /// <summary>Every fact, definition and set name: one namespace for the three, so a name means one thing.</summary>
        public readonly HashSet<string> ValueNames = new();

        /// <summary>Whether the name is a fact, a definition or a set (not an enum value or a text).</summary>
        public bool IsValueName(string name) => Facts.ContainsKey(name) || Definitions.ContainsKey(name) || DataSets.ContainsKey(name);
    }
}
