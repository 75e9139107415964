using System.Linq;
using AgreementRules.Compilation;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Language
{
    /// <summary>
    /// `fact is given`: whether the request gives a fact. Lets a rule apply only "where given"
    /// (JP-US Art. 7: a protection level weaker than the category is prohibited only where the
    /// request states one); an absent fact is then an answer, not a missing fact.
    /// </summary>
    public class IsGivenTests
    {
        private const string Rules = """
            type party = enum { JP, US }
            activity store
            fact protection : enum { I, II, III }
            fact quantity : number g
            fact purpose : enum { peaceful, military } default peaceful
            agreement A-1 { parties JP, US }
            rule weak cites "Art. 7" on store when protection is given and protection == III and quantity > 500 g then prohibited
            rule store cites "Art. 3" on store then permitted
            """;

        private static readonly RuleSet Set = RuleSet.Parse(Rules, "given.rules");

        private static Decision Store(params (string fact, object value)[] facts) =>
            Set.Evaluate(facts.Aggregate(Activity.Create("store"), (a, f) => a.With(f.fact, f.value)));

        [Fact]
        public void An_absent_fact_makes_the_test_false_and_is_not_reported_missing()
        {
            var d = Store(("quantity", 800.0));
            Assert.Equal(Outcome.Permitted, d.Outcome);
            Assert.Empty(d.Missing);
        }

        [Fact]
        public void A_given_fact_lets_the_rest_of_the_condition_decide()
        {
            Assert.Equal(Outcome.Prohibited, Store(("protection", "III"), ("quantity", 800.0)).Outcome);
            Assert.Equal(Outcome.Permitted, Store(("protection", "II"), ("quantity", 800.0)).Outcome);
            var undecided = Store(("protection", "III"));
            Assert.Equal(Outcome.Undetermined, undecided.Outcome);
            Assert.Equal(new[] { "quantity" }, undecided.Missing);
        }

        [Fact]
        public void A_fact_with_a_default_is_always_given()
        {
            var set = RuleSet.Parse(Rules + "\nrule p cites \"Art. 8\" on store when not (purpose is given) then prohibited\n", "given.rules");
            Assert.Equal(Outcome.Permitted, set.Evaluate(Activity.Create("store")).Outcome);
        }

        [Fact]
        public void Only_a_fact_can_be_given()
        {
            var result = RulesCompiler.Compile(new[] { new RulesSource("g.rules", Rules + "\ndefine big = quantity > 500 g\nrule q cites \"X\" on store when big is given then permitted\nrule r cites \"X\" on store when protecton is given then permitted\n") });
            var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal(RulesDiagnosticIds.TypeMismatch, e.Id));
            Assert.Equal("'is given' asks whether a request gives a fact, but 'big' is no fact; write 'fact is given' with a fact declared by 'fact'", errors[0].Message);
            Assert.Contains("'protecton' is no fact (did you mean 'protection'?)", errors[1].Message);
            Assert.Equal((11, 32), (errors[1].Span.Line, errors[1].Span.Column));
        }

        [Fact]
        public void The_syntax_tree_and_printer_round_trip()
        {
            var file = RulesParser.Parse("rule r cites \"X\" on store when protection is given and not (quantity is given) then permitted\n", "p.rules");
            Assert.Empty(file.Diagnostics);
            var rule = Assert.IsType<RuleDecl>(file.Declarations.Single());
            Assert.Equal("protection is given and not quantity is given", ExprPrinter.Print(rule.Condition!));
        }

        [Fact]
        public void After_is_only_given_may_follow()
        {
            var file = RulesParser.Parse("rule r cites \"X\" on store when protection is 3 then permitted\n", "p.rules");
            var d = Assert.Single(file.Diagnostics);
            Assert.Equal(RulesDiagnosticIds.Syntax, d.Id);
            Assert.Equal(46, d.Span.Column);
            Assert.Contains("expected 'given'", d.Message);
        }

        [Fact]
        public void A_request_naming_a_definition_is_refused_as_an_unknown_fact()
        {
            var set = RuleSet.Parse(Rules + "\ndefine big = quantity > 500 g\n", "given.rules");
            var ex = Assert.Throws<InvalidActivityException>(() => set.Evaluate(Activity.Create("store").With("big", true)));
            Assert.StartsWith("unknown fact 'big'", Assert.Single(ex.Problems));
        }
    }
}
