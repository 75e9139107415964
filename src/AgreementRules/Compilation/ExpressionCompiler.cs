using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Semantics;
using AgreementRules.Syntax;

namespace AgreementRules.Compilation
{
    /// <summary>
    /// Compiles checked expressions once into delegates (closure compilation): each node becomes a
    /// small lambda over its compiled children, with constants, slots, unit scales and sets resolved
    /// at compile time. Evaluation then runs those delegates; nothing walks the syntax tree per call.
    /// Relies on the checker: it is only called on a model without errors.
    /// </summary>
    internal sealed class ExpressionCompiler
    {
        private readonly CheckedModel model;
        private readonly Dictionary<string, CompiledExpr> definitions = new();
        private readonly Dictionary<string, int> definitionIndex = new();

        public ExpressionCompiler(CheckedModel model)
        {
            this.model = model;
            foreach (var name in model.Symbols.Definitions.Keys) definitionIndex[name] = definitionIndex.Count;
        }

        /// <summary>How many definitions there are: the size of an evaluation's definition memo.</summary>
        public int DefinitionCount => definitionIndex.Count;

        /// <summary>
        /// A definition, computed at most once per evaluation (<see cref="EvaluationScope.Definition"/>)
        /// however many rules read it.
        /// </summary>
        public CompiledExpr CompileDefinition(string name)
        {
            if (definitions.TryGetValue(name, out var compiled)) return compiled;
            // Definitions are acyclic (the checker refuses cycles), so this recursion terminates.
            var body = Compile(model.Symbols.Definitions[name].Declaration.Body);
            var index = definitionIndex[name];
            compiled = s => s.Definition(index, body);
            definitions[name] = compiled;
            return compiled;
        }

        public CompiledExpr Compile(Expr expr)
        {
            switch (expr)
            {
                case NumberLiteral n:
                {
                    var v = Value.Of(n.Unit == "kg" ? n.Value * 1000 : n.Value);
                    return _ => v;
                }
                case BoolLiteral b:
                {
                    var v = Value.Of(b.Value);
                    return _ => v;
                }
                case StringLiteral s:
                {
                    var v = Value.Symbol(s.Value);
                    return _ => v;
                }
                case NameExpr name: return CompileName(name);
                case NotExpr not:
                {
                    var operand = Compile(not.Operand);
                    return s =>
                    {
                        var v = operand(s);
                        return v.IsUnknown ? Value.Unknown : Value.Of(!v.IsTrue);
                    };
                }
                case SetLiteral set:
                {
                    var members = new HashSet<string>(set.Items.Select(ConstantText), StringComparer.Ordinal);
                    var v = Value.Set(members);
                    return _ => v;
                }
                case GivenExpr given:
                {
                    // Reads the slot directly: an absent fact is the answer here, not a missing fact to report.
                    var slot = model.Symbols.Facts[((NameExpr)given.Fact).Text].Slot;
                    return s => Value.Of(!s.Facts[slot].IsUnknown);
                }
                case CaseExpr c: return CompileCase(c);
                case BinaryExpr b: return CompileBinary(b);
                default: throw new InvalidOperationException("unchecked expression " + expr.GetType().Name);
            }
        }

        private static string ConstantText(Expr e) => e switch
        {
            NameExpr n => n.Text,
            StringLiteral s => s.Value,
            NumberLiteral n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "",
        };

        private CompiledExpr CompileName(NameExpr name)
        {
            switch (model.KindOf(name))
            {
                case NameKind.Fact:
                {
                    var slot = model.Symbols.Facts[name.Text].Slot;
                    return s => s.Read(slot);
                }
                case NameKind.Definition:
                {
                    var definition = CompileDefinition(name.Text);
                    return definition;
                }
                case NameKind.DataSet:
                {
                    var v = Value.Set(new HashSet<string>(model.Symbols.DataSets[name.Text].Members, StringComparer.Ordinal));
                    return _ => v;
                }
                default:
                {
                    var v = Value.Symbol(name.Text);
                    return _ => v;
                }
            }
        }

