using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// AGR1001 where a constructor chains to a regulated base constructor: written out (with or without
    /// <c>: base()</c>), written by the compiler (default, primary, record copy constructors: reported at the
    /// type's name, since nothing can guard them), and the guarded or regulated twins that build clean.
    /// </summary>
    public class AGR1001ConstructorChainTests
    {
        private static Task Check(string source) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using System;
            using AgreementRules;

            public class Plant
            {
                [Regulated("reprocess")] public Plant() { }
                public Plant(string name) { }
            }
            public record Archive(int Mass)
            {
                [Regulated("store")] protected Archive(Archive original) { Mass = original.Mass; }
            }

            """ + source);

        [Fact]
        public Task A_class_without_a_constructor_chains_implicitly() => Check("""
            public class {|AGR1001:Annex|} : Plant { }
            """);

        [Fact]
        public Task A_constructor_without_an_initializer_chains_implicitly() => Check("""
            public class Annex : Plant
            {
                {|AGR1001:public Annex(int size) { }|}
            }
            """);

        [Fact]
        public Task An_explicit_base_call_is_a_call() => Check("""
            public class Annex : Plant
            {
                public Annex(int size) {|AGR1001:: base()|} { }
            }
            """);

        [Fact]
        public Task A_primary_constructor_without_base_arguments_chains_implicitly() => Check("""
            public class {|AGR1001:Annex|}(int size) : Plant { }
            """);

        [Fact]
        public Task A_primary_constructor_with_base_arguments_is_a_call() => Check("""
            public class Annex(int size) : {|AGR1001:Plant()|} { }
            """);

        [Fact]
        public Task A_derived_record_copy_constructor_chains_to_the_regulated_one() => Check("""
            public record {|AGR1001:Branch|}(int Mass, int Shelf) : Archive(Mass);
            """);

        [Fact]
        public Task Chaining_to_an_unregulated_base_constructor_is_clean() => Check("""
            public class Annex : Plant
            {
                public Annex() : base("annex") { }
            }
            public class Wing(int size) : Plant("wing") { }
            """);

        [Fact]
        public Task Chaining_under_a_guard_or_from_a_regulated_constructor_is_clean() => Check("""
            public class Annex : Plant
            {
                [Regulated("reprocess")] public Annex() { }
                [Regulated("reprocess")] public Annex(int size) : base() { }
                public Annex(RuleSet rules, string name) : base(name)
                {
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) new Plant();
                }
            }
            """);
    }
}
