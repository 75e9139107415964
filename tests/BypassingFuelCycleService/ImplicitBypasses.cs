using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using AgreementRules;

namespace FuelCycleService
{
    // Ways to reach a regulated member without naming it at a call (issue 11, items 1-4). As in Bypasses.cs,
    // a marker comment /*!ID*/ stands right before the place each diagnostic must point at.

    /// <summary>Material accounting with regulated operators, conversions, enumeration, awaiting and deconstruction.</summary>
    public sealed class MaterialBalance
    {
        [Regulated("alter")] public static MaterialBalance operator +(MaterialBalance a, MaterialBalance b) => a;
        [Regulated("alter")] public static implicit operator double(MaterialBalance balance) => 0;
        [Regulated("alter")] public void Deconstruct(out string material, out double grams) { material = ""; grams = 0; }
        [Regulated("alter")] public BalanceAwaiter GetAwaiter() => new();
        public event Action Closed { [Regulated("alter")] add { } remove { } }
    }

    public sealed class BalanceAwaiter : INotifyCompletion
    {
        public bool IsCompleted => true;
        public double GetResult() => 0;
        public void OnCompleted(Action continuation) { }
    }

    public sealed class StoreRoom
    {
        public ShelfWalker GetEnumerator() => new();
    }

    public sealed class ShelfWalker
    {
        [Regulated("store")] public Batch Current => new("b", "uranium", 3, 1, "f");
        public bool MoveNext() => false;
    }

    public sealed class Manifest : IEnumerable<Batch>
    {
        [Regulated("transfer")] public void Add(Batch batch) { }
        public IEnumerator<Batch> GetEnumerator() => throw new NotSupportedException();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public class HotCell
    {
        [Regulated("reprocess")] public HotCell() { }
        public HotCell(string name) { }
    }

    /// <summary>The compiler writes its constructor, which calls the regulated one.</summary>
    public sealed class /*!AGR1001*/ShieldedCell : HotCell { }

    /// <summary>A primary constructor with no base arguments calls the regulated one too.</summary>
    public sealed class /*!AGR1001*/LeadCell(string name) : HotCell
    {
        public string Name => name;
    }

    public interface IProcess { void Run(Batch batch); }

    public abstract class Process { public abstract void Run(Batch batch); }

    /// <summary>Calls through IProcess and Process name the unregulated declarations.</summary>
    public sealed class DissolverProcess : Process, IProcess
    {
        [Regulated("reprocess")] public override void /*!AGR1009*/Run(Batch batch) { }
    }

    public class Vaulted { [Regulated("store")] public virtual void Put(Batch batch) { } }

    public sealed class Smuggled : Vaulted { [Regulated("transfer")] public override void /*!AGR1011*/Put(Batch batch) { } }

    public static class Make
    {
        public static T New<T>() where T : new() => new T();
    }

    public sealed class ImplicitBypasses
    {
        private readonly ReprocessingLine line = new();

        public void Operators(MaterialBalance a, MaterialBalance b)
        {
            var sum = /*!AGR1001*/a + b;
            double grams = /*!AGR1001*/a;
            /*!AGR1001*/var (material, mass) = a;
            /*!AGR1001*/a.Closed += () => Console.WriteLine(material + mass + grams + sum);
        }

        public async Task<double> Awaited(MaterialBalance balance) => /*!AGR1001*/await balance;

        public void Enumerated(StoreRoom room)
        {
            foreach (/*!AGR1001*/var batch in room) Console.WriteLine(batch.Id);
        }

        public Manifest Initialized(Batch batch) => new() { /*!AGR1001*/batch };

        public Manifest Collected(Batch batch) => /*!AGR1001*/[batch];

        public HotCell Created() => /*!AGR1002*/Make.New<HotCell>();

        public void Dynamic(Batch batch)
        {
            dynamic anything = /*!AGR1010*/line;
            anything.Reprocess(batch);
        }

        public object? Reflected(Batch batch) =>
            /*!AGR1002*/Type.GetType("FuelCycleService.ReprocessingLine")!.GetMethod("Reprocess")!.Invoke(line, new object[] { batch });

        public Expression ByExpression() =>
            /*!AGR1002*/Expression.Call(Expression.Constant(line), "Reprocess", null, Expression.Constant(null, typeof(Batch)));
    }
}
