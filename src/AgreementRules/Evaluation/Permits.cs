using System;
using System.Collections.Generic;
using System.Threading;

namespace AgreementRules
{
    /// <summary>
    /// The run-time backstop for what the analyzers cannot see (reflection by a computed name, code in another
    /// language, a project built without the analyzers): a permitted decision opens a scope,
    /// <c>using var permit = decision.Permit();</c>, and a regulated member demands one,
    /// <c>Permits.Demand("enrich")</c> or <c>Permits.Demand(Activity.Create("enrich").With("enrichment", level))</c>.
    /// <para>
    /// Scopes live in an <see cref="AsyncLocal{T}"/>: they flow into the awaits and tasks started inside them and
    /// are never seen by another concurrent flow. Scopes nest; disposing one closes it wherever it is seen, so a
    /// scope disposed out of order leaves no stale permit behind, and the flow that disposes the innermost scope
    /// goes back to the nearest one still open.
    /// </para>
    /// </summary>
    public static class Permits
    {
        private static readonly AsyncLocal<PermitScope?> Innermost = new();

        /// <summary>Throws <see cref="NotPermittedException"/> unless an open scope permits <paramref name="activity"/>.</summary>
        public static void Demand(string activity)
        {
            if (activity == null) throw new ArgumentNullException(nameof(activity));
            if (Find(activity, required: null) == null) throw NotPermittedException.For(activity, null, Open());
        }

        /// <summary>
        /// Throws <see cref="NotPermittedException"/> unless an open scope permits <paramref name="required"/>'s kind
        /// for the same value of every fact it sets (a number equal as a number, text and lists equal ordinally).
        /// </summary>
        public static void Demand(Activity required)
        {
            if (required == null) throw new ArgumentNullException(nameof(required));
            if (Find(required.Kind, required) == null) throw NotPermittedException.For(required.Kind, required, Open());
        }

        /// <summary>Whether an open scope in this flow permits the activity (and the facts of <paramref name="required"/>).</summary>
        public static bool Holds(Activity required) =>
            required != null && Find(required.Kind, required) != null;

        internal static PermitScope Open(Decision decision)
        {
            var scope = new PermitScope(decision, Innermost.Value);
            Innermost.Value = scope;
            return scope;
        }

        /// <summary>Called once per scope, on the flow that disposes it.</summary>
        internal static void Closed(PermitScope scope)
        {
            // Only the flow whose innermost scope this is moves back; another flow keeps its own innermost
            // scope (a closed one is skipped wherever it stands in a chain).
            if (ReferenceEquals(Innermost.Value, scope)) Innermost.Value = OpenFrom(scope.Outer);
        }

        private static PermitScope? OpenFrom(PermitScope? scope)
        {
            while (scope is { IsClosed: true }) scope = scope.Outer;
            return scope;
        }

        private static PermitScope? Find(string activity, Activity? required)
        {
            for (var scope = OpenFrom(Innermost.Value); scope != null; scope = OpenFrom(scope.Outer))
                if (scope.Allows(activity, required)) return scope;
            return null;
        }

        private static List<Activity> Open()
        {
            var open = new List<Activity>();
            for (var scope = OpenFrom(Innermost.Value); scope != null; scope = OpenFrom(scope.Outer)) open.Add(scope.Request);
            return open;
        }
    }

    /// <summary>An open permit: what <see cref="Decision.Permit"/> returns. Dispose it to close the permit.</summary>
    public sealed class PermitScope : IDisposable
    {
        private int closed;

        internal PermitScope(Decision decision, PermitScope? outer)
        {
            Decision = decision;
            Request = decision.Request ?? Activity.Create(decision.Activity);
            Outer = outer;
        }

        /// <summary>The permitted decision this permit was opened for.</summary>
        public Decision Decision { get; }
        /// <summary>The activity the decision was evaluated for, facts included.</summary>
        public Activity Request { get; }
        internal PermitScope? Outer { get; }
        internal bool IsClosed => Volatile.Read(ref closed) != 0;

        /// <summary>Closes the permit: regulated members demanding it fail again. Closing twice does nothing.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref closed, 1) != 0) return;
            AgreementRules.Permits.Closed(this);
        }

        internal bool Allows(string activity, Activity? required)
        {
            if (IsClosed || !string.Equals(Request.Kind, activity, StringComparison.Ordinal)) return false;
            if (required == null) return true;
            foreach (var fact in required.Facts)
                if (!FactOf(Request, fact.Key, out var granted) || !FactValues.Same(granted, fact.Value)) return false;
            return true;
        }

        private static bool FactOf(Activity activity, string fact, out object? value)
        {
            foreach (var pair in activity.Facts)
                if (pair.Key == fact) { value = pair.Value; return true; }
            value = null;
            return false;
        }
    }

    /// <summary>Whether two fact values, as host code passes them to <see cref="Activity.With"/>, are the same value.</summary>
    internal static class FactValues
    {
        public static bool Same(object? a, object? b)
        {
            if (a == null || b == null) return a == null && b == null;
            if (IsNumber(a) && IsNumber(b)) return Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture);
            if (a is string || b is string) return a is string x && b is string y && string.Equals(x, y, StringComparison.Ordinal);
            if (a is IEnumerable<string> left && b is IEnumerable<string> right) return SameList(left, right);
            return a.Equals(b);
        }

        private static bool IsNumber(object value) =>
            value is double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort;

        private static bool SameList(IEnumerable<string> a, IEnumerable<string> b)
        {
            var left = new List<string>(a);
            var right = new List<string>(b);
            if (left.Count != right.Count) return false;
            for (var i = 0; i < left.Count; i++)
                if (!string.Equals(left[i], right[i], StringComparison.Ordinal)) return false;
            return true;
        }
    }

    /// <summary>A regulated member demanded a permit (<see cref="Permits.Demand(string)"/>) and no open scope gives it.</summary>
    public sealed class NotPermittedException : InvalidOperationException
    {
        private NotPermittedException(string message, string activity, Activity? required, IReadOnlyList<Activity> open)
            : base(message)
        {
            Activity = activity; Required = required; OpenPermits = open;
        }

        /// <summary>The activity demanded.</summary>
        public string Activity { get; }
        /// <summary>The facts demanded, if any.</summary>
        public Activity? Required { get; }
        /// <summary>What the open scopes of this flow permitted, innermost first.</summary>
        public IReadOnlyList<Activity> OpenPermits { get; }

        internal static NotPermittedException For(string activity, Activity? required, IReadOnlyList<Activity> open)
        {
            var demanded = required == null || required.Facts.Count == 0 ? $"'{activity}'" : $"'{activity}' for {required}";
            var held = open.Count == 0
                ? "no permit is open in this flow"
                : "the open permits are for " + string.Join("; ", open);
            return new NotPermittedException(
                $"{demanded} is demanded but {held}; evaluate the activity with these facts and open " +
                "'using var permit = decision.Permit();' around the call", activity, required, open);
        }
    }
}
