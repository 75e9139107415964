using System.Collections.Generic;
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

        /// <summary>One check per decision where the calls follow each other (see <see cref="StatementFixAll"/>).</summary>
        public override FixAllProvider GetFixAllProvider() => StatementFixAll.Create(FixAllTargets, Fix);

        /// <summary>
        /// The statements that need a check: one after another in a block, a call is covered by the check inserted
        /// before an earlier call about the same decision, unless the decision is written between them (or a label
        /// between lets a jump skip the check). The analyzer runs again on the result, so a check this leaves out
        /// wrongly shows up as AGR1001 again, never as a pass.
        /// </summary>
        private static IEnumerable<(StatementSyntax Statement, string Decision)> FixAllTargets(
            SemanticModel model, SyntaxNode root, ImmutableArray<Diagnostic> diagnostics)
        {
            var checkedBefore = new List<(StatementSyntax Statement, string Decision)>();
            foreach (var (diagnostic, _, statement) in FixerSupport.Fixable(root, diagnostics))
            {
                var decision = DecisionInScope(model, statement, diagnostic);
                if (decision == null || checkedBefore.Any(c => c.Decision == decision && StillChecked(model, c.Statement, statement, decision))) continue;
                checkedBefore.Add((statement, decision));
                yield return (statement, decision);
            }
        }

        private static bool StillChecked(SemanticModel model, StatementSyntax earlier, StatementSyntax later, string decision)
        {
            if (earlier == later) return true;
            if (earlier.Parent is not BlockSyntax block || later.Parent != block) return false;
            int from = block.Statements.IndexOf(earlier), to = block.Statements.IndexOf(later);
            if (from >= to || block.Statements.Skip(from + 1).Take(to - from).Any(s => s is LabeledStatementSyntax)) return false;
            var flow = model.AnalyzeDataFlow(block.Statements[from], block.Statements[to - 1]);
            return flow != null && flow.Succeeded && !flow.WrittenInside.Any(s => s is ILocalSymbol && s.Name == decision);
        }

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
