using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AgreementRules.Tests.Highlighting
{
    /// <summary>
    /// The TextMate grammar of <c>.rules</c> (docs/syntax/rules.tmLanguage.json, issue 16 item 3), tokenised over every
    /// shipped file by the engine VS Code runs (vscode-textmate with vscode-oniguruma), through
    /// tests/grammar/tokenize-test.js. The packages come from tests/grammar's package-lock.json: this test runs
    /// <c>npm ci</c> there when they are not installed, so <c>dotnet test</c> on a fresh machine needs only Node.js
    /// and npm on the PATH, and fails saying so when they are not.
    /// </summary>
    public class GrammarTests
    {
        private static string Folder => Path.Combine(TestRules.RepoRoot, "tests", "grammar");
        private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

        [Fact]
        public void The_grammar_gives_every_shipped_file_the_scopes_its_text_calls_for()
        {
            var node = OnPath("node");
            var npm = OnPath("npm");
            Assert.True(node != null && npm != null,
                "the grammar's tokenisation test needs Node.js and npm on the PATH (node " + (node ?? "missing") + ", npm " + (npm ?? "missing") +
                "): install them (Debian: apt-get install nodejs npm) and run the tests again");
            InstallPackages(npm!);

            var (code, output) = Run(node!, "tokenize-test.js", TimeSpan.FromMinutes(5));
            Assert.True(code == 0, $"node tokenize-test.js exited {code}:\n{output}");
            var shipped = Directory.GetFiles(TestRules.ShippedRules, "*.rules").Length;
            Assert.Contains($"files: {shipped};", output);
            Assert.Matches(@"(?m)^[1-9]\d* passed, 0 failed$", output);
        }

        [Fact]
        public void The_grammar_is_valid_JSON_named_for_rules_files()
        {
            using var grammar = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestRules.RepoRoot, "docs", "syntax", "rules.tmLanguage.json")));
            var root = grammar.RootElement;
            Assert.Equal("source.rules", root.GetProperty("scopeName").GetString());
            Assert.Equal(new[] { "rules" }, root.GetProperty("fileTypes").EnumerateArray().Select(e => e.GetString()));
            // Every pattern the top level includes is defined.
            var repository = root.GetProperty("repository");
            foreach (var include in root.GetProperty("patterns").EnumerateArray().Select(p => p.GetProperty("include").GetString()!))
                Assert.True(repository.TryGetProperty(include.TrimStart('#'), out _), $"'{include}' is not in the repository");
        }

        /// <summary>npm ci from the committed lock file, unless both packages are already installed.</summary>
        private static void InstallPackages(string npm)
        {
            var modules = Path.Combine(Folder, "node_modules");
            if (File.Exists(Path.Combine(modules, "vscode-textmate", "package.json")) && File.Exists(Path.Combine(modules, "vscode-oniguruma", "package.json")))
                return;
            var (code, output) = Run(npm, "ci --no-audit --no-fund", NpmTimeout);
            Assert.True(code == 0, $"npm ci in {Folder} exited {code}:\n{output}");
        }

        private static (int code, string output) Run(string program, string arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(program, arguments)
            {
                WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} {arguments} did not finish within {timeout}");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        /// <summary>The full path of <paramref name="program"/> on the PATH, or null.</summary>
        private static string? OnPath(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, program))
                .FirstOrDefault(File.Exists);
    }
}
