using System.IO;
using Snapshooter;
using Snapshooter.Xunit;

namespace AgreementRules.Tests.Snapshots
{
    /// <summary>
    /// Snapshooter, with the snapshot's place fixed and a missing snapshot guarded.
    /// The folder is tests/AgreementRules.Tests/Snapshots/__snapshots__, found from the repository root rather
    /// than from the source path in the PDB (Snapshooter's default), which a path-mapped CI build would not have.
    /// Snapshooter creates a missing snapshot and passes; under CI (see <see cref="Recording"/>) that would
    /// let a renamed or new test pass without anything to compare with, so a missing snapshot fails there.
    /// </summary>
    internal static class SnapshotFiles
    {
        public static string Folder => Path.Combine(TestRules.RepoRoot, "tests", "AgreementRules.Tests", "Snapshots");

        public static string PathOf(string name) => Path.Combine(Folder, "__snapshots__", name + ".snap");

        public static void Match(object value, string name) => Match(value, name, Recording.IsStrict, Recording.IsRecording);

        /// <summary>With <paramref name="strict"/> a missing snapshot fails; with <paramref name="record"/> the snapshot is written anew.</summary>
        internal static void Match(object value, string name, bool strict, bool record)
        {
            var file = PathOf(name);
            if (record && File.Exists(file)) File.Delete(file);
            else if (strict && !File.Exists(file))
                Assert.Fail($"no snapshot at {file}: snapshots are not created under CI. Run the test once on a workstation " +
                            $"(or with {Recording.Variable}=1) and commit the new .snap file after reviewing it.");
            Snapshot.Match(value, new SnapshotFullName(name + ".snap", Folder));
        }
    }
}
