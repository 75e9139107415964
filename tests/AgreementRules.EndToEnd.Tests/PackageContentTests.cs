using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// What users download, checked the way Meziantou's validate_nuget does: exactly the runtime in lib/, the
    /// analyzers with every assembly they load in analyzers/dotnet/cs/, the props, the README and the license
    /// expression, and analyzer assemblies a compiler with Roslyn 4.8 can load.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public class PackageContentTests(PackageFixture package)
    {
        /// <summary>Assemblies the compiler or the IDE provides to analyzers: never shipped in the package.</summary>
        private static bool ProvidedByTheHost(string assembly) =>
            assembly is "netstandard" or "mscorlib" ||
            assembly.StartsWith("System.", StringComparison.Ordinal) ||
            assembly.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal);

        /// <summary>The newest Roslyn the analyzers may be built against: a compiler older than that will not load them.</summary>
        private static readonly Version NewestRoslyn = new(4, 8, 0, 0);

        private string[] Entries(string folder)
        {
            using var zip = ZipFile.OpenRead(package.Package);
            return zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith(folder)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        private byte[] Bytes(string entry)
        {
            using var zip = ZipFile.OpenRead(package.Package);
            using var stream = zip.GetEntry(entry)?.Open() ?? throw new Xunit.Sdk.XunitException($"the package has no {entry}");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        private string Text(string entry) => new StreamReader(new MemoryStream(Bytes(entry))).ReadToEnd();

        private string RepositoryText(params string[] path) => File.ReadAllText(Path.Combine(new[] { package.RepoRoot }.Concat(path).ToArray()));

        private XElement Metadata()
        {
            var nuspec = XDocument.Parse(Text("AgreementRules.nuspec"));
            return nuspec.Root!.Element(nuspec.Root.Name.Namespace + "metadata")!;
        }

        private static string? Value(XElement metadata, string name) => metadata.Element(metadata.Name.Namespace + name)?.Value;

        [Fact]
        public void Package_holds_exactly_these_files()
        {
            // Besides NuGet's own bookkeeping (_rels/, [Content_Types].xml, package/services/).
            var files = Entries("").Where(n => !n.StartsWith("_rels/") && n != "[Content_Types].xml" && !n.StartsWith("package/services/"));
            Assert.Equal(new[]
            {
                "AgreementRules.nuspec",
                "README.md",
                "analyzers/dotnet/cs/AgreementRules.Analyzers.dll",
                "analyzers/dotnet/cs/AgreementRules.CodeFixes.dll",
                "analyzers/dotnet/cs/AgreementRules.dll",
                "analyzers/dotnet/cs/Sprache.dll",
                "build/AgreementRules.ReportCallSites.globalconfig",
                "build/AgreementRules.props",
                "build/AgreementRules.targets",
                "buildTransitive/AgreementRules.ReportCallSites.globalconfig",
                "buildTransitive/AgreementRules.props",
                "buildTransitive/AgreementRules.targets",
                "lib/netstandard2.0/AgreementRules.dll",
                "lib/netstandard2.0/AgreementRules.xml",
            }, files);
        }

        [Fact]
        public void Analyzers_folder_holds_the_analyzers_and_everything_they_load()
        {
            Assert.Equal(new[]
            {
                "analyzers/dotnet/cs/AgreementRules.Analyzers.dll",
                "analyzers/dotnet/cs/AgreementRules.CodeFixes.dll",
                "analyzers/dotnet/cs/AgreementRules.dll",
                "analyzers/dotnet/cs/Sprache.dll",
            }, Entries("analyzers/"));
        }

        [Fact]
        public void Lib_folder_holds_the_runtime_and_its_documentation_only() =>
            Assert.Equal(new[] { "lib/netstandard2.0/AgreementRules.dll", "lib/netstandard2.0/AgreementRules.xml" }, Entries("lib/"));

        /// <summary>What IntelliSense shows on the API a host uses: a summary for each, from the XML beside the dll.</summary>
        [Theory]
        [InlineData("T:AgreementRules.RuleSet")]
        [InlineData("M:AgreementRules.RuleSet.Load(System.String)")]
        [InlineData("M:AgreementRules.RuleSet.Evaluate(AgreementRules.Activity)")]
        [InlineData("M:AgreementRules.RuleSet.Evaluate(AgreementRules.Activity,AgreementRules.Evidence)")]
        [InlineData("P:AgreementRules.RuleSet.RulesSha256")]
        [InlineData("T:AgreementRules.Activity")]
        [InlineData("M:AgreementRules.Activity.Create(System.String)")]
        [InlineData("M:AgreementRules.Activity.With(System.String,System.Object)")]
        [InlineData("T:AgreementRules.Evidence")]
        [InlineData("M:AgreementRules.Evidence.WithConsent(System.String,System.Boolean,System.Boolean)")]
        [InlineData("T:AgreementRules.Decision")]
        [InlineData("P:AgreementRules.Decision.Outcome")]
        [InlineData("P:AgreementRules.Decision.IsPermitted")]
        [InlineData("P:AgreementRules.Decision.Requirements")]
        [InlineData("P:AgreementRules.Decision.Citations")]
        [InlineData("M:AgreementRules.Decision.ThrowIfNotPermitted")]
        [InlineData("M:AgreementRules.Decision.Permit")]
        [InlineData("T:AgreementRules.Outcome")]
        [InlineData("F:AgreementRules.Outcome.Permitted")]
        [InlineData("F:AgreementRules.Outcome.Undetermined")]
        [InlineData("T:AgreementRules.RegulatedAttribute")]
        [InlineData("M:AgreementRules.RegulatedAttribute.#ctor(System.String)")]
        [InlineData("T:AgreementRules.ActivityFactAttribute")]
        [InlineData("T:AgreementRules.Permits")]
        [InlineData("T:AgreementRules.ActivityNotPermittedException")]
        [InlineData("T:AgreementRules.RulesException")]
        [InlineData("P:AgreementRules.RulesException.Diagnostics")]
        public void Documentation_beside_the_runtime_describes_the_host_API(string member)
        {
            var summary = Documentation().Descendants("member").SingleOrDefault(m => m.Attribute("name")?.Value == member)?.Element("summary");
            Assert.True(summary != null, $"lib/netstandard2.0/AgreementRules.xml has no summary for {member}");
            Assert.True(summary!.Value.Trim().Length >= 10, $"the summary of {member} says nothing: '{summary.Value.Trim()}'");
        }

        /// <summary>Every public type of the AgreementRules namespace (the API hosts use) is documented.</summary>
        [Fact]
        public void Documentation_covers_every_public_type_of_the_AgreementRules_namespace()
        {
            using var pe = new PEReader(new MemoryStream(Bytes("lib/netstandard2.0/AgreementRules.dll")));
            var reader = pe.GetMetadataReader();
            var types = reader.TypeDefinitions.Select(h => reader.GetTypeDefinition(h))
                .Where(t => (t.Attributes & System.Reflection.TypeAttributes.VisibilityMask) == System.Reflection.TypeAttributes.Public)
                .Where(t => reader.GetString(t.Namespace) == "AgreementRules")
                .Select(t => "T:AgreementRules." + reader.GetString(t.Name).Split('`')[0])
                .ToList();
            Assert.Contains("T:AgreementRules.RuleSet", types);
            var documented = Documentation().Descendants("member").Where(m => m.Element("summary") != null)
                .Select(m => m.Attribute("name")!.Value).ToHashSet();
            var undocumented = types.Where(t => !documented.Contains(t)).ToList();
            Assert.True(undocumented.Count == 0, "no summary for " + string.Join(", ", undocumented));
        }

        private XDocument Documentation() => XDocument.Parse(Text("lib/netstandard2.0/AgreementRules.xml"));

        [Fact]
        public void The_analyzers_check_with_the_very_runtime_the_application_runs() =>
            Assert.Equal(Bytes("lib/netstandard2.0/AgreementRules.dll"), Bytes("analyzers/dotnet/cs/AgreementRules.dll"));

        [Fact]
        public void Analyzer_assemblies_find_everything_they_reference_and_need_no_newer_Roslyn_than_4_8()
        {
            var shipped = Entries("analyzers/dotnet/cs/").Select(e => Path.GetFileNameWithoutExtension(e)).ToHashSet();
            var problems = new List<string>();
            foreach (var entry in Entries("analyzers/dotnet/cs/"))
            {
                var assembly = Path.GetFileNameWithoutExtension(entry);
                foreach (var (name, version) in References(Bytes(entry)))
                {
                    if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && version > NewestRoslyn)
                        problems.Add($"{assembly} references {name} {version}, newer than {NewestRoslyn}: compilers with Roslyn 4.8 will not load it");
                    if (name == "Microsoft.CodeAnalysis.Workspaces" && assembly != "AgreementRules.CodeFixes")
                        problems.Add($"{assembly} references {name}: only the code fixes may (the compiler has no Workspaces)");
                    if (!ProvidedByTheHost(name) && !shipped.Contains(name))
                        problems.Add($"{assembly} references {name} {version}, which is not in analyzers/dotnet/cs/");
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Sprache_in_the_analyzers_folder_is_the_version_the_runtime_was_built_against_and_the_dependency_names()
        {
            var wanted = References(Bytes("lib/netstandard2.0/AgreementRules.dll")).Single(r => r.Name == "Sprache").Version;
            using var pe = new PEReader(new MemoryStream(Bytes("analyzers/dotnet/cs/Sprache.dll")));
            Assert.Equal(wanted, pe.GetMetadataReader().GetAssemblyDefinition().Version);

            var ns = Metadata().Name.Namespace;
            var dependency = Assert.Single(Metadata().Descendants(ns + "dependency"));
            Assert.Equal("Sprache", dependency.Attribute("id")!.Value);
            Assert.Equal($"{wanted.Major}.{wanted.Minor}.{wanted.Build}", dependency.Attribute("version")!.Value);
            Assert.Equal(".NETStandard2.0", dependency.Parent!.Attribute("targetFramework")!.Value);
        }

        [Fact]
        public void Props_are_the_repository_files_and_feed_the_rules_folder_to_the_compiler()
        {
            Assert.Equal(new[] { "build/AgreementRules.ReportCallSites.globalconfig", "build/AgreementRules.props", "build/AgreementRules.targets" }, Entries("build/"));
            Assert.Equal(new[] { "buildTransitive/AgreementRules.ReportCallSites.globalconfig", "buildTransitive/AgreementRules.props", "buildTransitive/AgreementRules.targets" }, Entries("buildTransitive/"));
            foreach (var props in new[] { "build/AgreementRules.props", "buildTransitive/AgreementRules.props" })
            {
                var text = Text(props);
                Assert.Equal(RepositoryText("src", "AgreementRules.Package", props), text);
                var project = XDocument.Parse(text).Root!;
                Assert.Equal("rules", project.Descendants("AgreementRulesFolder").Single().Value);
                Assert.Equal("$(AgreementRulesFolder)/**/*.rules", project.Descendants("AdditionalFiles").Single().Attribute("Include")!.Value);
                Assert.Equal("AgreementRulesFolder", project.Descendants("CompilerVisibleProperty").Single().Attribute("Include")!.Value);
            }
        }

        [Fact]
        public void Targets_are_the_repository_file_and_make_the_rules_files_a_compiler_input()
        {
            foreach (var targets in new[] { "build/AgreementRules.targets", "buildTransitive/AgreementRules.targets" })
            {
                var text = Text(targets);
                Assert.Equal(RepositoryText("src", "AgreementRules.Package", "build", "AgreementRules.targets"), text);
                var target = XDocument.Parse(text).Root!.Elements("Target").Single();
                Assert.Equal("CoreCompile", target.Attribute("BeforeTargets")!.Value);
                Assert.Equal("$(_AgreementRulesInputsCache)", target.Descendants("CustomAdditionalCompileInputs").Single().Attribute("Include")!.Value);
            }
        }

        /// <summary>The repository the package comes from: the default of the AgreementRulesRepositoryUrl property, where the diagnostics' help links point too.</summary>
        private const string RepositoryUrl = "https://github.com/agreementrules/agreementrules";

        [Fact]
        public void Metadata_names_the_repository_and_project_url()
        {
            var metadata = Metadata();
            var repository = metadata.Element(metadata.Name.Namespace + "repository")!;
            Assert.Equal("git", repository.Attribute("type")!.Value);
            Assert.Equal(RepositoryUrl, repository.Attribute("url")!.Value);
            Assert.Equal(RepositoryUrl, Value(metadata, "projectUrl"));
            Assert.Contains($"\"{RepositoryUrl}/blob/main/docs/diagnostics/\"", RepositoryText("src", "AgreementRules", "Diagnostics.cs"));
        }

        /// <summary>
        /// nuget.org shows the README outside the repository, where a relative link leads nowhere: the packed README is
        /// the repository's with every relative link made absolute (a folder under tree/main/, a file under blob/main/),
        /// each to a path that exists, and nothing else changed.
        /// </summary>
        [Fact]
        public void Readme_is_the_repository_readme_with_absolute_links_and_the_nuspec_points_to_it()
        {
            Assert.Equal("README.md", Value(Metadata(), "readme"));
            var packed = Text("README.md");
            var links = System.Text.RegularExpressions.Regex.Matches(packed, @"\]\((?<target>[^)\s]+)\)").Select(m => m.Groups["target"].Value).ToList();
            Assert.True(links.Count >= 7, "the README should keep its links:\n" + packed);
            var problems = new List<string>();
            foreach (var link in links)
            {
                var tree = RepositoryUrl + "/tree/main/";
                var blob = RepositoryUrl + "/blob/main/";
                if (link.StartsWith(tree, StringComparison.Ordinal) && link.EndsWith('/'))
                {
                    if (!Directory.Exists(Path.Combine(package.RepoRoot, link[tree.Length..]))) problems.Add($"{link}: no such folder in the repository");
                }
                else if (link.StartsWith(blob, StringComparison.Ordinal))
                {
                    if (!File.Exists(Path.Combine(package.RepoRoot, link[blob.Length..].Split('#')[0]))) problems.Add($"{link}: no such file in the repository");
                }
                else if (!link.StartsWith("https://", StringComparison.Ordinal)) problems.Add($"{link}: not absolute");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var unrewritten = packed.Replace(RepositoryUrl + "/tree/main/", "").Replace(RepositoryUrl + "/blob/main/", "");
            Assert.Equal(RepositoryText("README.md").TrimEnd(), unrewritten.TrimEnd());
        }

        [Fact]
        public void License_is_the_MIT_expression_the_repository_license_states()
        {
            var license = Metadata().Element(Metadata().Name.Namespace + "license")!;
            Assert.Equal("expression", license.Attribute("type")!.Value);
            Assert.Equal("MIT", license.Value);
            Assert.StartsWith("MIT License", RepositoryText("LICENSE"));
        }

        [Fact]
        public void Metadata_names_the_package_and_what_it_does()
        {
            var metadata = Metadata();
            Assert.Equal("AgreementRules", Value(metadata, "id"));
            Assert.Equal(package.Version, Value(metadata, "version"));
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")));
            // A development dependency would not flow the runtime (lib/) to the consumer.
            Assert.NotEqual("true", Value(metadata, "developmentDependency"));
        }

        private static List<(string Name, Version Version)> References(byte[] assembly)
        {
            using var pe = new PEReader(new MemoryStream(assembly));
            var reader = pe.GetMetadataReader();
            return reader.AssemblyReferences
                .Select(h => reader.GetAssemblyReference(h))
                .Select(r => (reader.GetString(r.Name), r.Version))
                .ToList();
        }
    }
}
