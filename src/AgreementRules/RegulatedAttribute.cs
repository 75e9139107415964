using System;

namespace AgreementRules
{
    /// <summary>
    /// Marks a method, constructor or property as performing a regulated activity (<c>"reprocess"</c>,
    /// <c>"enrich"</c>, …, as the rules declare them). The AgreementRules analyzers fail the build where
    /// such a member is called on a path that no permitted decision for the same activity dominates.
    /// A call made inside a member that is itself regulated for the same activity moves the duty to its callers.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class RegulatedAttribute : Attribute
    {
        /// <summary>Marks the member as performing <paramref name="activity"/> (an activity the rules declare, or AGR1003).</summary>
        public RegulatedAttribute(string activity) => Activity = activity;

        /// <summary>The activity kind, as declared by <c>activity NAME</c> in a .rules file.</summary>
        public string Activity { get; }
    }
}
