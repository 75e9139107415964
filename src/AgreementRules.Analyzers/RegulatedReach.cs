using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Whether a compilation can hold a [Regulated] member at all, decided without visiting its members: a project
    /// that references AgreementRules (for RuleSet, Activity, Decision) but regulates nothing then costs the
    /// analyzers of regulated uses nothing. Errs only towards "possible". A member is regulated through the
    /// attribute on it or on a member it overrides or implements, so some [Regulated] must be applied:
    /// <list type="bullet">
    /// <item>in source: then some syntax tree names <c>Regulated</c> or <c>RegulatedAttribute</c> (an alias
    /// names the attribute in its using directive; an identifier spelled with \u escapes is looked up as a token);</item>
    /// <item>in a referenced assembly: then that assembly is the attribute's own or references it.</item>
    /// </list>
    /// </summary>
    internal static class RegulatedReach
    {
        private static readonly string[] Names = { "Regulated", "RegulatedAttribute" };

        // Roslyn keeps one answer per syntax tree (weakly, while the tree lives), shared by the analyzers of a compilation.
        private static readonly SyntaxTreeValueProvider<bool> TreeMentions = new(Mentions);

#pragma warning disable RS1012 // a helper that reads the start context; the calling analyzer registers the actions
        public static bool IsPossible(CompilationStartAnalysisContext start, INamedTypeSymbol regulatedAttribute)
#pragma warning restore RS1012
        {
            var compilation = start.Compilation;
            var home = regulatedAttribute.ContainingAssembly;
            if (home == null || SymbolEqualityComparer.Default.Equals(home, compilation.Assembly)) return true;
            if (ReferencesOrApplies(compilation, home, regulatedAttribute)) return true;
            foreach (var tree in compilation.SyntaxTrees)
            {
                start.CancellationToken.ThrowIfCancellationRequested();
                if (!start.TryGetValue(tree, TreeMentions, out var mentions) || mentions) return true;
            }
            return false;
        }

        /// <summary>Whether a referenced assembly can carry the attribute: the attribute's own assembly applies it, or another references that assembly.</summary>
        private static bool ReferencesOrApplies(Microsoft.CodeAnalysis.Compilation compilation, IAssemblySymbol home, INamedTypeSymbol regulatedAttribute)
        {
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (SymbolEqualityComparer.Default.Equals(assembly, home))
                {
                    if (Applies(home.GlobalNamespace, regulatedAttribute)) return true;
                    continue;
                }
                // By name alone (any version): an assembly built against another version of AgreementRules still counts.
                if (assembly.Modules.Any(module => module.ReferencedAssemblies.Any(id => string.Equals(id.Name, home.Identity.Name, StringComparison.OrdinalIgnoreCase))))
                    return true;
            }
            return false;
        }

        /// <summary>Whether a member of the namespace's types (the attribute's own assembly: AgreementRules applies it nowhere) carries the attribute.</summary>
        private static bool Applies(INamespaceSymbol @namespace, INamedTypeSymbol regulatedAttribute)
        {
            foreach (var member in @namespace.GetMembers())
                if (member is INamespaceSymbol inner ? Applies(inner, regulatedAttribute) : Applies((INamedTypeSymbol)member, regulatedAttribute))
                    return true;
            return false;
        }

        private static bool Applies(INamedTypeSymbol type, INamedTypeSymbol regulatedAttribute)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is INamedTypeSymbol nested ? Applies(nested, regulatedAttribute)
                    : member.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, regulatedAttribute)))
                    return true;
            }
            return false;
        }

        /// <summary>
        /// Whether the tree's text can name the attribute: it contains <c>Regulated</c>, or a \u escape sits inside an
        /// identifier token whose value is one of the names.
        /// </summary>
        internal static bool Mentions(SyntaxTree tree)
        {
            var text = tree.GetText();
            if (Contains(text, "Regulated")) return true;
            SyntaxNode? root = null;
            foreach (var position in Escapes(text))
            {
                root ??= tree.GetRoot();
                var token = root.FindToken(position, findInsideTrivia: true);
                if (token.Span.Contains(position) && Names.Contains(token.ValueText, StringComparer.Ordinal)) return true;
            }
            return false;
        }

        private const int Chunk = 4096;

        private static bool Contains(SourceText text, string word)
        {
            var buffer = new char[Chunk + word.Length];
            for (var start = 0; start < text.Length; start += Chunk)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                // Array.IndexOf runs vectorised: the first letter is looked for, the rest compared where it stands.
                for (var i = Array.IndexOf(buffer, word[0], 0, count); i >= 0 && i + word.Length <= count; i = Array.IndexOf(buffer, word[0], i + 1, count - i - 1))
                    if (At(buffer, i, word)) return true;
            }
            return false;
        }

        private static bool At(char[] buffer, int index, string word)
        {
            for (var j = 0; j < word.Length; j++)
                if (buffer[index + j] != word[j]) return false;
            return true;
        }

        /// <summary>The positions of <c>\u</c> and <c>\U</c>, the escapes an identifier may be spelled with.</summary>
        private static System.Collections.Generic.IEnumerable<int> Escapes(SourceText text)
        {
            var buffer = new char[Chunk + 1];
            for (var start = 0; start < text.Length; start += Chunk)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                for (var i = Array.IndexOf(buffer, '\\', 0, count); i >= 0 && i + 1 < count; i = Array.IndexOf(buffer, '\\', i + 1, count - i - 1))
                    if (buffer[i + 1] is 'u' or 'U')
                        yield return start + i;
            }
        }
    }
}