        private CompiledExpr CompileCase(CaseExpr c)
        {
            var conditions = c.Branches.Select(b => Compile(b.Condition)).ToArray();
            var results = c.Branches.Select(b => Compile(b.Result)).ToArray();
            var otherwise = Compile(c.Otherwise);
            return s =>
            {
                for (var i = 0; i < conditions.Length; i++)
                {
                    var condition = conditions[i](s);
                    if (condition.IsUnknown) return Value.Unknown; // which branch holds depends on a missing fact
                    if (condition.IsTrue) return results[i](s);
                }
                return otherwise(s);
            };
        }

        private CompiledExpr CompileBinary(BinaryExpr b)
        {
            // Most conditions compare a fact with a constant: compiled as one delegate that reads the
            // slot, rather than one per operand and one for the comparison.
            var test = CompileFactTest(b);
            if (test != null) return test;
            if (b.Operator is "and" or "or") return Junction(b);
            var left = Compile(b.Left);
            var right = Compile(b.Right);
            switch (b.Operator)
            {
                // Kleene logic: false decides 'and' and true decides 'or' even when the other side is unknown.
                case "==": return s => Equal(left(s), right(s), negate: false);
                case "!=": return s => Equal(left(s), right(s), negate: true);
                case "<":
                case "<=":
                case ">":
                case ">=":
                    return Numeric(b.Operator, left, right);
                case "in":
                    if (ConstantMembers(b.Right) is { } members) return In(left, members);
                    return s => Contains(right(s), left(s));
                case "has": return s => Contains(left(s), right(s));
                case "+": return Arithmetic(left, right, (x, y) => x + y);
                case "-": return Arithmetic(left, right, (x, y) => x - y);
                case "*":
                case "/":
                {
                    var l = ((NumberType)model.TypeOf(b.Left)).Dimension;
                    var r = ((NumberType)model.TypeOf(b.Right)).Dimension;
                    var scale = Semantics.Arithmetic.Scale(b.Operator, l, r);
                    return b.Operator == "*"
                        ? Arithmetic(left, right, (x, y) => x * y * scale)
                        : Arithmetic(left, right, (x, y) => y == 0 ? double.NaN : x / y);
                }
                default: throw new InvalidOperationException("unknown operator " + b.Operator);
            }
        }

        /// <summary>
        /// A chain of 'and' (or of 'or') as one delegate over its operands, left to right, stopping at the
        /// first operand that decides (false for 'and', true for 'or'): the operands read, and the value,
        /// are those of the nested two-operand form, which stops at the same operand.
        /// </summary>
        private CompiledExpr Junction(BinaryExpr b)
        {
            var operands = new List<Expr>();
            Flatten(b, b.Operator, operands);
            var compiled = operands.Select(Compile).ToArray();
            if (b.Operator == "and")
                return s =>
                {
                    var unknown = false;
                    foreach (var operand in compiled)
                    {
                        var v = operand(s);
                        if (v.IsFalse) return Value.False;
                        if (v.IsUnknown) unknown = true;
                    }
                    return unknown ? Value.Unknown : Value.True;
                };
            return s =>
            {
                var unknown = false;
                foreach (var operand in compiled)
                {
                    var v = operand(s);
                    if (v.IsTrue) return Value.True;
                    if (v.IsUnknown) unknown = true;
                }
                return unknown ? Value.Unknown : Value.False;
            };
        }

        private static void Flatten(Expr e, string op, List<Expr> operands)
        {
            if (e is BinaryExpr b && b.Operator == op)
            {
                Flatten(b.Left, op, operands);
                Flatten(b.Right, op, operands);
            }
            else operands.Add(e);
        }

