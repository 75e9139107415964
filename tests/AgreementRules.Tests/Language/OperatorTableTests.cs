using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Language
{
    /// <summary>
    /// Every operator of <see cref="BinaryOperator"/> goes through every stage: the grammar reads its text
    /// back to it, the printer writes that text, the checker accepts it, the coverage analysis and case
    /// search run over it, and the three back ends (closures, IL, emitted C#) evaluate it to the expected truth. An
    /// operator added to the enum without a case here fails <see cref="Every_operator_has_a_case_here"/>;
    /// one forgotten in a stage's switch is a build error (CS8509) or fails here.
    /// </summary>
    public class OperatorTableTests
    {
        private const string Vocabulary = """
            type party = enum { JP, US }
            activity store
            fact q : number g
            fact r : number g
            fact p : number %
            fact flag : bool
            fact other : bool
            fact material : enum { uranium, plutonium }
            fact tags : list of text
            fact agreements : list of text
            agreement T-1 {
              title "Test agreement"
              parties JP, US
            }
            """;

        // q = 500 g, r = 2000 g, p = 50 %, flag, not other, material uranium, tags { "x" }.
        // Each condition uses its operator on a fact and a constant (the compilers' fast paths) and, where
        // it has one, on two computed operands (the general path), and is true or false as stated.
        private static readonly Dictionary<BinaryOperator, (string condition, bool holds)> Cases = new()
        {
            [BinaryOperator.Or] = ("other or flag", true),
            [BinaryOperator.And] = ("flag and other", false),
            [BinaryOperator.Equal] = ("material == uranium and q == 500 g", true),
            [BinaryOperator.NotEqual] = ("material != uranium or q != 500 g", false),
            [BinaryOperator.Less] = ("q < 600 g and 600 g < r and q < r", true),
            [BinaryOperator.LessOrEqual] = ("q <= 500 g and r <= q", false),
            [BinaryOperator.Greater] = ("r > 1 kg and q > r", false),
            [BinaryOperator.GreaterOrEqual] = ("q >= 500 g and 2 kg >= r and r >= q", true),
            [BinaryOperator.In] = ("material in { uranium } and \"x\" in tags", true),
            [BinaryOperator.Has] = ("tags has \"x\" and tags has \"y\"", false),
            [BinaryOperator.Add] = ("q + r == 2500 g", true),
            [BinaryOperator.Subtract] = ("r - q == 1500 g", true),
            [BinaryOperator.Multiply] = ("r * p == 1 kg and q * 2 == 1 kg", true),
            [BinaryOperator.Divide] = ("r / 4 == q and r / q == 4", true),
        };

        public static IEnumerable<object[]> AllOperators() => Enum.GetValues(typeof(BinaryOperator)).Cast<object>().Select(o => new[] { o });

        [Fact]
        public void Every_operator_has_a_case_here()
        {
            var all = Enum.GetValues(typeof(BinaryOperator)).Cast<BinaryOperator>().ToList();
            Assert.Equal(all.OrderBy(o => o), Cases.Keys.OrderBy(o => o));
        }

        [Theory]
        [MemberData(nameof(AllOperators))]
        public void The_grammar_reads_each_operator_text_back_to_it_and_the_printer_writes_it(BinaryOperator op)
        {
            Assert.Equal(op, Operators.FromText(op.Text()));
            var rule = Parse(Cases[op].condition);
            var found = OperatorsIn(rule.Condition!).ToList();
            Assert.Contains(op, found);
            var printed = ExprPrinter.Print(rule.Condition!);
            Assert.Contains(" " + op.Text() + " ", printed);
            // What the printer writes reads back to the same operators.
            Assert.Equal(found, OperatorsIn(Parse(printed).Condition!).ToList());
        }

        [Theory]
        [MemberData(nameof(AllOperators))]
        public void Each_operator_is_checked_analysed_and_evaluated_alike_by_closures_IL_and_emitted_CSharp(BinaryOperator op)
        {
            var (condition, holds) = Cases[op];
            var sources = new[]
            {
                new RulesSource("ops.rules", Vocabulary + $"""

                    define tested = {condition}
                    rule yes cites "Art. 1" on store when tested then permitted
                    rule no cites "Art. 1" on store when not tested then prohibited
                    """),
            };
            var request = Activity.Create("store").With("agreements", new[] { "T-1" }).With("q", 500.0).With("r", 2000.0).With("p", 50.0)
                .With("flag", true).With("other", false).With("material", "uranium").With("tags", new[] { "x" });
            var expected = holds ? Outcome.Permitted : Outcome.Prohibited;
            var unknownFacts = Activity.Create("store").With("agreements", new[] { "T-1" });
            var whenUnknown = new List<Outcome>();
            foreach (var tiering in new[] { EvaluationTiering.ClosuresOnly, EvaluationTiering.IlAtOnce })
            {
                // Compile checks, runs the coverage analysis (intervals and the case search), and builds the back end.
                var result = RulesCompiler.Compile(sources, runExamples: true, tiering);
                Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
                var rules = result.RuleSet!;
                Assert.Equal(expected, rules.Evaluate(request).Outcome);
                // With every fact unknown nothing is permitted (the case search may settle on prohibited).
                whenUnknown.Add(rules.Evaluate(unknownFacts).Outcome);
                Assert.NotEqual(Outcome.Permitted, whenUnknown[^1]);
                if (tiering == EvaluationTiering.IlAtOnce) Assert.True(rules.RunsIl("store"));
            }
            Assert.Equal(whenUnknown[0], whenUnknown[1]);
            // The C# back end: the emitted code decides the request itself, to the same outcome.
            var emitted = Tests.Compilation.EmittedCode.Attach(RulesCompiler.Compile(sources).RuleSet!);
            Assert.True(emitted.EmittedAnswers(request, Evidence.None));
            Assert.Equal(expected, emitted.Evaluate(request).Outcome);
            Assert.Equal(whenUnknown[0], emitted.Evaluate(unknownFacts).Outcome);
        }

        [Fact]
        public void Each_mirror_means_the_same_with_the_operands_swapped()
        {
            foreach (var op in Enum.GetValues(typeof(BinaryOperator)).Cast<BinaryOperator>())
            {
                if (op.Mirror() is not { } mirror) continue;
                Assert.Equal(op, mirror.Mirror());
                Assert.Equal(op.Kind(), mirror.Kind());
                Assert.Equal(op.Precedence(), mirror.Precedence());
            }
            Assert.Equal(BinaryOperator.Greater, BinaryOperator.Less.Mirror());
            Assert.Null(BinaryOperator.Subtract.Mirror());
        }

        private static RuleDecl Parse(string condition)
        {
            var file = RulesParser.Parse($"rule r cites \"A\" on store when {condition} then permitted\n", "r.rules");
            Assert.Empty(file.Diagnostics);
            return (RuleDecl)file.Declarations.Single();
        }

        private static IEnumerable<BinaryOperator> OperatorsIn(Expr e) => e switch
        {
            BinaryExpr b => OperatorsIn(b.Left).Append(b.Operator).Concat(OperatorsIn(b.Right)),
            NotExpr n => OperatorsIn(n.Operand),
            _ => Enumerable.Empty<BinaryOperator>(),
        };
    }
}
