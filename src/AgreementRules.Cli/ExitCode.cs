namespace AgreementRules.Cli
{
    /// <summary>What the process tells scripts and CI. Documented in docs/cli.md.</summary>
    public enum ExitCode
    {
        Ok = 0,
        /// <summary>The rules have errors (syntax, checking, or a failing in-file example).</summary>
        RulesInvalid = 1,
        /// <summary>The command line itself was wrong, or an input file could not be read.</summary>
        Usage = 2,
        /// <summary>Every request was answered, but at least one answer is an error (a malformed request).</summary>
        RequestErrors = 3,
        /// <summary>Standard output could not be written (a full disk, a closed pipe): what was written is incomplete.</summary>
        OutputFailed = 4,
    }
}
