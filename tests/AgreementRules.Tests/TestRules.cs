using System.IO;

namespace AgreementRules.Tests
{
    /// <summary>Shared fixtures: the repository's shipped rules and a small self-contained rule text.</summary>
    internal static class TestRules
    {
        public static string RepoRoot
        {
            get
            {
                var dir = new DirectoryInfo(System.AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgreementRules.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new DirectoryNotFoundException("AgreementRules.sln not found above the test folder");
            }
        }

        public static string ShippedRules => Path.Combine(RepoRoot, "rules");

        /// <summary>
        /// A request about <see cref="Small"/>'s agreement T-1. The vocabulary declares 'agreements', so a request
        /// that does not name its agreements is undetermined (unknown, not "all of them").
        /// </summary>
        public static AgreementRules.Activity UnderT1(string kind) => AgreementRules.Activity.Create(kind).With("agreements", new[] { "T-1" });

        /// <summary>The three examples the language must read naturally, with a small vocabulary.</summary>
        public const string Small = """
            type party = enum { JP, US }
            activity enrich
            activity reprocess
            activity transfer
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            fact quantity : number g
            fact supplier : party
            fact recipient_authorized : bool
            fact purpose : enum { peaceful, military } default peaceful
            fact agreements : list of text

            agreement T-1 {
              title "Test agreement"
              parties JP, US
            }

            define heu = material == uranium and enrichment >= 20 %

            rule enrich-leu cites "Art. 6" on enrich when enrichment < 20 % then permitted
            rule enrich-heu cites "Art. 6" on enrich when enrichment >= 20 % then requires consent of JP, US
            rule reprocess-consent cites "Art. 5(1)" on reprocess then requires consent of JP, US
            rule transfer-authorised cites "Art. 4" on transfer when recipient_authorized then requires written notification by supplier
            rule transfer-unauthorised cites "Art. 4" on transfer when not recipient_authorized then prohibited
            rule military cites "Art. 8" on enrich when purpose == military then prohibited
            """;
    }
}
