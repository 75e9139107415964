using System;
using System.Collections.Generic;
using System.ComponentModel;
using AgreementRules.Compilation;

namespace AgreementRules
{
    /// <summary>
    /// The <c>rules_sha256</c> (<see cref="RulesHash"/>) of the rules the AgreementRules source generator compiled into
    /// this assembly: an auditor reads it from the file alone (<c>GetCustomAttribute&lt;RulesSha256Attribute&gt;()</c>)
    /// and compares it with the <c>rules_sha256</c> of the decisions the program logs.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
    public sealed class RulesSha256Attribute : Attribute
    {
        /// <summary>Records <paramref name="value"/>, the hash the generator computed at build time.</summary>
        public RulesSha256Attribute(string value) => Value = value;

        /// <summary>The lower-case hex SHA-256 of the normalised rules files.</summary>
        public string Value { get; }
    }

    /// <summary>
    /// Builds the rule set the source generator compiled into a host assembly (<c>AgreementRules.Generated.HostRules</c>)
    /// from the normalised rules texts it embedded: no file is read, so it works from <c>bin/</c>, in a single-file
    /// publish and under NativeAOT (where evaluation stays on closures: <see cref="EvaluationTiering.Default"/>).
    /// Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class GeneratedRuleSet
    {
        /// <param name="rulesSha256">The hash the generator computed at build time; the texts must still have it.</param>
        /// <param name="sources">The rules texts, as the build checked them.</param>
        /// <exception cref="RulesException">The texts do not compile with this version of the runtime (the build's
        /// analyzers came from another version of the package): fail closed rather than decide with other rules.</exception>
        public static RuleSet Build(string rulesSha256, params RulesSource[] sources)
        {
            if (rulesSha256 == null) throw new ArgumentNullException(nameof(rulesSha256));
            if (sources == null || sources.Length == 0) throw new ArgumentException("the generated rule set needs its rules texts", nameof(sources));
            // The build already ran the in-file examples (rules whose example fails get a rule set that refuses, see Refusal).
            var result = RulesCompiler.Compile(sources, runExamples: false);
            var ruleSet = result.RuleSet ?? throw new RulesException(result.Diagnostics);
            if (!string.Equals(ruleSet.RulesSha256, rulesSha256, StringComparison.Ordinal))
                throw new RulesException(new List<RulesDiagnostic>
                {
                    new(RulesDiagnosticIds.NoRules, Severity.Error, new SourceSpan(sources[0].Path, 0, 0, 1, 1),
                        $"the rules compiled into this assembly hash to {ruleSet.RulesSha256} at run time but {rulesSha256} at build time; " +
                        "the AgreementRules runtime and the generator that built this assembly differ: rebuild against one version of the package"),
                });
            return ruleSet;
        }

        /// <summary>
        /// What the generated rule set throws when the build found errors in the rules (and the build went on
        /// because their severity was lowered): no decision from rules that did not check, as <see cref="RuleSet.Load"/>
        /// would refuse them too.
        /// </summary>
        public static RulesException Refusal(params RulesDiagnostic[] errors) =>
            new(errors == null || errors.Length == 0
                ? new[] { new RulesDiagnostic(RulesDiagnosticIds.NoRules, Severity.Error, new SourceSpan("rules", 0, 0, 1, 1), "the rules had errors when this assembly was built") }
                : errors);
    }
}
