using System.Collections.Generic;
using System.IO;

namespace AgreementRules.Tests.Docs
{
    /// <summary>A fenced code block of a Markdown page: its info string, its text, and the line its fence opens on.</summary>
    internal sealed record FencedBlock(string Info, string Text, int Line)
    {
        public override string ToString() => $"```{Info} at line {Line}";
    }

    /// <summary>Reads the repository's docs as the tests need them: fenced blocks and table rows.</summary>
    internal static class Markdown
    {
        public static string Path(string relative) => System.IO.Path.Combine(TestRules.RepoRoot, relative);

        public static string Read(string relative) => File.ReadAllText(Path(relative)).Replace("\r\n", "\n");

        /// <summary>Every ``` block of the page, in order. Blocks are not nested; an unclosed fence is an error.</summary>
        public static IReadOnlyList<FencedBlock> Blocks(string relative)
        {
            var lines = Read(relative).Split('\n');
            var blocks = new List<FencedBlock>();
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("```")) continue;
                var info = lines[i].Substring(3).Trim();
                var start = i;
                var body = new List<string>();
                for (i++; i < lines.Length && !lines[i].StartsWith("```"); i++) body.Add(lines[i]);
                Assert.True(i < lines.Length, $"{relative}: the fence opened at line {start + 1} is never closed");
                blocks.Add(new FencedBlock(info, string.Join("\n", body) + "\n", start + 1));
            }
            return blocks;
        }

        /// <summary>The cells of every table row of the page (a line that starts and ends with '|'), trimmed; separator rows left out.</summary>
        public static IEnumerable<string[]> TableRows(string relative)
        {
            foreach (var line in Read(relative).Split('\n'))
            {
                var t = line.Trim();
                if (t.Length < 2 || t[0] != '|' || t[t.Length - 1] != '|') continue;
                var cells = t.Substring(1, t.Length - 2).Split('|');
                for (var i = 0; i < cells.Length; i++) cells[i] = cells[i].Trim();
                if (System.Array.TrueForAll(cells, c => c.Trim('-', ':').Length == 0)) continue;
                yield return cells;
            }
        }
    }
}
