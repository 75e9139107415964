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
    /// Cheap to build, so loading, coverage and the in-file examples use it; <see cref="IlCompiler"/>
    /// takes over for activities evaluated often. Relies on the checker: it is only called on a model
    /// without errors.
    /// </summary>
    internal sealed class ExpressionCompiler : ExprVisitor<NoArgument, CompiledExpr>
    {
        private readonly CheckedModel model;
        private readonly ExprShapes shapes;
        private readonly Dictionary<string, CompiledExpr> definitions = new();
        private readonly Dictionary<string, CompiledExpr> bodies = new();
        private readonly Dictionary<string, int> definitionIndex = new();

        public ExpressionCompiler(CheckedModel model)
        {
            this.model = model;
            shapes = new ExprShapes(model);
            foreach (var name in model.Symbols.Definitions.Keys) definitionIndex[name] = definitionIndex.Count;
        }

        public CheckedModel Model => model;

        /// <summary>How many definitions there are: the size of an evaluation's definition memo.</summary>
        public int DefinitionCount => definitionIndex.Count;

        public int DefinitionIndex(string name) => definitionIndex[name];

        /// <summary>
        /// A definition, computed at most once per evaluation (<see cref="EvaluationScope.Definition"/>)
        /// however many rules read it.
        /// </summary>
        public CompiledExpr CompileDefinition(string name)
        {
            if (definitions.TryGetValue(name, out var compiled)) return compiled;
            var body = DefinitionBody(name);
            var index = definitionIndex[name];
            compiled = s => s.Definition(index, body);
            definitions[name] = compiled;
            return compiled;
        }

        /// <summary>A definition's body, computed afresh on each call: what the memo calls the first time.</summary>
        public CompiledExpr DefinitionBody(string name)
        {
            if (bodies.TryGetValue(name, out var body)) return body;
            // Definitions are acyclic (the checker refuses cycles), so this recursion terminates.
            body = Compile(model.Symbols.Definitions[name].Declaration.Body);
            bodies[name] = body;
            return body;
        }

        public CompiledExpr Compile(Expr expr) => Visit(expr, default);

        protected override CompiledExpr Number(NumberLiteral number, NoArgument none)
        {
            var v = Value.Of(ExprShapes.Number(number));
            return _ => v;
        }

        protected override CompiledExpr Bool(BoolLiteral literal, NoArgument none)
        {
            var v = Value.Of(literal.Value);
            return _ => v;
        }

        protected override CompiledExpr String(StringLiteral text, NoArgument none)
        {
            var v = Value.Symbol(text.Value);
            return _ => v;
        }

        protected override CompiledExpr Name(NameExpr name, NoArgument none) => CompileName(name);

        protected override CompiledExpr Not(NotExpr not, NoArgument none)
        {
            var operand = Compile(not.Operand);
            return s => ValueOps.Not(operand(s));
        }

        protected override CompiledExpr Set(SetLiteral set, NoArgument none)
        {
            var v = shapes.SetValue(set);
            return _ => v;
        }

        protected override CompiledExpr Given(GivenExpr given, NoArgument none)
        {
            // Reads the slot directly: an absent fact is the answer here, not a missing fact to report.
            var slot = shapes.SlotOf(((NameExpr)given.Fact).Text);
            return s => ValueOps.Given(s, slot);
        }

        protected override CompiledExpr Case(CaseExpr @case, NoArgument none) => CompileCase(@case);

        protected override CompiledExpr Binary(BinaryExpr binary, NoArgument none) => CompileBinary(binary);

        private CompiledExpr CompileName(NameExpr name)
        {
            switch (model.KindOf(name))
            {
                case NameKind.Fact:
                {
                    var slot = shapes.SlotOf(name.Text);
                    return s => s.Read(slot);
                }
                case NameKind.Definition:
                    return CompileDefinition(name.Text);
                case NameKind.DataSet:
                {
                    var v = shapes.SetValue(name);
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
            if (b.Operator.Kind() == OperatorKind.Logical) return Junction(b);
            var left = Compile(b.Left);
            var right = Compile(b.Right);
            // Every operator (no default arm: a new one does not compile until it is given its delegate).
            return b.Operator switch
            {
                BinaryOperator.And or BinaryOperator.Or => Junction(b),
                BinaryOperator.Equal => s => ValueOps.Equal(left(s), right(s), negate: false),
                BinaryOperator.NotEqual => s => ValueOps.Equal(left(s), right(s), negate: true),
                BinaryOperator.Less => s => ValueOps.Less(left(s), right(s)),
                BinaryOperator.LessOrEqual => s => ValueOps.LessOrEqual(left(s), right(s)),
                BinaryOperator.Greater => s => ValueOps.Greater(left(s), right(s)),
                BinaryOperator.GreaterOrEqual => s => ValueOps.GreaterOrEqual(left(s), right(s)),
                BinaryOperator.In => shapes.Members(b.Right) is { } members
                    ? s => ValueOps.In(left(s), members)
                    : s => ValueOps.Contains(right(s), left(s)),
                BinaryOperator.Has => s => ValueOps.Contains(left(s), right(s)),
                BinaryOperator.Add => s => ValueOps.Add(left(s), right(s)),
                BinaryOperator.Subtract => s => ValueOps.Subtract(left(s), right(s)),
                BinaryOperator.Multiply => Product(left, right, shapes.ProductScale(b)),
                BinaryOperator.Divide => s => ValueOps.Divide(left(s), right(s)),
            };
        }

        private static CompiledExpr Product(CompiledExpr left, CompiledExpr right, double scale) =>
            s => ValueOps.Multiply(left(s), right(s), scale);

        /// <summary>
        /// A chain of 'and' (or of 'or') as one delegate over its operands, left to right, stopping at the
        /// first operand that decides (false for 'and', true for 'or'): the operands read, and the value,
        /// are those of the nested two-operand form, which stops at the same operand.
        /// </summary>
        private CompiledExpr Junction(BinaryExpr b)
        {
            var compiled = ExprShapes.Junction(b).Select(Compile).ToArray();
            if (b.Operator == BinaryOperator.And)
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

        /// <summary>
        /// <c>fact &lt; 20 %</c>, <c>material == uranium</c>, <c>fact in { … }</c> and the same with the
        /// constant first: the same values, and the same missing fact recorded, as the general form,
        /// in one delegate. Null for any other shape.
        /// </summary>
        private CompiledExpr? CompileFactTest(BinaryExpr b)
        {
            switch (b.Operator.Kind())
            {
                case OperatorKind.Ordering:
                    if (shapes.FactSlot(b.Left) is int left && ExprShapes.NumberConstant(b.Right) is double right) return CompareFact(b.Operator, left, right);
                    if (ExprShapes.NumberConstant(b.Left) is double c && shapes.FactSlot(b.Right) is int slot) return CompareFact(b.Operator.Mirror()!.Value, slot, c);
                    return null;
                case OperatorKind.Equality:
                {
                    var negate = b.Operator == BinaryOperator.NotEqual;
                    if (shapes.FactSlot(b.Left) is int leftSlot && shapes.SymbolConstant(b.Right) is { } rightSymbol)
                        return FactEquals(leftSlot, rightSymbol, negate, shapes.IsEnumFact(leftSlot));
                    if (shapes.SymbolConstant(b.Left) is { } leftSymbol && shapes.FactSlot(b.Right) is int rightSlot)
                        return FactEquals(rightSlot, leftSymbol, negate, shapes.IsEnumFact(rightSlot));
                    return null;
                }
                case OperatorKind.Membership when b.Operator == BinaryOperator.In:
                    if (shapes.FactSlot(b.Left) is int itemSlot && shapes.Members(b.Right) is { } members)
                        return shapes.IsEnumFact(itemSlot)
                            ? s => ValueOps.InInstances(s.Read(itemSlot), members)
                            : s => ValueOps.In(s.Read(itemSlot), members);
                    return null;
                default:
                    return null;
            }
        }

        /// <param name="op">An ordering operator (<see cref="OperatorKind.Ordering"/>).</param>
        private static CompiledExpr CompareFact(BinaryOperator op, int slot, double c) => op switch
        {
            BinaryOperator.Less => s => ValueOps.Less(s.Read(slot), c),
            BinaryOperator.LessOrEqual => s => ValueOps.LessOrEqual(s.Read(slot), c),
            BinaryOperator.Greater => s => ValueOps.Greater(s.Read(slot), c),
            BinaryOperator.GreaterOrEqual => s => ValueOps.GreaterOrEqual(s.Read(slot), c),
            BinaryOperator.Or or BinaryOperator.And or BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.In or BinaryOperator.Has
                or BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide =>
                throw new ArgumentOutOfRangeException(nameof(op), op, "not an ordering operator"),
        };

        private static CompiledExpr FactEquals(int slot, string symbol, bool negate, bool byReference) => byReference
            ? s => ValueOps.EqualsInstance(s.Read(slot), symbol, negate)
            : s => ValueOps.EqualsText(s.Read(slot), symbol, negate);
    }
}
