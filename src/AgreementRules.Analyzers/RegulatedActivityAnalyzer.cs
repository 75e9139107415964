using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgreementRules.Semantics;
using Suggestions = AgreementRules.Syntax.Suggestions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>AGR1003: <c>[Regulated("x")]</c> where no rules file declares activity <c>x</c>, on a member, an accessor, a local function or a lambda.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RegulatedActivityAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UndeclaredRegulatedActivity);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed like any other: a generator, or a file that calls itself generated, is no way around a check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.ForRegulatedUses(start);
                if (known == null) return;
                var vocabulary = RulesFiles.Load(start).Vocabulary;
                if (vocabulary == null) return;
                start.RegisterSymbolAction(symbol => Analyse(symbol.Symbol, known, vocabulary, symbol.ReportDiagnostic, symbol.CancellationToken),
                    SymbolKind.Method, SymbolKind.Property);
                // Symbol actions do not reach local functions and lambdas, which may carry [Regulated] too.
                start.RegisterOperationAction(operation => Analyse(FunctionOf(operation.Operation), known, vocabulary, operation.ReportDiagnostic,
                    operation.CancellationToken), OperationKind.LocalFunction, OperationKind.AnonymousFunction);
            });
        }

        private static ISymbol? FunctionOf(IOperation operation) => operation switch
        {
            ILocalFunctionOperation localFunction => localFunction.Symbol,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };

        /// <summary>Where an attribute's first argument stands (the name a diagnostic is about), else the attribute, else the symbol.</summary>
        internal static Location FirstArgumentLocation(AttributeData attribute, ISymbol symbol, CancellationToken cancellationToken)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            return syntax is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } a
                ? a.ArgumentList.Arguments[0].GetLocation()
                : syntax?.GetLocation() ?? symbol.Locations.FirstOrDefault() ?? Location.None;
        }

        private static void Analyse(ISymbol? symbol, KnownSymbols known, SymbolTable vocabulary, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (symbol == null) return;
            foreach (var attribute in symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.RegulatedAttribute)) continue;
                var activity = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                if (activity != null && vocabulary.Activities.ContainsKey(activity)) continue;
                report(Diagnostic.Create(Descriptors.UndeclaredRegulatedActivity, FirstArgumentLocation(attribute, symbol, cancellationToken),
                    activity ?? "", Suggestions.DidYouMean(activity ?? "", vocabulary.Activities.Keys),
                    RulesFiles.ListOrNone(vocabulary.Activities.Keys)));
            }
        }
    }
}
