using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AgreementRules.Analyzers
{
    /// <summary>One walk over a member's operation tree: its regulated uses, and whether <see cref="GraphFreeProof"/> accepts it.</summary>
    internal sealed class MemberScan
    {
        private MemberScan(List<RegulatedUse> uses, bool provableWithoutGraph)
        {
            Uses = uses;
            ProvableWithoutGraph = provableWithoutGraph;
        }

        public List<RegulatedUse> Uses { get; }

        /// <summary>No guard can be raised in the member and every use in it is reached: no graph is needed.</summary>
        public bool ProvableWithoutGraph { get; }

        public static MemberScan Of(IOperation root, KnownSymbols known)
        {
            var uses = new List<RegulatedUse>();
            var provable = GraphFreeProof.AcceptsRoot(root);
            foreach (var node in RegulatedUses.SelfAndDescendants(root))
            {
                if (RegulatedUses.TryGet(node, known, out var use)) uses.Add(use);
                if (provable && !GraphFreeProof.Accepts(node, known)) provable = false;
            }
            return new MemberScan(uses, provable);
        }
    }
}
