using System;
using AgreementRules.Evaluation;

namespace AgreementRules.Tests.Evaluation
{
    public class TieredTests
    {
        [Fact]
        public void Moves_to_the_compiled_form_after_the_threshold_of_counted_evaluations_and_compiles_once()
        {
            var compiled = 0;
            var tiered = new Tiered<string>("closures", () => { compiled++; return "il"; }, threshold: 3);
            for (var i = 0; i < 10; i++) Assert.Equal("closures", tiered.Get(count: false)); // uncounted: never compiles
            Assert.Equal("closures", tiered.Get(count: true));
            Assert.Equal("closures", tiered.Get(count: true));
            Assert.Equal("closures", tiered.Get(count: true));
            Assert.False(tiered.IsCompiled);
            Assert.Equal("il", tiered.Get(count: true));
            Assert.True(tiered.IsCompiled);
            for (var i = 0; i < 10; i++) Assert.Equal("il", tiered.Get(count: true));
            Assert.Equal(1, compiled);
        }

        [Fact]
        public void A_threshold_of_zero_compiles_on_the_first_counted_evaluation_and_minus_one_never()
        {
            Assert.Equal("il", new Tiered<string>("closures", () => "il", threshold: 0).Get(count: true));
            var never = new Tiered<string>("closures", () => throw new InvalidOperationException("must not compile"), threshold: -1);
            for (var i = 0; i < 5; i++) Assert.Equal("closures", never.Get(count: true));
        }

        [Fact]
        public void A_compiler_that_fails_leaves_the_closures_in_place_without_failing_the_evaluation()
        {
            var attempts = 0;
            var tiered = new Tiered<string>("closures", () => { attempts++; throw new PlatformNotSupportedException(); }, threshold: 0);
            for (var i = 0; i < 5; i++) Assert.Equal("closures", tiered.Get(count: true));
            Assert.False(tiered.IsCompiled);
            Assert.Equal(1, attempts);
        }
    }
}
