using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Which members the guard analysis can answer without a control-flow graph, with exactly the graph's answer.
    /// <para>
    /// <see cref="GuardFlowAnalysis"/> raises a guard only for the member's own [Regulated] activity (at entry,
    /// and it then holds everywhere), for a [Regulated] local function, or from a <c>Decision</c> (its
    /// <c>IsPermitted</c>, <c>Outcome</c>, <c>ThrowIfNotPermitted</c>) or a helper of the compilation that stands for one
    /// (<see cref="HelperSummaries"/>: a call to a source method returning bool or void); and it leaves out only uses that no
    /// path reaches. So where no <c>Decision</c> appears and no code can be unreachable, every use is reached
    /// with the member's own activity permitted and nothing else.
    /// </para>
    /// <para>
    /// Accepted, so that the graph would plainly be that: a block body of a method, accessor or operator, made
    /// of declarations, expression statements, <c>if</c>s on a non-constant condition and a final <c>return</c>,
    /// over the plain expressions below. Anything else goes to the graph: jumps and throws (they can leave code
    /// unreachable), loops, switches, try, using, lambdas and local functions, constant conditions, short-circuit
    /// and conditional operators, initializers and compound assignments (the graph rewrites them), invalid code.
    /// Expression bodies, constructors and initializers would be as simple, but are left to the graph so that
    /// which members get one stays as <c>FlowGraphScopeTests</c> pins it.
    /// </para>
    /// </summary>
    internal static class GraphFreeProof
    {
        public static bool AcceptsRoot(IOperation root) => root is IMethodBodyOperation { BlockBody: not null, ExpressionBody: null };

        /// <summary>Whether one node (its children are checked on their own) keeps the member provable without a graph.</summary>
        public static bool Accepts(IOperation node, KnownSymbols known)
        {
            if (node.Type is { TypeKind: TypeKind.Error } || known.IsDecision(node.Type)) return false;
            switch (node.Kind)
            {
                case OperationKind.MethodBody:
                case OperationKind.Block:
                case OperationKind.ExpressionStatement:
                case OperationKind.VariableDeclarationGroup:
                case OperationKind.VariableDeclaration:
                case OperationKind.VariableDeclarator:
                case OperationKind.VariableInitializer:
                case OperationKind.Empty:
                case OperationKind.Literal:
                case OperationKind.Conversion:
                case OperationKind.Unary:
                case OperationKind.Argument:
                case OperationKind.LocalReference:
                case OperationKind.ParameterReference:
                case OperationKind.FieldReference:
                case OperationKind.InstanceReference:
                case OperationKind.DelegateCreation:
                case OperationKind.SimpleAssignment:
                case OperationKind.ArrayCreation:
                case OperationKind.ArrayInitializer:
                case OperationKind.ArrayElementReference:
                case OperationKind.InterpolatedString:
                case OperationKind.Interpolation:
                case OperationKind.InterpolatedStringText:
                case OperationKind.TypeOf:
                case OperationKind.NameOf:
                case OperationKind.DefaultValue:
                case OperationKind.Await:
                    return true;
                case OperationKind.Invocation:
                    // A helper of the compilation may stand for a guard (HelperSummaries): only the graph reads it.
                    var method = ((IInvocationOperation)node).TargetMethod;
                    return !known.IsDecision(method.ContainingType) && !HelperSummaries.MayBeHelper(method);
                case OperationKind.PropertyReference:
                    return !known.IsDecision(((IPropertyReferenceOperation)node).Property.ContainingType);
                case OperationKind.MethodReference:
                    return !known.IsDecision(((IMethodReferenceOperation)node).Method.ContainingType);
                case OperationKind.ObjectCreation:
                    return ((IObjectCreationOperation)node).Initializer == null;
                case OperationKind.Binary:
                    return ((IBinaryOperation)node).OperatorKind is not (BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr);
                case OperationKind.Conditional:
                    var conditional = (IConditionalOperation)node;
                    return conditional.Syntax is IfStatementSyntax && !conditional.Condition.ConstantValue.HasValue;
                case OperationKind.Return: // not yield return, nor yield break
                    return IsLastOfBody(node);
                default:
                    return false;
            }
        }

        /// <summary>The last statement of the member's own block body: nothing can follow it.</summary>
        private static bool IsLastOfBody(IOperation statement) =>
            statement.Parent is IBlockOperation { Parent: IMethodBodyOperation } body &&
            body.Operations.Length > 0 && body.Operations[body.Operations.Length - 1] == statement;
    }
}
