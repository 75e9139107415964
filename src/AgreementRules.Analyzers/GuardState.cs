using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AgreementRules.Analyzers
{
    /// <summary>How strongly a permitted decision for an activity holds at a point: the least over all paths.</summary>
    internal enum Guard : byte
    {
        /// <summary>On some path no permitted decision for the activity was seen.</summary>
        None = 0,
        /// <summary>On some path only a permitted decision about an activity the analysis cannot name was seen.</summary>
        Unknown = 1,
        Permitted = 2,
    }

    /// <summary>
    /// The activity kinds a decision or activity value may be about: one for each path that reaches the
    /// point, plus "unknown" where on some path the analysis cannot name the kind (a non-constant
    /// <c>Activity.Create(kind)</c>, a decision from a parameter, field or method).
    /// </summary>
    internal sealed class Origin : IEquatable<Origin>
    {
        // Before Unknown: static fields are initialised in text order.
        private static readonly ImmutableHashSet<ILocalSymbol> NoLocals = ImmutableHashSet.Create<ILocalSymbol>(SymbolEqualityComparer.Default);

        public static readonly Origin Unknown = new(ImmutableArray<string>.Empty, includesUnknown: true);

        private Origin(ImmutableArray<string> kinds, bool includesUnknown, FactSet? facts = null, ImmutableHashSet<ILocalSymbol>? through = null)
        {
            Kinds = kinds;
            IncludesUnknown = includesUnknown;
            Facts = facts;
            Through = through ?? NoLocals;
        }

        /// <summary>Sorted, distinct.</summary>
        public ImmutableArray<string> Kinds { get; }
        public bool IncludesUnknown { get; }
        public bool IsUnknown => IncludesUnknown && Kinds.IsEmpty;
        /// <summary>The facts the activity was built with, on every path (null: none known). See <see cref="FactSet"/>.</summary>
        public FactSet? Facts { get; }

        /// <summary>
        /// The locals the value was read through on some path (the decision local, its copies, the activity local it was
        /// evaluated from): a write to any of them ends a guard this value established (<see cref="GuardState.Forget"/>).
        /// </summary>
        public ImmutableHashSet<ILocalSymbol> Through { get; }

        /// <summary>The same value, read through one more local.</summary>
        public Origin Via(ILocalSymbol local) =>
            IsUnknown || Through.Contains(local) ? this : new Origin(Kinds, IncludesUnknown, Facts, Through.Add(local));

        public bool DependsOn(ILocalSymbol local) => Through.Contains(local);

        /// <summary><c>Activity.Create(kind)</c>: no fact set yet.</summary>
        public static Origin Of(string kind) => new(ImmutableArray.Create(kind), includesUnknown: false, FactSet.Empty);

        /// <summary>The same kinds without what is known of their facts (a decision from a helper: its facts are its own locals').</summary>
        public static Origin OfKindOnly(string kind) => new(ImmutableArray.Create(kind), includesUnknown: false);

        public Origin WithFacts(FactSet? facts) => Equals(Facts, facts) ? this : new Origin(Kinds, IncludesUnknown, facts, Through);

        public Origin Union(Origin other)
        {
            var facts = FactSet.Intersect(Facts, other.Facts);
            if (ReferenceEquals(this, other) || other.Kinds.All(Kinds.Contains) && (IncludesUnknown || !other.IncludesUnknown) && Equals(facts, Facts) &&
                other.Through.IsSubsetOf(Through)) return this;
            var kinds = Kinds.Union(other.Kinds, StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToImmutableArray();
            // A write to a local either path read it through ends the guard: the union, to fail closed.
            return new Origin(kinds, IncludesUnknown || other.IncludesUnknown, facts, Through.Union(other.Through));
        }

        /// <summary>
        /// What a permitted decision with this origin says about <paramref name="activity"/>: the least over
        /// the paths — permitted if on every path it is about that activity, none if on some path it is
        /// about another one.
        /// </summary>
        public Guard Vouches(string activity)
        {
            var result = IncludesUnknown ? Guard.Unknown : Guard.Permitted;
            foreach (var kind in Kinds)
                if (!string.Equals(kind, activity, StringComparison.Ordinal)) return Guard.None;
            return result;
        }

        public bool Equals(Origin? other) =>
            other != null && IncludesUnknown == other.IncludesUnknown && Kinds.SequenceEqual(other.Kinds, StringComparer.Ordinal) && Equals(Facts, other.Facts) &&
            Through.SetEquals(other.Through);

        public override bool Equals(object? obj) => obj is Origin other && Equals(other);

        public override int GetHashCode()
        {
            var hash = IncludesUnknown ? 1 : 0;
            foreach (var kind in Kinds) hash = hash * 31 + StringComparer.Ordinal.GetHashCode(kind);
            return hash;
        }

        public override string ToString() => "{" + string.Join(", ", Kinds) + (IncludesUnknown ? (Kinds.IsEmpty ? "?" : ", ?") : "") + "}";
    }

    /// <summary>What the analysis knows about a value held in a flow capture.</summary>
    internal enum ValueKind : byte
    {
        /// <summary>A <c>Decision</c> or an <c>Activity</c>; the origin says which activity it is about.</summary>
        DecisionOrActivity,
        /// <summary>A bool that is true exactly when a decision with the origin is permitted: <c>decision.IsPermitted</c>.</summary>
        Permitted,
        /// <summary>A bool or bool? that is true only when a decision with the origin is permitted; false or null says nothing: <c>decision?.IsPermitted</c>.</summary>
        TrueOnlyIfPermitted,
        /// <summary>A decision's <c>Outcome</c>.</summary>
        Outcome,
        /// <summary>A decision's <c>Outcome</c>, or null: <c>decision?.Outcome</c>.</summary>
        OutcomeOrNull,
        /// <summary>null or default, as the other arm of a conditional access.</summary>
        Null,
        /// <summary>The constant false, as the other arm of <c>?? false</c> or <c>&amp;&amp;</c>.</summary>
        False,
    }

    internal readonly struct TrackedValue : IEquatable<TrackedValue>
    {
        public TrackedValue(ValueKind kind, Origin? origin)
        {
            Kind = kind;
            Origin = origin;
        }

        public ValueKind Kind { get; }
        /// <summary>Null for <see cref="ValueKind.Null"/> and <see cref="ValueKind.False"/>.</summary>
        public Origin? Origin { get; }

        /// <summary>What holds on both of two paths; null when nothing useful does.</summary>
        public static TrackedValue? Join(TrackedValue a, TrackedValue b)
        {
            if (a.Kind == b.Kind) return new TrackedValue(a.Kind, UnionOrNull(a.Origin, b.Origin));
            if (IsPermittedFlag(a.Kind) && IsPermittedFlagOrNothing(b.Kind) || IsPermittedFlag(b.Kind) && IsPermittedFlagOrNothing(a.Kind))
                return new TrackedValue(ValueKind.TrueOnlyIfPermitted, UnionOrNull(a.Origin, b.Origin));
            if (IsOutcome(a.Kind) && (IsOutcome(b.Kind) || b.Kind == ValueKind.Null) || IsOutcome(b.Kind) && a.Kind == ValueKind.Null)
                return new TrackedValue(ValueKind.OutcomeOrNull, UnionOrNull(a.Origin, b.Origin));
            if (a.Kind == ValueKind.DecisionOrActivity && b.Kind == ValueKind.Null) return a;
            if (b.Kind == ValueKind.DecisionOrActivity && a.Kind == ValueKind.Null) return b;
            return null;
        }

        private static bool IsPermittedFlag(ValueKind kind) => kind is ValueKind.Permitted or ValueKind.TrueOnlyIfPermitted;
        private static bool IsPermittedFlagOrNothing(ValueKind kind) => IsPermittedFlag(kind) || kind is ValueKind.Null or ValueKind.False;
        private static bool IsOutcome(ValueKind kind) => kind is ValueKind.Outcome or ValueKind.OutcomeOrNull;

        private static Origin? UnionOrNull(Origin? a, Origin? b) => a == null ? b : b == null ? a : a.Union(b);

        public bool Equals(TrackedValue other) => Kind == other.Kind && Equals(Origin, other.Origin);
        public override bool Equals(object? obj) => obj is TrackedValue other && Equals(other);
        public override int GetHashCode() => ((int)Kind * 397) ^ (Origin?.GetHashCode() ?? 0);
    }

    /// <summary>The facts at one point of a flow graph. Immutable.</summary>
    internal sealed class GuardState
    {
        public GuardState(Guard[] guards, ImmutableDictionary<ILocalSymbol, Origin> locals, ImmutableDictionary<ILocalSymbol, TrackedValue> flags,
            ImmutableDictionary<CaptureId, TrackedValue> captures, Origin?[]? grants = null)
        {
            Guards = guards; Locals = locals; Flags = flags; Captures = captures; Grants = grants ?? new Origin?[guards.Length];
        }

        /// <summary>
        /// For each activity whose guard is <see cref="Guard.Permitted"/>: the decision that permits it, with the facts it
        /// was evaluated for on every path (null: none known). What a fact check compares a call's arguments with.
        /// </summary>
        public Origin?[] Grants { get; }

        /// <summary>One per activity the member uses, in the order of the analysis' kinds.</summary>
        public Guard[] Guards { get; }
        /// <summary>Decision and activity locals and what they are about; absent means unknown.</summary>
        public ImmutableDictionary<ILocalSymbol, Origin> Locals { get; }
        /// <summary>
        /// Bool locals that hold a permitted flag (<c>var allowed = decision.IsPermitted</c>), or false or null on some
        /// path; absent means nothing is known. Like captures, a flag survives a merge only if every path has one.
        /// </summary>
        public ImmutableDictionary<ILocalSymbol, TrackedValue> Flags { get; }
        public ImmutableDictionary<CaptureId, TrackedValue> Captures { get; }

        public static GuardState Initial(Guard[] guards) => new(guards,
            ImmutableDictionary.Create<ILocalSymbol, Origin>(SymbolEqualityComparer.Default),
            ImmutableDictionary.Create<ILocalSymbol, TrackedValue>(SymbolEqualityComparer.Default), ImmutableDictionary<CaptureId, TrackedValue>.Empty);

        public GuardState WithGuards(Guard[] guards, Origin?[] grants) => new(guards, Locals, Flags, Captures, grants);

        public GuardState WithLocal(ILocalSymbol local, Origin origin) =>
            new(Guards, origin.IsUnknown ? Locals.Remove(local) : Locals.SetItem(local, origin), Flags, Captures, Grants);

        public GuardState WithLocals(ImmutableDictionary<ILocalSymbol, Origin> locals, ImmutableDictionary<ILocalSymbol, TrackedValue> flags) =>
            new(Guards, locals, flags, Captures, Grants);

        public GuardState WithFlag(ILocalSymbol local, TrackedValue? value) =>
            new(Guards, Locals, value is { } v ? Flags.SetItem(local, v) : Flags.Remove(local), Captures, Grants);

        public GuardState WithCapture(CaptureId id, TrackedValue? value) =>
            new(Guards, Locals, Flags, value is { } v ? Captures.SetItem(id, v) : Captures.Remove(id), Grants);

        public GuardState WithoutCaptures() => Captures.IsEmpty ? this : new(Guards, Locals, Flags, Captures.Clear(), Grants);

        public Origin OriginOf(ILocalSymbol local) => Locals.TryGetValue(local, out var origin) ? origin : Origin.Unknown;

        /// <summary>What holds on both paths: the weaker guard, every kind a local may be about, the flags and captures both agree on.</summary>
        public static GuardState? Join(GuardState? a, GuardState? b)
        {
            if (a == null) return b;
            if (b == null || ReferenceEquals(a, b)) return a;
            var guards = new Guard[a.Guards.Length];
            var grants = new Origin?[a.Guards.Length];
            for (var i = 0; i < guards.Length; i++)
            {
                guards[i] = a.Guards[i] < b.Guards[i] ? a.Guards[i] : b.Guards[i];
                if (guards[i] == Guard.Permitted && a.Grants[i] is { } left && b.Grants[i] is { } right) grants[i] = left.Union(right);
            }

            var locals = a.Locals;
            foreach (var pair in a.Locals)
                locals = locals.SetItem(pair.Key, pair.Value.Union(b.OriginOf(pair.Key)));
            foreach (var pair in b.Locals)
                if (!a.Locals.ContainsKey(pair.Key)) locals = locals.SetItem(pair.Key, pair.Value.Union(Origin.Unknown));

            return new GuardState(guards, locals, JoinValues(a.Flags, b.Flags), JoinValues(a.Captures, b.Captures), grants);
        }

        /// <summary>A value is kept only where both paths have one and they join (<see cref="TrackedValue.Join"/>).</summary>
        private static ImmutableDictionary<TKey, TrackedValue> JoinValues<TKey>(ImmutableDictionary<TKey, TrackedValue> a, ImmutableDictionary<TKey, TrackedValue> b) where TKey : notnull
        {
            var result = a;
            foreach (var pair in a)
            {
                var joined = b.TryGetValue(pair.Key, out var other) ? TrackedValue.Join(pair.Value, other) : null;
                result = joined is { } value ? result.SetItem(pair.Key, value) : result.Remove(pair.Key);
            }
            return result;
        }

        public static bool Same(GuardState? a, GuardState? b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a == null || b == null) return false;
            for (var i = 0; i < a.Guards.Length; i++)
                if (a.Guards[i] != b.Guards[i] || !Equals(a.Grants[i], b.Grants[i])) return false;
            if (a.Locals.Count != b.Locals.Count) return false;
            foreach (var pair in a.Locals)
                if (!b.Locals.TryGetValue(pair.Key, out var other) || !other.Equals(pair.Value)) return false;
            return SameValues(a.Flags, b.Flags) && SameValues(a.Captures, b.Captures);
        }

        private static bool SameValues<TKey>(ImmutableDictionary<TKey, TrackedValue> a, ImmutableDictionary<TKey, TrackedValue> b) where TKey : notnull
        {
            if (a.Count != b.Count) return false;
            foreach (var pair in a)
                if (!b.TryGetValue(pair.Key, out var other) || !other.Equals(pair.Value)) return false;
            return true;
        }

        /// <summary>
        /// A write to <paramref name="written"/>: a guard is about the decision and activity held now, so every guard
        /// established through that local ends (back to <see cref="Guard.None"/>), and every flag or capture read from it
        /// is dropped (an <c>allowed</c> read before the write is about the old decision). Locals copied from it keep
        /// their value: they still hold the old decision, and checking one is a check of that decision.
        /// </summary>
        public GuardState Forget(ILocalSymbol written)
        {
            Guard[]? guards = null;
            Origin?[]? grants = null;
            for (var i = 0; i < Guards.Length; i++)
            {
                if (Grants[i] is not { } grant || !grant.DependsOn(written)) continue;
                guards ??= (Guard[])Guards.Clone();
                grants ??= (Origin?[])Grants.Clone();
                guards[i] = Guard.None;
                grants[i] = null;
            }
            var flags = WithoutValuesFrom(Flags, written);
            var captures = WithoutValuesFrom(Captures, written);
            if (guards == null && ReferenceEquals(flags, Flags) && ReferenceEquals(captures, Captures)) return this;
            return new GuardState(guards ?? Guards, Locals, flags, captures, grants ?? Grants);
        }

        /// <summary>A delegate may run after any later write: guards through a local written more than once end (<see cref="Forget"/>).</summary>
        public GuardState ForgetAllBut(Func<ILocalSymbol, bool> stable)
        {
            var state = this;
            foreach (var grant in Grants)
                if (grant != null)
                    foreach (var local in grant.Through)
                        if (!stable(local)) state = state.Forget(local);
            return state;
        }

        private static ImmutableDictionary<TKey, TrackedValue> WithoutValuesFrom<TKey>(ImmutableDictionary<TKey, TrackedValue> values, ILocalSymbol written) where TKey : notnull
        {
            var result = values;
            foreach (var pair in values)
                if (pair.Value.Origin is { } origin && origin.DependsOn(written)) result = result.Remove(pair.Key);
            return result;
        }

        /// <summary>Raises the guard of every activity the permitted decision vouches for.</summary>
        public GuardState Permit(Origin origin, IReadOnlyList<string> kinds)
        {
            Guard[]? guards = null;
            Origin?[]? grants = null;
            for (var i = 0; i < kinds.Count; i++)
            {
                var vouched = origin.Vouches(kinds[i]);
                // A second permitted decision for the same activity holds too: the latest one's facts are kept.
                if (vouched < Guards[i] || vouched == Guards[i] && (vouched != Guard.Permitted || Equals(Grants[i], origin))) continue;
                guards ??= (Guard[])Guards.Clone();
                grants ??= (Origin?[])Grants.Clone();
                guards[i] = vouched;
                grants[i] = vouched == Guard.Permitted ? origin : null;
            }
            return guards == null ? this : WithGuards(guards, grants!);
        }
    }
}
