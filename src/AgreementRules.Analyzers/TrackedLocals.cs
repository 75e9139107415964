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
        // For fact checks (FactSources), of every type: locals written only by their declaration, once, and
        // parameters never written; anything that may write or alias them otherwise makes them unstable.
        private readonly HashSet<ISymbol> unstable = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, int> anyWrites = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ILocalSymbol> declaredWithValue = new(SymbolEqualityComparer.Default);

        private TrackedLocals() { }

        public bool IsFollowed(ILocalSymbol local) => !notFollowed.Contains(local);

        public bool IsWrittenOnce(ILocalSymbol local) => IsFollowed(local) && writes.TryGetValue(local, out var count) && count == 1;

        /// <summary>
        /// Whether every read of this local or parameter gives the same value as the read before it in the same run of
        /// its declaration: a parameter (not ref/out/in) never written, or a local written only by its declaration
        /// (a loop runs that again, but a guard from an earlier round does not survive the loop's entry, where the
        /// local was not yet declared), never aliased or passed by reference. A fact check compares such sources.
        /// </summary>
        public bool IsStable(ISymbol symbol) => symbol switch
        {
            IParameterSymbol parameter => parameter.RefKind == RefKind.None && !unstable.Contains(parameter),
            ILocalSymbol local => !local.IsRef && !unstable.Contains(local) && declaredWithValue.Contains(local) &&
                                  anyWrites.TryGetValue(local, out var count) && count == 1,
            _ => false,
        };

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
                result.ClassifyStability(operation);
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
            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
            {
                CountWrite(local);
                if (!IsDeclaredIn(local, EnclosingFunction(reference))) notFollowed.Add(local);
                return;
            }
            if (MayWrite(reference)) notFollowed.Add(local);
        }

        private void ClassifyStability(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if (declarator.Initializer != null || declarator.Parent is IForEachLoopOperation)
                    {
                        declaredWithValue.Add(declarator.Symbol);
                        anyWrites[declarator.Symbol] = anyWrites.TryGetValue(declarator.Symbol, out var n) ? n + 1 : 1;
                    }
                    if (declarator.Symbol.IsRef) Unstable(declarator.Initializer);
                    break;
                case ISimpleAssignmentOperation { IsRef: true } refAssignment:
                    Unstable(refAssignment.Target);
                    Unstable(refAssignment.Value);
                    break;
                case ILocalReferenceOperation local:
                    if (local.IsDeclaration || MayWrite(local)) unstable.Add(local.Local);
                    else if (local.Parent is ISimpleAssignmentOperation assignment && assignment.Target == local)
                        anyWrites[local.Local] = anyWrites.TryGetValue(local.Local, out var n) ? n + 1 : 2; // not by its declaration
                    break;
                case IParameterReferenceOperation parameter:
                    if (MayWrite(parameter) || parameter.Parent is ISimpleAssignmentOperation written && written.Target == parameter) unstable.Add(parameter.Parameter);
                    break;
            }
        }

        private void Unstable(IOperation? operation)
        {
            if (operation == null) return;
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (node is ILocalReferenceOperation local) unstable.Add(local.Local);
                if (node is IParameterReferenceOperation parameter) unstable.Add(parameter.Parameter);
            }
        }

        /// <summary>A reference that may write its variable other than as the target of a plain assignment.</summary>
        private static bool MayWrite(IOperation reference)
        {
            switch (reference.Parent)
            {
                case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                case IIncrementOrDecrementOperation:
                case IAddressOfOperation: // &allowed: a pointer can write it
                case IConditionalOperation { IsRef: true }: // (c ? ref x : ref y) = …
                case { Kind: OperationKind.None }: // __makeref(x), or anything else Roslyn does not describe: it may write it
                    return true;
            }
            var current = reference;
            while (current.Parent is ITupleOperation or IConversionOperation or IDeclarationExpressionOperation) current = current.Parent;
            // Inside a tuple on the left of a deconstruction, or the target of a compound or ??= assignment.
            return current.Parent is IAssignmentOperation target && target.Target == current &&
                   (current != reference || target is not ISimpleAssignmentOperation);
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
