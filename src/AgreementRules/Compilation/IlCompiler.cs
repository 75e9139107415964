using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using AgreementRules.Semantics;
using AgreementRules.Syntax;
using E = System.Linq.Expressions.Expression;

namespace AgreementRules.Compilation
{
    /// <summary>
    /// Compiles checked expressions to IL (System.Linq.Expressions): a rule's whole condition becomes one
    /// method, and so does every definition's body. Same semantics as <see cref="ExpressionCompiler"/>:
    /// the same fast paths and constants (<see cref="ExprShapes"/>), the same operators on the general
    /// paths (<see cref="ValueOps"/>), the same reads recorded in the same order.
    /// <para>
    /// The JIT inlines no call from these dynamic methods into this assembly (not even a property
    /// getter), so the hot shapes are written out here over <see cref="Value"/>'s fields, and a boolean
    /// is carried as a Kleene truth value (<see cref="False"/>, <see cref="True"/>, <see cref="Undecided"/>)
    /// rather than as a <see cref="Value"/>: a fact test is then a few loads and a compare. Each
    /// written-out shape names the <see cref="ValueOps"/> operator it stands for.
    /// </para>
    /// Compiling costs far more than building closures, so it is done only for what is evaluated often
    /// (<see cref="EvaluationTiering"/>), never while loading. Not thread-safe: callers serialise.
    /// </summary>
    internal sealed class IlCompiler : ExprVisitor<ParameterExpression, E>
    {
        private const int False = 0, True = 1, Undecided = 2;

