using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using AgreementRules.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// The .rules files of a compilation, read only through AdditionalFiles (filtered by extension,
    /// ordered by path), run once through the language's own pipeline (parse → check → coverage →
    /// compile → examples) and kept with the files' SourceTexts, so every analyzer of the compilation shares one result.
    /// </summary>
    internal sealed class RulesFiles
    {
        public const string Extension = ".rules";

        public static readonly RulesFiles None = new(ImmutableArray<(string, SourceText)>.Empty, Array.Empty<RulesDiagnostic>(), null, null);

        private RulesFiles(ImmutableArray<(string Path, SourceText Text)> files, IReadOnlyList<RulesDiagnostic> diagnostics, SymbolTable? vocabulary, RuleSet? ruleSet)
        {
            Files = files;
            Diagnostics = diagnostics;
            Vocabulary = vocabulary;
            RuleSet = ruleSet;
        }

        public ImmutableArray<(string Path, SourceText Text)> Files { get; }

        /// <summary>Every problem the language pipeline found in the files, errors and warnings.</summary>
        public IReadOnlyList<RulesDiagnostic> Diagnostics { get; }

        /// <summary>
        /// The declared activities, facts and types; null when there are no rules or a file has a
        /// syntax error (then a missing declaration would make correct host code look wrong; the
        /// syntax error itself fails the build).
        /// </summary>
        public SymbolTable? Vocabulary { get; }

        /// <summary>The compiled rules; null when they have errors. The source generator emits their C# from it.</summary>
        public RuleSet? RuleSet { get; }

        public bool IsEmpty => Files.IsEmpty;

        // Roslyn keeps one value per SourceText instance (weakly, for as long as the text lives): an unchanged
        // rules file in the IDE keeps its parse, and its set of files their check, across compilations.
        // Nothing is cached by content across texts, so no answer can come from another compilation's rules.
        private static readonly SourceTextValueProvider<ParsedText> Parses = new(_ => new ParsedText());

#pragma warning disable RS1012 // a helper that reads the start context; the calling analyzer registers the actions
        public static RulesFiles Load(CompilationStartAnalysisContext context)
#pragma warning restore RS1012
        {
            var files = ImmutableArray.CreateBuilder<(string, SourceText)>();
            foreach (var file in context.Options.AdditionalFiles
                         .Where(f => f.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
                         .OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var text = file.GetText(context.CancellationToken);
                files.Add((file.Path, text ?? SourceText.From("")));
            }
            if (files.Count == 0) return None;
            var set = files.ToImmutable();
            var parsed = set.Select(f => context.TryGetValue(f.Item2, Parses, out var value) ? value : new ParsedText()).ToList();
            // The first file's value also remembers the check of the last set it was part of, so every analyzer of
            // the compilation (and the next compilation with the very same texts) shares one check.
            return parsed[0].CheckedSet(set, () => Compute(set, parsed));
        }

        /// <summary>For tests and tools: the same pipeline over explicit files.</summary>
        public static RulesFiles FromTexts(IEnumerable<(string Path, string Text)> files)
        {
            var set = files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, SourceText.From(f.Text))).ToImmutableArray();
            return Compute(set, set.Select(_ => new ParsedText()).ToList());
        }

        private static RulesFiles Compute(ImmutableArray<(string Path, SourceText Text)> files, IReadOnlyList<ParsedText> parsed)
        {
            try
            {
                var sources = files.Select(f => new RulesSource(f.Path, f.Text.ToString())).ToList();
                var trees = sources.Select((source, i) => parsed[i].Parse(source)).ToList();
                var result = RulesCompiler.Compile(sources, trees, runExamples: true, EvaluationTiering.Default);
                return new RulesFiles(files, result.Diagnostics, VocabularyOf(result), result.HasErrors ? null : result.RuleSet);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The pipeline promises never to throw; if it does, say so in the first file rather than crash the build.
                var diagnostic = new RulesDiagnostic(RulesDiagnosticIds.Syntax, Severity.Error, new SourceSpan(files[0].Path, 0, 0, 1, 1),
                    $"internal error while checking the rules ({ex.GetType().Name}: {ex.Message}); please report this file");
                return new RulesFiles(files, new[] { diagnostic }, null, null);
            }
        }

        // Names, types or examples may be wrong, but when every declaration parsed the declared names are known.
        private static SymbolTable? VocabularyOf(RulesCompilationResult result) =>
            result.Diagnostics.Any(d => d.Id == RulesDiagnosticIds.Syntax || d.Id == RulesDiagnosticIds.NestingTooDeep) ? null : result.Model?.Symbols;

        /// <summary>
        /// What is kept for one rules file's SourceText: its parse per path (a diagnostic names the file, so the
        /// same text at two paths is two parses), and the check of the last set of files it came first in.
        /// </summary>
        private sealed class ParsedText
        {
            private readonly ConcurrentDictionary<string, RulesFile> byPath = new(StringComparer.Ordinal);
            private CheckedFiles? lastSet;

            public RulesFile Parse(RulesSource source) => byPath.GetOrAdd(source.Path, path => RulesParser.Parse(source.Text, path));

            public RulesFiles CheckedSet(ImmutableArray<(string Path, SourceText Text)> set, Func<RulesFiles> compute)
            {
                var current = Volatile.Read(ref lastSet); // analyzers start concurrently
                if (current == null || !current.IsFor(set))
                {
                    var fresh = new CheckedFiles(set, compute);
                    current = Interlocked.CompareExchange(ref lastSet, fresh, current) == current ? fresh : Volatile.Read(ref lastSet)!;
                    if (!current.IsFor(set)) current = fresh; // another set won the race: check this one on its own
                }
                return current.Value;
            }
        }

        /// <summary>One set of rules texts (by path and by SourceText instance) and its check, run once on first use.</summary>
        private sealed class CheckedFiles
        {
            private readonly ImmutableArray<(string Path, SourceText Text)> set;
            private readonly Lazy<RulesFiles> value;

            public CheckedFiles(ImmutableArray<(string Path, SourceText Text)> set, Func<RulesFiles> compute)
            {
                this.set = set;
                value = new Lazy<RulesFiles>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
            }

            public RulesFiles Value => value.Value;

            public bool IsFor(ImmutableArray<(string Path, SourceText Text)> other) =>
                other.Length == set.Length && other.Zip(set, (a, b) => string.Equals(a.Path, b.Path, StringComparison.Ordinal) && ReferenceEquals(a.Text, b.Text)).All(same => same);
        }

        /// <summary>Where a language diagnostic stands, as a location in its .rules file.</summary>
        public Location LocationOf(RulesDiagnostic diagnostic)
        {
            var span = diagnostic.Span;
            foreach (var (path, text) in Files)
            {
                if (!string.Equals(path, span.Path, StringComparison.Ordinal)) continue;
                var start = Math.Max(0, Math.Min(span.Start, text.Length));
                var end = Math.Max(start, Math.Min(span.Start + Math.Max(0, span.Length), text.Length));
                var startPosition = new LinePosition(Math.Max(0, span.Line - 1), Math.Max(0, span.Column - 1));
                var endPosition = text.Lines.GetLinePosition(end);
                if (endPosition < startPosition) endPosition = startPosition;
                return Location.Create(path, TextSpan.FromBounds(start, end), new LinePositionSpan(startPosition, endPosition));
            }
            return Location.Create(span.Path, new TextSpan(0, 0),
                new LinePositionSpan(new LinePosition(Math.Max(0, span.Line - 1), Math.Max(0, span.Column - 1)),
                    new LinePosition(Math.Max(0, span.Line - 1), Math.Max(0, span.Column - 1))));
        }

        public static string ListOrNone(IEnumerable<string> names)
        {
            var list = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
            return list.Count == 0 ? "(none)" : string.Join(", ", list);
        }
    }
}
