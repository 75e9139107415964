using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>AGR1010: a value that may have regulated members converted to dynamic, guarded or not; and the uses of dynamic that stay clean.</summary>
    public class AGR1010RegulatedAsDynamicTests
    {
        private static Task Check(string body) => Verify.Analyzer<DynamicConversionAnalyzer>($$"""
            using System;
            using AgreementRules;

            public sealed class Label { public string Text { get; set; } = ""; }
            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");
                private readonly Line line = new Line();

                public void Work(Batch batch, object anything, Label label, IComparable comparable)
                {
            {{body}}
                }
                private static void Take(dynamic value) { }
                private static void Generic<T>(T value) => Take({|AGR1010:value|});
            }
            """);

        [Fact]
        public Task A_type_with_regulated_members_converted_to_dynamic_is_flagged() => Check("""
                    dynamic d = {|AGR1010:line|};
                    d.Run(batch);
                    var cast = (dynamic){|AGR1010:line|};
                    Take({|AGR1010:new Reactor()|});
                    dynamic lines = {|AGR1010:new[] { line }|};
            """.Replace("(dynamic){|AGR1010:line|}", "{|AGR1010:(dynamic)line|}"));

        [Fact]
        public Task A_guard_does_not_make_dynamic_safe() => Check("""
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted)
                    {
                        dynamic d = {|AGR1010:line|};
                    }
            """);

        [Fact]
        public Task Types_that_cannot_be_ruled_out_are_flagged() => Check("""
                    dynamic fromObject = {|AGR1010:anything|};
                    dynamic fromInterface = {|AGR1010:comparable|};
            """);

        [Fact]
        public Task Sealed_types_and_values_without_regulated_members_are_clean() => Check("""
                    dynamic text = "text";
                    dynamic number = 42;
                    dynamic sealedLabel = label;
                    dynamic nothing = null;
                    dynamic again = text;
                    dynamic array = new[] { 1, 2 };
            """);
    }
}
