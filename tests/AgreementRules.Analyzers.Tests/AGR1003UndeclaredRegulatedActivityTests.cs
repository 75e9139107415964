using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    public class AGR1003UndeclaredRegulatedActivityTests
    {
        [Fact]
        public Task Activity_the_rules_do_not_declare_is_flagged() => Verify.Analyzer<RegulatedActivityAnalyzer>("""
            using AgreementRules;
            public class Plant
            {
                [Regulated({|AGR1003:"reprocessing"|})] public void Run() { }
                [Regulated({|AGR1003:"melt"|})] public Plant() { }
                [Regulated({|AGR1003:"ship"|})] public int Load { get; set; }
            }
            """);

        [Fact]
        public Task Accessors_local_functions_and_lambdas_are_checked_too() => Verify.Analyzer<RegulatedActivityAnalyzer>("""
            using System;
            using AgreementRules;
            public class Tank
            {
                public int Level { get; [Regulated({|AGR1003:"melt"|})] set; }
                public int Pressure { [Regulated("store")] get => 1; }
                public void M()
                {
                    [Regulated({|AGR1003:"cast"|})] void Local() { }
                    [Regulated("store")] void Fine() { }
                    Action lambda = [Regulated({|AGR1003:"roll"|})] () => { };
                }
            }
            """);

        [Fact]
        public Task Declared_activity_is_clean() => Verify.Analyzer<RegulatedActivityAnalyzer>("""
            using AgreementRules;
            public class Plant
            {
                [Regulated("reprocess")] public void Run() { }
            }
            """);

        [Fact]
        public Task Without_rules_files_nothing_is_claimed() => Verify.Analyzer<RegulatedActivityAnalyzer>("""
            using AgreementRules;
            public class Plant
            {
                [Regulated("reprocessing")] public void Run() { }
            }
            """, rules: null);

        [Fact]
        public Task Rules_with_a_syntax_error_do_not_make_correct_code_look_wrong() => Verify.Analyzer<RegulatedActivityAnalyzer>("""
            using AgreementRules;
            public class Plant
            {
                [Regulated("reprocessing")] public void Run() { }
            }
            """, rules: "activity reprocess\nrule broken cites\n");
    }
}
