using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AgreementRules.Cli;
using CsCheck;

namespace AgreementRules.Tests.Cli
{
    /// <summary>
    /// The unified diff that <c>fmt --diff</c> prints is a patch: applied to the old text, its hunks give the
    /// new text exactly, their headers count the lines they hold, and kept lines are the old ones.
    /// </summary>
    public class UnifiedDiffTests
    {
        private static string Text(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

        /// <summary>Applies <paramref name="diff"/> to <paramref name="old"/>, checking every header and context line on the way.</summary>
        private static string Apply(string old, string diff)
        {
            var oldLines = old.Split('\n').ToList();
            oldLines.RemoveAt(oldLines.Count - 1); // the texts here end with a line end
            var lines = diff.TrimEnd('\n').Split('\n');
            Assert.StartsWith("--- ", lines[0]);
            Assert.StartsWith("+++ ", lines[1]);
            var result = new List<string>();
            var at = 0; // next old line to copy
            var i = 2;
            while (i < lines.Length)
            {
                var header = Regex.Match(lines[i++], @"^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$");
                Assert.True(header.Success, lines[i - 1]);
                int oldStart = int.Parse(header.Groups[1].Value), oldCount = int.Parse(header.Groups[2].Value);
                int newStart = int.Parse(header.Groups[3].Value), newCount = int.Parse(header.Groups[4].Value);
                var firstOld = oldCount == 0 ? oldStart : oldStart - 1;
                Assert.True(firstOld >= at, "hunks out of order");
                result.AddRange(oldLines.Skip(at).Take(firstOld - at));
                at = firstOld;
                Assert.Equal(newCount == 0 ? newStart : newStart - 1, result.Count);
                int seenOld = 0, seenNew = 0;
                while (i < lines.Length && !lines[i].StartsWith("@@", StringComparison.Ordinal))
                {
                    var line = lines[i++];
                    var body = line.Substring(1);
                    switch (line[0])
                    {
                        case ' ': Assert.Equal(oldLines[at++], body); result.Add(body); seenOld++; seenNew++; break;
                        case '-': Assert.Equal(oldLines[at++], body); seenOld++; break;
                        case '+': result.Add(body); seenNew++; break;
                        default: throw new InvalidOperationException("not a diff line: " + line);
                    }
                }
                Assert.Equal((oldCount, newCount), (seenOld, seenNew));
            }
            result.AddRange(oldLines.Skip(at));
            return Text(result);
        }

        private static readonly Gen<string[]> Lines = Gen.OneOf("a", "b", "c", "d", "", "  x").Array[0, 40];

        [Fact]
        public void Applying_the_diff_to_the_old_text_gives_the_new_text() =>
            Gen.Select(Lines, Lines).Sample((a, b) =>
            {
                var (old, @new) = (Text(a), Text(b));
                var diff = UnifiedDiff.Of(old, @new, "old", "new");
                Assert.Equal(@new, Apply(old, diff));
            }, iter: 2000);

        [Fact]
        public void A_change_far_from_another_gets_its_own_hunk_with_three_lines_of_context()
        {
            var old = Enumerable.Range(1, 30).Select(i => $"line {i}").ToArray();
            var @new = old.Select(l => l == "line 5" ? "line five" : l == "line 25" ? "line twenty-five" : l).ToArray();
            Assert.Equal(
                "--- o\n+++ n\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n" +
                "@@ -22,7 +22,7 @@\n line 22\n line 23\n line 24\n-line 25\n+line twenty-five\n line 26\n line 27\n line 28\n",
                UnifiedDiff.Of(Text(old), Text(@new), "o", "n"));
        }

        [Fact]
        public void A_file_rewritten_from_top_to_bottom_is_one_replacement_and_still_applies()
        {
            var old = Enumerable.Range(0, 5000).Select(i => $"old {i}").ToArray();
            var @new = Enumerable.Range(0, 5000).Select(i => $"new {i}").ToArray();
            var diff = UnifiedDiff.Of(Text(old), Text(@new), "o", "n");
            Assert.StartsWith("--- o\n+++ n\n@@ -1,5000 +1,5000 @@\n-old 0\n", diff);
            Assert.Equal(Text(@new), Apply(Text(old), diff));
        }
    }
}