        private static readonly FieldInfo FactsField = Internal<FieldInfo>(typeof(EvaluationScope).GetField(nameof(EvaluationScope.facts), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly FieldInfo KindField = Internal<FieldInfo>(typeof(Value).GetField(nameof(Value.kind), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly FieldInfo NumberField = Internal<FieldInfo>(typeof(Value).GetField(nameof(Value.number), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly FieldInfo RefField = Internal<FieldInfo>(typeof(Value).GetField(nameof(Value.reference), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly MethodInfo NoteMissing = Internal<MethodInfo>(typeof(EvaluationScope).GetMethod(nameof(EvaluationScope.NoteMissing), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly MethodInfo Read = Internal<MethodInfo>(typeof(EvaluationScope).GetMethod(nameof(EvaluationScope.Read), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly MethodInfo Definition = Internal<MethodInfo>(typeof(EvaluationScope).GetMethod(nameof(EvaluationScope.Definition), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly MethodInfo Replay = Internal<MethodInfo>(typeof(EvaluationScope).GetMethod(nameof(EvaluationScope.Replay), BindingFlags.Instance | BindingFlags.NonPublic));
        private static readonly FieldInfo MemoValues = ScopeField(nameof(EvaluationScope.definitionValues));
        private static readonly FieldInfo MemoStamps = ScopeField(nameof(EvaluationScope.definitionStamps));
        private static readonly FieldInfo MemoReadsFrom = ScopeField(nameof(EvaluationScope.readsFrom));
        private static readonly FieldInfo MemoReadsTo = ScopeField(nameof(EvaluationScope.readsTo));
        private static readonly FieldInfo Evaluation = ScopeField(nameof(EvaluationScope.evaluation));
        private static readonly MethodInfo StringEquals = typeof(string).GetMethod(nameof(string.Equals), new[] { typeof(string), typeof(string), typeof(StringComparison) })!;
        private static readonly MethodInfo ContainsInstance = typeof(ConstantMembers).GetMethod(nameof(ConstantMembers.ContainsInstance))!;
        private static readonly MethodInfo Contains = typeof(ConstantMembers).GetMethod(nameof(ConstantMembers.Contains))!;
        private static readonly FieldInfo TrueField = typeof(Value).GetField(nameof(Value.True))!;
        private static readonly FieldInfo FalseField = typeof(Value).GetField(nameof(Value.False))!;
        private static readonly FieldInfo UnknownField = typeof(Value).GetField(nameof(Value.Unknown))!;

        private readonly CheckedModel model;
        private readonly ExpressionCompiler closures;
        private readonly ExprShapes shapes;

        public IlCompiler(ExpressionCompiler closures)
        {
            this.closures = closures;
            model = closures.Model;
            shapes = new ExprShapes(model);
        }

        private static FieldInfo ScopeField(string name) => Internal<FieldInfo>(typeof(EvaluationScope).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic));

        private static T Internal<T>(T? member) where T : MemberInfo => member ?? throw new InvalidOperationException("a member the IL compiler reads is missing");

        /// <summary>A rule's condition (or a definition's body) as one compiled method.</summary>
        public CompiledExpr CompileCondition(Expr condition)
        {
            var scope = E.Parameter(typeof(EvaluationScope), "scope");
            return E.Lambda<CompiledExpr>(EmitValue(condition, scope), scope).Compile();
        }

        /// <summary>
        /// A definition's body as one compiled method, compiled once: what a condition calls the first time it reads
        /// the definition in an evaluation (conditions compute the definitions they read, not every definition).
        /// </summary>
        public CompiledExpr DefinitionBody(string name)
        {
            if (definitionBodies.TryGetValue(name, out var body)) return body;
            // Compiled before the condition that reads it is finished: definitions are acyclic, so this terminates.
            body = CompileCondition(model.Symbols.Definitions[name].Declaration.Body);
            definitionBodies[name] = body;
            return body;
        }

        private readonly Dictionary<string, CompiledExpr> definitionBodies = new(StringComparer.Ordinal);

        /// <summary>Whether <see cref="EmitBool"/> writes the expression out (rather than testing the value of the general path).</summary>
        private bool HasTruthShape(Expr e, ParameterExpression scope) => e switch
        {
            BoolLiteral or NotExpr or GivenExpr => true,
            BinaryExpr b when b.Operator.Kind() == OperatorKind.Logical => true,
            BinaryExpr other => EmitFactTest(other, scope) != null,
            _ => false,
        };

        // ---- booleans, as Kleene truth values (int: False, True, Undecided) ----

        private E EmitBool(Expr expr, ParameterExpression scope)
        {
            switch (expr)
            {
                case BoolLiteral b: return E.Constant(b.Value ? True : False);
                case NotExpr not: // ValueOps.Not
                {
                    var t = E.Variable(typeof(int), "t");
                    return E.Block(typeof(int), new[] { t }, E.Assign(t, EmitBool(not.Operand, scope)),
                        E.Condition(E.Equal(t, E.Constant(Undecided)), t, E.Subtract(E.Constant(True), t)));
                }
                case GivenExpr given: // ValueOps.Given: reads the slot without recording a missing fact
                    return E.Condition(E.Equal(Kind(FactSlot(scope, shapes.SlotOf(((NameExpr)given.Fact).Text))), E.Constant(ValueKind.Unknown)),
                        E.Constant(False), E.Constant(True));
                case BinaryExpr b when b.Operator.Kind() == OperatorKind.Logical: return EmitJunction(b, scope);
                case BinaryExpr b when EmitFactTest(b, scope) is { } test: return test;
                default: return ToTruth(EmitGeneral(expr, scope));
            }
        }

        /// <summary>A chain of 'and' (or 'or'), left to right, stopping at the first operand that decides (as ExpressionCompiler.Junction).</summary>
        private E EmitJunction(BinaryExpr b, ParameterExpression scope)
        {
            var and = b.Operator == BinaryOperator.And;
            var result = E.Variable(typeof(int), "junction");
            var t = E.Variable(typeof(int), "t");
            var done = E.Label(typeof(int), "decided");
            var decides = E.Constant(and ? False : True);
            var statements = new List<E> { E.Assign(result, E.Constant(and ? True : False)) };
            foreach (var operand in ExprShapes.Junction(b))
            {
                statements.Add(E.Assign(t, EmitBool(operand, scope)));
                statements.Add(E.IfThen(E.Equal(t, decides), E.Return(done, decides)));
                statements.Add(E.IfThen(E.Equal(t, E.Constant(Undecided)), E.Assign(result, t)));
            }
            statements.Add(E.Label(done, result));
            return E.Block(typeof(int), new[] { result, t }, statements);
        }

        /// <summary>A fact against a constant, as ExpressionCompiler.CompileFactTest; null for any other shape.</summary>
        private E? EmitFactTest(BinaryExpr b, ParameterExpression scope)
        {
            switch (b.Operator.Kind())
            {
                case OperatorKind.Ordering: // ValueOps.Less(Value, double) and its kin
                    if (shapes.FactSlot(b.Left) is int left && ExprShapes.NumberConstant(b.Right) is double right)
                        return Known(scope, left, v => Compare(b.Operator, E.Field(v, NumberField), right));
                    if (ExprShapes.NumberConstant(b.Left) is double c && shapes.FactSlot(b.Right) is int slot)
                        return Known(scope, slot, v => Compare(b.Operator.Mirror()!.Value, E.Field(v, NumberField), c));
                    return null;
                case OperatorKind.Equality:
                {
                    var negate = b.Operator == BinaryOperator.NotEqual;
                    if (shapes.FactSlot(b.Left) is int leftSlot && shapes.SymbolConstant(b.Right) is { } rightSymbol)
                        return FactEquals(scope, leftSlot, rightSymbol, negate);
                    if (shapes.SymbolConstant(b.Left) is { } leftSymbol && shapes.FactSlot(b.Right) is int rightSlot)
                        return FactEquals(scope, rightSlot, leftSymbol, negate);
                    return null;
                }
                case OperatorKind.Membership when b.Operator == BinaryOperator.In:
                    if (shapes.FactSlot(b.Left) is int itemSlot && shapes.Members(b.Right) is { } members)
                        return shapes.IsEnumFact(itemSlot)
                            ? Known(scope, itemSlot, v => IsOneOf(E.Field(v, RefField), members)) // ValueOps.InInstances
                            : null; // ValueOps.In, through the general path
                    return null;
                default:
                    return null;
            }
        }

        /// <summary>ConstantMembers.ContainsInstance: a few members compared by reference in line, more looked up in their hash set.</summary>
        private static E IsOneOf(E reference, ConstantMembers members)
        {
            if (members.Few is not { } few) return E.Call(E.Constant(members), ContainsInstance, reference);
            E any = E.Constant(false);
            for (var i = few.Length - 1; i >= 0; i--) any = E.OrElse(E.ReferenceEqual(reference, E.Constant(few[i], typeof(object))), any);
            return any;
        }

        /// <summary>ValueOps.EqualsInstance (an enum fact: interned, so a reference comparison decides) and ValueOps.EqualsText.</summary>
        private E FactEquals(ParameterExpression scope, int slot, string symbol, bool negate) => Known(scope, slot, v =>
        {
            var constant = E.Constant(symbol, typeof(string));
            var reference = E.Field(v, RefField);
            E equal = shapes.IsEnumFact(slot)
                ? E.ReferenceEqual(reference, E.Convert(constant, typeof(object)))
                : E.OrElse(E.ReferenceEqual(reference, E.Convert(constant, typeof(object))),
                    E.Call(StringEquals, E.TypeAs(reference, typeof(string)), constant, E.Constant(StringComparison.Ordinal)));
            return negate ? E.Not(equal) : equal;
        });

        /// <summary>
        /// <see cref="EvaluationScope.Read"/> of a fact, then <paramref name="decide"/> on its value unless it
        /// is unknown (then the missing read is recorded and the test is undecided): the shape of every fact test.
        /// </summary>
        private static E Known(ParameterExpression scope, int slot, Func<ParameterExpression, E> decide)
        {
            var v = E.Variable(typeof(Value), "fact" + slot);
            return E.Block(typeof(int), new[] { v },
                E.Assign(v, FactSlot(scope, slot)),
                E.Condition(E.Equal(Kind(v), E.Constant(ValueKind.Unknown)),
                    E.Block(E.Call(scope, NoteMissing, E.Constant(slot)), E.Constant(Undecided)),
                    E.Condition(decide(v), E.Constant(True), E.Constant(False))));
        }

        private static E FactSlot(ParameterExpression scope, int slot) => E.ArrayIndex(E.Field(scope, FactsField), E.Constant(slot));
        private static E Kind(E value) => E.Field(value, KindField);

        /// <param name="op">An ordering operator (<see cref="OperatorKind.Ordering"/>).</param>
        private static E Compare(BinaryOperator op, E number, double constant)
        {
            var c = E.Constant(constant);
            return op switch
            {
                BinaryOperator.Less => E.LessThan(number, c),
                BinaryOperator.LessOrEqual => E.LessThanOrEqual(number, c),
                BinaryOperator.Greater => E.GreaterThan(number, c),
                BinaryOperator.GreaterOrEqual => E.GreaterThanOrEqual(number, c),
                BinaryOperator.Or or BinaryOperator.And or BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.In or BinaryOperator.Has
                    or BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide =>
                    throw new ArgumentOutOfRangeException(nameof(op), op, "not an ordering operator"),
            };
        }

        /// <summary>A value as a truth value: unknown is undecided; a boolean is true when its number is not 0 (Value.IsTrue).</summary>
        private static E ToTruth(E value)
        {
            var v = E.Variable(typeof(Value), "v");
            return E.Block(typeof(int), new[] { v }, E.Assign(v, value),
                E.Condition(E.Equal(Kind(v), E.Constant(ValueKind.Unknown)), E.Constant(Undecided),
                    E.Condition(E.AndAlso(E.Equal(Kind(v), E.Constant(ValueKind.Bool)), E.NotEqual(E.Field(v, NumberField), E.Constant(0.0))),
                        E.Constant(True), E.Constant(False))));
        }

        /// <summary>A truth value as the <see cref="Value"/> the closures would give (Value.True, Value.False, Value.Unknown).</summary>
        private static E ToValue(E truth)
        {
            var t = E.Variable(typeof(int), "t");
            return E.Block(typeof(Value), new[] { t }, E.Assign(t, truth),
                E.Condition(E.Equal(t, E.Constant(True)), E.Field(null, TrueField),
                    E.Condition(E.Equal(t, E.Constant(False)), E.Field(null, FalseField), E.Field(null, UnknownField))));
        }

        // ---- other values (numbers, symbols, sets): the general path, through ValueOps ----

        private E EmitValue(Expr expr, ParameterExpression scope) =>
            HasTruthShape(expr, scope) ? ToValue(EmitBool(expr, scope)) : EmitGeneral(expr, scope);

        private E EmitGeneral(Expr expr, ParameterExpression scope) => Visit(expr, scope);

        protected override E Number(NumberLiteral number, ParameterExpression scope) => E.Constant(Value.Of(ExprShapes.Number(number)), typeof(Value));
        protected override E String(StringLiteral text, ParameterExpression scope) => E.Constant(Value.Symbol(text.Value), typeof(Value));
        protected override E Set(SetLiteral set, ParameterExpression scope) => E.Constant(shapes.SetValue(set), typeof(Value));
        protected override E Name(NameExpr name, ParameterExpression scope) => EmitName(name, scope);
        protected override E Case(CaseExpr @case, ParameterExpression scope) => EmitCase(@case, scope);
        protected override E Binary(BinaryExpr binary, ParameterExpression scope) => EmitBinary(binary, scope);
        // Truth-shaped nodes go through EmitBool (see EmitValue); as a value, each is its truth as a Value.
        protected override E Bool(BoolLiteral literal, ParameterExpression scope) => ToValue(EmitBool(literal, scope));
        protected override E Not(NotExpr not, ParameterExpression scope) => ToValue(EmitBool(not, scope));
        protected override E Given(GivenExpr given, ParameterExpression scope) => ToValue(EmitBool(given, scope));

        private E EmitName(NameExpr name, ParameterExpression scope)
        {
            switch (model.KindOf(name))
            {
                case NameKind.Fact: return E.Call(scope, Read, E.Constant(shapes.SlotOf(name.Text)));
                case NameKind.Definition: return EmitDefinition(name.Text, scope);
                case NameKind.DataSet: return E.Constant(shapes.SetValue(name), typeof(Value));
                default: return E.Constant(Value.Symbol(name.Text), typeof(Value));
            }
        }

        /// <summary>
        /// EvaluationScope.Definition written out: the memoised value, its missing reads recorded again, when a
        /// condition before read it in this evaluation; else computed by its compiled body and memoised.
        /// </summary>
        private E EmitDefinition(string name, ParameterExpression scope)
        {
            var index = E.Constant(closures.DefinitionIndex(name));
            var value = E.Variable(typeof(Value), "definition");
            var memoised = E.AndAlso(
                E.LessThan(index, E.ArrayLength(E.Field(scope, MemoStamps))),
                E.Equal(E.ArrayIndex(E.Field(scope, MemoStamps), index), E.Field(scope, Evaluation)));
            return E.Block(typeof(Value), new[] { value },
                E.IfThenElse(memoised,
                    E.Block(
                        E.IfThen(E.NotEqual(E.ArrayIndex(E.Field(scope, MemoReadsFrom), index), E.ArrayIndex(E.Field(scope, MemoReadsTo), index)),
                            E.Call(scope, Replay, index)),
                        E.Assign(value, E.ArrayIndex(E.Field(scope, MemoValues), index))),
                    E.Assign(value, E.Call(scope, Definition, index, E.Constant(DefinitionBody(name), typeof(CompiledExpr))))),
                value);
        }

        /// <summary>The first branch whose condition holds gives the value; an undecided condition before it makes the whole unknown.</summary>
        private E EmitCase(CaseExpr c, ParameterExpression scope)
        {
            var result = EmitValue(c.Otherwise, scope);
            for (var i = c.Branches.Count - 1; i >= 0; i--)
            {
                var t = E.Variable(typeof(int), "branch" + i);
                result = E.Block(typeof(Value), new[] { t },
                    E.Assign(t, EmitBool(c.Branches[i].Condition, scope)),
                    E.Condition(E.Equal(t, E.Constant(Undecided)), E.Field(null, UnknownField),
                        E.Condition(E.Equal(t, E.Constant(True)), EmitValue(c.Branches[i].Result, scope), result)));
            }
            return result;
        }

        private E EmitBinary(BinaryExpr b, ParameterExpression scope)
        {
            var left = EmitValue(b.Left, scope);
            // Every operator (no default arm: a new one does not compile until it is given its code).
            return b.Operator switch
            {
                // Reached only through EmitBool (HasTruthShape): a junction is written out as truth values.
                BinaryOperator.And or BinaryOperator.Or => ToValue(EmitJunction(b, scope)),
                BinaryOperator.Equal => Op(nameof(ValueOps.Equal), left, EmitValue(b.Right, scope), E.Constant(false)),
                BinaryOperator.NotEqual => Op(nameof(ValueOps.Equal), left, EmitValue(b.Right, scope), E.Constant(true)),
                BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual =>
                    Op(ValueOps.ComparisonName(b.Operator), left, EmitValue(b.Right, scope)),
                BinaryOperator.In => shapes.Members(b.Right) is { } members
                    ? Op(nameof(ValueOps.In), left, E.Constant(members))
                    // As the closures do: the set first, then the item (the order of the reads recorded).
                    : Op(nameof(ValueOps.Contains), EmitValue(b.Right, scope), left),
                BinaryOperator.Has => Op(nameof(ValueOps.Contains), left, EmitValue(b.Right, scope)),
                BinaryOperator.Add => Op(nameof(ValueOps.Add), left, EmitValue(b.Right, scope)),
                BinaryOperator.Subtract => Op(nameof(ValueOps.Subtract), left, EmitValue(b.Right, scope)),
                BinaryOperator.Multiply => Op(nameof(ValueOps.Multiply), left, EmitValue(b.Right, scope), E.Constant(shapes.ProductScale(b))),
                BinaryOperator.Divide => Op(nameof(ValueOps.Divide), left, EmitValue(b.Right, scope)),
            };
        }

        /// <summary>A call to the <see cref="ValueOps"/> operator of that name taking these operands.</summary>
        private static E Op(string name, params E[] operands)
        {
            var types = operands.Select(o => o.Type).ToArray();
            var method = typeof(ValueOps).GetMethod(name, BindingFlags.Static | BindingFlags.Public, null, types, null)
                         ?? throw new InvalidOperationException($"no ValueOps.{name}({string.Join(", ", types.Select(t => t.Name))})");
            return E.Call(method, operands);
        }
    }
}
