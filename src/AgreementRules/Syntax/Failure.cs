using System;
using System.Collections.Generic;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// A successful parse, as Sprache's <see cref="IResult{T}"/>: a value and where parsing goes on.
    /// Sprache's own result also carries a message and expectations, unused on success; this one is
    /// 32 bytes instead of 56, and the grammar makes one for every token and every step of a sequence.
    /// </summary>
    internal sealed class Success<T> : IResult<T>
    {
        public Success(T value, IInput remainder)
        {
            Value = value;
            Remainder = remainder;
        }

        public T Value { get; }
        public IInput Remainder { get; }
        public bool WasSuccessful => true;
        public string? Message => null;
        public IEnumerable<string> Expectations => Array.Empty<string>();
        public override string ToString() => $"Successful parsing of {Value}.";
    }

    internal static class Parsed
    {
        /// <summary>What <see cref="Result.Success{T}"/> gives, lighter.</summary>
        public static IResult<T> Success<T>(T value, IInput remainder) => new Success<T>(value, remainder);
    }

    /// <summary>
    /// A failed parse, as Sprache's <see cref="IResult{T}"/>. Unlike <see cref="Result.Failure{T}"/> it
    /// builds its message ("unexpected …") only if something reads it: most failures are alternatives
    /// that did not match (no unit after a number, no operator after an operand) and are dropped
    /// unread. <see cref="RulesParser"/> reports from the position and the expectations, never from
    /// this message. Expectations are the parser's own shared array, never copied.
    /// </summary>
    internal sealed class Failure<T> : IResult<T>
    {
        private string? message;

        public Failure(IInput remainder, string? message, IEnumerable<string> expectations)
        {
            Remainder = remainder;
            this.message = message;
            Expectations = expectations;
        }

        /// <summary>The same failure for a parser of another type (what Sprache's Then does on failure), message still unbuilt.</summary>
        public static IResult<T> From<TOther>(IResult<TOther> failed) => failed is Failure<TOther> f
            ? new Failure<T>(f.Remainder, f.message, f.Expectations)
            : new Failure<T>(failed.Remainder, failed.Message, failed.Expectations);

        /// <summary>The same failure expecting something else (what Sprache's Or and Named do), message still unbuilt.</summary>
        public static IResult<T> WithExpectations(IResult<T> failed, IEnumerable<string> expectations) => failed is Failure<T> f
            ? new Failure<T>(f.Remainder, f.message, expectations)
            : new Failure<T>(failed.Remainder, failed.Message, expectations);

        public T Value => throw new InvalidOperationException("No value can be computed.");
        public bool WasSuccessful => false;
        public IEnumerable<string> Expectations { get; }
        public IInput Remainder { get; }

        public string Message => message ??= Remainder is TextInput t
            ? "unexpected " + Lexer.Describe(t.Source, t.Position, t.End)
            : "unexpected input";

        public override string ToString() => $"Parsing failure: {Message}; expected {string.Join(" or ", Expectations)} ({Remainder})";
    }
}
