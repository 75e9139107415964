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
    /// AGR1001: wraps the statement in <c>var decision = rules.Evaluate(Activity.Create("kind")); if (decision.IsPermitted) { … }</c>.
    /// <c>rules</c> is a RuleSet in scope (a local or parameter first, then a field or property); when there is none,
    /// <c>RuleSet.Load("rules")</c> stands in: it compiles and works, but loads the rules on every call, so replace
    /// it with the application's RuleSet. Facts are left for the author to add with <c>.With(…)</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GuardWithDecisionFixer)), Shared]
    public sealed class GuardWithDecisionFixer : CodeFixProvider
    {
        public const string EquivalenceKey = "AgreementRules.GuardWithDecision";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnguardedRegulatedCall);

        /// <summary>Every call guarded in one pass, each guard with a name of its own (see <see cref="StatementFixAll"/>).</summary>
        public override FixAllProvider GetFixAllProvider() => StatementFixAll.Create(
            (_, root, diagnostics) => FixerSupport.Fixable(root, diagnostics).Select(f => (f.Statement, f.Activity)),
            Fix);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var (diagnostic, activity, statement) in FixerSupport.Fixable(context, root))
            {
                context.RegisterCodeFix(CodeAction.Create(
                    $"Evaluate '{activity}' and call only if permitted",
                    ct => Fix(context.Document, statement, activity, ct),
                    EquivalenceKey), diagnostic);
            }
        }

        private static async Task<Document> Fix(Document document, StatementSyntax statement, string activity, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null) return document;
            var position = statement.SpanStart;
            var rules = RuleSetInScope(model, position) ?? "RuleSet.Load(\"rules\")";
            var name = FixerSupport.FreeName(model, position, "decision");
            var literal = SyntaxFactory.Literal(activity).ToString();

            var evaluate = SyntaxFactory.ParseStatement($"var {name} = {rules}.Evaluate(Activity.Create({literal}));")
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia());
            var guard = SyntaxFactory.IfStatement(
                    SyntaxFactory.ParseExpression($"{name}.IsPermitted"),
                    SyntaxFactory.Block(statement.WithoutLeadingTrivia()))
                .WithTrailingTrivia(statement.GetTrailingTrivia());

            var newRoot = root.ReplaceNode(statement, new SyntaxNode[]
            {
                evaluate.WithAdditionalAnnotations(Formatter.Annotation),
                guard.WithAdditionalAnnotations(Formatter.Annotation),
            });
            newRoot = FixerSupport.WithAgreementRulesUsing(newRoot, model, position);
            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>A RuleSet the code can reach here: a local or parameter first, then a field or property.</summary>
        private static string? RuleSetInScope(SemanticModel model, int position)
        {
            var candidates = model.LookupSymbols(position)
                .Where(s => TypeOf(s)?.ToDisplayString() == "AgreementRules.RuleSet")
                .OrderBy(s => s is ILocalSymbol or IParameterSymbol ? 0 : 1)
                .ThenBy(s => s.Name, System.StringComparer.Ordinal);
            return candidates.FirstOrDefault()?.Name;
        }

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
    }
}
