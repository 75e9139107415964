using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// AGR1012: every use of a regulated member, guarded or not, as an informational diagnostic whose properties say
    /// the activity and whether the same analysis that raises AGR1001 found a permitted decision in force
    /// (<see cref="GuardProperty"/>). It is how <c>agreement-rules report</c> learns the host's call sites from a real
    /// build: through the compiler's SARIF log (docs/diagnostics/AGR1012.md). Off by default; an ordinary build
    /// creates not one diagnostic for it, because the analyzer asks once per compilation whether anything turned it
    /// on (the package's <c>AgreementRulesReportCallSites</c> property, or <c>dotnet_diagnostic.AGR1012.severity</c>).
    /// </summary>
    internal sealed class RegulatedCallSites
    {
        public const string GuardProperty = "Guard";
        public const string MemberProperty = "Member";
        public const string Guarded = "guarded";
        public const string Unguarded = "unguarded";
        /// <summary>AGR1007's case: only a decision about an activity the analysis cannot name is in force.</summary>
        public const string Undecided = "undecided";
        /// <summary>AGR1020's case: a permitted decision is in force, but maybe for other facts than those passed.</summary>
        public const string OtherFacts = "other-facts";

        private RegulatedCallSites() { }

        /// <summary>The reporter, or null when AGR1012 is off everywhere in this compilation.</summary>
        public static RegulatedCallSites? For(Microsoft.CodeAnalysis.Compilation compilation, CancellationToken cancellation) =>
            IsOn(compilation, cancellation) ? new RegulatedCallSites() : null;

        private static bool IsOn(Microsoft.CodeAnalysis.Compilation compilation, CancellationToken cancellation)
        {
            static bool On(ReportDiagnostic value) => value is not (ReportDiagnostic.Suppress or ReportDiagnostic.Default);
            var id = DiagnosticIds.RegulatedCallSite;
            if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var specific) && On(specific)) return true;
            if (compilation.Options.SyntaxTreeOptionsProvider is not { } provider) return false;
            if (provider.TryGetGlobalDiagnosticValue(id, cancellation, out var global) && On(global)) return true;
            foreach (var tree in compilation.SyntaxTrees)
                if (provider.TryGetDiagnosticValue(tree, id, cancellation, out var local) && On(local)) return true;
            return false;
        }

        /// <summary>Reports the use at <paramref name="location"/> with the guard the analysis found for it.</summary>
        public void Report(Action<Diagnostic> report, KnownSymbols known, RegulatedUse use, Location location, Guard guard, string? factProblem)
        {
            var (value, words) = guard switch
            {
                Guard.Permitted when factProblem == null => (Guarded, "a permitted decision for it is in force on every path"),
                Guard.Permitted => (OtherFacts, "a permitted decision is in force, but it may be about other facts (AGR1020)"),
                Guard.Unknown => (Undecided, "the analysis cannot tell which activity the decision in force is about (AGR1007)"),
                _ => (Unguarded, "on some path no permitted decision for it is in force (AGR1001/AGR1002)"),
            };
            Report(report, known, use.Member, use.Activity, use.Kind, location, value, words);
        }

        /// <summary>A base constructor call the compiler writes, where nothing can guard it (AGR1001 at the type).</summary>
        public void ReportUnguarded(Action<Diagnostic> report, KnownSymbols known, ISymbol member, string activity, Location location) =>
            Report(report, known, member, activity, UseKind.Call, location, Unguarded, "a constructor the compiler writes calls it, where no decision can guard it (AGR1001)");

        private static void Report(Action<Diagnostic> report, KnownSymbols known, ISymbol member, string activity, UseKind kind, Location location,
            string value, string words)
        {
            var name = known.DisplayName(member);
            var properties = known.UseProperties(activity, kind).SetItem(GuardProperty, value).SetItem(MemberProperty, name);
            report(Diagnostic.Create(Descriptors.RegulatedCallSite, location, properties, name, activity, words));
        }
    }
}
