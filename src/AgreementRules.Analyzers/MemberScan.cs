using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AgreementRules.Analyzers
{
    /// <summary>One walk over a member's operation tree: its regulated uses, and whether <see cref="GraphFreeProof"/> accepts it.</summary>
    internal sealed class MemberScan
    {
        private MemberScan(List<RegulatedUse> uses, bool provableWithoutGraph, bool hasLambdas)
        {
            Uses = uses;
            ProvableWithoutGraph = provableWithoutGraph;
            HasLambdas = hasLambdas;
        }

        public List<RegulatedUse> Uses { get; }

        /// <summary>No guard can be raised in the member and every use in it is reached: no graph is needed.</summary>
        public bool ProvableWithoutGraph { get; }

        /// <summary>Whether a lambda appears anywhere in the member, local functions included.</summary>
        public bool HasLambdas { get; }

        public static MemberScan Of(IOperation root, KnownSymbols known)
        {
            var uses = new List<RegulatedUse>();
            var provable = GraphFreeProof.AcceptsRoot(root);
            var hasLambdas = false;
            foreach (var node in RegulatedUses.SelfAndDescendants(root))
            {
                if (RegulatedUses.TryGet(node, known, out var use)) uses.Add(use);
                if (provable && !GraphFreeProof.Accepts(node, known)) provable = false;
                if (node.Kind == OperationKind.AnonymousFunction) hasLambdas = true;
            }
            return new MemberScan(uses, provable, hasLambdas);
        }
    }
}
