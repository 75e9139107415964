using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>What users download: exactly the runtime in lib/, the analyzers with every assembly they load, the props.</summary>
    [Collection(PackageCollection.Name)]
    public class PackageContentTests(PackageFixture package)
    {
        private string[] Entries(string folder)
        {
            using var zip = ZipFile.OpenRead(package.Package);
            return zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith(folder)).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
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
        public void Lib_folder_holds_the_runtime_only() =>
            Assert.Equal(new[] { "lib/netstandard2.0/AgreementRules.dll" }, Entries("lib/"));

        [Fact]
        public void Props_readme_license_and_dependency_are_there()
        {
            Assert.Equal(new[] { "build/AgreementRules.props" }, Entries("build/"));
            Assert.Equal(new[] { "buildTransitive/AgreementRules.props" }, Entries("buildTransitive/"));
            Assert.Single(Entries("README.md"));
            using var zip = ZipFile.OpenRead(package.Package);
            using var reader = new StreamReader(zip.GetEntry("AgreementRules.nuspec")!.Open());
            var nuspec = XDocument.Parse(reader.ReadToEnd());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("AgreementRules", metadata.Element(ns + "id")!.Value);
            Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
            Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
            var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToArray();
            Assert.Equal(new[] { "Sprache" }, dependencies);
        }
    }
}
