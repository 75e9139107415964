using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Reports every problem of the project's .rules files (AGR0001–AGR0016) as a compiler diagnostic
    /// located in the file, so <c>rules/x.rules(12,5): error AGR0003</c> fails the build like C# errors do.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RulesFileAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.AllRules;

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed like any other: a generator, or a file that calls itself generated, is no way around a check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var rules = RulesFiles.Load(start);
                if (rules.IsEmpty) return;
                start.RegisterCompilationEndAction(end =>
                {
                    foreach (var problem in rules.Diagnostics)
                    {
                        var descriptor = Descriptors.ForRulesId(problem.Id);
                        // An id this analyzer does not know yet (a newer language) still fails the build, as a syntax-level error.
                        var message = descriptor == null ? $"{problem.Id}: {problem.Message}" : problem.Message;
                        descriptor ??= Descriptors.Syntax;
                        var severity = problem.Severity == Severity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                        end.ReportDiagnostic(Diagnostic.Create(descriptor, rules.LocationOf(problem), severity,
                            additionalLocations: null, properties: null, message));
                    }
                });
            });
        }
    }
}
