using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AgreementRules.Tests.Architecture
{
    /// <summary>
    /// The core's stages (docs/architecture.md) run Syntax → Semantics → Compilation → Analysis → Evaluation, with the
    /// driver (the files at the root of src/AgreementRules) over them all; a stage may use only the stages
    /// before it. Read from the source: a file's stage is its folder, and it uses a stage by a
    /// <c>using AgreementRules.Stage;</c>, a qualified <c>Stage.Name</c>, or a public type that a later
    /// stage's folder declares in the root namespace (<c>Outcome</c>, <c>Activity</c>, …).
    /// No use breaks the rule: a new one fails the test.
    /// </summary>
    public class StageDependencyTests
    {
        private static readonly string[] Stages = { "Syntax", "Semantics", "Compilation", "Analysis", "Evaluation" };
        private static readonly int Driver = Stages.Length;

        [Fact]
        public void No_stage_uses_a_later_one()
        {
            var files = SourceFiles();
            // A scan that reads nothing would pass: every stage's folder and the driver must have been read.
            Assert.All(Stages.Select((_, stage) => stage).Append(Driver), stage => Assert.Contains(files.Keys, f => StageOf(f) == stage));
            var found = Violations(files).ToList();
            Assert.True(found.Count == 0, "a stage uses a later one (see docs/architecture.md):\n" + string.Join("\n", found));
        }

        [Fact]
        public void The_scan_sees_a_forward_use_in_each_form_it_looks_for()
        {
            var rootTypes = new Dictionary<string, int> { ["Outcome"] = Array.IndexOf(Stages, "Evaluation") };
            Assert.Equal(new[] { "Compilation" }, Uses("using AgreementRules.Compilation;", 1, rootTypes));
            Assert.Equal(new[] { "Analysis" }, Uses("var gaps = Analysis.CoverageAnalysis.Analyse(model);", 2, rootTypes));
            Assert.Equal(new[] { "Evaluation" }, Uses("var x = Evaluation.DecisionEngine.Empty;", 0, rootTypes));
            Assert.Equal(new[] { "Evaluation" }, Uses("return Outcome.Permitted;", 1, rootTypes));
            // An earlier stage, a parameter that happens to share the type's name, comments and texts are no use.
            Assert.Empty(Uses("using AgreementRules.Syntax;\nrecord R(Name Outcome, int B);\n// Outcome\nvar s = \"Outcome.X\";", 1, rootTypes));
            Assert.Empty(Uses("using AgreementRules.Evaluation;", Driver, rootTypes));
            Assert.Empty(Uses("static readonly Parser<int> Outcome = X;\nvar y = from o in Outcome select o;", 0, rootTypes));
        }

        /// <summary>Each source file of the core (path relative to src/AgreementRules) and its code.</summary>
        private static Dictionary<string, string> SourceFiles()
        {
            var root = Path.Combine(TestRules.RepoRoot, "src", "AgreementRules");
            return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
                .ToDictionary(f => f, f => Code(File.ReadAllText(Path.Combine(root, f))));
        }

        private static IEnumerable<string> Violations(Dictionary<string, string> files)
        {
            // Public types a stage's folder declares in the root namespace belong to that stage.
            var rootTypes = new Dictionary<string, int>();
            foreach (var (file, code) in files)
                if (StageOf(file) < Driver && Regex.IsMatch(code, @"^namespace AgreementRules\s*$", RegexOptions.Multiline))
                    foreach (Match m in Regex.Matches(code, @"\b(?:class|record|struct|enum|interface)\s+(\w+)"))
                        rootTypes[m.Groups[1].Value] = StageOf(file);
            return files.OrderBy(f => f.Key, StringComparer.Ordinal)
                .SelectMany(f => Uses(f.Value, StageOf(f.Key), rootTypes).Select(stage => $"{f.Key} -> {stage}"));
        }

        private static int StageOf(string file)
        {
            var slash = file.IndexOf('/');
            var index = slash < 0 ? -1 : Array.IndexOf(Stages, file.Substring(0, slash));
            return index < 0 ? Driver : index;
        }

        private static IEnumerable<string> Uses(string source, int stage, Dictionary<string, int> rootTypes)
        {
            var code = Code(source);
            var used = new SortedSet<string>(StringComparer.Ordinal);
            for (var later = stage + 1; later < Stages.Length; later++)
            {
                var name = Stages[later];
                if (Regex.IsMatch(code, $@"using AgreementRules\.{name};") || Regex.IsMatch(code, $@"(?<![\w.])(?:AgreementRules\.)?{name}\.[A-Z]"))
                    used.Add(name);
            }
            foreach (var (type, owner) in rootTypes)
            {
                // A member of the file's own that shares the name (Grammar's parser 'RequirementKind') hides the type.
                if (owner <= stage || Regex.IsMatch(code, $@"[\w>\]?]\s+{type}\s*(=|;|\{{)")) continue;
                // Not a declaration that merely shares the name ('Name Outcome,' in a record's parameters).
                if (Regex.IsMatch(code, $@"(?<![\w.])(?<!\w\s+){type}\b|(?<![\w.]){type}\b(?!\s*[,)=;{{])"))
                    used.Add(Stages[owner]);
            }
            return used;
        }

        /// <summary>The code without comments and without the contents of quoted texts.</summary>
        private static string Code(string source)
        {
            var noTexts = Regex.Replace(source, @"@?""(?:\\.|[^""\\\n])*""", "\"\"");
            return string.Join("\n", noTexts.Split('\n').Select(line => line.Split("//")[0]));
        }
    }
}
