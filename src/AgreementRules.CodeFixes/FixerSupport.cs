using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgreementRules.CodeFixes
{
    /// <summary>What both fixes need: the statement to guard, and names that are free at that point.</summary>
    internal static class FixerSupport
    {
        /// <summary>The statement holding the flagged call, if it stands directly in a block (so statements can go before it).</summary>
        public static StatementSyntax? GuardableStatement(SyntaxNode node)
        {
            var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault();
            if (statement == null || statement.Parent is not BlockSyntax) return null;
            // Wrapping a declaration in an if would take its variable out of scope for the statements after it.
            return statement is LocalDeclarationStatementSyntax or LocalFunctionStatementSyntax ? null : statement;
        }

        public static string FreeName(SemanticModel model, int position, string name)
        {
            var candidate = name;
            for (var i = 2; model.LookupSymbols(position, name: candidate).Any(); i++) candidate = name + i;
            return candidate;
        }

        /// <summary>Whether <c>Activity</c> binds to AgreementRules.Activity here; if not, a using directive is added.</summary>
        public static SyntaxNode WithAgreementRulesUsing(SyntaxNode root, SemanticModel model, int position)
        {
            var bound = model.LookupNamespacesAndTypes(position, name: "Activity")
                .Any(s => s.ContainingNamespace?.ToDisplayString() == "AgreementRules");
            if (bound || root is not CompilationUnitSyntax unit) return root;
            return unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("AgreementRules"))
                .WithTrailingTrivia(SyntaxFactory.ElasticLineFeed));
        }

        /// <summary>The context's diagnostics a fix can act on: each with its activity and the statement to guard.</summary>
        public static IEnumerable<(Diagnostic Diagnostic, string Activity, StatementSyntax Statement)> Fixable(CodeFixContext context, SyntaxNode root) =>
            Fixable(root, context.Diagnostics);

        /// <summary>The same for any diagnostics of the document (Fix All).</summary>
        public static IEnumerable<(Diagnostic Diagnostic, string Activity, StatementSyntax Statement)> Fixable(SyntaxNode root, IEnumerable<Diagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                var activity = diagnostic.Properties.TryGetValue(Analyzers.UnguardedRegulatedUseAnalyzer.ActivityProperty, out var a) ? a : null;
                var statement = GuardableStatement(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
                if (activity != null && statement != null) yield return (diagnostic, activity, statement);
            }
        }
    }
}
