using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Constructors the compiler writes, which have no operation tree for the guard analysis to walk: a class's
    /// default constructor, a record's copy constructor, and a primary constructor whose base type has no
    /// argument list (<c>class D(int x) : B</c>). Each calls a base constructor; if that one is regulated,
    /// nothing can guard the call, so it is reported (AGR1001) at the type's name.
    /// A constructor written out, with or without <c>: base(…)</c>, has the call in its operation tree instead.
    /// </summary>
    internal static class ImplicitConstructors
    {
        public static void Analyse(SymbolAnalysisContext context, KnownSymbols known, RegulatedCallSites? sites)
        {
            if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, BaseType: { } baseType } type) return;
            foreach (var constructor in type.InstanceConstructors)
            {
                if (!WritesOwnBaseCall(constructor, out var isCopy)) continue;
                foreach (var called in baseType.InstanceConstructors)
                {
                    if (!(isCopy ? IsCopyConstructorOf(called, baseType) : CallableWithoutArguments(called))) continue;
                    if (known.ActivityOf(called) is not { } activity || known.ActivityOf(constructor) == activity) continue;
                    var location = type.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
                    sites?.ReportUnguarded(context.ReportDiagnostic, known, called, activity, location);
                    var what = isCopy ? "copy constructor" : constructor.IsImplicitlyDeclared ? "default constructor" : "primary constructor";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnguardedRegulatedCall, location,
                        known.UseProperties(activity, UseKind.Call), known.DisplayName(called), activity,
                        $"the {what} the compiler writes for '{type.Name}' calls it, where no decision can guard it; write the constructor out and call " +
                        $"it under a guard, or mark the derived constructor [Regulated(\"{activity}\")]"));
                    return;
                }
            }
        }

        /// <summary>Whether the compiler writes this constructor's base call with no syntax of its own to hang an operation on.</summary>
        private static bool WritesOwnBaseCall(IMethodSymbol constructor, out bool isCopy)
        {
            isCopy = false;
            if (constructor.IsStatic) return false;
            if (constructor.IsImplicitlyDeclared)
            {
                isCopy = constructor.ContainingType.IsRecord && constructor.Parameters.Length == 1 &&
                         SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, constructor.ContainingType);
                return true;
            }
            // A primary constructor is declared by the type declaration; its base call has syntax only when written B(…).
            foreach (var reference in constructor.DeclaringSyntaxReferences)
                if (reference.GetSyntax() is TypeDeclarationSyntax declaration)
                    return declaration.BaseList?.Types.FirstOrDefault() is not PrimaryConstructorBaseTypeSyntax;
            return false;
        }

        private static bool CallableWithoutArguments(IMethodSymbol constructor) =>
            constructor.Parameters.All(p => p.IsOptional || p.IsParams);

        private static bool IsCopyConstructorOf(IMethodSymbol constructor, INamedTypeSymbol type) =>
            constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);
    }
}
