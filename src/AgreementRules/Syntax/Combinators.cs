using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// The grammar's combinators, written here over Sprache's interfaces. What is Sprache's: the types every
    /// parser has (the <see cref="Parser{T}"/> delegate over <see cref="IInput"/>, returning <see cref="IResult{T}"/>,
    /// and <see cref="IOption{T}"/> with its <c>GetOrElse</c> and <c>IsDefined</c>), so each parser is a Sprache parser
    /// and any of Sprache's own combinators could be used with it. What is hand-written, with Sprache's
    /// behaviour (same steps in the same order, same remainders, same expectations): every combinator the grammar
    /// uses — <c>Select</c>, <c>SelectMany</c> (so <c>from … select</c>), <c>Then</c>, <c>Return</c>, <c>Or</c>,
    /// <c>Optional</c>, <c>Named</c>, <c>Many</c>, <c>AtLeastOnce</c>, <c>DelimitedBy</c> in this class; the lexemes
    /// (<see cref="Lexer"/>) in place of <c>Parse.Char</c>/<c>Parse.String</c>/<c>Token</c>; the successes and
    /// failures (<c>Parsed</c>, <c>Failure{T}</c>, Failure.cs) in place of Sprache's <c>Result</c>; the input
    /// (<see cref="TextInput"/>) in place of Sprache's <c>Input</c>. Not one of <c>Sprache.Parse</c>'s combinators
    /// runs while a file is parsed: C# binds <c>from … select</c>, <c>.Or</c>, <c>.Optional</c>, <c>.Many</c>,
    /// <c>.DelimitedBy</c> and <c>.Named</c> to the extension methods of the nearest namespace, which is this one.
    /// Two more are not in Sprache at all: <c>OrUnlessKeyword</c> here and the keyword-predicted choice in
    /// <see cref="Grammar"/> (<c>ByKeyword</c>).
    /// <para>
    /// Why, measured (docs/performance.md, "What changed"): Sprache builds new delegates and closures every time
    /// a combinator runs (a query's <c>SelectMany</c> is <c>Then(t =&gt; selector(t).Select(u =&gt; projector(t, u)))</c>,
    /// so every <c>from</c> allocates several delegates per parse), its failures copy their message, and its input
    /// allocates a memo table per character. Those allocations were 95% of parsing (19,952 bytes per line of a
    /// rules file; 1,868 after). These allocate only their results. Every parser test and a differential run over
    /// 7,920 mutated declarations give the same trees, spans and errors as Sprache's own combinators.
    /// </para>
    /// </summary>
    internal static class Combinators
    {
        /// <summary>As Sprache's <c>Select</c> (<c>parser.Then(t =&gt; Return(convert(t)))</c>).</summary>
        public static Parser<U> Select<T, U>(this Parser<T> parser, Func<T, U> convert) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var r = parser(input);
            return r.WasSuccessful ? Parsed.Success(convert(r.Value), r.Remainder) : Failure<U>.From(r);
        };

        /// <summary>As Sprache's <c>SelectMany</c>: the two parsers in sequence, then the projection.</summary>
        public static Parser<V> SelectMany<T, U, V>(this Parser<T> parser, Func<T, Parser<U>> selector, Func<T, U, V> projector) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var first = parser(input);
            if (!first.WasSuccessful) return Failure<V>.From(first);
            var second = selector(first.Value)(first.Remainder);
            return second.WasSuccessful ? Parsed.Success(projector(first.Value, second.Value), second.Remainder) : Failure<V>.From(second);
        };

        /// <summary>As Sprache's <c>Then</c>.</summary>
        public static Parser<U> Then<T, U>(this Parser<T> first, Func<T, Parser<U>> second) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var r = first(input);
            return r.WasSuccessful ? second(r.Value)(r.Remainder) : Failure<U>.From(r);
        };

        /// <summary>As Sprache's <c>parser.Return(value)</c>.</summary>
        public static Parser<U> Return<T, U>(this Parser<T> parser, U value) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var r = parser(input);
            return r.WasSuccessful ? Parsed.Success(value, r.Remainder) : Failure<U>.From(r);
        };

        /// <summary>
        /// As Sprache's <c>Or</c>: the second parser if the first fails (or succeeds without consuming);
        /// when both fail, the failure that got further, or both expectations where they failed at the same place.
        /// </summary>
        public static Parser<T> Or<T>(this Parser<T> first, Parser<T> second) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var fr = first(input);
            if (!fr.WasSuccessful)
            {
                var sr = second(input);
                return sr.WasSuccessful ? sr : BestError(fr, sr);
            }
            if (fr.Remainder.Equals(input))
            {
                var sr = second(input);
                return sr.WasSuccessful ? sr : fr;
            }
            return fr;
        };

        /// <summary>Sprache's <c>DetermineBestError</c>.</summary>
        internal static IResult<T> BestError<T>(IResult<T> first, IResult<T> second)
        {
            if (second.Remainder.Position > first.Remainder.Position) return second;
            if (second.Remainder.Position == first.Remainder.Position)
                return Failure<T>.WithExpectations(first, first.Expectations.Union(second.Expectations));
            return first;
        }

        /// <summary>
        /// <c>first.Or(second)</c> where <paramref name="first"/> begins with the keyword <paramref name="word"/>:
        /// when the next token is another word, the first alternative would fail where it starts, so it
        /// is not tried at all unless the second fails there too (then both run, for the same error as
        /// <c>Or</c>). The common case (not that keyword) costs no failed attempt.
        /// </summary>
        public static Parser<T> OrUnlessKeyword<T>(string word, Parser<T> first, Parser<T> second)
        {
            var both = first.Or(second);
            return [MethodImpl(Jit.Hot)] (input) =>
            {
                var t = (TextInput)input;
                if (IsWord(t, word)) return both(input);
                var sr = second(input);
                if (sr.WasSuccessful || sr.Remainder.Position > t.TokenStart) return sr;
                var fr = first(input);
                return fr.WasSuccessful ? both(input) : BestError(fr, sr);
            };
        }

        /// <summary>Whether the next token is exactly the word <paramref name="word"/> (as <see cref="Lexer.Keyword"/> matches it).</summary>
        internal static bool IsWord(TextInput t, string word)
        {
            var start = t.TokenStart;
            return start + word.Length <= t.End && string.CompareOrdinal(t.Source, start, word, 0, word.Length) == 0 &&
                   Lexer.ScanName(t.Source, start, t.End) == start + word.Length;
        }

        /// <summary>As Sprache's <c>Optional</c>: always succeeds; nothing is consumed when the parser fails.</summary>
        public static Parser<IOption<T>> Optional<T>(this Parser<T> parser) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var r = parser(input);
            return r.WasSuccessful ? Parsed.Success<IOption<T>>(new Some<T>(r.Value), r.Remainder) : Parsed.Success(None<T>.Instance, input);
        };

        /// <summary>As Sprache's <c>Named</c>: a failure where the parser started expects <paramref name="name"/> instead.</summary>
        public static Parser<T> Named<T>(this Parser<T> parser, string name)
        {
            var expectations = new[] { name };
            return [MethodImpl(Jit.Hot)] (input) =>
            {
                var r = parser(input);
                return r.WasSuccessful || !r.Remainder.Equals(input) ? r : Failure<T>.WithExpectations(r, expectations);
            };
        }

        /// <summary>As Sprache's <c>Many</c>.</summary>
        public static Parser<IEnumerable<T>> Many<T>(this Parser<T> parser) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var remainder = input;
            var result = new List<T>();
            var r = parser(input);
            while (r.WasSuccessful)
            {
                if (remainder.Equals(r.Remainder)) break;
                result.Add(r.Value);
                remainder = r.Remainder;
                r = parser(remainder);
            }
            return Parsed.Success<IEnumerable<T>>(result, remainder);
        };

        /// <summary>As Sprache's <c>AtLeastOnce</c>.</summary>
        public static Parser<IEnumerable<T>> AtLeastOnce<T>(this Parser<T> parser)
        {
            var many = parser.Many();
            return [MethodImpl(Jit.Hot)] (input) =>
            {
                var first = parser(input);
                if (!first.WasSuccessful) return Failure<IEnumerable<T>>.From(first);
                var rest = many(first.Remainder);
                var all = new List<T> { first.Value };
                all.AddRange(rest.Value);
                return Parsed.Success<IEnumerable<T>>(all, rest.Remainder);
            };
        }

        /// <summary>
        /// As Sprache's <c>DelimitedBy</c>: one item, then items each after a delimiter, stopping (before
        /// the delimiter) at the first delimiter or item that fails.
        /// </summary>
        public static Parser<IEnumerable<T>> DelimitedBy<T, U>(this Parser<T> parser, Parser<U> delimiter) => [MethodImpl(Jit.Hot)] (input) =>
        {
            var head = parser(input);
            if (!head.WasSuccessful) return Failure<IEnumerable<T>>.From(head);
            var items = new List<T> { head.Value };
            var remainder = head.Remainder;
            while (true)
            {
                var d = delimiter(remainder);
                if (!d.WasSuccessful) break;
                var item = parser(d.Remainder);
                if (!item.WasSuccessful) break;
                items.Add(item.Value);
                remainder = item.Remainder;
            }
            return Parsed.Success<IEnumerable<T>>(items, remainder);
        };

        private sealed class Some<T> : IOption<T>
        {
            private readonly T value;
            public Some(T value) => this.value = value;
            public bool IsEmpty => false;
            public bool IsDefined => true;
            public T GetOrDefault() => value;
            public T Get() => value;
        }

        private sealed class None<T> : IOption<T>
        {
            public static readonly IOption<T> Instance = new None<T>();
            public bool IsEmpty => true;
            public bool IsDefined => false;
            public T GetOrDefault() => default!;
            public T Get() => throw new InvalidOperationException("Cannot get value from None.");
        }
    }
}
