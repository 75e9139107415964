using System;
using AgreementRules.Semantics;

namespace AgreementRules.Compilation
{
    /// <summary>Where the emitted C# goes: its namespace and the name of its class.</summary>
    public sealed class CSharpEmitOptions
    {
        public CSharpEmitOptions(string @namespace, string className)
        {
            Namespace = @namespace;
            ClassName = className;
        }

        /// <summary>The namespace of the emitted class (dotted C# identifiers).</summary>
        public string Namespace { get; }

        /// <summary>The name of the emitted class: an internal sealed subclass of <c>AgreementRules.EmittedRules</c> with a public constructor.</summary>
        public string ClassName { get; }
    }

    /// <summary>
    /// The C# back end: a third back end beside the closure compiler and the IL compiler, over the same checked
    /// model and operator table. It turns a checked rule set into the text of one C# class: every definition and
    /// every rule's condition as C# over the request's facts held in typed fields (no reflection, no expression
    /// compilation: trimming- and AOT-safe), and per activity a decision procedure that binds the request, decides
    /// each rule and hands the statuses to the runtime's judge, building the very <c>Decision</c> that
    /// <c>RuleSet.Evaluate</c> builds. Requests it cannot decide alone (a fact it does not bind itself, a rule that
    /// cannot decide, a requirement whose party is not given) are left to the rule set's own path. The emitted
    /// class is attached to the rule set loaded from the same files with <c>RuleSet.WithEmitted</c>.
    /// </summary>
    public static class CSharpBackEnd
    {
        /// <summary>The C# source of the emitted class (C# 7.3, no nullable annotations).</summary>
        /// <param name="model">The checked model of the rules, free of errors (<c>RuleSet.Model</c>).</param>
        /// <param name="rulesSha256">The rules' <c>RuleSet.RulesSha256</c>: a rule set with another refuses the emitted class.</param>
        public static string Emit(CheckedModel model, string rulesSha256, CSharpEmitOptions options)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if (rulesSha256 == null) throw new ArgumentNullException(nameof(rulesSha256));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (!CSharpText.IsDottedIdentifier(options.Namespace))
                throw new ArgumentException($"'{options.Namespace}' is not a C# namespace name (identifiers joined by dots)", nameof(options));
            if (!CSharpText.IsIdentifier(options.ClassName))
                throw new ArgumentException($"'{options.ClassName}' is not a C# class name", nameof(options));
            return new CSharpEmitter(model, rulesSha256, options).Emit();
        }
    }
}
