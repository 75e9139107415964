using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgreementRules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Analyzers.Generation
{
    /// <summary>
    /// Compiles the project's rules — the same <c>.rules</c> AdditionalFiles the analyzers check — into the host
    /// assembly (<see cref="HostRulesWriter"/>): the rule set the program runs is the one its guards were checked
    /// against, and it is one call with no file access. The rules go through the language's own pipeline
    /// (<see cref="RulesFiles.FromTexts"/>: parse, check, coverage, examples); when it reports an error the generator
    /// adds nothing and leaves the report to the analyzers, so no problem is reported twice.
    /// <para>
    /// Incremental: the pipeline reads only the rules texts, the project folder and whether the compilation
    /// references the runtime, each compared by value, so editing a <c>.cs</c> file re-runs none of the work.
    /// </para>
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class HostRulesGenerator : IIncrementalGenerator
    {
        /// <summary>The steps' names, for tests that check which ran (GeneratorDriver step tracking).</summary>
        public const string RulesTextsStep = "AgreementRules.RulesTexts";
        public const string HostSourceStep = "AgreementRules.HostSource";

        public const string HintName = "AgreementRules.HostRules.g.cs";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var texts = context.AdditionalTextsProvider
                .Where(file => file.Path.EndsWith(RulesFiles.Extension, StringComparison.OrdinalIgnoreCase))
                .Select((file, token) => new RulesText(file.Path, file.GetText(token)?.ToString() ?? ""))
                .Collect()
                .Select((files, _) => new RulesTexts(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToImmutableArray()))
                .WithTrackingName(RulesTextsStep);
            var projectFolder = context.AnalyzerConfigOptionsProvider
                .Select((options, _) => options.GlobalOptions.TryGetValue("build_property.projectdir", out var folder) ? folder : "");
            // Only the answer is compared downstream: a new compilation with the same answer stops here.
            var referencesRuntime = context.CompilationProvider
                .Select((compilation, _) => compilation.GetTypeByMetadataName("AgreementRules.GeneratedRuleSet") != null);

            var source = texts.Combine(projectFolder).Combine(referencesRuntime)
                .Select((input, _) => input.Right ? Generate(input.Left.Left, input.Left.Right) : null)
                .WithTrackingName(HostSourceStep);
            context.RegisterSourceOutput(source, (output, text) =>
            {
                if (text != null) output.AddSource(HintName, SourceText.From(text, System.Text.Encoding.UTF8));
            });
        }

        /// <summary>The generated source; null when there are no rules.</summary>
        /// <remarks>
        /// Rules with errors still get the members host code calls (as far as the declarations are known), with a rule
        /// set that throws the errors: the command-line compiler reports no analyzer diagnostic once the compilation
        /// has an error of its own, so a missing <c>HostRules</c> would hide the rules' errors behind CS0234.
        /// The analyzers report the errors; the generator reports nothing, so nothing is reported twice.
        /// </remarks>
        internal static string? Generate(RulesTexts texts, string projectFolder)
        {
            if (texts.Files.IsEmpty) return null;
            var sources = Named(texts.Files, projectFolder);
            var rules = RulesFiles.FromTexts(sources.Select(s => (s.Path, s.Text)));
            var errors = rules.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            return HostRulesWriter.Write(sources, rules.Vocabulary, RulesHash.Compute(sources), errors);
        }

        /// <summary>
        /// The files as the assembly names them: normalised (the hash does not change, line endings do not leak in),
        /// under paths relative to the project, or to the files' common folder when they lie outside it — an absolute
        /// path from the build machine would make the assembly differ from machine to machine.
        /// </summary>
        private static List<RulesSource> Named(ImmutableArray<RulesText> files, string projectFolder)
        {
            var paths = files.Select(f => f.Path.Replace('\\', '/')).ToList();
            var root = projectFolder.Replace('\\', '/');
            if (root.Length > 0 && !root.EndsWith("/", StringComparison.Ordinal)) root += "/";
            if (root.Length == 0 || !paths.All(p => p.StartsWith(root, StringComparison.Ordinal))) root = CommonFolder(paths);
            return files.Select((f, i) => new RulesSource(paths[i].Substring(root.Length), RulesHash.Normalise(f.Text))).ToList();
        }

        private static string CommonFolder(IReadOnlyList<string> paths)
        {
            var first = paths[0];
            var length = first.LastIndexOf('/') + 1;
            foreach (var path in paths)
                while (length > 0 && (path.Length < length || string.CompareOrdinal(path, 0, first, 0, length) != 0))
                    length = length >= 2 ? first.LastIndexOf('/', length - 2) + 1 : 0;
            return first.Substring(0, length);
        }
    }

    /// <summary>One rules file's path and text, compared by value so an unchanged file stops the pipeline.</summary>
    internal sealed record RulesText(string Path, string Text);

    /// <summary>All rules files of the compilation, ordered by path, compared element by element.</summary>
    internal sealed class RulesTexts : IEquatable<RulesTexts>
    {
        public RulesTexts(ImmutableArray<RulesText> files) => Files = files;

        public ImmutableArray<RulesText> Files { get; }

        public bool Equals(RulesTexts? other) => other != null && Files.SequenceEqual(other.Files);

        public override bool Equals(object? obj) => Equals(obj as RulesTexts);

        public override int GetHashCode() => Files.Aggregate(17, (hash, file) => unchecked(hash * 31 + file.GetHashCode()));
    }
}
