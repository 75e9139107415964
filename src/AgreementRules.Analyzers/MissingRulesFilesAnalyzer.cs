using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// AGR1008: the project uses AgreementRules but no .rules file reached the compiler, so names in
    /// host code cannot be checked. Says so rather than passing silently.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MissingRulesFilesAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NoRulesFiles);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed like any other: a generator, or a file that calls itself generated, is no way around a check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownSymbols.Create(start.Compilation) == null) return;
                if (!RulesFiles.Load(start).IsEmpty) return;
                start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.AgreementRulesFolder", out var folder);
                if (string.IsNullOrEmpty(folder)) folder = "rules";
                start.RegisterCompilationEndAction(end =>
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.NoRulesFiles, Location.None, folder)));
            });
        }
    }
}
