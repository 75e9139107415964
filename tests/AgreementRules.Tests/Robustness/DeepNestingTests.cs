using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgreementRules.Cli;
using AgreementRules.Compilation;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Robustness
{
    /// <summary>
    /// Hostile depth: 20,000 nested parentheses, 'not's, sets and 'case's, 20,000-operand chains and
    /// 20,000 definitions built on each other. Each must end as one located AGR0002 (or AGR0013) through
    /// every entry point (the parser, RuleSet.Parse, RuleSet.Load, the whole pipeline, the command line),
    /// never as a stack overflow, which would take the host process (the build, the IDE) down with it.
    /// </summary>
    public class DeepNestingTests
    {
        private const int N = 20_000;

        private const string Vocabulary =
            "activity enrich\nfact b : bool\nfact x : number %\nagreement A { parties JP }\n";

        // The line every hostile declaration below stands on.
        private const int Line = 5;

        private const string TooDeepToNest =
            "this declaration nests brackets, 'case' or 'not' more than 64 deep; " +
            "split it into named definitions ('define name = …') and refer to them by name";

        private const string TooDeepAChain =
            "this expression is more than 256 levels deep (every operator of a chain such as 'a + b + c' is a level); " +
            "split it into named definitions ('define name = …') and refer to them by name";

        private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

        /// <summary>Each shape: its text after the vocabulary, and the AGR0002 it must give (column, message).</summary>
        public static readonly Dictionary<string, (string text, int column, string message)> Shapes = new()
        {
            // "define d = " is 11 characters: the 65th opening bracket stands in column 11 + 65.
            ["parentheses"] = ("define d = " + new string('(', N) + "b" + new string(')', N) + "\n", 76, TooDeepToNest),
            ["sets"] = ("define d = " + new string('{', N) + new string('}', N) + "\n", 76, TooDeepToNest),
            ["nots"] = ("define d = " + Repeat("not ", N) + "b\n", 12 + 64 * 4, TooDeepToNest),
            ["not-parentheses"] = ("define d = " + Repeat("not (", N) + "b" + new string(')', N) + "\n", 12 + 64 * 5, TooDeepToNest),
            ["cases"] = ("define d = " + Repeat("case when b then ", N) + "1" + Repeat(" else 2 end", N) + "\n", 12 + 64 * 17, TooDeepToNest),
            ["difference-chain"] = ("rule r cites \"X\" on enrich when " + string.Join(" - ", Enumerable.Repeat("x", N)) + " < 3 % then permitted\n", 33, TooDeepAChain),
            ["quotient-chain"] = ("define d = " + string.Join(" / ", Enumerable.Repeat("2", N)) + "\n", 12, TooDeepAChain),
            ["sum-chain"] = ("rule r cites \"X\" on enrich when " + string.Join(" + ", Enumerable.Repeat("x", N)) + " > 3 % then permitted\n", 33, TooDeepAChain),
            ["product-chain"] = ("define d = " + string.Join(" * ", Enumerable.Repeat("2", N)) + "\n", 12, TooDeepAChain),
            // "fact f : bool default " is 22 characters; the 65th 'not' starts at 23 + 64 * 4.
            ["nots-in-a-default"] = ("fact f : bool default " + Repeat("not ", N) + "true\n", 23 + 64 * 4, TooDeepToNest),
            // "example \"e\" { enrich x = " is 25 characters, and the example's own '{' is the first level: its 64th set bracket is the 65th.
            ["sets-in-an-example"] = ("example \"e\" { enrich x = " + new string('{', N) + new string('}', N) + " expect permitted }\n", 25 + 64, TooDeepToNest),
            ["chain-in-an-example"] = ("example \"e\" { enrich x = " + string.Join(" + ", Enumerable.Repeat("1", N)) + " expect permitted }\n", 26, TooDeepAChain),
        };

        public static IEnumerable<object[]> ShapeNames => Shapes.Keys.Select(k => new object[] { k });

        private static void AssertTooDeep(IEnumerable<RulesDiagnostic> diagnostics, string shape, string path)
        {
            var (_, column, message) = Shapes[shape];
            var d = Assert.Single(diagnostics);
            Assert.Equal($"{path}:{Line}:{column}: error AGR0002: {message}", d.ToString());
        }

        [Theory]
        [MemberData(nameof(ShapeNames))]
        public void The_parser_reports_one_AGR0002_where_the_depth_is_exceeded(string shape)
        {
            var file = RulesParser.Parse(Vocabulary + Shapes[shape].text, "deep.rules");
            AssertTooDeep(file.Diagnostics, shape, "deep.rules");
            Assert.Equal(4, file.Declarations.Count); // the vocabulary before it still parsed
        }

        [Theory]
        [MemberData(nameof(ShapeNames))]
        public void RuleSet_Parse_throws_a_RulesException_with_the_AGR0002(string shape)
        {
            var ex = Assert.Throws<RulesException>(() => RuleSet.Parse(Vocabulary + Shapes[shape].text, "deep.rules"));
            AssertTooDeep(ex.Diagnostics, shape, "deep.rules");
        }

        [Theory]
        [MemberData(nameof(ShapeNames))]
        public void RuleSet_Load_from_a_folder_throws_a_RulesException_with_the_AGR0002(string shape)
        {
            using var folder = new TempFolder();
            var path = folder.Write("deep.rules", Vocabulary + Shapes[shape].text);
            var ex = Assert.Throws<RulesException>(() => RuleSet.Load(folder.Path));
            AssertTooDeep(ex.Diagnostics, shape, path);
        }

        [Theory]
        [MemberData(nameof(ShapeNames))]
        public void The_command_line_prints_the_AGR0002_and_exits_1_without_a_stack_trace(string shape)
        {
            using var folder = new TempFolder();
            var path = folder.Write("deep.rules", Vocabulary + Shapes[shape].text);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var code = Program.Run(new[] { "check", path }, new StringReader(""), stdout, stderr);
            Assert.Equal((int)ExitCode.RulesInvalid, code);
            var (_, column, message) = Shapes[shape];
            Assert.Equal(new[] { $"{path}:{Line}:{column}: error AGR0002: {message}", "failed: 1 error(s), 0 warning(s) in 1 file(s)" },
                Cli.CliRunner.Headers(stdout.ToString()).TrimEnd('\n').Split('\n'));
            Assert.Equal("", stderr.ToString());
        }

        // ---- the bounds are exact, and what they allow runs through the whole pipeline ----

        [Fact]
        public void Nesting_64_deep_checks_compiles_and_passes_its_example()
        {
            var rules = Vocabulary +
                        "define d = " + new string('(', 32) + Repeat("not ", 32) + "b" + new string(')', 32) + "\n" +
                        "rule r cites \"X\" on enrich when d then permitted\n" +
                        "rule s cites \"X\" on enrich when not d then prohibited\n" +
                        "example \"even\" {\n  enrich b = true\n  expect permitted\n}\n";
            var result = RulesCompiler.Compile(new[] { new RulesSource("ok.rules", rules) });
            Assert.Empty(result.Diagnostics);
            Assert.Equal(Outcome.Prohibited, result.RuleSet!.Evaluate(Activity.Create("enrich").With("b", false)).Outcome);

            var one = Vocabulary + "define d = " + new string('(', 65) + "b" + new string(')', 65) + "\n";
            Assert.Equal(RulesDiagnosticIds.NestingTooDeep, Assert.Single(RulesParser.Parse(one, "one.rules").Diagnostics).Id);
        }

        [Theory]
        [InlineData(" and ")]
        [InlineData(" or ")]
        public void Twenty_thousand_alternatives_are_a_shallow_tree_that_checks_compiles_and_decides(string op)
        {
            // 'and' and 'or' chains are balanced (Kleene logic makes them associative): a long list of
            // alternatives adds its logarithm to the depth, so it is not refused and nothing recurses 20,000 deep.
            var rules = Vocabulary +
                        "rule r cites \"X\" on enrich when " + string.Join(op, Enumerable.Repeat("b", N)) + " then permitted\n" +
                        "rule s cites \"X\" on enrich when not b then prohibited\n" +
                        "example \"b\" {\n  enrich b = true\n  expect permitted\n}\n";
            var result = RulesCompiler.Compile(new[] { new RulesSource("wide.rules", rules) });
            Assert.Empty(result.Diagnostics);
            Assert.Equal(Outcome.Permitted, result.RuleSet!.Evaluate(Activity.Create("enrich").With("b", true)).Outcome);
            Assert.Equal(Outcome.Prohibited, result.RuleSet!.Evaluate(Activity.Create("enrich").With("b", false)).Outcome);
        }

        [Fact]
        public void A_sum_of_256_operands_compared_is_256_levels_that_check_compile_and_pass_and_one_more_is_AGR0002()
        {
            string Chain(int n) => Vocabulary +
                                   "rule r cites \"X\" on enrich when " + string.Join(" + ", Enumerable.Repeat("x", n)) + " >= 0 % then permitted\n" +
                                   "rule s cites \"X\" on enrich when " + "x < 0 % then prohibited\n" +
                                   "example \"x\" {\n  enrich x = 1 %\n  expect permitted\n}\n";
            var result = RulesCompiler.Compile(new[] { new RulesSource("ok.rules", Chain(RulesParser.MaxExpressionDepth - 1)) });
            Assert.Empty(result.Diagnostics);
            Assert.Equal(Outcome.Permitted, result.RuleSet!.Evaluate(Activity.Create("enrich").With("x", 2.0)).Outcome);

            var d = Assert.Single(RulesCompiler.Compile(new[] { new RulesSource("deep.rules", Chain(RulesParser.MaxExpressionDepth)) }).Diagnostics);
            Assert.Equal($"deep.rules:5:33: error AGR0002: {TooDeepAChain}", d.ToString());
        }

        private static string DefinitionChain(int n) =>
            Vocabulary + "define d0 = b\n" +
            string.Concat(Enumerable.Range(1, n).Select(i => $"define d{i} = d{i - 1}\n")) +
            $"rule r cites \"X\" on enrich when d{n} then permitted\n" +
            $"rule s cites \"X\" on enrich when not d{n} then prohibited\n" +
            "example \"b\" {\n  enrich b = true\n  expect permitted\n}\n";

        [Fact]
        public void Twenty_thousand_definitions_built_on_each_other_are_one_AGR0002_at_the_first_too_deep()
        {
            var result = RulesCompiler.Compile(new[] { new RulesSource("defs.rules", DefinitionChain(N)) });
            var d = Assert.Single(result.Diagnostics);
            // d0 is one level (its body 'b'); each next definition adds one: d256 is the first at 257.
            Assert.Equal("defs.rules:261:8: error AGR0002: definition 'd256' builds on definitions that nest more than 256 levels deep " +
                         "(each definition it names counts with its own depth); build it from fewer layers of definitions", d.ToString());
            Assert.Null(result.RuleSet);
        }

        [Fact]
        public void Definitions_255_deep_check_compile_and_pass_their_example()
        {
            var result = RulesCompiler.Compile(new[] { new RulesSource("defs.rules", DefinitionChain(RulesParser.MaxExpressionDepth - 1)) });
            Assert.Empty(result.Diagnostics);
            var decision = result.RuleSet!.Evaluate(Activity.Create("enrich").With("b", false));
            Assert.Equal(Outcome.Prohibited, decision.Outcome);
            Assert.Equal(false, decision.Derived["d255"]);
        }

        [Fact]
        public void A_cycle_through_twenty_thousand_definitions_is_one_AGR0013()
        {
            var rules = Vocabulary + string.Concat(Enumerable.Range(0, N).Select(i => $"define d{i} = d{(i + 1) % N} and b\n"));
            var ex = Assert.Throws<RulesException>(() => RuleSet.Parse(rules, "cycle.rules"));
            var d = Assert.Single(ex.Diagnostics);
            Assert.Equal("cycle.rules:5:8: error AGR0013: definition 'd0' depends on itself; break the cycle", d.ToString());
        }

        [Fact]
        public void A_case_with_twenty_thousand_branches_is_not_nesting_and_compiles()
        {
            var rules = Vocabulary +
                        "define level = case " + Repeat("when b then 1 ", N) + "else 2 end\n" +
                        "rule r cites \"X\" on enrich when level > 1 then permitted\n" +
                        "rule s cites \"X\" on enrich when level <= 1 then prohibited\n";
            var set = RuleSet.Parse(rules, "wide.rules");
            Assert.Equal(Outcome.Prohibited, set.Evaluate(Activity.Create("enrich").With("b", true)).Outcome);
            Assert.Equal(Outcome.Permitted, set.Evaluate(Activity.Create("enrich").With("b", false)).Outcome);
        }
    }

    /// <summary>A folder under the temp path, deleted with everything in it on dispose.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agr-tests-" + Guid.NewGuid().ToString("N"));

        public string Write(string name, string text)
        {
            var file = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
            return file;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
