using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AgreementRules.Tests.Docs
{
    /// <summary>
    /// docs/getting-started.md takes a new user from a clone to a project that references the package and a CLI
    /// installed as a tool, in that order, with names that are the projects' own. (The commands were run by hand on
    /// this machine; the end-to-end tests pack and consume the package the same way.)
    /// </summary>
    public class GettingStartedDocTests
    {
        private const string Page = "docs/getting-started.md";

        private static string Commands() =>
            string.Join("\n", Markdown.Blocks(Page).Where(b => b.Info == "sh").Select(b => b.Text));

        [Fact]
        public void Install_comes_first_and_in_order_pack_feed_reference_tool()
        {
            var text = Markdown.Read(Page);
            var install = text.IndexOf("## 0. Pack, add a local feed, install the CLI", System.StringComparison.Ordinal);
            Assert.True(install >= 0, "no install section");
            Assert.True(install < text.IndexOf("## 1.", System.StringComparison.Ordinal), "the install section must come before step 1");

            var steps = new[] { "dotnet pack src/AgreementRules.Package", "dotnet pack src/AgreementRules.Cli", "dotnet nuget add source",
                "dotnet add package AgreementRules", "dotnet new tool-manifest", "dotnet tool install AgreementRules.Cli", "dotnet agreement-rules check" };
            var commands = Commands();
            var positions = steps.Select(s => commands.IndexOf(s, System.StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(-1, positions);
            Assert.Equal(positions.OrderBy(p => p), positions);
        }

        [Fact]
        public void Names_and_version_are_the_projects_own()
        {
            var commands = Commands();
            foreach (Match pack in Regex.Matches(commands, @"dotnet pack (\S+)"))
                Assert.True(Directory.Exists(Markdown.Path(pack.Groups[1].Value)), $"no project folder {pack.Groups[1].Value}");

            var version = XDocument.Load(Markdown.Path("Directory.Build.props")).Descendants("Version").Single().Value;
            Assert.Contains($"dotnet add package AgreementRules --version {version}", commands);
            Assert.Contains($"dotnet tool install AgreementRules.Cli --version {version}", commands);

            var cli = XDocument.Load(Markdown.Path("src/AgreementRules.Cli/AgreementRules.Cli.csproj"));
            Assert.Equal("AgreementRules.Cli", cli.Descendants("PackageId").Single().Value);
            Assert.Equal("true", cli.Descendants("PackAsTool").Single().Value);
            Assert.Contains($"dotnet {cli.Descendants("ToolCommandName").Single().Value} check", commands);
            var package = XDocument.Load(Markdown.Path("src/AgreementRules.Package/AgreementRules.Package.csproj"));
            Assert.Equal("AgreementRules", package.Descendants("PackageId").Single().Value);
        }
    }
}
