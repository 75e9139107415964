using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;

namespace AgreementRules.Tests.Robustness
{
    /// <summary>
    /// CsCheck generators of rules text that is nearly right and of text that is nothing like it:
    /// excerpts of the shipped rules and the good corpus, mutated (truncated, ranges deleted, stray
    /// quotes and brackets, lines duplicated or swapped, words replaced by keywords, very long lines);
    /// token soup from the language's own words; and random characters.
    /// </summary>
    internal static class RulesTextGen
    {
        /// <summary>The vocabulary the shipped agreements share: compiled with each mutated excerpt so the checker has names to resolve.</summary>
        public static readonly string Vocabulary = File.ReadAllText(Path.Combine(TestRules.ShippedRules, "vocabulary.rules"));

        /// <summary>Real rules text: the shipped agreements (vocabulary aside) and the good corpus.</summary>
        public static readonly string[] Seeds =
            Directory.GetFiles(TestRules.ShippedRules, "*.rules")
                .Where(f => !f.EndsWith("vocabulary.rules", StringComparison.Ordinal))
                .Concat(Directory.GetFiles(Path.Combine(TestRules.RepoRoot, "tests", "AgreementRules.Tests", "Corpus", "good"), "*.rules", SearchOption.AllDirectories))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(File.ReadAllText)
                .ToArray();

        private static readonly string[] Stray =
        {
            "\"", "(", ")", "{", "}", "\\", "#", "\n", "\r\n", ",", "%", "=", "==", "<", "-", "*", "/", "\t", "é", "…", "\u0000",
            "not ", "case ", " end", " when ", " then ", " else ", " and ", " or ", " in ", " has ", " is ", " given",
        };

        private static readonly string[] Keywords =
        {
            "agreement", "continued", "type", "fact", "activity", "define", "set", "rule", "example", "cites", "on", "when", "then",
            "quote", "overlaps", "because", "permitted", "prohibited", "requires", "consent", "notification", "written", "of", "by", "grants", "advisory",
            "assurances", "or", "and", "not", "in", "has", "is", "given", "case", "else", "end", "true", "false", "bool", "text",
            "number", "enum", "list", "default", "title", "parties", "source", "consents", "notifications", "expect", "oral", "after",
        };

        private static readonly string[] LongUnits = { "x", "a and ", "(", ")", "\"", "1 + ", "# comment ", "{a, ", "not ", "é" };

        /// <summary>A run of 3 to 120 whole lines of one seed (whole declarations or not).</summary>
        public static readonly Gen<string> Excerpt =
            from seed in Gen.Int[0, Seeds.Length - 1]
            let lines = Seeds[seed].Split('\n')
            from start in Gen.Int[0, lines.Length - 1]
            from count in Gen.Int[3, 120]
            select string.Join("\n", lines.Skip(start).Take(count)) + "\n";

        /// <summary>One mutation of <paramref name="text"/>.</summary>
        public static Gen<string> Mutate(string text)
        {
            var length = text.Length;
            var lines = text.Split('\n');
            return Gen.OneOf(
                // truncate
                Gen.Int[0, length].Select(i => text.Substring(0, i)),
                // delete a range
                from start in Gen.Int[0, length]
                from count in Gen.Int[0, Math.Min(200, length - start)]
                select text.Remove(start, count),
                // a stray quote, bracket, operator or keyword
                from at in Gen.Int[0, length]
                from s in Gen.OneOf(Stray)
                select text.Insert(at, s),
                // duplicate lines
                from line in Gen.Int[0, lines.Length - 1]
                from count in Gen.Int[1, 5]
                select string.Join("\n", lines.Take(line + count).Concat(lines.Skip(line).Take(count)).Concat(lines.Skip(line + count))),
                // swap two lines
                from a in Gen.Int[0, lines.Length - 1]
                from b in Gen.Int[0, lines.Length - 1]
                select string.Join("\n", lines.Select((l, i) => i == a ? lines[b] : i == b ? lines[a] : l)),
                // a word replaced by a keyword
                from at in Gen.Int[0, length]
                from keyword in Gen.OneOf(Keywords)
                select ReplaceWordAt(text, at, keyword),
                // a very long line
                from at in Gen.Int[0, length]
                from unit in Gen.OneOf(LongUnits)
                from size in Gen.Int[1_000, 30_000]
                select text.Insert(at, "\n" + string.Concat(Enumerable.Repeat(unit, size / unit.Length)) + "\n"));
        }

