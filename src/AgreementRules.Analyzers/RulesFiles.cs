using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using AgreementRules.Compilation;
using AgreementRules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// The .rules files of a compilation, read only through AdditionalFiles (filtered by extension,
    /// ordered by path), run once through the language's own pipeline (parse → check → coverage →
    /// compile → examples) and cached, so every analyzer of the compilation shares one result.
    /// </summary>
    internal sealed class RulesFiles
    {
        public const string Extension = ".rules";

        public static readonly RulesFiles None = new(ImmutableArray<(string, SourceText)>.Empty, Array.Empty<RulesDiagnostic>(), null);

        private RulesFiles(ImmutableArray<(string Path, SourceText Text)> files, IReadOnlyList<RulesDiagnostic> diagnostics, SymbolTable? vocabulary)
        {
            Files = files;
            Diagnostics = diagnostics;
            Vocabulary = vocabulary;
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

        public bool IsEmpty => Files.IsEmpty;

        // One key for all the files (path and text of each), so one cached value serves every analyzer of
        // a compilation; the provider compares keys by content.
        private static readonly SourceTextValueProvider<RulesFiles> Provider = new(Compute);

        // The provider caches per SourceText instance across compilations, and the key is new each time:
        // remember the last result by content so the IDE does not re-check unchanged rules on each keystroke.
        private static Remembered? last;

        private sealed class Remembered
        {
            public Remembered(string key, RulesFiles value) { Key = key; Value = value; }
            public string Key { get; }
            public RulesFiles Value { get; }
        }

#pragma warning disable RS1012 // a helper that reads the start context; the calling analyzer registers the actions
        public static RulesFiles Load(CompilationStartAnalysisContext context)
#pragma warning restore RS1012
        {
            var files = new List<(string, SourceText)>();
            foreach (var file in context.Options.AdditionalFiles
                         .Where(f => f.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
                         .OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var text = file.GetText(context.CancellationToken);
                files.Add((file.Path, text ?? SourceText.From("")));
            }
            if (files.Count == 0) return None;

            var key = Encode(files);
            var remembered = last; // one reference read: analyzers run concurrently
            if (remembered != null && string.Equals(remembered.Key, key, StringComparison.Ordinal)) return remembered.Value;

            if (!context.TryGetValue(SourceText.From(key, Encoding.UTF8), Provider, out var value))
                value = Compute(SourceText.From(key, Encoding.UTF8));
            last = new Remembered(key, value);
            return value;
        }

        /// <summary>For tests and tools: the same pipeline over explicit files.</summary>
        public static RulesFiles FromTexts(IEnumerable<(string Path, string Text)> files) =>
            Compute(SourceText.From(Encode(files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, SourceText.From(f.Text))).ToList())));

        // Each file as "<length>:<path><length>:<text>", so any character may appear in a path or text.
        private static string Encode(IReadOnlyList<(string Path, SourceText Text)> files)
        {
            var builder = new StringBuilder();
            foreach (var (path, text) in files)
            {
                var content = text.ToString();
                builder.Append(path.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(path);
                builder.Append(content.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(content);
            }
            return builder.ToString();
        }

        private static List<(string Path, string Text)> Decode(string key)
        {
            var files = new List<(string, string)>();
            var i = 0;
            while (i < key.Length)
            {
                var path = ReadField(key, ref i);
                var text = ReadField(key, ref i);
                files.Add((path, text));
            }
            return files;
        }

        private static string ReadField(string key, ref int i)
        {
            var colon = key.IndexOf(':', i);
            var length = int.Parse(key.Substring(i, colon - i), CultureInfo.InvariantCulture);
            var value = key.Substring(colon + 1, length);
            i = colon + 1 + length;
            return value;
        }

        private static RulesFiles Compute(SourceText key)
        {
            var decoded = Decode(key.ToString());
            var files = decoded.Select(f => (f.Path, SourceText.From(f.Text))).ToImmutableArray();
            try
            {
                var result = RulesCompiler.Compile(decoded.Select(f => new RulesSource(f.Path, f.Text)).ToList());
                return new RulesFiles(files, result.Diagnostics, VocabularyOf(result));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The pipeline promises never to throw; if it does, say so in the first file rather than crash the build.
                var diagnostic = new RulesDiagnostic(RulesDiagnosticIds.Syntax, Severity.Error, new SourceSpan(decoded[0].Path, 0, 0, 1, 1),
                    $"internal error while checking the rules ({ex.GetType().Name}: {ex.Message}); please report this file");
                return new RulesFiles(files, new[] { diagnostic }, null);
            }
        }

        private static SymbolTable? VocabularyOf(RulesCompilationResult result)
        {
            if (result.RuleSet != null) return result.RuleSet.Model.Symbols;
            if (result.Diagnostics.Any(d => d.Id == RulesDiagnosticIds.Syntax || d.Id == RulesDiagnosticIds.NestingTooDeep)) return null;
            // Names, types or examples are wrong but every declaration parsed: the declared names are known.
            return Checker.Check(result.Files).model.Symbols;
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
