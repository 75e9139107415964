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

        public ExpressionCompiler(CheckedModel model) => this.model = model;

        public CompiledExpr CompileDefinition(string name)
        {
            if (definitions.TryGetValue(name, out var compiled)) return compiled;
            // Definitions are acyclic (the checker refuses cycles), so this recursion terminates.
            compiled = Compile(model.Symbols.Definitions[name].Declaration.Body);
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
            var left = Compile(b.Left);
            var right = Compile(b.Right);
            switch (b.Operator)
            {
                // Kleene logic: false decides 'and' and true decides 'or' even when the other side is unknown.
                case "and":
                    return s =>
                    {
                        var l = left(s);
                        if (l.IsFalse) return Value.False;
                        var r = right(s);
                        if (r.IsFalse) return Value.False;
                        return l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.True;
                    };
                case "or":
                    return s =>
                    {
                        var l = left(s);
                        if (l.IsTrue) return Value.True;
                        var r = right(s);
                        if (r.IsTrue) return Value.True;
                        return l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.False;
                    };
                case "==": return s => Equal(left(s), right(s), negate: false);
                case "!=": return s => Equal(left(s), right(s), negate: true);
                case "<": return Numeric(left, right, (x, y) => x < y);
                case "<=": return Numeric(left, right, (x, y) => x <= y);
                case ">": return Numeric(left, right, (x, y) => x > y);
                case ">=": return Numeric(left, right, (x, y) => x >= y);
                case "in": return s => Contains(right(s), left(s));
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

        private static Value Equal(Value l, Value r, bool negate)
        {
            if (l.IsUnknown || r.IsUnknown) return Value.Unknown;
            var equal = l.Kind == ValueKind.Symbol || r.Kind == ValueKind.Symbol
                ? string.Equals(l.Text, r.Text, StringComparison.Ordinal)
                : l.Number.Equals(r.Number);
            return Value.Of(equal != negate);
        }

        private static CompiledExpr Numeric(CompiledExpr left, CompiledExpr right, Func<double, double, bool> compare) => s =>
        {
            var l = left(s);
            var r = right(s);
            return l.IsUnknown || r.IsUnknown ? Value.Unknown : Value.Of(compare(l.Number, r.Number));
        };

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
