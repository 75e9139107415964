using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgreementRules.CodeFixes
{
    /// <summary>
    /// Fix All for fixes that write statements around one statement. The batch fixer merges each fix computed on the
    /// unchanged document, which breaks these: two guards in one block would both declare <c>decision</c>, two
    /// diagnostics in one statement would replace it twice, a call in a lambda of a fixed statement would be lost.
    /// Here the targets are found on the unchanged document, tracked, and fixed one after another on the current
    /// document, in document order, so each fix sees the ones before it (the names they declared, the using added).
    /// </summary>
    internal static class StatementFixAll
    {
        /// <summary>A statement to fix and what the fix needs to know about it (an activity, a decision's name).</summary>
        public delegate IEnumerable<(StatementSyntax Statement, string Argument)> Targets(
            SemanticModel model, SyntaxNode root, ImmutableArray<Diagnostic> diagnostics);

        public delegate Task<Document> Fix(Document document, StatementSyntax statement, string argument, CancellationToken cancellationToken);

        public static FixAllProvider Create(Targets targets, Fix fix) =>
            FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                var cancellationToken = context.CancellationToken;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null) return document;
                var found = targets(model, root, diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray())
                    .Distinct()
                    .OrderBy(t => t.Statement.SpanStart)
                    .ToList();
                if (found.Count == 0) return document;

                var current = document.WithSyntaxRoot(root.TrackNodes(found.Select(t => t.Statement).Distinct()));
                foreach (var (statement, argument) in found)
                {
                    var currentRoot = await current.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var node = currentRoot?.GetCurrentNode(statement);
                    if (node == null) continue;
                    current = await fix(current, node, argument, cancellationToken).ConfigureAwait(false);
                }
                return current;
            });
    }
}
