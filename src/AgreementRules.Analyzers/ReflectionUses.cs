using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Reflection that reaches a regulated member of a type known at build time: look-ups on a <c>Type</c>
    /// (from <c>typeof</c>, <c>GetType()</c>, <c>Type.GetType("constant")</c>, <c>Assembly.GetType("constant")</c>,
    /// or a local initialised with one of these), <c>Activator.CreateInstance</c>, <c>Delegate.CreateDelegate</c> by
    /// name, and expression trees built by name (<c>Expression.Call</c>, <c>Expression.Property</c>, <c>Expression.New</c>).
    /// The <c>MethodInfo</c>, <c>ConstructorInfo</c> or delegate such a look-up returns is the use: what is later done
    /// with it (<c>Invoke</c>, <c>DynamicInvoke</c>, <c>CreateDelegate</c>) needs no second report. A type that is only
    /// known at run time (computed names, <c>Assembly.GetTypes()</c>) is left to the run-time permit check.
    /// </summary>
    internal static class ReflectionUses
    {
        /// <summary>Look-ups by name on System.Type and System.Reflection.TypeInfo ("name" is the member's name).</summary>
        private static readonly HashSet<string> Lookups = new()
        {
            "GetMethod", "GetMethods", "GetProperty", "GetProperties", "GetConstructor", "GetConstructors", "GetMember", "GetMembers",
            "InvokeMember", "GetDeclaredMethod", "GetDeclaredMethods", "GetDeclaredProperty", "GetEvent", "GetEvents", "FindMembers",
            "GetDefaultMembers", "GetMemberWithSameMetadataDefinitionAs",
        };

        /// <summary>TypeInfo's lists of declared members.</summary>
        private static readonly HashSet<string> DeclaredLists = new()
        {
            "DeclaredMethods", "DeclaredConstructors", "DeclaredMembers", "DeclaredProperties", "DeclaredEvents",
        };

        /// <summary>How many locals a <c>Type</c> is followed through (<c>var t = typeof(X); var u = t;</c>).</summary>
        private const int MaxLocalHops = 4;

        public static bool TryGet(IInvocationOperation invocation, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type == null) return false;
            if ((IsIn(type, "System.Type") || IsIn(type, "System.Reflection.TypeInfo")) && Lookups.Contains(method.Name))
                return TryGetReflected(invocation, ReflectedType(invocation.Instance, known), ConstantArgument(invocation, "name"),
                    constructorsOnly: method.Name.StartsWith("GetConstructor", StringComparison.Ordinal), known, out use);
            if (IsIn(type, "System.Reflection.RuntimeReflectionExtensions") && method.Name.StartsWith("GetRuntime", StringComparison.Ordinal))
                return TryGetReflected(invocation, ReflectedType(Argument(invocation, "type"), known), ConstantArgument(invocation, "name"),
                    constructorsOnly: false, known, out use);
            if (IsIn(type, "System.Delegate") && method.Name == "CreateDelegate" && Argument(invocation, "method") is { Type.SpecialType: SpecialType.System_String })
            {
                // CreateDelegate(type, target, "Method"): the target is an instance, or a Type for a static method.
                var target = Operations.Strip(Argument(invocation, "target"));
                var reflected = IsSystemType(target?.Type) ? ReflectedType(target, known) : target?.Type;
                return TryGetReflected(invocation, reflected, ConstantArgument(invocation, "method"), constructorsOnly: false, known, out use);
            }
            if (IsIn(type, "System.Activator") && method.Name == "CreateInstance")
            {
                var created = method.IsGenericMethod ? method.TypeArguments[0]
                    : ReflectedType(Argument(invocation, "type"), known) ?? TypeNamed(ConstantArgument(invocation, "typeName"), known);
                return TryGetReflected(invocation, created, name: null, constructorsOnly: true, known, out use);
            }
            if (IsIn(type, "System.Reflection.Assembly") && method.Name == "CreateInstance")
                return TryGetReflected(invocation, TypeNamed(ConstantArgument(invocation, "typeName"), known), name: null, constructorsOnly: true, known, out use);
            if (IsIn(type, "System.Linq.Expressions.Expression"))
                return TryGetExpression(invocation, method, known, out use);
            return false;
        }

        /// <summary>TypeInfo.DeclaredMethods and its kin: every declared member of the kind.</summary>
        public static bool TryGetDeclaredList(IPropertyReferenceOperation reference, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            return IsIn(reference.Property.ContainingType, "System.Reflection.TypeInfo") && DeclaredLists.Contains(reference.Property.Name) &&
                   TryGetReflected(reference, ReflectedType(reference.Instance, known), name: null,
                       constructorsOnly: reference.Property.Name == "DeclaredConstructors", known, out use);
        }

        /// <summary>
        /// Expression trees built by name: <c>Expression.Call(instance or Type, "Name", …)</c>, <c>Expression.Property</c>
        /// and <c>PropertyOrField(instance, "Name")</c>, <c>Expression.New(Type)</c>. The instance's type is followed
        /// through <c>Constant</c>, <c>Parameter</c>/<c>Variable</c>, <c>New</c> and <c>Convert</c>. (Built from a
        /// <c>MethodInfo</c>, the look-up that gave it is the use.)
        /// </summary>
        private static bool TryGetExpression(IInvocationOperation invocation, IMethodSymbol method, KnownSymbols known, out RegulatedUse use)
        {
            use = default;
            switch (method.Name)
            {
                case "Call" when Argument(invocation, "methodName") is { } name:
                    var target = Argument(invocation, "type") is { } typeArgument ? ReflectedType(typeArgument, known) : ExpressionType(Argument(invocation, "instance"), known);
                    return TryGetReflected(invocation, target, Constant(name), constructorsOnly: false, known, out use);
                case "Property" or "PropertyOrField" when (Argument(invocation, "propertyName") ?? Argument(invocation, "propertyOrFieldName")) is { } property:
                    var owner = Argument(invocation, "type") is { } declaring ? ReflectedType(declaring, known) : ExpressionType(Argument(invocation, "expression"), known);
                    return TryGetReflected(invocation, owner, Constant(property), constructorsOnly: false, known, out use);
                case "New" when Argument(invocation, "type") is { } created:
                    return TryGetReflected(invocation, ReflectedType(created, known), name: null, constructorsOnly: true, known, out use);
                default:
                    return false;
            }
        }

        /// <summary>The static type of the value an expression-tree node stands for, where the node says it.</summary>
        private static ITypeSymbol? ExpressionType(IOperation? operation, KnownSymbols known)
        {
            if (Operations.Strip(operation) is not IInvocationOperation { TargetMethod: { ContainingType: var type } factory } node ||
                !IsIn(type, "System.Linq.Expressions.Expression"))
                return null;
            return factory.Name switch
            {
                "Constant" => Argument(node, "type") is { } declared ? ReflectedType(declared, known) : Operations.Strip(Argument(node, "value"))?.Type,
                "Parameter" or "Variable" or "New" => ReflectedType(Argument(node, "type"), known),
                "Convert" or "TypeAs" => ReflectedType(Argument(node, "type"), known),
                _ => null,
            };
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

        /// <summary>The type a <c>Type</c>-valued operation stands for, where the build can know it.</summary>
        private static ITypeSymbol? ReflectedType(IOperation? operation, KnownSymbols known, int hops = 0)
        {
            operation = Operations.Strip(operation);
            switch (operation)
            {
                case ITypeOfOperation typeOf:
                    return typeOf.TypeOperand;
                case IInvocationOperation { TargetMethod.Name: "GetType", Arguments.Length: 0, Instance: { } instance }:
                    return Operations.Strip(instance)?.Type;
                case IInvocationOperation { TargetMethod.Name: "GetTypeInfo", Arguments.Length: 1 } getTypeInfo:
                    return ReflectedType(getTypeInfo.Arguments[0].Value, known, hops);
                case IInvocationOperation { TargetMethod: { Name: "GetType", ContainingType: var owner } } byName
                    when IsIn(owner, "System.Type") || IsIn(owner, "System.Reflection.Assembly"):
                    return TypeNamed(ConstantArgument(byName, "typeName") ?? ConstantArgument(byName, "name"), known);
                case ILocalReferenceOperation local when hops < MaxLocalHops:
                    return ReflectedType(InitializerOf(local.Local, known), known, hops + 1);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The value a local is declared with. A later assignment of another type is not followed: a look-up through a
        /// reassigned <c>Type</c> local is one of the cases the run-time permit check covers.
        /// </summary>
        private static IOperation? InitializerOf(ILocalSymbol local, KnownSymbols known)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                    return known.ModelOf(value.SyntaxTree).GetOperation(value);
            return null;
        }

        /// <summary>A type named as <c>Type.GetType</c> takes it: "Namespace.Name" or "Namespace.Name, Assembly".</summary>
        private static ITypeSymbol? TypeNamed(string? name, KnownSymbols known)
        {
            if (string.IsNullOrEmpty(name)) return null;
            var comma = name!.IndexOf(',');
            return known.TypeByMetadataName((comma < 0 ? name : name.Substring(0, comma)).Trim());
        }

        private static bool IsSystemType(ITypeSymbol? type) => type is INamedTypeSymbol named && IsIn(named, "System.Type");

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

        private static string? Constant(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: string s } ? s : null;

        private static string? ConstantArgument(IInvocationOperation invocation, string parameter) =>
            Argument(invocation, parameter) is { } argument ? Constant(argument) : null;
    }
}
