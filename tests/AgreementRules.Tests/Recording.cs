using System;

namespace AgreementRules.Tests
{
    /// <summary>
    /// When golden files (Snapshooter snapshots, corpus expectations) may be written rather than compared.
    ///
    /// To re-record on purpose, after a change that is meant to change them:
    ///
    ///     AGREEMENT_RULES_RECORD=1 dotnet test tests/AgreementRules.Tests -c Release
    ///
    /// then review every changed file under __snapshots__/ and Corpus/ in `git diff` before committing.
    /// Recording is refused under CI=true, and there a missing snapshot fails instead of being created
    /// (Snapshooter on its own would create it silently and pass).
    /// </summary>
    internal static class Recording
    {
        public const string Variable = "AGREEMENT_RULES_RECORD";

        public static bool IsCi => IsOn(Environment.GetEnvironmentVariable("CI"));

        /// <summary>Missing golden files fail: under CI, or with Snapshooter's own strict mode on.</summary>
        public static bool IsStrict => IsCi || IsOn(Environment.GetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE"));

        public static bool IsRecording
        {
            get
            {
                if (!IsOn(Environment.GetEnvironmentVariable(Variable))) return false;
                if (IsCi) throw new InvalidOperationException($"{Variable} is set under CI=true: golden files are recorded on a workstation and reviewed, never in CI");
                return true;
            }
        }

        private static bool IsOn(string? value) =>
            value != null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));
    }
}
