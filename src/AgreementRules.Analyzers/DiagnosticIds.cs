using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Every id the analyzers report, and the link to its documentation page. Problems in .rules
    /// files keep the language's ids (AGR0001–AGR0024, <see cref="RulesDiagnosticIds"/>), so a rule author
    /// meets one id whether the CLI or the build finds the problem; violations in host code are AGR1xxx.
    /// </summary>
    public static class DiagnosticIds
    {
        public const string UnguardedRegulatedCall = "AGR1001";
        public const string RegulatedMemberEscapes = "AGR1002";
        public const string UndeclaredRegulatedActivity = "AGR1003";
        public const string UndeclaredActivity = "AGR1004";
        public const string UndeclaredFact = "AGR1005";
        public const string InvalidFactValue = "AGR1006";
        public const string CannotDecide = "AGR1007";
        public const string NoRulesFiles = "AGR1008";
        public const string RegulatedBehindUnregulatedMember = "AGR1009";
        public const string RegulatedAsDynamic = "AGR1010";
        public const string RegulatedForAnotherActivity = "AGR1011";
        public const string RegulatedCallSite = "AGR1012";
        public const string DecisionForOtherFacts = "AGR1020";
        public const string UndeclaredParameterFact = "AGR1021";
        public const string UnjustifiedSuppression = "AGR1022";

        public const string HelpLinkBase = RulesDiagnosticIds.HelpLinkBase;

        public static string HelpLink(string id) => RulesDiagnosticIds.HelpLink(id);
    }

    /// <summary>The descriptors, one per id. Severity is error by default except where the analysis only warns.</summary>
    internal static class Descriptors
    {
        private const string RulesCategory = "AgreementRules.Rules";
        private const string UsageCategory = "AgreementRules.Usage";

        private static DiagnosticDescriptor Rules(string id, string title, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            new(id, title, "{0}", RulesCategory, severity, isEnabledByDefault: true,
                description: "A problem in a .rules file, reported where it stands in that file. The agreement-rules CLI reports the same id.",
                helpLinkUri: DiagnosticIds.HelpLink(id), customTags: WellKnownDiagnosticTags.CompilationEnd);

        private static DiagnosticDescriptor Usage(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error,
            string? description = null, params string[] customTags) =>
            new(id, title, message, UsageCategory, severity, isEnabledByDefault: true, description: description,
                helpLinkUri: DiagnosticIds.HelpLink(id), customTags: customTags);

        public static readonly DiagnosticDescriptor Syntax = Rules(RulesDiagnosticIds.Syntax, "Syntax error in a rules file");
        public static readonly DiagnosticDescriptor NestingTooDeep = Rules(RulesDiagnosticIds.NestingTooDeep, "Expression nested too deeply in a rules file");
        public static readonly DiagnosticDescriptor UnknownName = Rules(RulesDiagnosticIds.UnknownName, "Unknown name in a rules file");
        public static readonly DiagnosticDescriptor TypeMismatch = Rules(RulesDiagnosticIds.TypeMismatch, "Type mismatch in a rules file");
        public static readonly DiagnosticDescriptor UnitMismatch = Rules(RulesDiagnosticIds.UnitMismatch, "Unit mismatch in a rules file");
        public static readonly DiagnosticDescriptor Duplicate = Rules(RulesDiagnosticIds.Duplicate, "Name declared twice in the rules");
        public static readonly DiagnosticDescriptor UnreachableRule = Rules(RulesDiagnosticIds.UnreachableRule, "Rule can never apply", DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor ContradictoryRules = Rules(RulesDiagnosticIds.ContradictoryRules, "Rules contradict each other");
        public static readonly DiagnosticDescriptor Gap = Rules(RulesDiagnosticIds.Gap, "Rules leave a gap", DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor ExampleFailed = Rules(RulesDiagnosticIds.ExampleFailed, "An in-file example fails");
        public static readonly DiagnosticDescriptor MissingAgreement = Rules(RulesDiagnosticIds.MissingAgreement, "Rule outside an agreement");
        public static readonly DiagnosticDescriptor UnknownParty = Rules(RulesDiagnosticIds.UnknownParty, "Unknown party");
        public static readonly DiagnosticDescriptor CyclicDefinition = Rules(RulesDiagnosticIds.CyclicDefinition, "Definition refers to itself");
        public static readonly DiagnosticDescriptor NoRules = Rules(RulesDiagnosticIds.NoRules, "Rules file cannot be read");
        public static readonly DiagnosticDescriptor EmptyCitation = Rules(RulesDiagnosticIds.EmptyCitation, "Rule cites no article");
        public static readonly DiagnosticDescriptor VocabularyNotLoaded = Rules(RulesDiagnosticIds.VocabularyNotLoaded, "Vocabulary not loaded");
        public static readonly DiagnosticDescriptor OverlappingRules = Rules(RulesDiagnosticIds.OverlappingRules, "Rules overlap with different outcomes", DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor StaleOverlapAcknowledgement = Rules(RulesDiagnosticIds.StaleOverlapAcknowledgement, "Acknowledged overlap not found", DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor NotARegularFile = Rules(RulesDiagnosticIds.NotARegularFile, "Rules path is not a regular file");
        public static readonly DiagnosticDescriptor RulesFileTooLarge = Rules(RulesDiagnosticIds.RulesFileTooLarge, "Rules file is too large");
        public static readonly DiagnosticDescriptor FoldersTooDeep = Rules(RulesDiagnosticIds.FoldersTooDeep, "Rules folders nest too deeply");
        public static readonly DiagnosticDescriptor NotUtf8 = Rules(RulesDiagnosticIds.NotUtf8, "Rules file is not UTF-8");
        public static readonly DiagnosticDescriptor Unreadable = Rules(RulesDiagnosticIds.Unreadable, "Rules file or folder cannot be read");

        public static readonly ImmutableArray<DiagnosticDescriptor> AllRules = ImmutableArray.Create(
            Syntax, NestingTooDeep, UnknownName, TypeMismatch, UnitMismatch, Duplicate, UnreachableRule,
            ContradictoryRules, Gap, ExampleFailed, MissingAgreement, UnknownParty, CyclicDefinition, NoRules,
            EmptyCitation, VocabularyNotLoaded, OverlappingRules, StaleOverlapAcknowledgement, NotARegularFile, RulesFileTooLarge, FoldersTooDeep, NotUtf8, Unreadable);

        public static DiagnosticDescriptor? ForRulesId(string id)
        {
            foreach (var d in AllRules)
                if (d.Id == id) return d;
            return null;
        }

        public static readonly DiagnosticDescriptor UnguardedRegulatedCall = Usage(
            DiagnosticIds.UnguardedRegulatedCall,
            "Regulated call without a permitted decision",
            "'{0}' performs the regulated activity '{1}', but {2}; evaluate Activity.Create(\"{1}\") and call it only when the decision IsPermitted (or after ThrowIfNotPermitted()), or mark the calling member [Regulated(\"{1}\")]",
            description: "A member marked [Regulated(\"activity\")] may only be called on paths where a decision that the rules permit the same activity dominates the call.");

        public static readonly DiagnosticDescriptor RegulatedMemberEscapes = Usage(
            DiagnosticIds.RegulatedMemberEscapes,
            "Regulated member used as a delegate or through reflection without a permitted decision",
            "'{0}' performs the regulated activity '{1}' and is {2} where no permitted decision for '{1}' is in force, so the call it enables escapes the check; wrap the use in a guard or call the member directly under one",
            description: "A regulated member turned into a delegate or method group, or reached through reflection, can be called later on a path the analysis cannot see.");

        public static readonly DiagnosticDescriptor UndeclaredRegulatedActivity = Usage(
            DiagnosticIds.UndeclaredRegulatedActivity,
            "Regulated activity is not declared by the rules",
            "[Regulated(\"{0}\")] names an activity that no rules file declares{1}; declare 'activity {0}' in a .rules file or use one of: {2}");

        public static readonly DiagnosticDescriptor UndeclaredActivity = Usage(
            DiagnosticIds.UndeclaredActivity,
            "Activity kind is not declared by the rules",
            "Activity.Create(\"{0}\") names an activity that no rules file declares{1}; Evaluate would throw InvalidActivityException. The rules declare: {2}.");

        public static readonly DiagnosticDescriptor UndeclaredFact = Usage(
            DiagnosticIds.UndeclaredFact,
            "Fact is not declared by the rules",
            "With(\"{0}\", …) sets a fact that no rules file declares{1}; Evaluate would throw InvalidActivityException. Declare 'fact {0} : …' or use a declared fact.");

        public static readonly DiagnosticDescriptor InvalidFactValue = Usage(
            DiagnosticIds.InvalidFactValue,
            "Fact value does not fit the declared type",
            "{0}; Evaluate would throw InvalidActivityException");

        public static readonly DiagnosticDescriptor CannotDecide = Usage(
            DiagnosticIds.CannotDecide,
            "The analysis cannot decide whether this regulated call is checked",
            "'{0}' performs the regulated activity '{1}', and the analysis cannot decide whether a permitted decision for it is in force: {2}",
            description: "Reported instead of staying silent when the guard of a regulated call cannot be checked statically, e.g. a decision whose activity kind is not a constant. " +
                         "An error by default: a guard nobody can check must not leave a green build.");

        public static readonly DiagnosticDescriptor NoRulesFiles = Usage(
            DiagnosticIds.NoRulesFiles,
            "No .rules files were found",
            "This project uses AgreementRules but no .rules file reached the compiler as an AdditionalFile, so activity, fact and value names cannot be checked (AGR1003–AGR1006); put the rules in '{0}' or set the MSBuild property AgreementRulesFolder",
            severity: DiagnosticSeverity.Warning,
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor RegulatedBehindUnregulatedMember = Usage(
            DiagnosticIds.RegulatedBehindUnregulatedMember,
            "Regulated member implements or overrides an unregulated member",
            "'{0}' performs the regulated activity '{1}' but {2} '{3}', which is not regulated, so a call through '{3}' reaches it unchecked; mark '{3}' [Regulated(\"{1}\")] too, or do not make the regulated operation part of that contract",
            description: "A call through an interface, a virtual or abstract member, or a generic constraint names the declaration, not the implementation: the analysis can check it only if the declaration is regulated as well.");

        public static readonly DiagnosticDescriptor RegulatedForAnotherActivity = Usage(
            DiagnosticIds.RegulatedForAnotherActivity,
            "Regulated member implements or overrides a member regulated for another activity",
            "'{0}' performs the regulated activity '{1}' but {2} '{3}', which is regulated for '{4}', so a call through '{3}' is checked for '{4}' and not for '{1}'; regulate both for the same activity",
            description: "A call through the declaration is checked for the declaration's activity: an implementation that performs another activity escapes that check.");

        public static readonly DiagnosticDescriptor RegulatedAsDynamic = Usage(
            DiagnosticIds.RegulatedAsDynamic,
            "A value that may have regulated members is used as dynamic",
            "A value of type '{0}' is converted to dynamic, and {1}; calls on a dynamic value are bound at run time, where no build-time check sees them. Call the members through the static type under a guard, or convert to dynamic only values of sealed types without regulated members",
            description: "Member calls on dynamic are resolved at run time by name; the analyzers cannot tell which member runs, so a regulated member must not be reachable through dynamic.");

        public static readonly DiagnosticDescriptor DecisionForOtherFacts = Usage(
            DiagnosticIds.DecisionForOtherFacts,
            "Regulated call acts on facts the decision was not made for",
            "'{0}' performs the regulated activity '{1}', but the decision in force may be about other facts: {2}; evaluate the activity .With(…) the very value passed here (the same local or parameter, unchanged, or an equal constant)",
            description: "A parameter marked [ActivityFact(\"fact\")] (or a whole Activity parameter) of a regulated member must receive the value the permitted decision was evaluated with; a decision for enriching to 4 % does not permit enriching to 25 %.");

        public static readonly DiagnosticDescriptor UndeclaredParameterFact = Usage(
            DiagnosticIds.UndeclaredParameterFact,
            "[ActivityFact] names a fact the rules do not declare",
            "[ActivityFact(\"{0}\")] on parameter '{1}' names a fact that no rules file declares{2}; no decision can be evaluated with it, so every call would fail AGR1020. Declare 'fact {0} : …' or use one of: {3}");

        public static readonly DiagnosticDescriptor UnjustifiedSuppression = Usage(
            DiagnosticIds.UnjustifiedSuppression,
            "Suppression of an AgreementRules error without a reason",
            "{0} silences an AgreementRules error without saying why; give the reason an auditor will read: {1}",
            description: "Suppressing a host-code AGR1xxx error in source is allowed, but must carry its justification; the suppressed diagnostic is still listed, with the justification, in the build's SARIF log (suppressions).");

        /// <summary>Off by default: switched on for <c>agreement-rules report</c> (see <see cref="RegulatedCallSites"/>).</summary>
        public static readonly DiagnosticDescriptor RegulatedCallSite = new(
            DiagnosticIds.RegulatedCallSite,
            "Regulated call site (for the traceability report)",
            "'{0}' performs the regulated activity '{1}' here: {2}",
            UsageCategory, DiagnosticSeverity.Info, isEnabledByDefault: false,
            description: "Informational, off by default: one per use of a regulated member, guarded or not, so that 'agreement-rules report' can list the host's call sites from the build's SARIF log. " +
                         "Turn it on with the MSBuild property AgreementRulesReportCallSites=true.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.RegulatedCallSite));

        public static readonly ImmutableArray<DiagnosticDescriptor> All = AllRules.AddRange(new[]
        {
            UnguardedRegulatedCall, RegulatedMemberEscapes, UndeclaredRegulatedActivity, UndeclaredActivity,
            UndeclaredFact, InvalidFactValue, CannotDecide, NoRulesFiles, RegulatedBehindUnregulatedMember,
            RegulatedAsDynamic, RegulatedForAnotherActivity, DecisionForOtherFacts, UndeclaredParameterFact, UnjustifiedSuppression,
            RegulatedCallSite,
        });
    }
}
