using System;
using System.Threading;
using System.Threading.Tasks;

namespace AgreementRules.Tests.Evaluation
{
    /// <summary>
    /// Issue 11, item 8: the run-time backstop. A permitted decision opens a scope; a regulated member demands it.
    /// The scope is AsyncLocal state, so each test also proves it does not leak between flows, nestings or tests.
    /// </summary>
    public class PermitsTests
    {
        private const string Rules = """
            type party = enum { JP, US }
            activity enrich
            activity store
            activity reprocess
            fact enrichment : number %
            fact material : enum { uranium, plutonium }

            agreement T-1 {
              title "Test agreement"
              parties JP, US
            }

            rule low cites "Art. 1" on enrich when enrichment < 20 % then permitted
            rule high cites "Art. 2" on enrich when enrichment >= 20 % then prohibited
            rule s cites "Art. 3" on store then permitted
            rule r cites "Art. 4" on reprocess then prohibited
            """;

        private static readonly RuleSet RuleSet = AgreementRules.RuleSet.Parse(Rules);

        private static Decision Enrich(double level) => RuleSet.Evaluate(Activity.Create("enrich").With("enrichment", level));
        private static Decision Store() => RuleSet.Evaluate(Activity.Create("store").With("material", "uranium"));

        [Fact]
        public void Demand_without_a_scope_throws_and_names_what_was_demanded()
        {
            var e = Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
            Assert.Equal("enrich", e.Activity);
            Assert.Empty(e.OpenPermits);
            Assert.Contains("'enrich' is demanded but no permit is open in this flow", e.Message);
        }

        [Fact]
        public void Demand_inside_a_scope_passes_and_fails_again_after_dispose()
        {
            using (Enrich(4.0).Permit())
            {
                Permits.Demand("enrich");
                Permits.Demand(Activity.Create("enrich").With("enrichment", 4.0));
                Permits.Demand(Activity.Create("enrich").With("enrichment", 4)); // the same number, as an int
            }
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
        }

        [Fact]
        public void A_decision_that_is_not_permitted_opens_no_scope()
        {
            var refused = Enrich(25.0);
            Assert.Throws<ActivityNotPermittedException>(() => refused.Permit());
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
        }

        [Fact]
        public void Wrong_activity_is_refused()
        {
            using var permit = Store().Permit();
            var e = Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
            Assert.Contains("the open permits are for store(material=uranium)", e.Message);
            Assert.Equal("store", Assert.Single(e.OpenPermits).Kind);
        }

        [Fact]
        public void Wrong_facts_are_refused()
        {
            using var permit = Enrich(4.0).Permit();
            var e = Assert.Throws<NotPermittedException>(() => Permits.Demand(Activity.Create("enrich").With("enrichment", 25.0)));
            Assert.Contains("'enrich' for enrich(enrichment=25)", e.Message);
            // A fact the decision was not evaluated with is not granted either.
            Assert.Throws<NotPermittedException>(() => Permits.Demand(Activity.Create("enrich").With("material", "uranium")));
            Assert.False(Permits.Holds(Activity.Create("enrich").With("enrichment", "4")));
        }

        [Fact]
        public void Nested_scopes_restore_the_outer_one_on_dispose()
        {
            using (Enrich(4.0).Permit())
            {
                using (Store().Permit())
                {
                    Permits.Demand("store");
                    Permits.Demand("enrich"); // the outer permit is still open
                }
                Assert.Throws<NotPermittedException>(() => Permits.Demand("store"));
                Permits.Demand("enrich");
            }
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
        }

        [Fact]
        public void Disposing_out_of_order_leaves_no_stale_permit()
        {
            var outer = Enrich(4.0).Permit();
            var inner = Store().Permit();
            outer.Dispose(); // before the inner one
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
            Permits.Demand("store");
            inner.Dispose();
            Assert.Throws<NotPermittedException>(() => Permits.Demand("store"));
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
            // A new scope after all that starts from nothing: no closed scope is reachable from it.
            using var again = Store().Permit();
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
            Assert.Single(Assert.Throws<NotPermittedException>(() => Permits.Demand("reprocess")).OpenPermits);
        }

        [Fact]
        public void Disposing_twice_is_harmless()
        {
            using var outer = Enrich(4.0).Permit();
            var inner = Store().Permit();
            inner.Dispose();
            inner.Dispose();
            Permits.Demand("enrich");
        }

        [Fact]
        public async Task A_scope_flows_through_await_into_the_same_flow()
        {
            using var permit = Enrich(4.0).Permit();
            await Task.Yield();
            Permits.Demand("enrich");
            await Task.Run(() => Permits.Demand("enrich")); // a task started inside the scope is part of it
        }

        [Fact]
        public async Task A_scope_in_one_flow_is_not_seen_by_another_concurrent_flow()
        {
            using var opened = new SemaphoreSlim(0);
            using var checkedOther = new SemaphoreSlim(0);
            var holder = Task.Run(async () =>
            {
                using var permit = Enrich(4.0).Permit();
                opened.Release();
                await checkedOther.WaitAsync();
                Permits.Demand("enrich");
            });
            var other = Task.Run(async () =>
            {
                await opened.WaitAsync();
                try
                {
                    return Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
                }
                finally
                {
                    checkedOther.Release();
                }
            });
            var refused = await other;
            await holder;
            Assert.Empty(refused.OpenPermits);
            // Nor by the test's own flow, which started both.
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));
        }

        [Fact]
        public async Task A_scope_opened_in_an_awaited_method_does_not_leak_to_its_caller()
        {
            await OpenAndForget();
            Assert.Throws<NotPermittedException>(() => Permits.Demand("enrich"));

            static async Task OpenAndForget()
            {
                await Task.Yield();
                _ = Enrich(4.0).Permit(); // never disposed: still, only this flow saw it
                Permits.Demand("enrich");
            }
        }

        [Fact]
        public void Many_threads_each_see_only_their_own_scopes()
        {
            var failures = 0;
            Parallel.For(0, 200, i =>
            {
                var level = i % 2 == 0 ? 4.0 : 10.0;
                using var permit = Enrich(level).Permit();
                if (!Permits.Holds(Activity.Create("enrich").With("enrichment", level))) Interlocked.Increment(ref failures);
                if (Permits.Holds(Activity.Create("enrich").With("enrichment", i % 2 == 0 ? 10.0 : 4.0))) Interlocked.Increment(ref failures);
            });
            Assert.Equal(0, failures);
        }
    }
}
