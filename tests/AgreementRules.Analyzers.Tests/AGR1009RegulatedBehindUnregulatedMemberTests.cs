using System.Threading.Tasks;
using AgreementRules.CodeFixes;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// AGR1009: a regulated member that implements or overrides a member that is not regulated is reported where
    /// it is declared, since calls through the interface,
    /// the base member or a generic constraint name that declaration; with the fix that marks the declaration.
    /// </summary>
    public class AGR1009RegulatedBehindUnregulatedMemberTests
    {
        private static Task Check(string source) => Verify.Analyzer<RegulatedDispatchAnalyzer>("using System;\nusing AgreementRules;\n\n" + source);

        [Fact]
        public Task Implicit_and_explicit_interface_implementations_are_flagged() => Check("""
            public interface IPlant { void Run(); int Level { get; } void Stop(); }
            public class Plant : IPlant
            {
                [Regulated("reprocess")] public void {|AGR1009:Run|}() { }
                [Regulated("store")] public int {|AGR1009:Level|} => 0;
                [Regulated("reprocess")] void IPlant.{|AGR1009:Stop|}() { }
            }
            """);

        [Fact]
        public Task Overrides_of_virtual_and_abstract_members_are_flagged() => Check("""
            public abstract class Belt
            {
                public abstract void Run();
                public virtual int Level => 0;
                public virtual void Stop() { }
            }
            public class FastBelt : Belt
            {
                [Regulated("reprocess")] public override void {|AGR1009:Run|}() { }
                [Regulated("reprocess")] public override int {|AGR1009:Level|} => 1;
                public override void Stop() { }
            }
            """);

        [Fact]
        public Task Overrides_of_object_members_the_framework_calls_are_flagged() => Check("""
            public class Ledger
            {
                [Regulated("store")] public override string {|AGR1009:ToString|}() => "";
                [Regulated("store")] public override bool {|AGR1009:Equals|}(object? other) => false;
                public override int GetHashCode() => 0;
            }
            """);

        [Fact]
        public Task A_base_class_member_implementing_the_interface_in_a_derived_class_is_flagged_at_the_derived_class() => Check("""
            public interface IRun { void Run(); }
            public class Belt { [Regulated("reprocess")] public void Run() { } }
            public class {|AGR1009:RunnableBelt|} : Belt, IRun { }
            """);

        [Fact]
        public Task A_static_abstract_member_called_through_a_type_parameter_is_flagged_at_the_implementation() => Check("""
            public interface IMaker { static abstract void Make(); }
            public class Maker : IMaker { [Regulated("enrich")] public static void {|AGR1009:Make|}() { } }
            public static class Use { public static void Call<T>() where T : IMaker => T.Make(); }
            """);

        [Fact]
        public Task Declarations_regulated_for_the_same_activity_and_inherited_regulation_are_clean() => Check("""
            public interface IPlant { [Regulated("reprocess")] void Run(); void Idle(); }
            public class Plant : IPlant
            {
                [Regulated("reprocess")] public void Run() { }
                public void Idle() { }
            }
            public class Belt { [Regulated("store")] public virtual void Go() { } }
            public class FastBelt : Belt { public override void Go() { } }
            public class Checked : Belt { [Regulated("store")] public override void Go() { } }
            public class Unrelated { [Regulated("store")] public void Go() { } public override string ToString() => ""; }
            """);

        [Fact]
        public Task Calls_through_a_regulated_declaration_need_a_guard() => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>("""
            using AgreementRules;
            public interface IPlant { [Regulated("reprocess")] void Run(); }
            public class Use
            {
                public void Call(IPlant plant) => {|AGR1001:plant.Run()|};
                public void Generic<T>(T plant) where T : IPlant => {|AGR1001:plant.Run()|};
                public void Guarded(RuleSet rules, IPlant plant)
                {
                    if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) plant.Run();
                }
            }
            """);

        [Fact]
        public Task The_fix_marks_the_interface_member() =>
            Verify.CodeFix<RegulatedDispatchAnalyzer, MarkDeclarationRegulatedFixer>("""
                using AgreementRules;

                public interface IPlant
                {
                    void Run();
                }
                public class Plant : IPlant
                {
                    [Regulated("reprocess")] public void {|AGR1009:Run|}() { }
                }
                """, """
                using AgreementRules;

                public interface IPlant
                {
                    [Regulated("reprocess")]
                    void Run();
                }
                public class Plant : IPlant
                {
                    [Regulated("reprocess")] public void Run() { }
                }
                """);

        [Fact]
        public Task The_fix_marks_the_base_member_and_adds_the_using() =>
            Verify.CodeFix<RegulatedDispatchAnalyzer, MarkDeclarationRegulatedFixer>("""
                public abstract class Belt
                {
                    public abstract void Run();
                }
                public class FastBelt : Belt
                {
                    [AgreementRules.Regulated("reprocess")] public override void {|AGR1009:Run|}() { }
                }
                """, """
                using AgreementRules;

                public abstract class Belt
                {
                    [Regulated("reprocess")]
                    public abstract void Run();
                }
                public class FastBelt : Belt
                {
                    [AgreementRules.Regulated("reprocess")] public override void Run() { }
                }
                """);

        [Fact]
        public Task No_fix_when_the_declaration_is_not_in_source() =>
            Verify.NoCodeFix<RegulatedDispatchAnalyzer, MarkDeclarationRegulatedFixer>("""
                using System;
                using AgreementRules;

                public class Lease : IDisposable
                {
                    [Regulated("store")] public void {|AGR1009:Dispose|}() { }
                }
                """);
    }
}
