using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// What analyzers add to a build of real code, in process, for callgrind: compiles a project's C# sources (e.g.
    /// Newtonsoft.Json's <c>Src/Newtonsoft.Json</c>, with the net8.0 symbols of its project file and the net8.0
    /// reference pack) and gets every diagnostic a build would, the compiler's and the analyzers', <c>rounds</c>
    /// times, each on a fresh compilation of the same parsed trees. Run it under callgrind in each mode; the
    /// difference to mode <c>none</c> is what the analyzers cost (their callbacks, the analyzer driver, and the
    /// JIT of their code in the first round). Analyzer assemblies are loaded from a folder into a context of their own,
    /// as the compiler loads them, so the AgreementRules analyzers of another commit can be measured beside these.
    /// <code>
    /// analyzer-cost SOURCES none [rounds]
    /// analyzer-cost SOURCES agreement-rules ANALYZER_FOLDER [RULES_FOLDER] [rounds]   (folder: AgreementRules.Analyzers.dll, AgreementRules.dll, Sprache.dll)
    /// analyzer-cost SOURCES banned BANNED_API_FOLDER BANNED_SYMBOLS_TXT [rounds]     (folder: analyzers/dotnet/cs of the package)
    /// </code>
    /// Environment: ANALYZER_COST_REFERENCES (default: the NuGet cache's Microsoft.NETCore.App.Ref 8.0.31, ref/net8.0),
    /// ANALYZER_COST_FRAMEWORK (default net8.0: the DefineConstants of that framework in the project file are used),
    /// ANALYZER_COST_FILES (default all: the first n files in path order).
    /// </summary>
    public static class AnalyzerCost
    {
        public static int Run(string[] args)
        {
            if (args.Length < 2) return Usage();
            var sources = args[0];
            var mode = args[1];
            var rest = args.Skip(2).ToList();
            var rounds = rest.Count > 0 && int.TryParse(rest[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 1;
            if (rest.Count > 0 && int.TryParse(rest[^1], NumberStyles.None, CultureInfo.InvariantCulture, out _)) rest.RemoveAt(rest.Count - 1);

            ImmutableArray<DiagnosticAnalyzer> analyzers;
            ImmutableArray<AdditionalText> additional;
            switch (mode)
            {
                case "none" when rest.Count == 0:
                    analyzers = ImmutableArray<DiagnosticAnalyzer>.Empty;
                    additional = ImmutableArray<AdditionalText>.Empty;
                    break;
                case "agreement-rules" when rest.Count is 1 or 2:
                    analyzers = Load(rest[0], "AgreementRules.Analyzers.dll");
                    additional = rest.Count == 2
                        ? Directory.GetFiles(rest[1], "*.rules", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(File).ToImmutableArray()
                        : ImmutableArray<AdditionalText>.Empty;
                    break;
                case "banned" when rest.Count == 2:
                    analyzers = Load(rest[0], "Microsoft.CodeAnalysis.BannedApiAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll");
                    additional = ImmutableArray.Create(File(rest[1]));
                    break;
                default:
                    return Usage();
            }

            var trees = Parse(sources);
            var references = References();
            int total = 0, errors = 0, fromAnalyzers = 0;
            for (var round = 0; round < rounds; round++)
            {
                var compilation = CSharpCompilation.Create("Measured", trees, references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                ImmutableArray<Diagnostic> diagnostics;
                if (analyzers.IsEmpty) diagnostics = compilation.GetDiagnostics();
                else
                {
                    var withAnalyzers = compilation.WithAnalyzers(analyzers,
                        new CompilationWithAnalyzersOptions(new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
                    diagnostics = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                }
                var failed = diagnostics.FirstOrDefault(d => d.Id.StartsWith("AD", StringComparison.Ordinal));
                if (failed != null) throw new InvalidOperationException("an analyzer failed: " + failed);
                total = diagnostics.Length;
                errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
                fromAnalyzers = diagnostics.Count(d => !d.Id.StartsWith("CS", StringComparison.Ordinal));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode}: {trees.Length} files, {rounds} round(s), {analyzers.Length} analyzer(s), {additional.Length} additional file(s); last round: {total} diagnostics, {errors} errors, {fromAnalyzers} from the analyzers"));
            return 0;
        }

        private static int Usage()
        {
            Console.Error.WriteLine("usage: analyzer-cost SOURCES none [rounds] | agreement-rules ANALYZER_FOLDER [RULES_FOLDER] [rounds] | banned BANNED_API_FOLDER BANNED_SYMBOLS_TXT [rounds]");
            return 2;
        }

        /// <summary>The project's .cs files (bin/ and obj/ left out), parsed with its DefineConstants for the framework.</summary>
        private static SyntaxTree[] Parse(string folder)
        {
            var framework = Environment.GetEnvironmentVariable("ANALYZER_COST_FRAMEWORK") ?? "net8.0";
            // What the SDK defines for net8.0 (net6.0 and older frameworks are not measured).
            var symbols = new List<string> { "RELEASE", "NET", "NETCOREAPP", "NET8_0", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER",
                "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP2_1_OR_GREATER", "NETCOREAPP1_0_OR_GREATER", "NETCOREAPP1_1_OR_GREATER",
                "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER" };
            var project = Directory.GetFiles(folder, "*.csproj").FirstOrDefault();
            if (project != null)
            {
                var match = Regex.Match(System.IO.File.ReadAllText(project),
                    $@"<PropertyGroup Condition=""'\$\(TargetFramework\)'=='{Regex.Escape(framework)}'"">.*?<DefineConstants>(.*?)</DefineConstants>", RegexOptions.Singleline);
                if (match.Success) symbols.AddRange(match.Groups[1].Value.Split(';').Where(s => s.Length > 0 && !s.StartsWith("$(", StringComparison.Ordinal)));
            }
            // Newtonsoft.Json's LangVersion.
            var options = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: symbols.Distinct());
            // ANALYZER_COST_FILES=n: the first n files only (callgrind on a loaded machine; an analyzer that returns at its
            // compilation start costs the same on any number of files).
            var limit = int.TryParse(Environment.GetEnvironmentVariable("ANALYZER_COST_FILES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
            return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Take(limit)
                .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(System.IO.File.ReadAllText(f)), options, f))
                .ToArray();
        }

        private static MetadataReference[] References()
        {
            var folder = Environment.GetEnvironmentVariable("ANALYZER_COST_REFERENCES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "microsoft.netcore.app.ref", "8.0.31", "ref", "net8.0");
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"reference assemblies not found in {folder}: set ANALYZER_COST_REFERENCES");
            return Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToArray();
        }

        /// <summary>The analyzers of the named assemblies of a folder, loaded in a context of their own (its other assemblies resolve from the folder, Roslyn from this process).</summary>
        private static ImmutableArray<DiagnosticAnalyzer> Load(string folder, params string[] assemblies)
        {
            var context = new FolderLoadContext(Path.GetFullPath(folder));
            return assemblies
                .Select(a => context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(folder), a)))
                .SelectMany(LoadableTypes)
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                            && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(x => x.Languages.Contains(LanguageNames.CSharp)))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
        }

        /// <summary>The types that load: a package's code fixes need Workspaces, which a compiler does not load either.</summary>
        private static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try { return assembly.GetTypes(); }
            catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
        }

        private static AdditionalText File(string path) => new AnalyzerScaling.RulesText(Path.GetFullPath(path), System.IO.File.ReadAllText(path));

        private sealed class FolderLoadContext : AssemblyLoadContext
        {
            private readonly string folder;
            public FolderLoadContext(string folder) : base("analyzers from " + folder) => this.folder = folder;

            protected override Assembly? Load(AssemblyName name)
            {
                // Roslyn itself comes from the host, as in the compiler; everything else the analyzers bring.
                if (name.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !System.IO.File.Exists(Path.Combine(folder, name.Name + ".dll"))) return null;
                if (name.Name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp") return null;
                var path = Path.Combine(folder, name.Name + ".dll");
                return System.IO.File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