        /// <summary>One to four mutations in a row.</summary>
        public static Gen<string> MutateSome(string text) =>
            Gen.Int[1, 4].SelectMany(n => MutateTimes(text, n));

        private static Gen<string> MutateTimes(string text, int n) =>
            n == 0 ? Gen.Const(text) : Mutate(text).SelectMany(m => MutateTimes(m, n - 1));

        public static readonly Gen<string> MutatedExcerpt = Excerpt.SelectMany(MutateSome);

        /// <summary>A whole seed file with mutations.</summary>
        public static readonly Gen<string> MutatedFile = Gen.Int[0, Seeds.Length - 1].SelectMany(i => MutateSome(Seeds[i]));

        // ---- mutations that keep the text parsing, so the checker, coverage, compiler and examples run ----

        private static readonly System.Text.RegularExpressions.Regex DeclarationStart =
            new(@"^(?=(agreement|type|fact|activity|define|set|rule|example)\b)", System.Text.RegularExpressions.RegexOptions.Multiline);

        /// <summary>Each seed cut into whole declarations (comments before one go with it), and its agreement header.</summary>
        private static readonly (string[] declarations, string header)[] Declarations = Seeds
            .Select(seed => DeclarationStart.Split(seed).Where(d => d.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(d, @"^(agreement|type|fact|activity|define|set|rule|example)$")).ToArray())
            .Select(ds => (ds, ds.FirstOrDefault(d => d.StartsWith("agreement", StringComparison.Ordinal)) ?? ""))
            .ToArray();

        /// <summary>A run of 1 to 15 whole declarations of one seed, under its agreement header.</summary>
        public static readonly Gen<string> DeclarationExcerpt =
            from seed in Gen.Int[0, Declarations.Length - 1]
            let all = Declarations[seed].declarations
            from start in Gen.Int[0, all.Length - 1]
            from count in Gen.Int[1, 15]
            select Declarations[seed].header + "\n" + string.Concat(all.Skip(start).Take(count).Where(d => !d.StartsWith("agreement", StringComparison.Ordinal)));

        private static readonly string[] Names =
        {
            "material", "enrichment", "quantity", "supplier", "irradiated", "purpose", "facility", "to", "from", "assurances", "agreements",
            "uranium", "plutonium", "thorium", "peaceful", "military", "JP", "US", "FR", "heu", "nuclear_material", "category", "I", "III",
            "true", "false", "enrich", "transfer", "store", "undeclared_name", "ia-annex-1", "peaceful-use",
        };

        private static readonly string[] Operators = { "==", "!=", "<", "<=", ">", ">=", "in", "has", "and", "or", "+", "-", "*", "/" };

        private static readonly string[] Numbers = { "0", "20 %", "19.99 %", "100 %", "0.711 %", "500 g", "1 kg", "2000 g", "15", "1000000" };

        private static readonly string[] Outcomes =
        {
            "permitted", "prohibited", "requires consent of JP, US", "requires written consent of supplier", "requires notification by US",
            "requires written notification by supplier", "requires assurances or consent of supplier", "grants consent of JP, US", "advisory \"x\"",
        };

        private static readonly string[] Decisions =
            { "permitted", "prohibited", "consent-required", "notification-required", "assurances-required", "undetermined" };

