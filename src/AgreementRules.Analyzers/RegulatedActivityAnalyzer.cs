using System.Collections.Immutable;
using AgreementRules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers
{
    /// <summary>AGR1003: <c>[Regulated("x")]</c> where no rules file declares activity <c>x</c>.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RegulatedActivityAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UndeclaredRegulatedActivity);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known == null) return;
                var vocabulary = RulesFiles.Load(start).Vocabulary;
                if (vocabulary == null) return;
                start.RegisterSymbolAction(symbol => Analyse(symbol, known, vocabulary), SymbolKind.Method, SymbolKind.Property);
            });
        }

        private static void Analyse(SymbolAnalysisContext context, KnownSymbols known, SymbolTable vocabulary)
        {
            foreach (var attribute in context.Symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.RegulatedAttribute)) continue;
                var activity = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                if (activity != null && vocabulary.Activities.ContainsKey(activity)) continue;
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken);
                var location = syntax is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } a
                    ? a.ArgumentList.Arguments[0].GetLocation()
                    : syntax?.GetLocation() ?? context.Symbol.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UndeclaredRegulatedActivity, location,
                    activity ?? "", Suggestions.DidYouMean(activity ?? "", vocabulary.Activities.Keys),
                    RulesFiles.ListOrNone(vocabulary.Activities.Keys)));
            }
        }
    }
}
