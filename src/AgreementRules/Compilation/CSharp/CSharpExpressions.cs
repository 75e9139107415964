using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Compilation
{
    /// <summary>
    /// How the emitted C# holds a value: a boolean as a Kleene truth value in an <c>int</c> (0 false, 1 unknown,
    /// 3 true: 'and' is then a bitwise and, 'or' a bitwise or), a number as <c>double?</c> (in the engine's unit),
    /// an enum value or a text as <c>string</c> (an enum value is always its one interned instance), a list and a
    /// set as <c>string[]</c>; null is unknown.
    /// </summary>
    internal enum CSharpRepresentation { Bool, Number, Text, List, Set }

    /// <summary>
    /// Checked expressions as C# expressions over the emitted fields (<c>f.F3</c> a fact by slot, <c>d.D2</c> a
    /// definition by index), with the semantics of <see cref="ValueOps"/>: Kleene logic on truth values,
    /// unknown in gives unknown out, NaN is unknown, a set member is tested by its text, enum values by
    /// reference (both sides are interned instances, as ExpressionCompiler.IsEnumFact relies on). A 'case' becomes
    /// a method of its own (<see cref="Methods"/>). The helpers the text calls are in <see cref="CSharpEmitterHelpers"/>.
    /// </summary>
    internal sealed class CSharpExpressions
    {
        private readonly CheckedModel model;
        private readonly ExprShapes shapes;
        private readonly Dictionary<string, int> definitionIndex;
        private readonly List<string> constants;
        private int temporaries;

        /// <summary>The methods the expressions emitted so far call (one per 'case'), to be written into the class.</summary>
        public List<string> Methods { get; } = new();

        /// <summary>What a field of this representation holds when the value is unknown.</summary>
        public static string Unknown(CSharpRepresentation representation) => representation == CSharpRepresentation.Bool ? "1" : "null";

        /// <param name="constants">Where the static fields the expressions name (sets) are declared.</param>
        public CSharpExpressions(CheckedModel model, Dictionary<string, int> definitionIndex, List<string> constants)
        {
            this.model = model;
            shapes = new ExprShapes(model);
            this.definitionIndex = definitionIndex;
            this.constants = constants;
        }

        public static string TypeOf(CSharpRepresentation representation) => representation switch
        {
            CSharpRepresentation.Bool => "int",
            CSharpRepresentation.Number => "double?",
            CSharpRepresentation.Text => "string",
            CSharpRepresentation.List => "string[]",
            CSharpRepresentation.Set => "string[]",
        };

        public static CSharpRepresentation Of(RuleType type) => type switch
        {
            NumberType => CSharpRepresentation.Number,
            ListType => CSharpRepresentation.List,
            DataSetType => CSharpRepresentation.Set,
            _ when type == RuleType.Bool => CSharpRepresentation.Bool,
            EnumType => CSharpRepresentation.Text,
            _ when type == RuleType.Text || type == RuleType.Symbol => CSharpRepresentation.Text,
            _ => throw new InvalidOperationException($"no C# representation for {type.Display}: the model has errors"),
        };

        /// <summary>How the value of <paramref name="e"/> is held (a named data set and a set written in place are sets, whatever they are compared with).</summary>
        public CSharpRepresentation RepresentationOf(Expr e) => e switch
        {
            SetLiteral => CSharpRepresentation.Set,
            NameExpr n when model.KindOf(n) == NameKind.DataSet => CSharpRepresentation.Set,
            NumberLiteral => CSharpRepresentation.Number,
            BoolLiteral or NotExpr or GivenExpr => CSharpRepresentation.Bool,
            NameExpr n when model.KindOf(n) == NameKind.Fact => Of(model.Symbols.Facts[n.Text].Type),
            NameExpr n when model.KindOf(n) == NameKind.Definition => Of(model.Symbols.Definitions[n.Text].Type),
            _ => Of(model.TypeOf(e)),
        };

        public static string FactField(int slot) => "F" + slot;
        public static string DefinitionField(int index) => "D" + index;

        /// <summary>
        /// The C# expression for <paramref name="e"/>, of the C# type of its representation. Every node kind of the
        /// syntax tree: a kind added to Ast.cs fails CSharpBackEndTests' reflection over the node kinds until it is handled here.
        /// </summary>
        public string Emit(Expr e) => e switch
        {
            NumberLiteral n => $"((double?){CSharpText.Number(ExprShapes.Number(n))})",
            BoolLiteral b => b.Value ? "3" : "0",
            StringLiteral s => CSharpText.String(s.Value),
            NameExpr n => Name(n),
            NotExpr not => $"Not({Emit(not.Operand)})",
            GivenExpr given => Given(model.Symbols.Facts[((NameExpr)given.Fact).Text]),
            SetLiteral set => SetArray(set.Items.Select(ExprShapes.ConstantText)),
            CaseExpr c => Case(c),
            BinaryExpr b => Binary(b),
            _ => throw new InvalidOperationException("the C# back end has no code for " + e.GetType().Name),
        };

        private string Name(NameExpr n) => model.KindOf(n) switch
        {
            NameKind.Fact => "f." + FactField(shapes.SlotOf(n.Text)),
            NameKind.Definition => "d." + DefinitionField(definitionIndex[n.Text]),
            NameKind.DataSet => SetArray(model.Symbols.DataSets[n.Text].Members),
            NameKind.Symbol => CSharpText.String(n.Text),
        };

        /// <summary>ValueOps.Given: whether the fact's field holds a value (never unknown).</summary>
        private static string Given(FactSymbol fact) => $"(f.{FactField(fact.Slot)} != {Unknown(Of(fact.Type))} ? 3 : 0)";

        /// <summary>
        /// The first branch whose condition holds gives the value; a condition that cannot decide before it makes
        /// the whole unknown. Written as a method of its own, so each condition is evaluated once.
        /// </summary>
        private string Case(CaseExpr c)
        {
            var representation = RepresentationOf(c);
            var type = TypeOf(representation);
            var index = Methods.Count;
            var name = "Case" + index;
            Methods.Add(""); // its place, kept while the branches (which may hold cases of their own) are written
            var body = new System.Text.StringBuilder();
            body.Append($"        private static {type} {name}(ref Facts f, ref Definitions d)\n        {{\n            int t;\n");
            foreach (var branch in c.Branches)
                body.Append($"            t = {Emit(branch.Condition)};\n")
                    .Append($"            if (t == 1) return {Unknown(representation)};\n")
                    .Append($"            if (t == 3) return {Emit(branch.Result)};\n");
            body.Append($"            return {Emit(c.Otherwise)};\n        }}\n");
            Methods[index] = body.ToString();
            return $"{name}(ref f, ref d)";
        }

        // Every operator (no default arm: a new one does not compile until it is given its C#).
        private string Binary(BinaryExpr b) => b.Operator switch
        {
            BinaryOperator.And => $"({Emit(b.Left)} & {Emit(b.Right)})",
            BinaryOperator.Or => $"({Emit(b.Left)} | {Emit(b.Right)})",
            BinaryOperator.Equal => Equal(b),
            BinaryOperator.NotEqual => $"Not({Equal(b)})",
            BinaryOperator.Less => $"Lt({Emit(b.Left)}, {Emit(b.Right)})",
            BinaryOperator.LessOrEqual => $"Le({Emit(b.Left)}, {Emit(b.Right)})",
            BinaryOperator.Greater => $"Gt({Emit(b.Left)}, {Emit(b.Right)})",
            BinaryOperator.GreaterOrEqual => $"Ge({Emit(b.Left)}, {Emit(b.Right)})",
            BinaryOperator.In => In(b.Left, b.Right),
            BinaryOperator.Has => $"Contains({Emit(b.Left)}, {ItemText(b.Right)})",
            BinaryOperator.Add => $"Add({Emit(b.Left)}, {Emit(b.Right)})",
            BinaryOperator.Subtract => $"Sub({Emit(b.Left)}, {Emit(b.Right)})",
            BinaryOperator.Multiply => $"Mul({Emit(b.Left)}, {Emit(b.Right)}, {CSharpText.Number(shapes.ProductScale(b))})",
            BinaryOperator.Divide => $"Div({Emit(b.Left)}, {Emit(b.Right)})",
        };

        /// <summary>
        /// ValueOps.Equal: texts when either side is a text (two enum values by reference, as ValueOps.EqualsInstance),
        /// numbers (booleans as 1 and 0) otherwise.
        /// </summary>
        private string Equal(BinaryExpr b)
        {
            var left = RepresentationOf(b.Left);
            var right = RepresentationOf(b.Right);
            if (IsEnumValue(b.Left) && IsEnumValue(b.Right)) return $"EqR({Emit(b.Left)}, {Emit(b.Right)})";
            if (left == CSharpRepresentation.Text || right == CSharpRepresentation.Text) return $"EqT({Emit(b.Left)}, {Emit(b.Right)})";
            if (left == CSharpRepresentation.Number) return $"EqN({Emit(b.Left)}, {Emit(b.Right)})";
            return $"EqB({Emit(b.Left)}, {Emit(b.Right)})";
        }

        /// <summary>
        /// ValueOps.In on a constant set (few members compared in line, more in a hash set), ValueOps.Contains on a
        /// computed one: either way the item is tested by its text.
        /// </summary>
        private string In(Expr item, Expr container)
        {
            var members = container switch
            {
                SetLiteral set => set.Items.Select(ExprShapes.ConstantText).ToArray(),
                NameExpr n when model.KindOf(n) == NameKind.DataSet => model.Symbols.DataSets[n.Text].Members.ToArray(),
                _ => null,
            };
            if (members == null) return $"Contains({Emit(container)}, {ItemText(item)})";
            var distinct = members.Distinct(StringComparer.Ordinal).ToArray();
            if (distinct.Length > 8) return $"InSet({ItemText(item)}, {SetField(distinct)})";
            var t = "t" + temporaries++;
            // An enum value is its interned instance, and so is each member written in the rules: compared by reference.
            var compare = IsEnumValue(item) ? (Func<string, string>)(m => $"(object){t} == (object){CSharpText.String(m)}") : m => $"{t} == {CSharpText.String(m)}";
            var tests = distinct.Length == 0 ? "false" : string.Join(" || ", distinct.Select(compare));
            return $"({ItemText(item)} is string {t} ? ({tests} ? 3 : 0) : 1)";
        }

        /// <summary>
        /// Whether the value is always the interned instance of an enum value: an enum fact (the emitted binder keeps
        /// the instance its own literal is), a constant, or a definition whose every result is one of those.
        /// </summary>
        private bool IsEnumValue(Expr e) => model.TypeOf(e) is EnumType && e switch
        {
            NameExpr n => model.KindOf(n) switch
            {
                NameKind.Fact => true,
                NameKind.Symbol => true,
                NameKind.Definition => IsEnumValue(model.Symbols.Definitions[n.Text].Declaration.Body),
                NameKind.DataSet => false,
            },
            StringLiteral => true,
            CaseExpr c => c.Branches.All(branch => IsEnumValue(branch.Result)) && IsEnumValue(c.Otherwise),
            _ => false,
        };

        /// <summary>An item of 'in' or 'has' as the text it is tested by (Value.Text, else Value.ToString()).</summary>
        private string ItemText(Expr e) => RepresentationOf(e) switch
        {
            CSharpRepresentation.Text => Emit(e),
            CSharpRepresentation.Number => $"TxtN({Emit(e)})",
            CSharpRepresentation.Bool => $"TxtB({Emit(e)})",
            CSharpRepresentation.List => $"TxtL({Emit(e)})",
            CSharpRepresentation.Set => $"TxtS({Emit(e)})",
        };

        private string SetArray(IEnumerable<string> members)
        {
            var name = "C" + constants.Count;
            constants.Add($"private static readonly string[] {name} = new string[] {{ {string.Join(", ", members.Select(CSharpText.String))} }};");
            return name;
        }

        private string SetField(IEnumerable<string> members)
        {
            var name = "C" + constants.Count;
            constants.Add($"private static readonly global::System.Collections.Generic.HashSet<string> {name} = new global::System.Collections.Generic.HashSet<string>(" +
                          $"new string[] {{ {string.Join(", ", members.Select(CSharpText.String))} }}, global::System.StringComparer.Ordinal);");
            return name;
        }
    }
}
