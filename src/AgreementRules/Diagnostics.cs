using System;
using System.Collections.Generic;
using System.Linq;

namespace AgreementRules
{
    /// <summary>A place in a .rules file: 1-based line and column, plus the character span.</summary>
    public readonly record struct SourceSpan(string Path, int Start, int Length, int Line, int Column)
    {
        public override string ToString() => $"{Path}:{Line}:{Column}";
    }

    public enum Severity { Error, Warning }

    /// <summary>One problem in a .rules file: a stable id, where it is, and how to fix it.</summary>
    public sealed record RulesDiagnostic(string Id, Severity Severity, SourceSpan Span, string Message)
    {
        public override string ToString() =>
            $"{Span.Path}:{Span.Line}:{Span.Column}: {(Severity == Severity.Error ? "error" : "warning")} {Id}: {Message}";
    }

    /// <summary>
    /// Stable ids for problems in .rules files (AGR0xxx). The analyzers report the same ids, so a
    /// rule author meets one id whether the error comes from the CLI or from the build.
    /// </summary>
    public static class RulesDiagnosticIds
    {
        public const string Syntax = "AGR0001";
        public const string NestingTooDeep = "AGR0002";
        public const string UnknownName = "AGR0003";
        public const string TypeMismatch = "AGR0004";
        public const string UnitMismatch = "AGR0005";
        public const string Duplicate = "AGR0006";
        public const string UnreachableRule = "AGR0007";
        public const string ContradictoryRules = "AGR0008";
        public const string Gap = "AGR0009";
        public const string ExampleFailed = "AGR0010";
        public const string MissingAgreement = "AGR0011";
        public const string UnknownParty = "AGR0012";
        public const string CyclicDefinition = "AGR0013";
        public const string NoRules = "AGR0014";
        public const string EmptyCitation = "AGR0015";
        public const string VocabularyNotLoaded = "AGR0016";
        public const string NotARegularFile = "AGR0020";
        public const string RulesFileTooLarge = "AGR0021";
        public const string FoldersTooDeep = "AGR0022";
        public const string NotUtf8 = "AGR0023";
        public const string Unreadable = "AGR0024";

        /// <summary>Where each id's page (docs/diagnostics/ID.md) is published; the CLI's SARIF and the analyzers link there.</summary>
        public const string HelpLinkBase = "https://github.com/agreementrules/agreementrules/blob/main/docs/diagnostics/";

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        public static readonly IReadOnlyList<string> All = new[]
        {
            Syntax, NestingTooDeep, UnknownName, TypeMismatch, UnitMismatch, Duplicate, UnreachableRule,
            ContradictoryRules, Gap, ExampleFailed, MissingAgreement, UnknownParty, CyclicDefinition, NoRules,
            EmptyCitation, VocabularyNotLoaded,
            NotARegularFile, RulesFileTooLarge, FoldersTooDeep, NotUtf8, Unreadable,
        };

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
        public RulesException(IReadOnlyList<RulesDiagnostic> diagnostics)
            : base(Describe(diagnostics)) => Diagnostics = diagnostics;

        public IReadOnlyList<RulesDiagnostic> Diagnostics { get; }

        private static string Describe(IReadOnlyList<RulesDiagnostic> diagnostics) =>
            $"The rules have {diagnostics.Count(d => d.Severity == Severity.Error)} error(s):" + Environment.NewLine +
            string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
    }
}
