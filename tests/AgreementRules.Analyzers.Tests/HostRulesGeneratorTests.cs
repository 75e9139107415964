using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AgreementRules.Analyzers.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// The source generator compiles the project's rules into the host assembly (issue 15): the generated rule set
    /// decides as <see cref="RuleSet.Load"/> of the same files and carries their hash; the typed requests refuse a
    /// misspelt fact or a wrong unit at compile time; broken rules generate nothing; editing C# re-runs nothing.
    /// </summary>
    public class HostRulesGeneratorTests
    {
        private const string ProjectFolder = "/work/Host/";

        private const string Agreement = "agreement T-1 {\r\n  title \"Test\"\r\n  parties JP, US\r\n}\r\nrule r cites \"A\" on store then permitted\r\n";
        private const string Vocabulary = "type party = enum { JP, US }\r\nactivity store\r\n";

        private static readonly CSharpParseOptions Latest = new(LanguageVersion.Latest);

        [Fact]
        public void Generated_rule_set_decides_as_RuleSet_Load_of_the_same_files_and_carries_their_hash()
        {
            var rules = ShippedRules();
            var assembly = Load(Compile("public static class Probe { }", rules));
            var hostRules = assembly.GetType("AgreementRules.Generated.HostRules", throwOnError: true)!;
            var generated = (RuleSet)hostRules.GetProperty("RuleSet")!.GetValue(null)!;
            var loaded = RuleSet.Load(Path.Combine(RepoRoot(), "rules"));

            Assert.Equal(loaded.RulesSha256, generated.RulesSha256);
            Assert.Equal(loaded.RulesSha256, hostRules.GetField("RulesSha256")!.GetRawConstantValue());
            Assert.Equal(loaded.RulesSha256, assembly.GetCustomAttribute<RulesSha256Attribute>()!.Value);
            Assert.Same(generated, hostRules.GetProperty("RuleSet")!.GetValue(null)); // built once
            Assert.True(HasEmitted(generated), "the generated rule set should decide through the emitted C# first");
            Assert.False(HasEmitted(loaded));

            var answeredByEmitted = 0;
            foreach (var (activity, evidence) in DocumentedRequests())
            {
                var expected = loaded.Evaluate(activity, evidence);
                var actual = generated.Evaluate(activity, evidence);
                Assert.Equal(expected.Outcome, actual.Outcome);
                Assert.Equal(expected.Citations, actual.Citations);
                Assert.Equal(expected.Missing, actual.Missing);
                Assert.Equal(expected.Trace, actual.Trace);
                Assert.Equal(loaded.RulesSha256, actual.RulesSha256);
                if (EmittedAnswers(generated, activity, evidence)) answeredByEmitted++;
            }
            // Otherwise the comparison above would only compare the rule set's own path with itself.
            Assert.True(answeredByEmitted > 0, "the emitted C# answered none of the requests");
        }

        [Fact]
        public void Rules_free_of_errors_get_the_emitted_class_attached_and_the_host_compiles_without_diagnostics()
        {
            var compilation = Compile("public static class Probe { public static AgreementRules.RuleSet R() => AgreementRules.Generated.HostRules.RuleSet; }", ShippedRules());
            Assert.Empty(compilation.GetDiagnostics()); // not even hidden or info ones from the generated code
            var source = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith(HostRulesGenerator.HintName, StringComparison.Ordinal)).ToString();
            Assert.Contains($"internal sealed class {HostRulesWriter.EmittedClassName} : global::AgreementRules.EmittedRules", source);
            Assert.Contains($".WithEmitted(new {HostRulesWriter.EmittedClassName}());", source);
            var emitted = compilation.GetTypeByMetadataName("AgreementRules.Generated." + HostRulesWriter.EmittedClassName);
            Assert.NotNull(emitted);
            Assert.Equal(Accessibility.Internal, emitted!.DeclaredAccessibility);
        }

        // The test project sees the analyzers' internals but not the runtime's: read the runtime's test hooks by name.
        private static bool HasEmitted(RuleSet rules) =>
            (bool)typeof(RuleSet).GetProperty("HasEmitted", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(rules)!;

        private static bool EmittedAnswers(RuleSet rules, Activity activity, Evidence evidence) =>
            (bool)typeof(RuleSet).GetMethod("EmittedAnswers", BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(rules, new object[] { activity, evidence })!;

        [Fact]
        public void Generated_code_compiles_cleanly_as_CSharp_7_3_without_nullable_annotations()
        {
            // C# 7.3 is what a netstandard2.0 or .NET Framework project compiles with by default.
            var compilation = Compile("public static class Probe { public static AgreementRules.Activity A() => AgreementRules.Generated.HostRules.Activities.Store(); }",
                ShippedRules(), parse: new CSharpParseOptions(LanguageVersion.CSharp7_3));
            Assert.Contains(compilation.SyntaxTrees, t => t.FilePath.EndsWith(HostRulesGenerator.HintName, StringComparison.Ordinal));
        }

        [Fact]
        public void Embedded_paths_are_relative_to_the_project_and_texts_normalised()
        {
            var rules = new[] { (ProjectFolder + "rules/b.rules", Vocabulary), (ProjectFolder + "rules/a.rules", "\uFEFF" + Agreement) };
            var source = Generated(rules);
            Assert.Contains("new global::AgreementRules.RulesSource(\"rules/a.rules\", " + CSharpNames.Literal(Agreement.Replace("\r\n", "\n")) + ")", source);
            Assert.Contains("new global::AgreementRules.RulesSource(\"rules/b.rules\", " + CSharpNames.Literal(Vocabulary.Replace("\r\n", "\n")) + ")", source);
            Assert.DoesNotContain(ProjectFolder, source);
            Assert.DoesNotContain("\\r", source);
            // The same files with LF endings and no byte-order mark hash the same: the hash is of the normalised texts.
            var expected = RulesHash.Compute(new[] { new RulesSource("x", Vocabulary.Replace("\r\n", "\n")), new RulesSource("y", Agreement.Replace("\r\n", "\n")) });
            Assert.Contains($"public const string RulesSha256 = \"{expected}\";", source);
        }

        [Fact]
        public void Rules_outside_the_project_are_named_from_their_common_folder()
        {
            var source = Generated(new[] { ("/shared/agreements/rules/v.rules", Vocabulary), ("/shared/agreements/rules/jp/r.rules", Agreement) });
            Assert.Contains("RulesSource(\"jp/r.rules\"", source);
            Assert.Contains("RulesSource(\"v.rules\"", source);
        }

        [Fact]
        public void Typed_requests_decide_as_the_string_API()
        {
            const string Host = """
                using AgreementRules;
                using AgreementRules.Generated;
                public static class Probe
                {
                    public static Activity Typed() => HostRules.Activities.Reprocess()
                        .WithAgreements(HostRules.Agreement.JP_US_1988).WithMaterial(HostRules.Material.Plutonium).WithIrradiated(true)
                        .WithQuantity(Mass.FromKilograms(1.5)).WithSupplier(HostRules.Party.US).WithFrom("JP")
                        .WithAssurances(HostRules.Assurances.PeacefulUse, HostRules.Assurances.IaeaSafeguards).WithEnrichment(new Percent(3.5));
                    public static Activity Strings() => Activity.Create("reprocess")
                        .With("agreements", new[] { "JP-US-1988" }).With("material", "plutonium").With("irradiated", true)
                        .With("quantity", 1500.0).With("supplier", "US").With("from", "JP")
                        .With("assurances", new[] { "peaceful-use", "iaea-safeguards" }).With("enrichment", 3.5);
                }
                """;
            var probe = Load(Compile(Host, ShippedRules())).GetType("Probe", throwOnError: true)!;
            var typed = (Activity)probe.GetMethod("Typed")!.Invoke(null, null)!;
            var strings = (Activity)probe.GetMethod("Strings")!.Invoke(null, null)!;
            Assert.Equal(strings.ToString(), typed.ToString());
            var rules = RuleSet.Load(Path.Combine(RepoRoot(), "rules"));
            Assert.Equal(rules.Evaluate(strings).Outcome, rules.Evaluate(typed).Outcome);
        }

        [Fact]
        public void Typed_requests_give_facts_typed_through_named_types_in_their_declared_unit()
        {
            // The table every path that reads a fact's unit is tested on (AgreementRules.Tests, NamedTypeUnitTests).
            var cases = AgreementRules.Tests.Language.NamedTypeUnitCases.Cases;
            string Typed(AgreementRules.Tests.Language.NamedTypeUnitCases.UnitCase c)
            {
                var activity = $"HostRules.Activities.{CSharpNames.Pascal(c.Fact.Activity)}()";
                if (c.Given is not { } given) return activity;
                var number = AgreementRules.Tests.Language.NamedTypeUnitCases.Number(given);
                var value = c.Fact.Unit switch { "kg" => $"Mass.FromKilograms({number})", "g" => $"Mass.FromGrams({number})", _ => $"new Percent({number})" };
                return $"{activity}.With{CSharpNames.Pascal(c.Fact.Name)}({value})";
            }
            var host = "using AgreementRules; using AgreementRules.Generated; public static class Probe { public static Activity[] Typed() => new[] { " +
                       string.Join(", ", cases.Select(Typed)) + " }; }";
            var assembly = Load(Compile(host, new[] { (ProjectFolder + "rules/units.rules", AgreementRules.Tests.Language.NamedTypeUnitCases.Rules()) }));
            var typed = (Activity[])assembly.GetType("Probe", throwOnError: true)!.GetMethod("Typed")!.Invoke(null, null)!;
            var generated = (RuleSet)assembly.GetType("AgreementRules.Generated.HostRules", throwOnError: true)!.GetProperty("RuleSet")!.GetValue(null)!;
            // Handed to the string API in the fact's declared unit (a kg fact in kilograms), and decided as the table says.
            Assert.Equal(cases.Select(c => AgreementRules.Tests.Language.NamedTypeUnitCases.Request(c).ToString()), typed.Select(a => a.ToString()));
            Assert.Equal(cases.Select(c => $"{c}: {c.Expected}"), cases.Select((c, i) => $"{c}: {generated.Evaluate(typed[i]).Outcome}"));
        }

        [Theory]
        [InlineData("HostRules.Activities.Enrich().WithQuantity(new Percent(5))", "CS1503")]          // a percentage passed as a mass
        [InlineData("HostRules.Activities.Enrich().WithEnrichment(Mass.FromGrams(5))", "CS1503")]     // a mass passed as a percentage
        [InlineData("HostRules.Activities.Enrich().WithEnrichment(5.0)", "CS1503")]                   // a bare number for a percentage
        [InlineData("HostRules.Activities.Enrich().WithEnrichmnt(new Percent(5))", "CS1061")]         // a misspelt fact
        [InlineData("HostRules.Activities.Enrichment()", "CS0117")]                                    // an undeclared activity
        [InlineData("HostRules.Activities.Store().WithMaterial(\"plutonium\")", "CS1503")]            // an enum fact given a text
        [InlineData("HostRules.Activities.Store().WithSupplier(HostRules.Material.Uranium)", "CS1503")] // a value of another enum
        public void Wrong_typed_requests_do_not_compile(string expression, string error)
        {
            var compilation = Compile($"using AgreementRules.Generated; public static class Probe {{ public static AgreementRules.Activity A() => {expression}; }}", ShippedRules(), allowErrors: true);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToList();
            Assert.Equal(new[] { error }, errors);
        }

        [Fact]
        public void An_undefined_enum_value_is_refused_with_its_fact()
        {
            var probe = Load(Compile("using AgreementRules.Generated; public static class Probe { public static AgreementRules.Activity A() => HostRules.Activities.Store().WithMaterial((HostRules.Material)99); }", ShippedRules()))
                .GetType("Probe", throwOnError: true)!;
            var thrown = Assert.Throws<TargetInvocationException>(() => probe.GetMethod("A")!.Invoke(null, null));
            var refused = Assert.IsType<ArgumentOutOfRangeException>(thrown.InnerException);
            Assert.Contains("not a value of 'material'", refused.Message);
        }

        [Fact]
        public void Rules_that_do_not_parse_give_a_rule_set_that_throws_their_errors_and_report_nothing()
        {
            var rules = new[] { (ProjectFolder + "rules/v.rules", Vocabulary), (ProjectFolder + "rules/r.rules", Agreement.Replace("permitted", "permited")) };
            var (result, output) = Run(rules, "public static class Probe { public static AgreementRules.RuleSet Rules() => AgreementRules.Generated.HostRules.RuleSet; }");
            Assert.Empty(result.Diagnostics); // the analyzers report AGR0001; the generator adds no second report
            // Host code that names only the rule set still compiles, so the compiler goes on to report the analyzers' AGR0001.
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.DoesNotContain("class Activities", result.Results.Single().GeneratedSources.Single().SourceText.ToString());
            Assert.DoesNotContain(HostRulesWriter.EmittedClassName, result.Results.Single().GeneratedSources.Single().SourceText.ToString());
            var refused = Refused(output);
            Assert.Equal(new[] { "AGR0001" }, refused.Diagnostics.Select(d => d.Id).Distinct());
            Assert.All(refused.Diagnostics, d => Assert.Equal("rules/r.rules", d.Span.Path));
        }

        [Fact]
        public void Rules_whose_examples_fail_keep_their_typed_requests_and_throw_instead_of_deciding()
        {
            var rules = new[] { (ProjectFolder + "rules/v.rules", Vocabulary), (ProjectFolder + "rules/r.rules", Agreement.Replace("permitted", "prohibited") + "example \"e\" {\n  store\n  expect permitted\n}\n") };
            var (result, output) = Run(rules, "public static class Probe { public static AgreementRules.Activity A() => AgreementRules.Generated.HostRules.Activities.Store(); }");
            Assert.Empty(result.Diagnostics);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.DoesNotContain(HostRulesWriter.EmittedClassName, result.Results.Single().GeneratedSources.Single().SourceText.ToString());
            var refused = Refused(output);
            Assert.Equal(new[] { "AGR0010" }, refused.Diagnostics.Select(d => d.Id));
            Assert.Equal(("rules/r.rules", 6), (refused.Diagnostics[0].Span.Path, refused.Diagnostics[0].Span.Line));
        }

        private static RulesException Refused(Microsoft.CodeAnalysis.Compilation output)
        {
            var hostRules = Load(output).GetType("AgreementRules.Generated.HostRules", throwOnError: true)!;
            var thrown = Assert.Throws<TargetInvocationException>(() => hostRules.GetProperty("RuleSet")!.GetValue(null));
            return Assert.IsType<RulesException>(thrown.InnerException);
        }

        [Fact]
        public void Without_rules_or_without_the_runtime_nothing_is_generated()
        {
            Assert.Empty(Run(Array.Empty<(string, string)>(), "public static class Probe { }").Result.Results.Single().GeneratedSources);
            Assert.Empty(Run(ShippedRules(), "public static class Probe { }", withRuntime: false).Result.Results.Single().GeneratedSources);
        }

        [Fact]
        public void Editing_a_cs_file_reruns_no_step_and_editing_a_rules_file_does()
        {
            var rules = AsTexts(ShippedRules()).ToList();
            var tree = CSharpSyntaxTree.ParseText("public static class Probe { }", Latest, path: ProjectFolder + "Probe.cs");
            var compilation = CreateCompilation(new[] { tree }, withRuntime: true);
            GeneratorDriver driver = Driver(rules);
            driver = driver.RunGenerators(compilation);
            var first = driver.GetRunResult().Results.Single();
            Assert.Contains(HostRulesWriter.EmittedClassName, Assert.Single(first.GeneratedSources).SourceText.ToString());

            var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("public static class Probe { public static int X; }", Latest, path: ProjectFolder + "Probe.cs"));
            driver = driver.RunGenerators(edited);
            var second = driver.GetRunResult().Results.Single();
            foreach (var step in new[] { HostRulesGenerator.RulesTextsStep, HostRulesGenerator.HostSourceStep })
                Assert.All(second.TrackedSteps[step].SelectMany(s => s.Outputs), output =>
                    Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}"));
            Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {output.Reason}"));
            Assert.Equal(first.GeneratedSources.Single().SourceText.ToString(), second.GeneratedSources.Single().SourceText.ToString());

            // A changed rule is new work: the texts and the source are Modified, and the hash in the output changes.
            var before = second.GeneratedSources.Single().SourceText.ToString();
            var vocabulary = rules.Single(r => r.Path.EndsWith("vocabulary.rules", StringComparison.Ordinal));
            driver = driver.ReplaceAdditionalText(vocabulary, new InMemoryText(vocabulary.Path, vocabulary.GetText()!.ToString() + "\nactivity melt \"melt\"\n"));
            driver = driver.RunGenerators(edited);
            var third = driver.GetRunResult().Results.Single();
            Assert.Contains(third.TrackedSteps[HostRulesGenerator.HostSourceStep].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
            var changed = third.GeneratedSources.Single().SourceText.ToString();
            Assert.Contains("Melt()", changed);
            Assert.NotEqual(HashIn(before), HashIn(changed));
        }

        [Fact]
        public void Analyzers_follow_a_typed_request_as_a_guard()
        {
            const string Host = """
                using AgreementRules;
                using AgreementRules.Generated;
                public class Cascade { [Regulated("enrich")] public void Run() { } }
                public static class Probe
                {
                    public static void Guarded(Cascade cascade)
                    {
                        var decision = HostRules.RuleSet.Evaluate(HostRules.Activities.Enrich().WithEnrichment(new Percent(5)).WithMaterial(HostRules.Material.Uranium));
                        if (decision.IsPermitted) cascade.Run();
                    }
                    public static void ForAnotherActivity(Cascade cascade)
                    {
                        var decision = HostRules.RuleSet.Evaluate(HostRules.Activities.Store());
                        if (decision.IsPermitted) cascade.Run();
                    }
                }
                """;
            var reported = GuardDiagnostics(Host);
            // Only the call under a decision about 'store' is reported; the typed 'enrich' request guards its call.
            Assert.Equal(new[] { "AGR1001 line 14" }, reported);
        }

        /// <summary>
        /// A known limit, on the safe side: AGR1020 follows no fact through a generated helper (neither through
        /// <c>WithEnrichment(new Percent(level))</c> nor through a string With on <c>HostRules.Activities.Enrich()</c>),
        /// so a request for a member with [ActivityFact] parameters fails the build unless written with the string API.
        /// </summary>
        [Fact]
        public void Facts_that_a_regulated_member_takes_as_parameters_are_followed_through_the_string_API_only()
        {
            const string Host = """
                using AgreementRules;
                using AgreementRules.Generated;
                public class Cascade { [Regulated("enrich")] public void Run([ActivityFact("enrichment")] double level) { } }
                public static class Probe
                {
                    public static void Typed(Cascade cascade, double level)
                    {
                        var decision = HostRules.RuleSet.Evaluate(HostRules.Activities.Enrich().WithEnrichment(new Percent(level)));
                        if (decision.IsPermitted) cascade.Run(level);
                    }
                    public static void TypedActivityStringFact(Cascade cascade, double level)
                    {
                        var decision = HostRules.RuleSet.Evaluate(HostRules.Activities.Enrich().With("enrichment", level));
                        if (decision.IsPermitted) cascade.Run(level);
                    }
                    public static void Other(Cascade cascade, double level)
                    {
                        var decision = HostRules.RuleSet.Evaluate(Activity.Create("enrich").With("enrichment", 4.0));
                        if (decision.IsPermitted) cascade.Run(level);
                    }
                    public static void StringApi(Cascade cascade, double level)
                    {
                        var decision = HostRules.RuleSet.Evaluate(Activity.Create("enrich").With("enrichment", level));
                        if (decision.IsPermitted) cascade.Run(level);
                    }
                }
                """;
            Assert.Equal(new[] { "AGR1020 line 9", "AGR1020 line 14", "AGR1020 line 19" }, GuardDiagnostics(Host));
        }

        private static List<string> GuardDiagnostics(string host)
        {
            var compilation = Compile(host, ShippedRules());
            var options = new AnalyzerOptions(ShippedRules().Select(r => (AdditionalText)new InMemoryText(r.Path, r.Text)).ToImmutableArray());
            return compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new UnguardedRegulatedUseAnalyzer()), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
                .Where(d => d.Id.StartsWith("AGR", StringComparison.Ordinal))
                .OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => $"{d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line + 1}")
                .ToList();
        }

        private static string HashIn(string source) =>
            source.Split('\n').Single(l => l.StartsWith("// rules_sha256: ", StringComparison.Ordinal));

        private static CSharpGeneratorDriver Driver(IEnumerable<AdditionalText> rules, CSharpParseOptions? parse = null) =>
            CSharpGeneratorDriver.Create(new[] { new HostRulesGenerator().AsSourceGenerator() }, rules, parse ?? Latest, new ProjectOptions(),
                new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        private static IEnumerable<AdditionalText> AsTexts(IEnumerable<(string Path, string Text)> rules) =>
            rules.Select(r => (AdditionalText)new InMemoryText(r.Path, r.Text)).ToList();

        private static (GeneratorDriverRunResult Result, Microsoft.CodeAnalysis.Compilation Output) Run(IEnumerable<(string Path, string Text)> rules, string source,
            bool withRuntime = true, CSharpParseOptions? parse = null)
        {
            parse ??= Latest;
            var compilation = CreateCompilation(new[] { CSharpSyntaxTree.ParseText(source, parse, path: ProjectFolder + "Probe.cs") }, withRuntime,
                parse.LanguageVersion >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable);
            var driver = Driver(AsTexts(rules), parse).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            return (driver.GetRunResult(), output);
        }

        private static string Generated(IEnumerable<(string Path, string Text)> rules) =>
            Run(rules, "public static class Probe { }").Result.Results.Single().GeneratedSources.Single().SourceText.ToString();

        /// <summary>The host code with the generated source, as the build compiles it; throws on any error unless they are the point.</summary>
        private static Microsoft.CodeAnalysis.Compilation Compile(string source, IEnumerable<(string Path, string Text)> rules, bool allowErrors = false, CSharpParseOptions? parse = null)
        {
            var (result, output) = Run(rules, source, parse: parse);
            Assert.Single(result.Results.Single().GeneratedSources);
            if (!allowErrors)
            {
                var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
                Assert.True(problems.Count == 0, "the generated host does not compile cleanly: " + string.Join("; ", problems));
            }
            return output;
        }

        private static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees, bool withRuntime, NullableContextOptions nullable = NullableContextOptions.Enable) =>
            CSharpCompilation.Create("Host" + Guid.NewGuid().ToString("N"), trees,
                withRuntime ? References.Framework.Add(MetadataReference.CreateFromFile(typeof(RuleSet).Assembly.Location)) : References.Framework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));

        private static Assembly Load(Microsoft.CodeAnalysis.Compilation compilation)
        {
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("; ", emitted.Diagnostics));
            return Assembly.Load(image.ToArray());
        }

        private static List<(string Path, string Text)> ShippedRules() =>
            Directory.GetFiles(Path.Combine(RepoRoot(), "rules"), "*.rules")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (ProjectFolder + "rules/" + Path.GetFileName(p), File.ReadAllText(p)))
                .ToList();

        /// <summary>The requests docs/getting-started.md and the sample make, and a few around them.</summary>
        private static IEnumerable<(Activity, Evidence)> DocumentedRequests()
        {
            var jpUs = new[] { "JP-US-1988" };
            yield return (Activity.Create("reprocess").With("agreements", jpUs).With("material", "plutonium").With("irradiated", true),
                Evidence.None.WithConsent("JP").WithConsent("US"));
            yield return (Activity.Create("reprocess").With("agreements", jpUs).With("material", "plutonium").With("irradiated", true), Evidence.None);
            yield return (Activity.Create("enrich").With("agreements", jpUs).With("material", "uranium").With("enrichment", 5.0), Evidence.None);
            yield return (Activity.Create("enrich").With("agreements", jpUs).With("material", "uranium").With("enrichment", 93.0), Evidence.None);
            yield return (Activity.Create("store").With("agreements", jpUs).With("material", "plutonium").With("quantity", 1000.0), Evidence.None);
            yield return (Activity.Create("transfer"), Evidence.None);
        }

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgreementRules.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("AgreementRules.sln not found above the test folder");
        }

        private sealed class InMemoryText(string path, string text) : AdditionalText
        {
            private readonly SourceText source = SourceText.From(text);
            public override string Path => path;
            public override SourceText GetText(CancellationToken cancellationToken = default) => source;
        }

        /// <summary>What MSBuild gives the compiler for a project in <see cref="ProjectFolder"/>.</summary>
        private sealed class ProjectOptions : AnalyzerConfigOptionsProvider
        {
            public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string> { ["build_property.projectdir"] = ProjectFolder });
            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());
            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());

            private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
            {
                public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
            }
        }
    }
}
