using System.Collections.Generic;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// Types expressions and checks their units, so that comparing enrichment with <c>plutonium</c> or grams
    /// with percent is an error here, not a surprise at run time. Resolves each name in an expression to a
    /// fact, a definition, a set or an enum value (what it is compared with decides the last), and records
    /// the type of every expression and the kind of every name for the later stages.
    /// </summary>
    internal sealed class TypeChecker : ExprVisitor<RuleType?, RuleType>
    {
        private readonly CheckContext context;
        private readonly Declarations declared;

        public TypeChecker(CheckContext context)
        {
            this.context = context;
            declared = context.Declared;
        }

        public RuleType TypeExpr(Expr expr, RuleType? hint)
        {
            var type = Visit(expr, hint);
            context.ExprTypes[expr] = type;
            return type;
        }

        protected override RuleType Number(NumberLiteral number, RuleType? hint) => RuleType.Number(NumberType.DimensionOf(number.Unit));

        protected override RuleType Bool(BoolLiteral literal, RuleType? hint) => RuleType.Bool;

        protected override RuleType String(StringLiteral text, RuleType? hint)
        {
            if (hint is EnumType e && !e.Contains(text.Value)) return NotInEnum(text.Value, e, text.Span);
            return hint is EnumType ? hint : RuleType.Text;
        }

        protected override RuleType Name(NameExpr name, RuleType? hint) => ResolveName(name, hint);

        protected override RuleType Not(NotExpr not, RuleType? hint)
        {
            RequireBool(not.Operand, "'not'");
            return RuleType.Bool;
        }

        protected override RuleType Binary(BinaryExpr binary, RuleType? hint) => InferBinary(binary);

        protected override RuleType Set(SetLiteral set, RuleType? hint)
        {
            var element = hint is ListType lt ? lt.Element : hint is DataSetType ds ? ds.Element : hint;
            RuleType? first = null;
            foreach (var item in set.Items) first ??= TypeExpr(item, element);
            foreach (var item in set.Items.Skip(1)) TypeExpr(item, element ?? first);
            return new DataSetType(element ?? first ?? RuleType.Symbol);
        }

        protected override RuleType Given(GivenExpr given, RuleType? hint)
        {
            if (given.Fact is NameExpr factName && declared.Facts.TryGetValue(factName.Text, out var givenFact))
            {
                context.NameKinds[factName] = NameKind.Fact;
                context.ExprTypes[factName] = givenFact.Type;
            }
            else
                context.Error(RulesDiagnosticIds.TypeMismatch, given.Fact.Span,
                    $"'is given' asks whether a request gives a fact, but {(given.Fact is NameExpr n ? $"'{n.Text}' is no fact{Suggestions.DidYouMean(n.Text, declared.Facts.Keys)}" : "this is no fact name")}; " +
                    "write 'fact is given' with a fact declared by 'fact'");
            return RuleType.Bool;
        }

        protected override RuleType Case(CaseExpr @case, RuleType? hint)
        {
            RuleType? result = null;
            foreach (var branch in @case.Branches)
            {
                RequireBool(branch.Condition, "'when'");
                result = Unify(result, TypeExpr(branch.Result, hint ?? result), branch.Result.Span);
            }
            return Unify(result, TypeExpr(@case.Otherwise, hint ?? result), @case.Otherwise.Span) ?? RuleType.Error;
        }

        private RuleType? Unify(RuleType? sofar, RuleType next, SourceSpan span)
        {
            if (sofar == null || TypeRules.IsError(sofar)) return next;
            if (sofar == RuleType.Symbol) return next;
            if (next == RuleType.Symbol || TypeRules.Comparable(sofar, next)) return sofar;
            context.Error(RulesDiagnosticIds.TypeMismatch, span, $"every branch of 'case' must give the same type: {sofar.Display} before, {next.Display} here");
            return RuleType.Error;
        }

        private RuleType NotInEnum(string value, EnumType e, SourceSpan span)
        {
            context.Error(RulesDiagnosticIds.TypeMismatch, span,
                $"'{value}' is not a value of {e.Name}{Suggestions.DidYouMean(value, e.Values)}; its values are {string.Join(", ", e.Values)}");
            return RuleType.Error;
        }

        private void RequireBool(Expr expr, string where)
        {
            var t = TypeExpr(expr, RuleType.Bool);
            if (t != RuleType.Bool && !TypeRules.IsError(t))
                context.Error(RulesDiagnosticIds.TypeMismatch, expr.Span, $"{where} needs true or false, but this is {t.Display}");
        }

        private RuleType ResolveName(NameExpr name, RuleType? hint)
        {
            if (declared.Facts.TryGetValue(name.Text, out var fact))
            {
                context.NameKinds[name] = NameKind.Fact;
                return fact.Type;
            }
            if (declared.Definitions.TryGetValue(name.Text, out var definition))
            {
                context.NameKinds[name] = NameKind.Definition;
                ResolveDefinition(definition);
                return definition.Type;
            }
            if (declared.DataSets.TryGetValue(name.Text, out var set))
            {
                context.NameKinds[name] = NameKind.DataSet;
                return new DataSetType(hint is DataSetType ds ? ds.Element : RuleType.Symbol);
            }
            context.NameKinds[name] = NameKind.Symbol;
            var element = hint is ListType l ? l.Element : hint is DataSetType d ? d.Element : hint;
            if (element is EnumType e) return e.Contains(name.Text) ? e : NotInEnum(name.Text, e, name.Span);
            if (element == RuleType.Text) return RuleType.Text;
            // What the name is compared with is already an error, reported where it stands: say nothing more here.
            if (element != null && TypeRules.IsError(element)) return RuleType.Error;
            if (hint == null)
            {
                // A bare name with nothing to compare it with: report it as unknown, suggesting the nearest name.
                context.Error(RulesDiagnosticIds.UnknownName, name.Span,
                    $"unknown name '{name.Text}'{Suggestions.DidYouMean(name.Text, context.Symbols.AllNames())}; declare it as a fact, a definition or a set{SubtractionHint(name.Text)}");
                return RuleType.Error;
            }
            if (hint == RuleType.Symbol) return RuleType.Symbol;
            context.Error(RulesDiagnosticIds.UnknownName, name.Span,
                $"unknown name '{name.Text}'{Suggestions.DidYouMean(name.Text, context.Symbols.AllNames())}; expected {hint.Display}{SubtractionHint(name.Text)}");
            return RuleType.Error;
        }

        /// <summary>A '-' between letters belongs to the name (<c>uranium-233</c>); say so when the parts are declared names.</summary>
        private string SubtractionHint(string name)
        {
            var parts = name.Split('-');
            return parts.Length > 1 && parts.Any(declared.IsValueName)
                ? $"; '-' between letters is part of a name: to subtract, put spaces around it ('{string.Join(" - ", parts)}')"
                : "";
        }

        // Every operator, by the compiler's count (no default arm): a new one is a build error here until it has its rule.
        private RuleType InferBinary(BinaryExpr b) => b.Operator switch
        {
            BinaryOperator.And or BinaryOperator.Or => InferLogical(b),
            BinaryOperator.Equal or BinaryOperator.NotEqual => InferEquality(b),
            BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => InferOrdering(b),
            BinaryOperator.In => InferIn(b),
            BinaryOperator.Has => InferHas(b),
            BinaryOperator.Add or BinaryOperator.Subtract => InferSum(b),
            BinaryOperator.Multiply or BinaryOperator.Divide => InferProduct(b),
        };

        private RuleType InferLogical(BinaryExpr b)
        {
            RequireBool(b.Left, $"'{b.Operator.Text()}'");
            RequireBool(b.Right, $"'{b.Operator.Text()}'");
            return RuleType.Bool;
        }

        private RuleType InferEquality(BinaryExpr b)
        {
            var (left, right) = TypePair(b.Left, b.Right);
            if (left is ListType || left is DataSetType)
                context.Error(RulesDiagnosticIds.TypeMismatch, b.Span, $"'{b.Operator.Text()}' compares single values; to test a list use 'has', for a set use 'in'");
            else CheckComparable(left, right, b);
            return RuleType.Bool;
        }

        private RuleType InferOrdering(BinaryExpr b)
        {
            var (left, right) = TypePair(b.Left, b.Right);
            if (!TypeRules.IsError(left) && left is not NumberType)
                context.Error(RulesDiagnosticIds.TypeMismatch, b.Left.Span, $"'{b.Operator.Text()}' compares numbers, but this is {left.Display}");
            else if (!TypeRules.IsError(right) && right is not NumberType)
                context.Error(RulesDiagnosticIds.TypeMismatch, b.Right.Span, $"'{b.Operator.Text()}' compares numbers, but this is {right.Display}");
            else CheckComparable(left, right, b);
            return RuleType.Bool;
        }

        private RuleType InferIn(BinaryExpr b)
        {
            var element = TypeExpr(b.Left, null);
            var container = TypeExpr(b.Right, new DataSetType(element));
            switch (container)
            {
                case DataSetType ds when b.Right is SetLiteral lit:
                    // The items were typed (and their unknown values reported) while the set was typed: typing
                    // them again would report each error twice.
                    foreach (var item in lit.Items) CheckComparable(element, context.ExprTypes[item], b, item.Span);
                    break;
                case DataSetType when b.Right is NameExpr setName && declared.DataSets.TryGetValue(setName.Text, out var set):
                    if (element is EnumType e)
                        foreach (var m in set.Members.Where(m => !e.Contains(m)))
                            context.Error(RulesDiagnosticIds.TypeMismatch, b.Right.Span, $"set '{set.Name}' holds '{m}', which is not a value of {e.Name}");
                    else if (!TypeRules.IsError(element) && element != RuleType.Text && element != RuleType.Symbol)
                        context.Error(RulesDiagnosticIds.TypeMismatch, b.Left.Span, $"membership in set '{set.Name}' is for names and texts; this is {element.Display}");
                    break;
                case ListType list:
                    CheckComparable(list.Element, element, b);
                    break;
                default:
                    if (!TypeRules.IsError(container))
                        context.Error(RulesDiagnosticIds.TypeMismatch, b.Right.Span, $"'in' needs a set or a list on its right, but this is {container.Display}");
                    break;
            }
            return RuleType.Bool;
        }

        private RuleType InferHas(BinaryExpr b)
        {
            var container = TypeExpr(b.Left, null);
            if (container is ListType list)
                CheckComparable(list.Element, TypeExpr(b.Right, list.Element), b);
            else if (!TypeRules.IsError(container))
                context.Error(RulesDiagnosticIds.TypeMismatch, b.Left.Span, $"'has' needs a list on its left, but this is {container.Display}");
            return RuleType.Bool;
        }

        private RuleType InferSum(BinaryExpr b)
        {
            var (left, right) = TypePair(b.Left, b.Right);
            if (!RequireNumber(left, b.Left) || !RequireNumber(right, b.Right)) return RuleType.Error;
            var l = (NumberType)left; var r = (NumberType)right;
            if (l.Dimension != r.Dimension)
            {
                context.Error(RulesDiagnosticIds.UnitMismatch, b.Span,
                    $"cannot {(b.Operator == BinaryOperator.Add ? "add" : "subtract")} {NumberType.UnitOf(r.Dimension)} and {NumberType.UnitOf(l.Dimension)}; write both sides in the same unit");
                return RuleType.Error;
            }
            return l;
        }

        private RuleType InferProduct(BinaryExpr b)
        {
            var left = TypeExpr(b.Left, null);
            var right = TypeExpr(b.Right, null);
            if (!RequireNumber(left, b.Left) || !RequireNumber(right, b.Right)) return RuleType.Error;
            var result = Arithmetic.ResultDimension(b.Operator, ((NumberType)left).Dimension, ((NumberType)right).Dimension);
            if (result == null)
            {
                context.Error(RulesDiagnosticIds.UnitMismatch, b.Span,
                    $"'{NumberType.UnitOf(((NumberType)left).Dimension)} {b.Operator.Text()} {NumberType.UnitOf(((NumberType)right).Dimension)}' has no unit this language knows; " +
                    "percent × mass gives mass (e.g. quantity * enrichment), a quantity divided by a plain number keeps its unit");
                return RuleType.Error;
            }
            return RuleType.Number(result.Value);
        }

        private bool RequireNumber(RuleType t, Expr at)
        {
            if (t is NumberType) return true;
            if (!TypeRules.IsError(t)) context.Error(RulesDiagnosticIds.TypeMismatch, at.Span, $"arithmetic needs numbers, but this is {t.Display}");
            return false;
        }

        /// <summary>Types both operands, letting a fact on one side tell what a bare name on the other means.</summary>
        private (RuleType left, RuleType right) TypePair(Expr leftExpr, Expr rightExpr)
        {
            if (leftExpr is NameExpr ln && !declared.IsValueName(ln.Text) && !IsMisspeltBesideName(ln, rightExpr) || leftExpr is StringLiteral)
            {
                var right = TypeExpr(rightExpr, null);
                return (TypeExpr(leftExpr, right), right);
            }
            var left = TypeExpr(leftExpr, null);
            return (left, TypeExpr(rightExpr, left));
        }

        /// <summary>
        /// 'materal == uranium': neither side is declared, and the left is a misspelt fact, so it is the one to
        /// report (with its suggestion), not the enum value on the right that has nothing to be compared with.
        /// </summary>
        private bool IsMisspeltBesideName(NameExpr left, Expr right) =>
            right is NameExpr r && !declared.IsValueName(r.Text) &&
            Suggestions.Nearest(left.Text, declared.Facts.Keys.Concat(declared.Definitions.Keys).Concat(declared.DataSets.Keys)) != null;

        private void CheckComparable(RuleType left, RuleType right, BinaryExpr at, SourceSpan? span = null)
        {
            if (TypeRules.Comparable(left, right)) return;
            if (left is NumberType l && right is NumberType r)
                context.Error(RulesDiagnosticIds.UnitMismatch, span ?? at.Span,
                    $"cannot compare {NumberType.UnitOf(l.Dimension)} with {NumberType.UnitOf(r.Dimension)}; write the value in {NumberType.UnitOf(l.Dimension)}");
            else
                context.Error(RulesDiagnosticIds.TypeMismatch, span ?? at.Span, $"cannot compare {left.Display} with {right.Display}");
        }

        /// <summary>Types a definition's body, once; a definition met again while its body is typed is a cycle (AGR0013).</summary>
        public void ResolveDefinition(DefinitionSymbol definition)
        {
            if (definition.Resolved) return;
            if (definition.Resolving)
            {
                context.Error(RulesDiagnosticIds.CyclicDefinition, definition.Declaration.Name.Span,
                    $"definition '{definition.Name}' depends on itself; break the cycle");
                definition.Type = RuleType.Error;
                definition.Resolved = true;
                return;
            }
            definition.Resolving = true;
            var type = TypeExpr(definition.Declaration.Body, null);
            if (!definition.Resolved) definition.Type = type;
            definition.Resolving = false;
            definition.Resolved = true;
        }
    }
}
