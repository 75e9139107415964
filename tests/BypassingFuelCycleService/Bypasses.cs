using System;
using System.Reflection;
using AgreementRules;

namespace FuelCycleService
{
    // Every kind of bypass the analyzers must catch. A marker comment /*!ID*/ stands right before the
    // place each diagnostic must point at; the end-to-end test reads the markers and expects exactly these.
    public sealed class BypassingOperations
    {
        private readonly RuleSet rules;
        private readonly ReprocessingLine line = new();
        private readonly EnrichmentCascade cascade = new();

        public BypassingOperations(RuleSet rules) => this.rules = rules;

        public void NoCheckAtAll(Batch batch)
        {
            /*!AGR1001*/line.Reprocess(batch);
        }

        public void ResultIgnored(Batch batch)
        {
            rules.Evaluate(Activity.Create("reprocess"));
            /*!AGR1001*/line.Reprocess(batch);
        }

        public void CallInTheElseBranch(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            if (decision.IsPermitted) Console.WriteLine("permitted");
            else /*!AGR1001*/line.Reprocess(batch);
        }

        public void CallUnderNotPermitted(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            if (!decision.IsPermitted) /*!AGR1001*/line.Reprocess(batch);
        }

        public void CheckAfterTheCall(Batch batch)
        {
            /*!AGR1001*/line.Reprocess(batch);
            rules.Evaluate(Activity.Create("reprocess")).ThrowIfNotPermitted();
        }

        public void DecisionAboutAnotherActivity(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("enrich"));
            if (decision.IsPermitted) /*!AGR1001*/line.Reprocess(batch);
        }

        public void LoopChecksTooLate(Batch[] batches)
        {
            foreach (var batch in batches)
            {
                /*!AGR1001*/cascade.Enrich(batch, 4.95);
                rules.Evaluate(Activity.Create("enrich")).ThrowIfNotPermitted();
            }
        }

        public Func<Batch, Batch> HandsOutAMethodGroup() => /*!AGR1002*/line.Reprocess;

        public MethodInfo? ReachesItThroughReflection() => /*!AGR1002*/typeof(ReprocessingLine).GetMethod("Reprocess");

        [Regulated(/*!AGR1003*/"melt")]
        public void Melt(Batch batch) { }

        public Decision AsksAboutUndeclaredNames() => rules.Evaluate(
            Activity.Create(/*!AGR1004*/"reprocessing")
                .With(/*!AGR1005*/"enrichment_level", 5.0)
                .With("material", /*!AGR1006*/"plutonium-239"));

        public void KindIsNotAConstant(Batch batch, string kind)
        {
            var decision = rules.Evaluate(Activity.Create(kind));
            if (decision.IsPermitted) /*!AGR1007*/line.Reprocess(batch);
        }

        public void DecisionReplacedThroughRef(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            Replace(ref decision);
            if (decision.IsPermitted) /*!AGR1007*/line.Reprocess(batch);
        }

        private void Replace(ref Decision decision) => decision = rules.Evaluate(Activity.Create("enrich"));

        public Decision GivesAFactTheWrongType() => rules.Evaluate(
            Activity.Create("enrich").With("enrichment", /*!AGR1006*/"4.95%"));

        // ---- the tricky forms: each looks guarded and is not ----

        public void DecisionReassignedInTheLoop(Batch[] batches)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            foreach (var batch in batches)
            {
                if (decision.IsPermitted) /*!AGR1001*/line.Reprocess(batch);
                decision = rules.Evaluate(Activity.Create("enrich"));
            }
        }

        public void RefusalSwallowed(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            try { decision.ThrowIfNotPermitted(); }
            catch (ActivityNotPermittedException) { Console.WriteLine("refused"); }
            /*!AGR1001*/line.Reprocess(batch);
        }

        public void DecisionReplacedInFinally(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            try { Console.WriteLine("preparing"); }
            finally { decision = rules.Evaluate(Activity.Create("store")); }
            if (decision.IsPermitted) /*!AGR1001*/line.Reprocess(batch);
        }

        public void NullDecisionLetThrough(Batch batch, bool ask)
        {
            Decision? decision = ask ? rules.Evaluate(Activity.Create("reprocess")) : null;
            if (decision?.IsPermitted != false) /*!AGR1001*/line.Reprocess(batch);
        }

        public void LambdaMadeBeforeTheCheck(Batch batch)
        {
            Action run = () => /*!AGR1001*/line.Reprocess(batch);
            if (rules.Evaluate(Activity.Create("reprocess")).IsPermitted) run();
        }

        public void PatternThatDoesNotMeanPermitted(Batch batch)
        {
            var decision = rules.Evaluate(Activity.Create("reprocess"));
            if (decision is { Outcome: Outcome.ConsentRequired }) /*!AGR1001*/line.Reprocess(batch);
        }

        public Delegate MadeByName() => /*!AGR1002*/Delegate.CreateDelegate(typeof(Func<Batch, Batch>), line, "Reprocess");
    }
}
