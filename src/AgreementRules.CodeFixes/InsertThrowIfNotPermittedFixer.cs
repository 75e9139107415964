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
    /// AGR1001 where a decision about the same activity is already in scope (declared earlier from
    /// <c>Evaluate(Activity.Create("kind")…)</c>): inserts <c>decision.ThrowIfNotPermitted();</c> before the call.
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
            foreach (var diagnostic in context.Diagnostics)
            {
                var activity = FixerSupport.ActivityOf(diagnostic);
                var statement = FixerSupport.GuardableStatement(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
                if (activity == null || statement == null) continue;
                var decision = DecisionInScope(model, statement, activity, context.CancellationToken);
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

        /// <summary>A Decision local declared before the statement whose initializer evaluates Activity.Create("activity").</summary>
        private static string? DecisionInScope(SemanticModel model, StatementSyntax statement, string activity, CancellationToken cancellationToken)
        {
            foreach (var symbol in model.LookupSymbols(statement.SpanStart).OfType<ILocalSymbol>())
            {
                if (symbol.Type.ToDisplayString() != "AgreementRules.Decision") continue;
                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator) continue;
                    if (declarator.Span.End > statement.SpanStart) continue;
                    if (CreatesActivity(model, initializer.Value, activity, cancellationToken)) return symbol.Name;
                }
            }
            return null;
        }

        private static bool CreatesActivity(SemanticModel model, ExpressionSyntax expression, string activity, CancellationToken cancellationToken) =>
            expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(invocation =>
                model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "Create" } method &&
                method.ContainingType?.ToDisplayString() == "AgreementRules.Activity" &&
                invocation.ArgumentList.Arguments.Count == 1 &&
                model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, cancellationToken) is { HasValue: true, Value: string kind } &&
                kind == activity);
    }
}
