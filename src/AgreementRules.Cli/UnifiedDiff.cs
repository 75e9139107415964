using System;
using System.Collections.Generic;
using System.Text;

namespace AgreementRules.Cli
{
    /// <summary>
    /// A unified diff of two texts, line by line, with three lines of context (what <c>diff -u</c> and
    /// <c>git apply</c> read). The edit script is Myers' shortest one (O((N+M)·D)); past
    /// <see cref="MaxEdits"/> edits the changed middle is shown as one replacement, which is still a valid
    /// patch, rather than spending quadratic time and memory on a file rewritten from top to bottom.
    /// </summary>
    internal static class UnifiedDiff
    {
        private const int Context = 3;
        private const int MaxEdits = 2000;

        private enum Op { Keep, Delete, Insert }

        public static string Of(string oldText, string newText, string oldLabel, string newLabel)
        {
            var a = Lines(oldText);
            var b = Lines(newText);
            var script = Script(a, b);
            var output = new StringBuilder();
            output.Append("--- ").Append(oldLabel).Append('\n');
            output.Append("+++ ").Append(newLabel).Append('\n');
            // Hunks: runs of edits with up to 2 × Context kept lines between them, and Context lines around.
            var i = 0;
            while (i < script.Count)
            {
                if (script[i].op == Op.Keep) { i++; continue; }
                var start = Math.Max(0, i - Context);
                var end = i;
                while (end < script.Count)
                {
                    if (script[end].op != Op.Keep) { end++; continue; }
                    var keep = end;
                    while (keep < script.Count && script[keep].op == Op.Keep) keep++;
                    if (keep == script.Count || keep - end > 2 * Context) { end = Math.Min(keep, end + Context); break; }
                    end = keep;
                }
                Hunk(output, script, start, end, a, b);
                i = end;
            }
            return output.ToString();
        }

        private static void Hunk(StringBuilder output, List<(Op op, int a, int b)> script, int start, int end, string[] a, string[] b)
        {
            int oldCount = 0, newCount = 0;
            for (var k = start; k < end; k++)
            {
                if (script[k].op != Op.Insert) oldCount++;
                if (script[k].op != Op.Delete) newCount++;
            }
            var oldStart = script[start].a + (oldCount == 0 ? 0 : 1);
            var newStart = script[start].b + (newCount == 0 ? 0 : 1);
            output.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
            for (var k = start; k < end; k++)
            {
                var (op, ai, bi) = script[k];
                output.Append(op == Op.Keep ? ' ' : op == Op.Delete ? '-' : '+');
                output.Append(op == Op.Insert ? b[bi] : a[ai]).Append('\n');
            }
        }

        /// <summary>The lines of a text, without their ends ("\r\n" or "\n").</summary>
        private static string[] Lines(string text)
        {
            if (text.Length == 0) return Array.Empty<string>();
            var lines = text.Split('\n');
            var count = text.EndsWith("\n", StringComparison.Ordinal) ? lines.Length - 1 : lines.Length;
            var result = new string[count];
            for (var i = 0; i < count; i++) result[i] = lines[i].TrimEnd('\r');
            return result;
        }

        /// <summary>
        /// The edit script: each step keeps, deletes or inserts one line; a and b are the positions in the old
        /// and the new lines before the step.
        /// </summary>
        private static List<(Op op, int a, int b)> Script(string[] a, string[] b)
        {
            var prefix = 0;
            while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
            var suffix = 0;
            while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix]) suffix++;
            var script = new List<(Op, int, int)>();
            for (var k = 0; k < prefix; k++) script.Add((Op.Keep, k, k));
            var middle = Myers(a, b, prefix, a.Length - suffix, prefix, b.Length - suffix);
            if (middle == null)
            {
                for (var k = prefix; k < a.Length - suffix; k++) script.Add((Op.Delete, k, prefix));
                for (var k = prefix; k < b.Length - suffix; k++) script.Add((Op.Insert, a.Length - suffix, k));
            }
            else script.AddRange(middle);
            for (var k = 0; k < suffix; k++) script.Add((Op.Keep, a.Length - suffix + k, b.Length - suffix + k));
            return script;
        }

        /// <summary>Myers' greedy algorithm on a[a0..a1) and b[b0..b1), with the path read back from the saved frontiers; null past <see cref="MaxEdits"/>.</summary>
        private static List<(Op, int, int)>? Myers(string[] a, string[] b, int a0, int a1, int b0, int b1)
        {
            int n = a1 - a0, m = b1 - b0, max = n + m, offset = max + 1;
            var v = new int[2 * max + 3];
            var trace = new List<int[]>();
            for (var d = 0; d <= max; d++)
            {
                if (d > MaxEdits) return null;
                // The frontier as it was before step d, only the diagonals step d reads (-d-1 to d+1): O(D²) memory in all.
                var saved = new int[2 * d + 3];
                Array.Copy(v, offset - d - 1, saved, 0, saved.Length);
                trace.Add(saved);
                for (var k = -d; k <= d; k += 2)
                {
                    var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                    var y = x - k;
                    while (x < n && y < m && a[a0 + x] == b[b0 + y]) { x++; y++; }
                    v[offset + k] = x;
                    if (x >= n && y >= m) return Backtrack(trace, n, m, a0, b0);
                }
            }
            return new List<(Op, int, int)>();
        }

        private static List<(Op, int, int)> Backtrack(List<int[]> trace, int n, int m, int a0, int b0)
        {
            var steps = new List<(Op, int, int)>();
            int x = n, y = m;
            for (var d = trace.Count - 1; d >= 0; d--)
            {
                var v = trace[d];
                var k = x - y;
                // saved[i + d + 1] is diagonal i's furthest x before step d.
                var previousK = k == -d || (k != d && v[k - 1 + d + 1] < v[k + 1 + d + 1]) ? k + 1 : k - 1;
                var previousX = d == 0 ? 0 : v[previousK + d + 1];
                var previousY = d == 0 ? 0 : previousX - previousK;
                while (x > previousX && y > previousY) { x--; y--; steps.Add((Op.Keep, a0 + x, b0 + y)); }
                if (d == 0) break;
                if (x == previousX) { y--; steps.Add((Op.Insert, a0 + x, b0 + y)); }
                else { x--; steps.Add((Op.Delete, a0 + x, b0 + y)); }
            }
            steps.Reverse();
            return steps;
        }
    }
}
