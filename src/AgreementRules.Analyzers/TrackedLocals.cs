using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Which <c>Decision</c>, <c>Activity</c> and bool locals (a bool may hold <c>IsPermitted</c>) of a member the
    /// flow analysis may follow: those written only by a plain assignment or initializer, in the function that
    /// declares them. A local passed by <c>ref</c>/<c>out</c>/<c>in</c>, aliased by a ref local, a ref conditional,
    /// a pointer or <c>__makeref</c>, declared by a pattern, the target of a deconstruction or compound assignment,
    /// or written from a lambda or local function can change where the analysis does not look, so what it holds
    /// stays unknown. Also counts writes: a lambda may run after a later write, so only a local written once keeps
    /// what is known about it inside a lambda.
    /// </summary>
    internal sealed class TrackedLocals
    {
        private readonly HashSet<ILocalSymbol> notFollowed = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, int> writes = new(SymbolEqualityComparer.Default);

        private TrackedLocals() { }

        public bool IsFollowed(ILocalSymbol local) => !notFollowed.Contains(local);

        public bool IsWrittenOnce(ILocalSymbol local) => IsFollowed(local) && writes.TryGetValue(local, out var count) && count == 1;

        /// <summary>The locals whose writes the flow analysis follows: decisions and activities, and the bools that may hold a permitted flag.</summary>
        public static bool Tracks(ITypeSymbol? type, KnownSymbols known) => known.IsDecisionOrActivity(type) || IsFlagType(type);

        /// <summary>bool or bool?: what <c>decision.IsPermitted</c> or <c>decision?.IsPermitted</c> can be stored in.</summary>
        public static bool IsFlagType(ITypeSymbol? type) =>
            type is { SpecialType: SpecialType.System_Boolean } ||
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
            nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean;

        /// <summary>Reads the whole member, lambdas and local functions included.</summary>
        public static TrackedLocals Of(IOperation? root, KnownSymbols known)
        {
            var result = new TrackedLocals();
            if (root == null) return result;
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when Tracks(declarator.Symbol.Type, known):
                        if (declarator.Initializer != null || declarator.Parent is IForEachLoopOperation) result.CountWrite(declarator.Symbol);
                        if (declarator.Symbol.IsRef) result.NotFollowed(declarator.Symbol, declarator.Initializer);
                        break;
                    case ISimpleAssignmentOperation { IsRef: true } refAssignment:
                        result.NotFollowed(refAssignment.Target);
                        result.NotFollowed(refAssignment.Value);
                        break;
                    case ILocalReferenceOperation reference when Tracks(reference.Local.Type, known):
                        result.Classify(reference);
                        break;
                    // The flow graph keeps a pattern's write inside the pattern, where the analysis does not look.
                    case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } when Tracks(declared.Type, known):
                        result.notFollowed.Add(declared);
                        break;
                    case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol declared } when Tracks(declared.Type, known):
                        result.notFollowed.Add(declared);
                        break;
                }
            }
            return result;
        }

        private void Classify(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            if (reference.IsDeclaration) { notFollowed.Add(local); return; } // out var, var (a, b) = …
            switch (reference.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    CountWrite(local);
                    if (!IsDeclaredIn(local, EnclosingFunction(reference))) notFollowed.Add(local);
                    return;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                case IIncrementOrDecrementOperation:
                case IAddressOfOperation: // &allowed: a pointer can write it
                case IConditionalOperation { IsRef: true }: // (c ? ref x : ref y) = …
                case { Kind: OperationKind.None }: // __makeref(x), or anything else Roslyn does not describe: it may write it
                    notFollowed.Add(local);
                    return;
            }
            // Inside a tuple on the left of a deconstruction, or the target of a compound or ??= assignment.
            IOperation current = reference;
            while (current.Parent is ITupleOperation or IConversionOperation or IDeclarationExpressionOperation) current = current.Parent;
            if (current.Parent is IAssignmentOperation target && target.Target == current) notFollowed.Add(local);
        }

        private void CountWrite(ILocalSymbol local) => writes[local] = writes.TryGetValue(local, out var count) ? count + 1 : 1;

        private void NotFollowed(IOperation? operation)
        {
            if (operation == null) return;
            foreach (var node in operation.DescendantsAndSelf())
                if (node is ILocalReferenceOperation reference) notFollowed.Add(reference.Local);
        }

        private void NotFollowed(ILocalSymbol local, IOperation? initializer)
        {
            notFollowed.Add(local);
            NotFollowed(initializer);
        }

        private static IMethodSymbol? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda: return lambda.Symbol;
                    case ILocalFunctionOperation localFunction: return localFunction.Symbol;
                }
            }
            return null;
        }

        /// <summary>Whether a write from <paramref name="function"/> (null: the member itself) is in the local's own function.</summary>
        private static bool IsDeclaredIn(ILocalSymbol local, IMethodSymbol? function) =>
            function == null
                ? local.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }
                : SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, function);
    }
}
