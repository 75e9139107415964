using System;
using System.Collections.Generic;
using System.Linq;

namespace AgreementRules
{
    /// <summary>A place in a .rules file: 1-based line and column, plus the character span.</summary>
    public readonly record struct SourceSpan(string Path, int Start, int Length, int Line, int Column)
    {
        /// <summary>The place as <c>path:line:column</c>.</summary>
        public override string ToString() => $"{Path}:{Line}:{Column}";
    }

    /// <summary>How bad a <see cref="RulesDiagnostic"/> is.</summary>
    public enum Severity
    {
        /// <summary>The rules cannot be used: loading fails with <see cref="RulesException"/>.</summary>
        Error,
        /// <summary>The rules load, but something deserves a look (a gap, a rule that never applies).</summary>
        Warning,
    }

    /// <summary>One problem in a .rules file: a stable id, where it is, and how to fix it.</summary>
    public sealed record RulesDiagnostic(string Id, Severity Severity, SourceSpan Span, string Message)
    {
        /// <summary>The diagnostic as the CLI prints it: <c>path:line:column: error AGR0003: message</c>.</summary>
        public override string ToString() =>
            $"{Span.Path}:{Span.Line}:{Span.Column}: {(Severity == Severity.Error ? "error" : "warning")} {Id}: {Message}";
    }

    /// <summary>
    /// Stable ids for problems in .rules files (AGR0xxx). The analyzers report the same ids, so a
    /// rule author meets one id whether the error comes from the CLI or from the build.
    /// </summary>
    public static class RulesDiagnosticIds
    {
        /// <summary>The text is not in the rules language (AGR0001).</summary>
        public const string Syntax = "AGR0001";
        /// <summary>An expression nests too deeply to check safely (AGR0002).</summary>
        public const string NestingTooDeep = "AGR0002";
        /// <summary>A name no declaration gives: fact, activity, enum value, definition (AGR0003).</summary>
        public const string UnknownName = "AGR0003";
        /// <summary>A value or operator of the wrong type (AGR0004).</summary>
        public const string TypeMismatch = "AGR0004";
        /// <summary>Quantities in units that do not compare (AGR0005).</summary>
        public const string UnitMismatch = "AGR0005";
        /// <summary>A name declared twice (AGR0006).</summary>
        public const string Duplicate = "AGR0006";
        /// <summary>A rule whose condition can never hold (AGR0007, a warning).</summary>
        public const string UnreachableRule = "AGR0007";
        /// <summary>Rules that decide the same case in contradictory ways (AGR0008).</summary>
        public const string ContradictoryRules = "AGR0008";
        /// <summary>Cases of an activity no rule decides (AGR0009, a warning).</summary>
        public const string Gap = "AGR0009";
        /// <summary>An in-file example whose expected decision is not the rules' answer (AGR0010).</summary>
        public const string ExampleFailed = "AGR0010";
        /// <summary>A rule in a file that declares no agreement (AGR0011).</summary>
        public const string MissingAgreement = "AGR0011";
        /// <summary>A party that is neither the agreement's nor a fact naming one (AGR0012).</summary>
        public const string UnknownParty = "AGR0012";
        /// <summary>A definition that refers to itself (AGR0013).</summary>
        public const string CyclicDefinition = "AGR0013";
        /// <summary>No .rules file at the path given (AGR0014).</summary>
        public const string NoRules = "AGR0014";
        /// <summary>A rule that cites no article (AGR0015).</summary>
        public const string EmptyCitation = "AGR0015";
        /// <summary>Rules checked without the vocabulary that declares their names (AGR0016).</summary>
        public const string VocabularyNotLoaded = "AGR0016";
        /// <summary>Two rules of one agreement and activity that apply to the same request with different outcomes (AGR0017, a warning).</summary>
        public const string OverlappingRules = "AGR0017";
        /// <summary>An <c>overlaps … because</c> that acknowledges no overlap the analysis finds (AGR0018, a warning): stale, or never possible.</summary>
        public const string StaleOverlapAcknowledgement = "AGR0018";
        /// <summary>A rules path that is not a regular file: a device, a pipe, a socket (AGR0020).</summary>
        public const string NotARegularFile = "AGR0020";
        /// <summary>A rules file over the 16 MiB limit (AGR0021).</summary>
        public const string RulesFileTooLarge = "AGR0021";
        /// <summary>Rules folders nested deeper than 32 levels (AGR0022).</summary>
        public const string FoldersTooDeep = "AGR0022";
        /// <summary>A rules file that is not UTF-8 (AGR0023).</summary>
        public const string NotUtf8 = "AGR0023";
        /// <summary>A rules file or folder that cannot be read (AGR0024).</summary>
        public const string Unreadable = "AGR0024";

        /// <summary>Where each id's page (docs/diagnostics/ID.md) is published; the CLI's SARIF and the analyzers link there.</summary>
        public const string HelpLinkBase = "https://github.com/agreementrules/agreementrules/blob/main/docs/diagnostics/";

        /// <summary>The page of diagnostic <paramref name="id"/>.</summary>
        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        /// <summary>Every id above, in order.</summary>
        public static readonly IReadOnlyList<string> All = new[]
        {
            Syntax, NestingTooDeep, UnknownName, TypeMismatch, UnitMismatch, Duplicate, UnreachableRule,
            ContradictoryRules, Gap, ExampleFailed, MissingAgreement, UnknownParty, CyclicDefinition, NoRules,
            EmptyCitation, VocabularyNotLoaded, OverlappingRules, StaleOverlapAcknowledgement,
            NotARegularFile, RulesFileTooLarge, FoldersTooDeep, NotUtf8, Unreadable,
        };

        /// <summary>The ids that only <c>agreement-rules check</c> reports (the analysis runs when a caller asks for it); loading and the build never do.</summary>
        public static readonly IReadOnlyList<string> OnlyFromCheck = new[] { OverlappingRules, StaleOverlapAcknowledgement };

        /// <summary>
        /// The ids that only reading files from a path reports (<see cref="RuleSet.ReadSources"/>): the build
        /// gets its files from the compiler and never meets them.
        /// </summary>
        public static readonly IReadOnlyList<string> FromReadingFiles = new[]
        {
            NoRules, NotARegularFile, RulesFileTooLarge, FoldersTooDeep, NotUtf8, Unreadable,
        };
    }

    /// <summary>Thrown by <see cref="RuleSet.Load"/> and <see cref="RuleSet.Parse"/>; carries every diagnostic, not just the first.</summary>
    public sealed class RulesException : Exception
    {
        /// <summary>An exception whose message lists every diagnostic, one per line.</summary>
        public RulesException(IReadOnlyList<RulesDiagnostic> diagnostics)
            : base(Describe(diagnostics)) => Diagnostics = diagnostics;

        /// <summary>Every problem found, errors and warnings, each with its file, line and column.</summary>
        public IReadOnlyList<RulesDiagnostic> Diagnostics { get; }

        private static string Describe(IReadOnlyList<RulesDiagnostic> diagnostics) =>
            $"The rules have {diagnostics.Count(d => d.Severity == Severity.Error)} error(s):" + Environment.NewLine +
            string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
    }
}
