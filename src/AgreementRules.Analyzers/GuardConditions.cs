using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>What a branch condition says about a decision: on which of its values a decision with this origin is permitted.</summary>
    internal readonly struct ConditionMeaning
    {
        public ConditionMeaning(Origin origin, bool permittedIfTrue, bool permittedIfFalse)
        {
            Origin = origin; PermittedIfTrue = permittedIfTrue; PermittedIfFalse = permittedIfFalse;
        }

        public Origin Origin { get; }
        public bool PermittedIfTrue { get; }
        public bool PermittedIfFalse { get; }

        public ConditionMeaning Negated => new(Origin, PermittedIfFalse, PermittedIfTrue);
    }

    /// <summary>
    /// Reads decisions, activities and conditions on them: <c>rules.Evaluate(Activity.Create("kind")…)</c>,
    /// <c>IsPermitted</c>, <c>Outcome == Outcome.Permitted</c>, <c>!</c>, comparisons with constants,
    /// <c>is</c> patterns (constant, <c>not</c>, <c>and</c>, <c>or</c>, property patterns such as
    /// <c>{ IsPermitted: true }</c>) and the flow captures Roslyn makes of them for <c>?.</c>, <c>??</c>,
    /// <c>switch</c> and short-circuit operators. Anything else says nothing.
    /// </summary>
    internal sealed class GuardConditions
    {
        private readonly KnownSymbols known;
        private readonly HelperSummaries? helpers;
        private readonly IReadOnlyDictionary<IParameterSymbol, Origin>? parameters;
        private readonly TrackedLocals? locals;

        /// <param name="helpers">Summaries of the compilation's helpers; null: a call to a helper says nothing.</param>
        /// <param name="parameters">Inside a helper being summarised: what each parameter stands for.</param>
        /// <param name="visiting">The helpers being summarised on the way here (a cycle is cut, see <see cref="CutCycle"/>).</param>
        /// <param name="locals">The member's locals, for the sources of fact values; null: only constants are sources.</param>
        public GuardConditions(KnownSymbols known, HelperSummaries? helpers = null, IReadOnlyDictionary<IParameterSymbol, Origin>? parameters = null,
            ImmutableHashSet<IMethodSymbol>? visiting = null, TrackedLocals? locals = null)
        {
            this.known = known;
            this.locals = locals;
            this.helpers = helpers;
            this.parameters = parameters;
            Visiting = visiting ?? ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default);
        }

        public ImmutableHashSet<IMethodSymbol> Visiting { get; }

        /// <summary>
        /// <c>decision.ThrowIfNotPermitted()</c> or <c>decision.Permit()</c> (which opens the run-time permit scope):
        /// each returns only if the decision is permitted, so it guards what follows.
        /// </summary>
        public bool ReturnsOnlyIfPermitted(IMethodSymbol method) =>
            method.Name is "ThrowIfNotPermitted" or "Permit" && !method.IsStatic && known.IsDecision(method.ContainingType);

        /// <summary>Set when a helper on a cycle of helpers was read as saying nothing: the answer depends on where the cycle was entered.</summary>
        public bool CutCycle { get; set; }

        /// <summary>What a bool condition says; null when it says nothing about a permitted decision.</summary>
        public ConditionMeaning? Meaning(IOperation condition, GuardState state)
        {
            var operation = Operations.Strip(condition);
            switch (operation)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Meaning(not.Operand, state)?.Negated;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    var compared = Compare(binary.LeftOperand, binary.RightOperand, state) ?? Compare(binary.RightOperand, binary.LeftOperand, state);
                    return binary.OperatorKind == BinaryOperatorKind.NotEquals ? compared?.Negated : compared;
                case IIsPatternOperation pattern:
                    return Classify(pattern.Value, state) is { } subject ? Matches(pattern.Pattern, subject) : null;
                case IInvocationOperation call when helpers?.ConditionOf(call, this, state) is { } meaning:
                    return meaning;
                case { } other when other.Type?.SpecialType == SpecialType.System_Boolean:
                    return Classify(other, state) is { Kind: ValueKind.Permitted or ValueKind.TrueOnlyIfPermitted } value ? PermittedWhenTrue(value) : null;
                default:
                    return null;
            }
        }

        private static ConditionMeaning PermittedWhenTrue(TrackedValue flag) => new(flag.Origin!, permittedIfTrue: true, permittedIfFalse: false);

        /// <summary><c>subject == constant</c>, read as the constant pattern.</summary>
        private ConditionMeaning? Compare(IOperation subject, IOperation constant, GuardState state)
        {
            var value = Operations.Strip(constant);
            if (value == null || !value.ConstantValue.HasValue || Classify(subject, state) is not { } tracked) return null;
            return MatchesConstant(value.ConstantValue.Value, tracked);
        }

        /// <summary>What it means that <paramref name="subject"/> matches <paramref name="pattern"/> (true) or not (false).</summary>
        private ConditionMeaning? Matches(IPatternOperation pattern, TrackedValue subject)
        {
            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    var value = Operations.Strip(constant.Value);
                    return value != null && value.ConstantValue.HasValue ? MatchesConstant(value.ConstantValue.Value, subject) : null;
                case INegatedPatternOperation negated:
                    return Matches(negated.Pattern, subject)?.Negated;
                case IBinaryPatternOperation binary:
                    return Combine(Matches(binary.LeftPattern, subject), Matches(binary.RightPattern, subject), binary.OperatorKind == BinaryOperatorKind.And);
                case IRecursivePatternOperation recursive when subject.Kind == ValueKind.DecisionOrActivity:
                    // Matched: not null and every property pattern matched. Not matched: says nothing.
                    foreach (var property in recursive.PropertySubpatterns)
                    {
                        if (property.Member is not IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: var member } ||
                            !known.IsDecision(member.ContainingType)) continue;
                        var kind = member.Name switch { "IsPermitted" => ValueKind.Permitted, "Outcome" => ValueKind.Outcome, _ => (ValueKind?)null };
                        if (kind == null) continue;
                        if (Matches(property.Pattern, new TrackedValue(kind.Value, subject.Origin)) is { PermittedIfTrue: true })
                            return new ConditionMeaning(subject.Origin!, permittedIfTrue: true, permittedIfFalse: false);
                    }
                    return null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// <c>and</c>: matched means both matched, so either side's "permitted if matched" holds; not matched means
        /// one side failed, unknown which. <c>or</c>: matched means one side matched, unknown which; not matched
        /// means both failed. A side that says nothing counts as "permitted on neither value".
        /// </summary>
        private static ConditionMeaning? Combine(ConditionMeaning? left, ConditionMeaning? right, bool isAnd)
        {
            if (left is { } l && right is { } r && !l.Origin.Equals(r.Origin)) return null;
            var origin = left?.Origin ?? right?.Origin;
            if (origin == null) return null;
            bool leftTrue = left?.PermittedIfTrue ?? false, leftFalse = left?.PermittedIfFalse ?? false;
            bool rightTrue = right?.PermittedIfTrue ?? false, rightFalse = right?.PermittedIfFalse ?? false;
            var ifTrue = isAnd ? leftTrue || rightTrue : leftTrue && rightTrue;
            var ifFalse = isAnd ? leftFalse && rightFalse : leftFalse || rightFalse;
            return ifTrue || ifFalse ? new ConditionMeaning(origin, ifTrue, ifFalse) : null;
        }

        private ConditionMeaning? MatchesConstant(object? constant, TrackedValue subject)
        {
            switch (subject.Kind)
            {
                case ValueKind.Permitted when constant is bool value:
                    return new ConditionMeaning(subject.Origin!, permittedIfTrue: value, permittedIfFalse: !value);
                case ValueKind.TrueOnlyIfPermitted when constant is true:
                    return new ConditionMeaning(subject.Origin!, permittedIfTrue: true, permittedIfFalse: false);
                case ValueKind.Outcome or ValueKind.OutcomeOrNull when constant is int outcome && outcome == (int)AgreementRules.Outcome.Permitted:
                    return new ConditionMeaning(subject.Origin!, permittedIfTrue: true, permittedIfFalse: false);
                default:
                    return null;
            }
        }

        // ---- values ----

        /// <summary>What the analysis knows about a value; null when nothing.</summary>
        public TrackedValue? Classify(IOperation? value, GuardState state)
        {
            var operation = Operations.Strip(value);
            switch (operation)
            {
                case null:
                    return null;
                case IFlowCaptureReferenceOperation reference when state.Captures.TryGetValue(reference.Id, out var captured):
                    return captured;
                case ILocalReferenceOperation reference when state.Flags.TryGetValue(reference.Local, out var stored):
                    return stored;
                case IPropertyReferenceOperation { Property.Name: "IsPermitted" } property when known.IsDecision(property.Property.ContainingType):
                    return new TrackedValue(ValueKind.Permitted, OriginOf(property.Instance, state));
                case IPropertyReferenceOperation { Property.Name: "Outcome" } property when known.IsDecision(property.Property.ContainingType):
                    return new TrackedValue(ValueKind.Outcome, OriginOf(property.Instance, state));
                case IPropertyReferenceOperation { Property.Name: "Value" } nullable when IsNullableValue(nullable.Property):
                    // .Value throws on null, so what it gives is the value underneath.
                    return Classify(nullable.Instance, state) switch
                    {
                        { Kind: ValueKind.Permitted or ValueKind.TrueOnlyIfPermitted } underlying => underlying,
                        { Kind: ValueKind.Outcome or ValueKind.OutcomeOrNull } outcome => new TrackedValue(ValueKind.Outcome, outcome.Origin),
                        _ => null,
                    };
                case IInvocationOperation call when helpers?.ConditionOf(call, this, state) is { PermittedIfTrue: true, PermittedIfFalse: false } meaning:
                    // A bool helper over IsPermitted: true only if permitted (false may mean other things, as for a pattern).
                    return new TrackedValue(ValueKind.TrueOnlyIfPermitted, meaning.Origin);
                case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Arguments.Length: 0 } getValue when IsNullableValue(getValue.TargetMethod):
                    return Classify(getValue.Instance, state) is { Kind: ValueKind.Permitted or ValueKind.TrueOnlyIfPermitted } flag
                        ? new TrackedValue(ValueKind.TrueOnlyIfPermitted, flag.Origin)
                        : null;
                // Only a reference or nullable type's default is null: default(Outcome) is Outcome.Permitted, and proves nothing.
                case IDefaultValueOperation or { ConstantValue: { HasValue: true, Value: null } } when CanBeNull(operation.Type):
                    return new TrackedValue(ValueKind.Null, null);
                case { ConstantValue: { HasValue: true, Value: false } }:
                    return new TrackedValue(ValueKind.False, null);
                case { Type: var type } when known.IsDecision(type) || known.IsActivity(type):
                    return new TrackedValue(ValueKind.DecisionOrActivity, OriginOf(operation, state));
                default:
                    return null;
            }
        }

        /// <summary>What a bool local keeps of a value written to it: a permitted flag, or false or null (a merge may make those a flag).</summary>
        public TrackedValue? Flag(IOperation value, GuardState state) =>
            Classify(value, state) is { Kind: ValueKind.Permitted or ValueKind.TrueOnlyIfPermitted or ValueKind.False or ValueKind.Null } flag ? flag : null;

        private static bool CanBeNull(ITypeSymbol? type) =>
            type == null || type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        private static bool IsNullableValue(ISymbol member) =>
            member.ContainingType?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        /// <summary>The activity kinds a decision or activity value may be about.</summary>
        public Origin OriginOf(IOperation? operation, GuardState state)
        {
            switch (Operations.Strip(operation))
            {
                case ILocalReferenceOperation local:
                    return state.OriginOf(local.Local).Via(local.Local);
                case IParameterReferenceOperation parameter when parameters != null && parameters.TryGetValue(parameter.Parameter, out var standsFor):
                    return standsFor;
                case IFlowCaptureReferenceOperation reference:
                    return state.Captures.TryGetValue(reference.Id, out var captured) && captured.Kind == ValueKind.DecisionOrActivity
                        ? captured.Origin!
                        : Origin.Unknown;
                case IInvocationOperation invocation:
                    return OriginOfInvocation(invocation, state);
                default:
                    return Origin.Unknown;
            }
        }

        /// <summary><c>activity.With("fact", value)</c>: the fact now comes from that value; a name that is not a constant may replace any fact.</summary>
        private Origin WithFact(Origin activity, IInvocationOperation with)
        {
            if (activity.Facts == null) return activity;
            if (with.Arguments.Length < 2 || with.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string fact }) return activity.WithFacts(FactSet.Empty);
            return activity.WithFacts(activity.Facts.With(fact, ValueSource.Of(with.Arguments[1].Value, locals)));
        }

        private Origin OriginOfInvocation(IInvocationOperation invocation, GuardState state)
        {
            var method = invocation.TargetMethod;
            if (known.IsActivity(method.ContainingType))
            {
                if (method.Name == "Create" && method.IsStatic)
                    return invocation.Arguments.FirstOrDefault()?.Value.ConstantValue is { HasValue: true, Value: string kind } ? Origin.Of(kind) : Origin.Unknown;
                if (method.Name == "With" && !method.IsStatic) return WithFact(OriginOf(invocation.Instance, state), invocation);
                return Origin.Unknown;
            }
            if (method.Name == "Evaluate" && known.IsRuleSet(method.ContainingType))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (!known.IsActivity(argument.Parameter?.Type)) continue;
                    var activity = OriginOf(argument.Value, state);
                    // The decision is about this very activity value too (a regulated member may take it whole).
                    return activity.WithFacts(activity.Facts?.WithWhole(ValueSource.Of(argument.Value, locals)));
                }
            }
            return helpers?.OriginReturnedBy(invocation, this, state) ?? Origin.Unknown;
        }
    }
}
