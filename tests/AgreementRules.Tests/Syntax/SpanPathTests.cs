using System.Linq;
using System.Threading.Tasks;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Syntax
{
    /// <summary>
    /// Every span names the file it was parsed from. The path travels with the input the grammar reads
    /// (it used to be a [ThreadStatic] that only RulesParser.Parse set), so it is right wherever the grammar runs.
    /// </summary>
    public class SpanPathTests
    {
        [Fact]
        public void The_grammar_run_on_its_own_stamps_the_path_of_its_input()
        {
            var result = Grammar.Declaration(TextInput.Over("define big = quantity > 5 g\n", "own.rules"));
            Assert.True(result.WasSuccessful);
            var define = Assert.IsType<DefineDecl>(result.Value);
            Assert.Equal("own.rules", define.Span.Path);
            Assert.Equal("own.rules", define.Body.Span.Path);
            Assert.Equal("own.rules", ((BinaryExpr)define.Body).Right.Span.Path);
        }

        [Fact]
        public void Files_parsed_at_once_on_many_threads_keep_their_own_paths()
        {
            var paths = Enumerable.Range(0, 64).Select(i => $"file{i}.rules").ToArray();
            var files = new RulesFile[paths.Length];
            Parallel.For(0, paths.Length, i =>
                files[i] = RulesParser.Parse("activity store\nfact quantity : number g\nrule r cites \"A\" on store when quantity > 5 g then permitted\n", paths[i]));
            for (var i = 0; i < paths.Length; i++)
            {
                var rule = Assert.IsType<RuleDecl>(files[i].Declarations[2]);
                Assert.Equal(paths[i], rule.Span.Path);
                Assert.Equal(paths[i], rule.Condition!.Span.Path);
                Assert.Equal(paths[i], rule.Outcome.Span.Path);
            }
        }
    }
}
