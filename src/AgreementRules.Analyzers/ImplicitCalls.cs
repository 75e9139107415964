using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Regulated members that C# calls without their name at the call: operators and conversions, <c>await</c>,
    /// <c>foreach</c>, <c>using</c>, deconstruction and positional patterns, event <c>+=</c>/<c>-=</c>, <c>with</c>,
    /// collection expressions, dynamic calls on a known type, and a type handed to generic code that may
    /// <c>new()</c> it. Each is found in the operation tree as written and in the control-flow graph's lowered
    /// form (where <c>foreach</c> and <c>using</c> become plain calls), so the guard analysis sees the same uses.
    /// </summary>
    internal static class ImplicitCalls
    {
        /// <summary>The name the compiler gives a record's clone method.</summary>
        private const string CloneMethodName = "<Clone>$";

        /// <summary>A user-defined operator or conversion, including <c>operator true/false</c> behind <c>&amp;&amp;</c>/<c>||</c>.</summary>
        public static bool TryGetOperator(IOperation operation, KnownSymbols known, out RegulatedUse use)
        {
            switch (operation)
            {
                case IBinaryOperation binary:
                    return RegulatedUses.TryGetMember(operation, binary.OperatorMethod, known, out use) || TryGetShortCircuitTest(operation, binary, known, out use);
                case IUnaryOperation unary:
                    return RegulatedUses.TryGetMember(operation, unary.OperatorMethod, known, out use);
                case IConversionOperation conversion:
                    return RegulatedUses.TryGetMember(operation, conversion.OperatorMethod, known, out use);
                case IIncrementOrDecrementOperation increment:
                    return RegulatedUses.TryGetMember(operation, increment.OperatorMethod, known, out use);
                case ICompoundAssignmentOperation compound:
                    return RegulatedUses.TryGetMember(operation, compound.OperatorMethod, known, out use)
                           || RegulatedUses.TryGetMember(operation, compound.InConversion.MethodSymbol, known, out use)
                           || RegulatedUses.TryGetMember(operation, compound.OutConversion.MethodSymbol, known, out use);
                default:
                    use = default;
                    return false;
            }
        }

        /// <summary>
        /// <c>a &amp;&amp; b</c> on a user type first runs <c>operator false(a)</c> (<c>||</c>: <c>operator true</c>).
        /// Roslyn 4.8 keeps that method internal in the tree as written; the control-flow graph shows it as a unary operator.
        /// </summary>
        private static bool TryGetShortCircuitTest(IOperation operation, IBinaryOperation binary, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            // In the graph the test is a unary operator of its own, on a captured left operand: not counted twice.
            if (binary.OperatorMethod is not { Parameters.Length: 2 } method || binary.LeftOperand is IFlowCaptureReferenceOperation) return false;
            var name = binary.OperatorKind switch
            {
                BinaryOperatorKind.ConditionalAnd => WellKnownMemberNames.FalseOperatorName,
                BinaryOperatorKind.ConditionalOr => WellKnownMemberNames.TrueOperatorName,
                _ => null,
            };
            return name != null && FirstRegulated(operation, known, out use, method.Parameters[0].Type.GetMembers(name).ToArray());
        }

        public static bool TryGet(IOperation operation, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            var model = known.ModelOf(operation);
            switch (operation)
            {
                case IEventAssignmentOperation { EventReference: IEventReferenceOperation reference } assignment:
                    var accessor = assignment.Adds ? reference.Event.AddMethod : reference.Event.RemoveMethod;
                    return RegulatedUses.TryGetMember(operation, accessor, known, out use) || RegulatedUses.TryGetMember(operation, reference.Event, known, out use);
                case IAwaitOperation { Syntax: AwaitExpressionSyntax syntax } :
                    var awaitInfo = model.GetAwaitExpressionInfo(syntax);
                    return FirstRegulated(operation, known, out use, awaitInfo.GetAwaiterMethod, awaitInfo.IsCompletedProperty?.GetMethod, awaitInfo.GetResultMethod);
                case IDeconstructionAssignmentOperation :
                    return operation.Syntax switch
                    {
                        AssignmentExpressionSyntax assignmentSyntax => TryGetDeconstruction(operation, model.GetDeconstructionInfo(assignmentSyntax), known, out use),
                        ForEachVariableStatementSyntax forEachVariable => TryGetDeconstruction(operation, model.GetDeconstructionInfo(forEachVariable), known, out use),
                        _ => false,
                    };
                case IRecursivePatternOperation pattern:
                    return RegulatedUses.TryGetMember(operation, pattern.DeconstructSymbol, known, out use);
                case IWithOperation with:
                    return TryGetClone(operation, with.CloneMethod, known, out use);
                case IForEachLoopOperation { Syntax: CommonForEachStatementSyntax forEach } :
                    var info = model.GetForEachStatementInfo(forEach);
                    return FirstRegulated(operation, known, out use, info.GetEnumeratorMethod, info.MoveNextMethod, info.CurrentProperty?.GetMethod, info.DisposeMethod)
                           || forEach is ForEachVariableStatementSyntax variables && TryGetDeconstruction(operation, model.GetDeconstructionInfo(variables), known, out use);
                case IUsingOperation usingStatement:
                    return TryGetDispose(operation, usingStatement.Resources, usingStatement.IsAsynchronous, known, out use);
                case IUsingDeclarationOperation usingDeclaration:
                    return TryGetDispose(operation, usingDeclaration.DeclarationGroup, usingDeclaration.IsAsynchronous, known, out use);
                case IDynamicInvocationOperation { Operation: IDynamicMemberReferenceOperation member }:
                    return TryGetDynamicMember(operation, member, known, out use);
                case IImplicitIndexerReferenceOperation indexer:
                    // x[^1] and x[1..3] on a type with Length or Count and an int indexer or Slice.
                    return FirstRegulated(operation, known, out use, indexer.LengthSymbol, (indexer.LengthSymbol as IPropertySymbol)?.GetMethod, indexer.IndexerSymbol,
                        (indexer.IndexerSymbol as IPropertySymbol)?.GetMethod);
                case IDynamicObjectCreationOperation { Type: INamedTypeSymbol created }:
                    return FirstRegulated(operation, known, out use, created.InstanceConstructors.ToArray<ISymbol>());
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>record with { … }</c> runs the record's clone method, which runs its copy constructor: the compiler
        /// writes the clone, so a [Regulated] copy constructor is what a user can mark.
        /// </summary>
        public static bool TryGetClone(IOperation operation, IMethodSymbol? clone, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            if (clone is not { Name: CloneMethodName, ContainingType: { } record }) return false;
            if (RegulatedUses.TryGetMember(operation, clone, known, out use)) return true;
            foreach (var constructor in record.InstanceConstructors)
                if (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, record) &&
                    RegulatedUses.TryGetMember(operation, constructor, known, out use))
                    return true;
            return false;
        }

        /// <summary>
        /// A type given for a type parameter that allows <c>new T()</c> (a <c>new()</c> or <c>struct</c> constraint)
        /// while its parameterless constructor is regulated: the generic code runs that constructor where this call
        /// site cannot see it, so the call site is the use (as for a method group).
        /// </summary>
        public static bool TryGetTypeArgument(IOperation operation, IMethodSymbol? method, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            if (method == null) return false;
            if (method.IsGenericMethod && TryGetTypeArgument(operation, method.TypeParameters, method.TypeArguments, known, out use)) return true;
            for (var type = method.ContainingType; type != null; type = type.ContainingType)
                if (type.IsGenericType && TryGetTypeArgument(operation, type.TypeParameters, type.TypeArguments, known, out use)) return true;
            return false;
        }

        private static bool TryGetTypeArgument(IOperation operation, IReadOnlyList<ITypeParameterSymbol> parameters, IReadOnlyList<ITypeSymbol> arguments,
            KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            for (var i = 0; i < parameters.Count && i < arguments.Count; i++)
            {
                var parameter = parameters[i];
                if (!(parameter.HasConstructorConstraint || parameter.HasValueTypeConstraint || parameter.HasUnmanagedTypeConstraint)) continue;
                if (arguments[i] is not INamedTypeSymbol argument) continue; // a type parameter is checked where it is given
                foreach (var constructor in argument.InstanceConstructors)
                {
                    if (constructor.Parameters.Length != 0 || known.ActivityOf(constructor) is not { } activity) continue;
                    use = new RegulatedUse(operation, constructor, activity, UseKind.TypeArgument);
                    return true;
                }
            }
            return false;
        }

        private static bool TryGetDeconstruction(IOperation operation, DeconstructionInfo info, KnownSymbols known, out RegulatedUse use)
        {
            if (RegulatedUses.TryGetMember(operation, info.Method, known, out use) || RegulatedUses.TryGetMember(operation, info.Conversion?.MethodSymbol, known, out use))
                return true;
            foreach (var nested in info.Nested)
                if (TryGetDeconstruction(operation, nested, known, out use)) return true;
            return false;
        }

        /// <summary>
        /// What <c>using</c> disposes: the resource type's implementation of <c>IDisposable.Dispose</c> (or
        /// <c>IAsyncDisposable.DisposeAsync</c>), or its own pattern <c>Dispose</c>/<c>DisposeAsync</c> (ref structs, await using).
        /// </summary>
        private static bool TryGetDispose(IOperation operation, IOperation resources, bool isAsynchronous, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            var name = isAsynchronous ? "DisposeAsync" : "Dispose";
            foreach (var type in ResourceTypes(resources))
            {
                foreach (var @interface in type.AllInterfaces)
                foreach (var member in @interface.GetMembers(name))
                    if (RegulatedUses.TryGetMember(operation, type.FindImplementationForInterfaceMember(member), known, out use)) return true;
                for (var current = type; current != null; current = current.BaseType)
                foreach (var member in current.GetMembers(name))
                    if (member is IMethodSymbol { Parameters.Length: 0 } && RegulatedUses.TryGetMember(operation, member, known, out use)) return true;
            }
            return false;
        }

        private static IEnumerable<ITypeSymbol> ResourceTypes(IOperation resources)
        {
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                foreach (var declarator in declaration.Declarators)
                    if (declarator.Symbol.Type is { } type) yield return type;
            }
            else if (Operations.Strip(resources)?.Type is { } resourceType)
            {
                yield return resourceType;
            }
        }

        /// <summary><c>x.Run(d)</c> with a dynamic argument: the runtime picks among the members so named of x's static type.</summary>
        private static bool TryGetDynamicMember(IOperation operation, IDynamicMemberReferenceOperation member, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            var type = member.Instance?.Type ?? member.ContainingType;
            if (type == null || type.TypeKind == TypeKind.Dynamic) return false; // a dynamic receiver: see DynamicConversionAnalyzer
            for (var current = type; current != null; current = current.BaseType)
                if (FirstRegulated(operation, known, out use, current.GetMembers(member.MemberName).ToArray())) return true;
            return false;
        }

        public static bool IsCollectionExpression(IOperation operation) =>
            operation.Syntax.RawKind == (int)SyntaxKind.CollectionExpression && operation is not IConversionOperation;

        /// <summary>
        /// <c>[a, b]</c> builds its target type: with its parameterless constructor and <c>Add</c>, or with the
        /// method its [CollectionBuilder] names. Roslyn 4.8 does not say which, so any of them that is regulated counts.
        /// </summary>
        public static bool TryGetCollectionExpression(IOperation operation, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            var target = operation.Type ?? (operation.Parent is IConversionOperation conversion ? conversion.Type : null);
            if (target is not INamedTypeSymbol type) return false;
            foreach (var constructor in type.InstanceConstructors)
                if (constructor.Parameters.Length == 0 && RegulatedUses.TryGetMember(operation, constructor, known, out use)) return true;
            for (var current = type; current != null; current = current.BaseType)
                if (FirstRegulated(operation, known, out use, current.GetMembers("Add").ToArray())) return true;
            foreach (var attribute in type.OriginalDefinition.GetAttributes())
            {
                if (attribute.AttributeClass?.Name != "CollectionBuilderAttribute" || attribute.ConstructorArguments.Length != 2) continue;
                if (attribute.ConstructorArguments[0].Value is INamedTypeSymbol builder && attribute.ConstructorArguments[1].Value is string method &&
                    FirstRegulated(operation, known, out use, builder.GetMembers(method).ToArray()))
                    return true;
            }
            return false;
        }

        private static bool FirstRegulated(IOperation operation, KnownSymbols known, out RegulatedUse use, params ISymbol?[] members)
        {
            foreach (var member in members)
                if (RegulatedUses.TryGetMember(operation, member, known, out use)) return true;
            use = default;
            return false;
        }
    }
}
