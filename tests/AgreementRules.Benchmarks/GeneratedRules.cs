using System;
using System.Text;

namespace AgreementRules.Benchmarks
{
    /// <summary>Rule files of any size in the shape of the shipped ones, for loading and scaling measurements.</summary>
    public static class GeneratedRules
    {
        public const string Vocabulary = """
            type party = enum { JP, US }
            activity enrich
            activity reprocess
            fact agreements : list of text
            fact material : enum { uranium, plutonium }
            fact enrichment : number %
            fact quantity : number g
            fact facility : text
            fact purpose : enum { peaceful, military } default peaceful
            agreement GEN { parties JP, US }
            define heu = material == uranium and enrichment >= 20 %
            set annex-1 = { tokai-reprocessing-plant, sellafield, la-hague }

            """;

        /// <summary>
        /// <paramref name="count"/> rules on 'enrich', each speaking to its own band of quantity, so
        /// that every rule is evaluated for every request (the worst case for a linear scan).
        /// </summary>
        public static string Text(int count)
        {
            var text = new StringBuilder(Vocabulary, Vocabulary.Length + count * 140);
            var random = new Random(7);
            for (var i = 0; i < count; i++)
            {
                var kind = i % 3;
                text.Append("rule gen-").Append(i).Append(" cites \"Art. ").Append(i / 10 + 1).Append('(').Append(i % 10 + 1).Append(")\"\n  on enrich\n  when ");
                text.Append(kind switch
                {
                    0 => $"material == uranium and enrichment < {random.Next(1, 20)} % and quantity >= {i * 10} g",
                    1 => $"heu and quantity >= {i * 10} g and quantity < {i * 10 + 10} g",
                    _ => $"facility in annex-1 and not (purpose == military) and quantity * enrichment >= {random.Next(1, 500)} g",
                });
                text.Append(kind == 1 ? "\n  then requires consent of JP, US\n" : "\n  then permitted\n");
            }
            return text.ToString();
        }
    }
}
