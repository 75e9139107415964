using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// AGR1022: a suppression of an AGR1xxx error in source must say why. A <c>#pragma warning disable</c> that names
    /// an AGR1xxx id (or names none, which disables every id) needs a comment on the same line; a
    /// <c>[SuppressMessage]</c> for an AGR1xxx id needs a non-empty <c>Justification</c>. The suppression still works
    /// (users need it); the analyzers still report the suppressed diagnostic, so the compiler lists it, with the
    /// justification, in the SARIF log's <c>suppressions</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SuppressionJustificationAnalyzer : DiagnosticAnalyzer
    {
        private const string HostCodePrefix = "AGR1";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UnjustifiedSuppression);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is not exempt: a bare pragma in a generated file would otherwise hide a regulated call there.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // Only projects that use AgreementRules: elsewhere an AGR1xxx id means nothing.
                if (KnownSymbols.Create(start.Compilation) == null) return;
                var suppressMessage = start.Compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SuppressMessageAttribute");
                start.RegisterSyntaxTreeAction(AnalysePragmas);
                if (suppressMessage != null)
                    start.RegisterSyntaxNodeAction(node => AnalyseAttribute(node, suppressMessage), SyntaxKind.Attribute);
            });
        }

        private static void AnalysePragmas(SyntaxTreeAnalysisContext context)
        {
            var root = context.Tree.GetRoot(context.CancellationToken);
            if (!root.ContainsDirectives) return;
            foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
            {
                if (trivia.GetStructure() is not PragmaWarningDirectiveTriviaSyntax pragma || !pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword)) continue;
                var ids = pragma.ErrorCodes.Select(code => code.ToString().Trim()).ToList();
                var named = ids.Where(id => id.StartsWith(HostCodePrefix, StringComparison.OrdinalIgnoreCase)).ToList();
                if (ids.Count > 0 && named.Count == 0) continue;
                var text = context.Tree.GetText(context.CancellationToken);
                var line = text.Lines.GetLineFromPosition(pragma.SpanStart);
                var codesEnd = pragma.ErrorCodes.Count > 0 ? pragma.ErrorCodes.Span.End : pragma.DisableOrRestoreKeyword.Span.End;
                if (HasReason(text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(codesEnd, Math.Max(codesEnd, line.End))))) continue;
                var location = Location.Create(context.Tree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(pragma.SpanStart, codesEnd));
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnjustifiedSuppression, location,
                    ids.Count == 0 ? "#pragma warning disable (every id)" : "#pragma warning disable " + string.Join(", ", named),
                    "a comment on the same line: #pragma warning disable " + (named.Count > 0 ? named[0] : "AGR1001") + " // why this call is safe"));
            }
        }

        /// <summary>Whether what follows the ids on the pragma's line is a comment with some text in it.</summary>
        private static bool HasReason(string rest)
        {
            var start = rest.IndexOf("//", StringComparison.Ordinal);
            if (start < 0) start = rest.IndexOf("/*", StringComparison.Ordinal);
            if (start < 0) return false;
            return rest.Substring(start).Trim('/', '*', ' ', '\t', '\r').Length > 0;
        }

        private static void AnalyseAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol suppressMessage)
        {
            var attribute = (AttributeSyntax)context.Node;
            if (attribute.ArgumentList is not { Arguments.Count: >= 2 } arguments) return;
            if (!SymbolEqualityComparer.Default.Equals(context.SemanticModel.GetTypeInfo(attribute, context.CancellationToken).Type, suppressMessage)) return;
            // The id is the check id's text up to the first ':' ("AGR1001:Unguarded" or "AGR1001").
            if (context.SemanticModel.GetConstantValue(arguments.Arguments[1].Expression, context.CancellationToken).Value is not string checkId) return;
            var id = checkId.Split(':')[0].Trim();
            if (!id.StartsWith(HostCodePrefix, StringComparison.OrdinalIgnoreCase)) return;
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText != "Justification") continue;
                if (context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken).Value is string reason && reason.Trim().Length > 0) return;
            }
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnjustifiedSuppression, attribute.GetLocation(),
                $"[SuppressMessage(…, \"{id}\")]", "Justification = \"why this call is safe\""));
        }
    }
}