        private static Gen<string> ReplaceOne(string text, string pattern, string[] replacements)
        {
            var matches = System.Text.RegularExpressions.Regex.Matches(text, pattern);
            if (matches.Count == 0) return Gen.Const(text);
            return from i in Gen.Int[0, matches.Count - 1]
                   from r in Gen.OneOf(replacements)
                   select text.Substring(0, matches[i].Index) + r + text.Substring(matches[i].Index + matches[i].Length);
        }

        /// <summary>One mutation that keeps the text parsing (most of the time): a name, an operator, a number, an outcome, an expectation or a whole declaration changed.</summary>
        public static Gen<string> MutateMeaning(string text)
        {
            var declarations = DeclarationStart.Split(text).Where(d => d.Length > 0).ToArray();
            if (declarations.Length == 0) return Gen.Const(text);
            return Gen.OneOf(
                ReplaceOne(text, @"(?<=[\s(={,])[a-z_][a-z0-9_-]*(?=[\s)},])", Names),
                ReplaceOne(text, @"(?<= )(==|!=|<=|>=|<|>|in|has|and|or)(?= )", Operators),
                ReplaceOne(text, @"\b\d+(\.\d+)?( ?(%|kg|g)\b)?", Numbers),
                ReplaceOne(text, @"(?<=then )(permitted|prohibited|requires [^\n]*|grants [^\n]*|advisory ""[^""]*"")", Outcomes),
                ReplaceOne(text, @"(?<=expect )[a-z-]+", Decisions),
                ReplaceOne(text, @"(?<=when )", new[] { "not ", "not (", "true or ", "false and ", "" }),
                // a declaration dropped, doubled, or moved
                from i in Gen.Int[0, declarations.Length - 1]
                from j in Gen.Int[0, declarations.Length - 1]
                from how in Gen.Int[0, 2]
                select how == 0 ? string.Concat(declarations.Where((_, k) => k != i))
                    : how == 1 ? string.Concat(declarations.Take(i + 1).Concat(declarations.Skip(i)))
                    : string.Concat(declarations.Select((d, k) => k == i ? declarations[j] : k == j ? declarations[i] : d)));
        }

        public static readonly Gen<string> MeaningMutatedDeclarations =
            DeclarationExcerpt.SelectMany(text => Gen.Int[1, 3].SelectMany(n => MutateMeaningTimes(text, n)));

        private static Gen<string> MutateMeaningTimes(string text, int n) =>
            n == 0 ? Gen.Const(text) : MutateMeaning(text).SelectMany(m => MutateMeaningTimes(m, n - 1));

        private static readonly string[] Tokens = Keywords.Concat(new[]
        {
            "JP", "US", "FR", "enrich", "transfer", "material", "uranium", "enrichment", "quantity", "supplier", "x", "a-b", "_",
            "20", "0.711", "1000", "%", "g", "kg", "\"Art. 1\"", "\"\"", "\"unclosed", "(", ")", "{", "}", ",", ":", "=", "==", "!=",
            "<", "<=", ">", ">=", "+", "-", "*", "/", "#", "\\", "\n", "\nrule", "\nexample", "\nagreement", "\ndefine", "\nfact",
        }).ToArray();

        /// <summary>The language's words and symbols in random order: text the parser must take apart without a crash.</summary>
        public static readonly Gen<string> TokenSoup =
            from tokens in Gen.OneOf(Tokens).Array[0, 200]
            from separator in Gen.OneOf(" ", "\n", "", "\n  ", "\t")
            select string.Join(separator, tokens);

        /// <summary>Any characters at all.</summary>
        public static readonly Gen<string> Noise = Gen.String;

        private static string ReplaceWordAt(string text, int at, string replacement)
        {
            var start = Math.Min(at, text.Length);
            while (start > 0 && char.IsLetterOrDigit(text[start - 1])) start--;
            var end = Math.Min(at, text.Length);
            while (end < text.Length && char.IsLetterOrDigit(text[end])) end++;
            return text.Substring(0, start) + replacement + text.Substring(end);
        }
    }
}
