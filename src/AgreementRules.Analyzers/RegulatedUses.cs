using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    internal enum UseKind { Call, Delegate, Reflection }

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
        private static readonly HashSet<string> ReflectionLookups = new()
        {
            "GetMethod", "GetMethods", "GetProperty", "GetProperties", "GetConstructor", "GetConstructors", "GetMember", "GetMembers",
        };

        public static bool TryGet(IOperation operation, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (known.ActivityOf(invocation.TargetMethod) is { } called)
                    {
                        use = new RegulatedUse(operation, invocation.TargetMethod, called, UseKind.Call);
                        return true;
                    }
                    return TryGetReflection(invocation, known, out use);
                case IObjectCreationOperation { Constructor: { } constructor }:
                    if (known.ActivityOf(constructor) is { } created)
                    {
                        use = new RegulatedUse(operation, constructor, created, UseKind.Call);
                        return true;
                    }
                    return false;
                case IPropertyReferenceOperation reference:
                    var property = reference.Property;
                    if ((known.ActivityOf(property) ?? known.ActivityOf(property.GetMethod) ?? known.ActivityOf(property.SetMethod)) is { } accessed)
                    {
                        use = new RegulatedUse(operation, property, accessed, UseKind.Call);
                        return true;
                    }
                    return false;
                case IMethodReferenceOperation methodReference:
                    if (known.ActivityOf(methodReference.Method) is { } referenced)
                    {
                        use = new RegulatedUse(operation, methodReference.Method, referenced, UseKind.Delegate);
                        return true;
                    }
                    return false;
                default:
                    return false;
            }
        }

        private static bool TryGetReflection(IInvocationOperation invocation, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type == null) return false;
            ITypeSymbol? target = null;
            string? name = null;
            var constructorsOnly = false;
            if (type.Name == "Type" && type.ContainingNamespace?.ToDisplayString() == "System" && ReflectionLookups.Contains(method.Name))
            {
                target = ReflectedType(invocation.Instance);
                constructorsOnly = method.Name.StartsWith("GetConstructor", System.StringComparison.Ordinal);
                foreach (var argument in invocation.Arguments)
                    if (argument.Parameter?.Name == "name" && argument.Value.ConstantValue is { HasValue: true, Value: string s }) name = s;
                // GetMethod(string) etc. with a non-constant name: any regulated member of the type may be reached.
            }
            else if (type.Name == "Activator" && type.ContainingNamespace?.ToDisplayString() == "System" && method.Name == "CreateInstance")
            {
                constructorsOnly = true;
                if (method.IsGenericMethod) target = method.TypeArguments[0];
                else foreach (var argument in invocation.Arguments)
                    if (argument.Parameter?.Name == "type") target = ReflectedType(argument.Value);
            }
            if (target == null) return false;
            for (var current = target; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var isConstructor = member is IMethodSymbol { MethodKind: MethodKind.Constructor };
                    if (constructorsOnly != isConstructor) continue;
                    if (!constructorsOnly && name != null && member.Name != name) continue;
                    if (known.ActivityOf(member) is { } activity)
                    {
                        use = new RegulatedUse(invocation, member, activity, UseKind.Reflection);
                        return true;
                    }
                }
                if (constructorsOnly) break;
            }
            return false;
        }

        private static ITypeSymbol? ReflectedType(IOperation? operation)
        {
            operation = Operations.Strip(operation);
            return operation switch
            {
                ITypeOfOperation typeOf => typeOf.TypeOperand,
                IInvocationOperation { TargetMethod.Name: "GetType", Arguments.Length: 0, Instance: { } instance } => Operations.Strip(instance)?.Type,
                _ => null,
            };
        }

        /// <summary>
        /// The operation and its descendants in evaluation order, not entering nameof (nothing runs
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
