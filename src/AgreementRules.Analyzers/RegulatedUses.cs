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
        /// <summary>Look-ups by name on System.Type and System.Reflection.TypeInfo ("name" is the member's name).</summary>
        private static readonly HashSet<string> ReflectionLookups = new()
        {
            "GetMethod", "GetMethods", "GetProperty", "GetProperties", "GetConstructor", "GetConstructors", "GetMember", "GetMembers",
            "InvokeMember", "GetDeclaredMethod", "GetDeclaredMethods", "GetDeclaredProperty",
        };

        /// <summary>TypeInfo's lists of declared members.</summary>
        private static readonly HashSet<string> ReflectionLists = new() { "DeclaredMethods", "DeclaredConstructors", "DeclaredMembers", "DeclaredProperties" };

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
                           || TryGetReflection(invocation, known, out use);
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
                    return IsIn(reference.Property.ContainingType, "System.Reflection.TypeInfo") && ReflectionLists.Contains(reference.Property.Name) &&
                           TryGetReflected(reference, ReflectedType(reference.Instance), name: null,
                               constructorsOnly: reference.Property.Name == "DeclaredConstructors", known, out use);
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

        private static bool TryGetReflection(IInvocationOperation invocation, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type == null) return false;
            if ((IsIn(type, "System.Type") || IsIn(type, "System.Reflection.TypeInfo")) && ReflectionLookups.Contains(method.Name))
                return TryGetReflected(invocation, ReflectedType(invocation.Instance), ConstantArgument(invocation, "name"),
                    constructorsOnly: method.Name.StartsWith("GetConstructor", StringComparison.Ordinal), known, out use);
            if (IsIn(type, "System.Reflection.RuntimeReflectionExtensions") && method.Name.StartsWith("GetRuntime", StringComparison.Ordinal))
                return TryGetReflected(invocation, ReflectedType(Argument(invocation, "type")), ConstantArgument(invocation, "name"),
                    constructorsOnly: false, known, out use);
            if (IsIn(type, "System.Delegate") && method.Name == "CreateDelegate" && Argument(invocation, "method") is { Type.SpecialType: SpecialType.System_String })
            {
                // CreateDelegate(type, target, "Method"): the target is an instance, or a Type for a static method.
                var target = Operations.Strip(Argument(invocation, "target"));
                var reflected = target?.Type is { Name: "Type", ContainingNamespace: var ns } && ns?.ToDisplayString() == "System" ? ReflectedType(target) : target?.Type;
                return TryGetReflected(invocation, reflected, ConstantArgument(invocation, "method"), constructorsOnly: false, known, out use);
            }
            if (IsIn(type, "System.Activator") && method.Name == "CreateInstance")
            {
                var created = method.IsGenericMethod ? method.TypeArguments[0] : ReflectedType(Argument(invocation, "type"));
                return TryGetReflected(invocation, created, name: null, constructorsOnly: true, known, out use);
            }
            return false;
        }

        /// <summary>
        /// The first regulated member a reflection look-up on <paramref name="target"/> may reach: one named
        /// <paramref name="name"/>, or any when the name is not a constant, in the type or its bases.
        /// </summary>
        private static bool TryGetReflected(IOperation operation, ITypeSymbol? target, string? name, bool constructorsOnly, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            for (var current = target; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var isConstructor = member is IMethodSymbol { MethodKind: MethodKind.Constructor };
                    if (constructorsOnly != isConstructor) continue;
                    if (!constructorsOnly && name != null && member.Name != name) continue;
                    if (known.ActivityOf(member) is { } activity)
                    {
                        use = new RegulatedUse(operation, member, activity, UseKind.Reflection);
                        return true;
                    }
                }
                if (constructorsOnly) break;
            }
            return false;
        }

        /// <summary>
        /// Whether the type displays as <paramref name="fullName"/>. Its simple name is compared first: displaying a
        /// type is costly, this runs for nearly every call and property of a member, and a type can only display
        /// as <c>System.Type</c> if its name is <c>Type</c>.
        /// </summary>
        private static bool IsIn(INamedTypeSymbol? type, string fullName) =>
            type != null && EndsWithName(fullName, type.Name) && type.ToDisplayString() == fullName;

        private static bool EndsWithName(string fullName, string name) =>
            fullName.Length > name.Length && fullName[fullName.Length - name.Length - 1] == '.' && fullName.EndsWith(name, StringComparison.Ordinal);

        private static IOperation? Argument(IInvocationOperation invocation, string parameter)
        {
            foreach (var argument in invocation.Arguments)
                if (argument.Parameter?.Name == parameter) return argument.Value;
            return null;
        }

        private static string? ConstantArgument(IInvocationOperation invocation, string parameter) =>
            Argument(invocation, parameter)?.ConstantValue is { HasValue: true, Value: string s } ? s : null;

        private static ITypeSymbol? ReflectedType(IOperation? operation)
        {
            operation = Operations.Strip(operation);
            return operation switch
            {
                ITypeOfOperation typeOf => typeOf.TypeOperand,
                IInvocationOperation { TargetMethod.Name: "GetType", Arguments.Length: 0, Instance: { } instance } => Operations.Strip(instance)?.Type,
                IInvocationOperation { TargetMethod.Name: "GetTypeInfo", Arguments.Length: 1 } getTypeInfo => ReflectedType(getTypeInfo.Arguments[0].Value),
                _ => null,
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
