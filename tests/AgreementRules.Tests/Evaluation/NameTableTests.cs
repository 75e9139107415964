using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Evaluation;

namespace AgreementRules.Tests.Evaluation
{
    public class NameTableTests
    {
        private static NameTable<int> Of(params string[] names) =>
            new(names.Select((n, i) => new KeyValuePair<string, int>(n, i)));

        [Fact]
        public void Finds_every_name_by_its_text_whatever_the_instance()
        {
            var names = new[] { "material", "enrichment", "quantity", "to", "from", "facility", "destination_facility", "agreements" };
            var table = Of(names);
            for (var i = 0; i < names.Length; i++)
            {
                Assert.True(table.TryGetValue(names[i], out var same));
                Assert.Equal(i, same);
                // A copy, as a request read from JSON may hold: found by an ordinal comparison.
                Assert.True(table.TryGetValue(new string(names[i].ToCharArray()), out var copy));
                Assert.Equal(i, copy);
            }
        }

        [Fact]
        public void Refuses_what_it_does_not_hold_including_near_misses()
        {
            var table = Of("material", "to", "JP-US-1988");
            foreach (var missing in new[] { "", "Material", "materiak", "t", "too", "JP-US-1989", "JP-FR-1990" })
            {
                Assert.False(table.TryGetValue(missing, out var value));
                Assert.Equal(0, value);
            }
            Assert.False(Of().TryGetValue("anything", out _));
        }

        [Fact]
        public void Names_that_hash_alike_are_all_found()
        {
            // Same length, same first, middle and last characters: the same hash, told apart by comparison.
            var names = Enumerable.Range(0, 50).Select(i => $"a{(char)('a' + i % 26)}m{(char)('a' + i / 26)}z").ToArray();
            var table = Of(names);
            for (var i = 0; i < names.Length; i++)
            {
                Assert.True(table.TryGetValue(names[i], out var value), names[i]);
                Assert.Equal(i, value);
            }
            Assert.False(table.TryGetValue("azmzz", out _));
        }

        [Fact]
        public void A_null_name_throws_as_a_dictionary_does() =>
            Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => Of("x").TryGetValue(null!, out _)).ParamName);
    }
}
