using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    internal enum UseKind
    {
        Call,
        Delegate,
        Reflection,
        /// <summary>A type with a regulated parameterless constructor given for a type parameter generic code may <c>new()</c>.</summary>
        TypeArgument,
    }

    /// <summary>One place where host code performs, or hands out, a regulated activity.</summary>
    internal readonly struct RegulatedUse
    {
        public RegulatedUse(IOperation operation, ISymbol member, string activity, UseKind kind)
        {
            Operation = operation; Member = member; Activity = activity; Kind = kind;
        }

        public IOperation Operation { get; }
        public ISymbol Member { get; }
        public string Activity { get; }
        public UseKind Kind { get; }
    }

    /// <summary>Finds regulated uses: calls, object creations, property accesses, method groups and reflection look-ups.</summary>
    internal static class RegulatedUses
    {
        public static bool TryGet(IOperation operation, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            // By kind first: this runs for every node of every member, and most are none of these.
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    var invocation = (IInvocationOperation)operation;
                    return TryGetMember(operation, invocation.TargetMethod, known, out use)
                           || ImplicitCalls.TryGetClone(operation, invocation.TargetMethod, known, out use)
                           || ImplicitCalls.TryGetTypeArgument(operation, invocation.TargetMethod, known, out use)
                           || ReflectionUses.TryGet(invocation, known, out use);
                case OperationKind.ObjectCreation:
                    var constructor = ((IObjectCreationOperation)operation).Constructor;
                    return TryGetMember(operation, constructor, known, out use)
                           || ImplicitCalls.TryGetTypeArgument(operation, constructor, known, out use);
                case OperationKind.PropertyReference:
                    var reference = (IPropertyReferenceOperation)operation;
                    if (ActivityOfAccessors(reference, known) is { } accessed)
                    {
                        use = new RegulatedUse(operation, reference.Property, accessed, UseKind.Call);
                        return true;
                    }
                    return ReflectionUses.TryGetDeclaredList(reference, known, out use);
                case OperationKind.MethodReference:
                    var method = ((IMethodReferenceOperation)operation).Method;
                    if (known.ActivityOf(method) is { } referenced)
                    {
                        use = new RegulatedUse(operation, method, referenced, UseKind.Delegate);
                        return true;
                    }
                    return ImplicitCalls.TryGetTypeArgument(operation, method, known, out use);
                case OperationKind.Binary:
                case OperationKind.Unary:
                case OperationKind.Conversion:
                case OperationKind.Increment:
                case OperationKind.Decrement:
                case OperationKind.CompoundAssignment:
                    return ImplicitCalls.TryGetOperator(operation, known, out use);
                case OperationKind.EventAssignment:
                case OperationKind.Await:
                case OperationKind.DeconstructionAssignment:
                case OperationKind.RecursivePattern:
                case OperationKind.With:
                case OperationKind.Loop:
                case OperationKind.Using:
                case OperationKind.UsingDeclaration:
                case OperationKind.DynamicInvocation:
                case OperationKind.DynamicObjectCreation:
                case OperationKind.ImplicitIndexerReference:
                    return ImplicitCalls.TryGet(operation, known, out use);
                default:
                    // A collection expression: OperationKind.None in Roslyn 4.8, a kind of its own in later compilers.
                    return ImplicitCalls.IsCollectionExpression(operation) && ImplicitCalls.TryGetCollectionExpression(operation, known, out use);
            }
        }

        /// <summary>A direct call of <paramref name="member"/>, if it is regulated.</summary>
        internal static bool TryGetMember(IOperation operation, ISymbol? member, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            if (member == null || known.ActivityOf(member) is not { } activity) return false;
            use = new RegulatedUse(operation, member, activity, UseKind.Call);
            return true;
        }

        /// <summary>
        /// The activity of the accessors this reference runs: the setter where it is assigned, both for a compound
        /// assignment or increment, the getter otherwise. [Regulated] on the property covers both accessors.
        /// </summary>
        private static string? ActivityOfAccessors(IPropertyReferenceOperation reference, KnownSymbols known)
        {
            var property = reference.Property;
            var (gets, sets) = Access(reference);
            var activity = gets ? known.ActivityOf((ISymbol?)property.GetMethod ?? property) : null;
            if (activity == null && sets) activity = known.ActivityOf((ISymbol?)property.SetMethod ?? property);
            return activity;
        }

        private static (bool Gets, bool Sets) Access(IOperation reference)
        {
            // A property inside a tuple on the left of a deconstruction is only set.
            IOperation target = reference;
            while (target.Parent is ITupleOperation or IConversionOperation) target = target.Parent;
            return target.Parent switch
            {
                ISimpleAssignmentOperation { IsRef: false } simple when simple.Target == target => (false, true),
                IDeconstructionAssignmentOperation deconstruction when deconstruction.Target == target => (false, true),
                IAssignmentOperation assignment when assignment.Target == target => (true, true), // compound, ??=
                IIncrementOrDecrementOperation => (true, true),
                _ => (true, false),
            };
        }

        /// <summary>
        /// The operation and its descendants, parents first, not entering nameof (nothing runs
        /// there) nor lambda bodies of a flow graph (they have graphs of their own).
        /// </summary>
        public static IEnumerable<IOperation> SelfAndDescendants(IOperation root)
        {
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                yield return operation;
                if (operation is INameOfOperation or IFlowAnonymousFunctionOperation) continue;
                // Pushed last child first, so children come out in order; no list copied per node.
                foreach (var child in operation.ChildOperations.Reverse()) stack.Push(child);
            }
        }
    }

    internal static class Operations
    {
        /// <summary>Looks through conversions and parentheses.</summary>
        public static IOperation? Strip(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion: operation = conversion.Operand; continue;
                    case IParenthesizedOperation parenthesized: operation = parenthesized.Operand; continue;
                    default: return operation;
                }
            }
        }
    }
}
