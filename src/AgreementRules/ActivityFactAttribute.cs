using System;

namespace AgreementRules
{
    /// <summary>
    /// Marks a parameter of a <see cref="RegulatedAttribute">[Regulated]</see> member as carrying a fact of the
    /// activity, as the rules name it: <c>[Regulated("enrich")] Batch Enrich(Batch batch, [ActivityFact("enrichment")] double level)</c>.
    /// The analyzers then require, at each call, that the permitted decision guarding it was evaluated with
    /// <c>.With("enrichment", x)</c> for the very value passed (the same local or parameter, unchanged, or an equal
    /// constant), so a decision for enriching to 4 % does not let the call enrich to 25 % (AGR1020). A parameter of
    /// type <see cref="Activity"/> on a regulated member is checked the same way as a whole: it must be the activity
    /// the decision was evaluated for. (Not named <c>Fact</c>: that would clash with xUnit's <c>[Fact]</c>.)
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
    public sealed class ActivityFactAttribute : Attribute
    {
        /// <summary>Marks the parameter as carrying the fact <paramref name="fact"/> (a name the rules declare, or AGR1021).</summary>
        public ActivityFactAttribute(string fact) => Fact = fact;

        /// <summary>The fact, as declared by <c>fact NAME : …</c> in a .rules file.</summary>
        public string Fact { get; }
    }
}
