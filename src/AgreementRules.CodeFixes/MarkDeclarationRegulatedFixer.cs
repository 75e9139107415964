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
    /// AGR1009: marks the interface or base member that a regulated member implements or overrides with
    /// <c>[Regulated("same-activity")]</c>, when that member is in source, so calls through it are checked.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkDeclarationRegulatedFixer)), Shared]
    public sealed class MarkDeclarationRegulatedFixer : CodeFixProvider
    {
        public const string EquivalenceKey = "AgreementRules.MarkDeclarationRegulated";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.RegulatedBehindUnregulatedMember);

        public override FixAllProvider? GetFixAllProvider() => null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(RegulatedDispatchAnalyzer.ActivityProperty, out var activity) || activity == null) continue;
                var declaration = diagnostic.AdditionalLocations.FirstOrDefault();
                var document = declaration?.SourceTree is { } tree ? context.Document.Project.Solution.GetDocument(tree) : null;
                if (document == null) continue;
                context.RegisterCodeFix(CodeAction.Create(
                    $"Mark the declaration [Regulated(\"{activity}\")]",
                    ct => Fix(document, declaration!.SourceSpan, activity, ct),
                    EquivalenceKey), diagnostic);
            }
            return Task.CompletedTask;
        }

        private static async Task<Solution> Fix(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string activity, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var member = root?.FindNode(span).FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (root == null || model == null || member == null) return document.Project.Solution;
            var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Regulated"), SyntaxFactory.ParseAttributeArgumentList($"(\"{activity}\")"))))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var marked = member.WithoutLeadingTrivia().AddAttributeLists(attribute).WithLeadingTrivia(member.GetLeadingTrivia());
            var newRoot = FixerSupport.WithAgreementRulesUsing(root.ReplaceNode(member, marked), model, member.SpanStart);
            return document.WithSyntaxRoot(newRoot).Project.Solution;
        }
    }
}