        private static Value Equal(Value l, Value r, bool negate)
        {
            if (l.IsUnknown || r.IsUnknown) return Value.Unknown;
            var equal = l.Kind == ValueKind.Symbol || r.Kind == ValueKind.Symbol
                ? string.Equals(l.Text, r.Text, StringComparison.Ordinal)
                : l.Number.Equals(r.Number);
            return Value.Of(equal != negate);
        }

        /// <summary>A comparison of two computed numbers, one delegate per operator (no comparer delegate per call).</summary>
        private static CompiledExpr Numeric(string op, CompiledExpr left, CompiledExpr right) => op switch
        {
            "<" => s => { var l = left(s); var r = right(s); return l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number < r.Number); },
            "<=" => s => { var l = left(s); var r = right(s); return l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number <= r.Number); },
            ">" => s => { var l = left(s); var r = right(s); return l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number > r.Number); },
            _ => s => { var l = left(s); var r = right(s); return l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(l.Number >= r.Number); },
        };

        /// <summary>
        /// <c>fact &lt; 20 %</c>, <c>material == uranium</c>, <c>fact in { … }</c> and the same with the
        /// constant first: the same values, and the same missing fact recorded, as the general form,
        /// in one delegate. Null for any other shape.
        /// </summary>
        private CompiledExpr? CompileFactTest(BinaryExpr b)
        {
            switch (b.Operator)
            {
                case "<":
                case "<=":
                case ">":
                case ">=":
                    if (FactSlot(b.Left) is int left && NumberConstant(b.Right) is double right) return CompareFact(b.Operator, left, right);
                    if (NumberConstant(b.Left) is double c && FactSlot(b.Right) is int slot) return CompareFact(Flip(b.Operator), slot, c);
                    return null;
                case "==":
                case "!=":
                {
                    var negate = b.Operator == "!=";
                    if (FactSlot(b.Left) is int leftSlot && SymbolConstant(b.Right) is { } rightSymbol)
                        return FactEquals(leftSlot, rightSymbol, negate, IsEnumFact(leftSlot));
                    if (SymbolConstant(b.Left) is { } leftSymbol && FactSlot(b.Right) is int rightSlot)
                        return FactEquals(rightSlot, leftSymbol, negate, IsEnumFact(rightSlot));
                    return null;
                }
                case "in":
                    if (FactSlot(b.Left) is int itemSlot && ConstantMembers(b.Right) is { } members)
                        return IsEnumFact(itemSlot) ? FactInByReference(itemSlot, members) : FactIn(itemSlot, members);
                    return null;
                default:
                    return null;
            }
        }

        private static string Flip(string op) => op switch { "<" => ">", "<=" => ">=", ">" => "<", _ => "<=" };

        private int? FactSlot(Expr e) => e is NameExpr n && model.KindOf(n) == NameKind.Fact ? model.Symbols.Facts[n.Text].Slot : null;

        /// <summary>
        /// An enum fact's value is always the interned instance of its enum's value (the binder hands
        /// out no other; defaults and examples come through the binder), and constants are interned:
        /// equal texts are then the same string, so a reference comparison decides.
        /// </summary>
        private bool IsEnumFact(int slot) => model.Symbols.FactsBySlot[slot].Type is EnumType;

        private static double? NumberConstant(Expr e) => e is NumberLiteral n ? (n.Unit == "kg" ? n.Value * 1000 : n.Value) : null;

        /// <summary>An enum value or a quoted text, interned like the values the binder hands the rules.</summary>
        private string? SymbolConstant(Expr e) => e switch
        {
            StringLiteral s => string.Intern(s.Value),
            NameExpr n when model.KindOf(n) == NameKind.Symbol => string.Intern(n.Text),
            _ => null,
        };

        /// <summary>The members of a set written in the condition or a named data set, as texts.</summary>
        private Members? ConstantMembers(Expr e) => e switch
        {
            SetLiteral set => new Members(set.Items.Select(ConstantText)),
            NameExpr n when model.KindOf(n) == NameKind.DataSet => new Members(model.Symbols.DataSets[n.Text].Members),
            _ => null,
        };

        private static CompiledExpr CompareFact(string op, int slot, double c) => op switch
        {
            "<" => s => { var v = s.Read(slot); return v.IsUnknown ? Value.Unknown : Value.Of(v.Number < c); },
            "<=" => s => { var v = s.Read(slot); return v.IsUnknown ? Value.Unknown : Value.Of(v.Number <= c); },
            ">" => s => { var v = s.Read(slot); return v.IsUnknown ? Value.Unknown : Value.Of(v.Number > c); },
            _ => s => { var v = s.Read(slot); return v.IsUnknown ? Value.Unknown : Value.Of(v.Number >= c); },
        };

        private static CompiledExpr FactEquals(int slot, string symbol, bool negate, bool byReference) => byReference
            ? s =>
            {
                var v = s.Read(slot);
                return v.IsUnknown ? Value.Unknown : Value.Of(ReferenceEquals(v.Ref, symbol) != negate);
            }
            : s =>
            {
                var v = s.Read(slot);
                if (v.IsUnknown) return Value.Unknown;
                var text = v.Text;
                return Value.Of((ReferenceEquals(text, symbol) || string.Equals(text, symbol, StringComparison.Ordinal)) != negate);
            };

        private static CompiledExpr FactInByReference(int slot, Members members) => s =>
        {
            var v = s.Read(slot);
            return v.IsUnknown ? Value.Unknown : Value.Of(members.ContainsInstance(v.Ref));
        };

        private static CompiledExpr FactIn(int slot, Members members) => s =>
        {
            var v = s.Read(slot);
            return v.IsUnknown ? Value.Unknown : Value.Of(members.Contains(v.Text ?? v.ToString()));
        };

        private static CompiledExpr In(CompiledExpr item, Members members) => s =>
        {
            var v = item(s);
            return v.IsUnknown ? Value.Unknown : Value.Of(members.Contains(v.Text ?? v.ToString()));
        };

        /// <summary>
        /// A constant set's members. A few are compared one by one (by reference first: enum values
        /// from the binder are the interned instances); more go in a hash set.
        /// </summary>
        private sealed class Members
        {
            private readonly string[] few = Array.Empty<string>();
            private readonly HashSet<string>? many;

            public Members(IEnumerable<string> members)
            {
                var all = members.Select(string.Intern).Distinct(StringComparer.Ordinal).ToArray();
                if (all.Length <= 8) few = all;
                else many = new HashSet<string>(all, StringComparer.Ordinal);
            }

            /// <summary>For interned values only: whether <paramref name="value"/> is one of the members themselves.</summary>
            public bool ContainsInstance(object? value)
            {
                if (many != null) return value is string text && many.Contains(text);
                foreach (var member in few)
                    if (ReferenceEquals(member, value)) return true;
                return false;
            }

            public bool Contains(string text)
            {
                if (many != null) return many.Contains(text);
                foreach (var member in few)
                    if (ReferenceEquals(member, text)) return true;
                foreach (var member in few)
                    if (string.Equals(member, text, StringComparison.Ordinal)) return true;
                return false;
            }
        }

        private static CompiledExpr Arithmetic(CompiledExpr left, CompiledExpr right, Func<double, double, double> op) => s =>
        {
            var l = left(s);
            var r = right(s);
            if (l.IsUnknown || r.IsUnknown) return Value.Unknown;
            var result = op(l.Number, r.Number);
            return double.IsNaN(result) ? Value.Unknown : Value.Of(result);
        };

        private static Value Contains(Value container, Value item)
        {
            if (container.IsUnknown || item.IsUnknown) return Value.Unknown;
            var text = item.Text ?? item.ToString();
            return container.Ref switch
            {
                HashSet<string> set => Value.Of(set.Contains(text)),
                string[] list => Value.Of(Array.IndexOf(list, text) >= 0),
                _ => Value.Unknown,
            };
        }
    }
}
