using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgreementRules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AgreementRules.CodeFixes
{
    /// <summary>
    /// AGR1001 where a decision about the same activity is already in scope (the analyzer names the locals that hold
    /// one at the call): inserts <c>decision.ThrowIfNotPermitted();</c> before the call.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertThrowIfNotPermittedFixer)), Shared]
    public sealed class InsertThrowIfNotPermittedFixer : CodeFixProvider
    {
        public const string EquivalenceKey = "AgreementRules.InsertThrowIfNotPermitted";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnguardedRegulatedCall);

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null) return;
            foreach (var (diagnostic, activity, statement) in FixerSupport.Fixable(context, root))
            {
                var decision = DecisionInScope(model, statement, diagnostic);
                if (decision == null) continue;
                context.RegisterCodeFix(CodeAction.Create(
                    $"Insert {decision}.ThrowIfNotPermitted()",
                    ct => Fix(context.Document, statement, decision, ct),
                    EquivalenceKey), diagnostic);
            }
        }

        private static async Task<Document> Fix(Document document, StatementSyntax statement, string decision, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null) return document;
            var check = SyntaxFactory.ParseStatement($"{decision}.ThrowIfNotPermitted();")
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root.InsertNodesBefore(statement, new[] { check }));
        }

        /// <summary>
        /// A decision local the analyzer found in force at the call and about its activity on every path (it follows
        /// reassignments and branches), that the code can name at the statement.
        /// </summary>
        private static string? DecisionInScope(SemanticModel model, StatementSyntax statement, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(UnguardedRegulatedUseAnalyzer.DecisionLocalsProperty, out var names) || names == null) return null;
            foreach (var name in names.Split(','))
                if (model.LookupSymbols(statement.SpanStart, name: name).OfType<ILocalSymbol>().Any()) return name;
            return null;
        }
    }
}
