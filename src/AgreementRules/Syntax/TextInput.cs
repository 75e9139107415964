using System;
using System.Collections.Generic;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// A Sprache input over one declaration of a file. Sprache's own <see cref="Input"/> allocates a
    /// memo dictionary with every character it advances over (5 GB for 10,000 rules); this one
    /// allocates its memos only if a parser asks for them, can start mid-file with the right line
    /// and column, and stops at the end of the declaration. The lexemes in <see cref="Lexer"/>
    /// jump over a whole token at once with <see cref="AdvanceTo"/>. Every parser that looks for a
    /// token here skips the same trivia first: the input remembers where that trivia ends (and the
    /// input there), so the alternatives tried at one place share one scan and one object.
    /// </summary>
    internal sealed class TextInput : IInput
    {
        private IDictionary<object, object>? memos;
        private int afterTriviaPosition = -1;
        private TextInput? afterTrivia;

        public TextInput(string source, int position, int line, int column, int end)
        {
            Source = source; Position = position; Line = line; Column = column; End = end;
        }

        public string Source { get; }
        public int Position { get; }
        public int Line { get; }
        public int Column { get; }
        /// <summary>Where this declaration ends: the input looks exhausted there.</summary>
        public int End { get; }

        public char Current => Position < End ? Source[Position] : '\0';
        public bool AtEnd => Position >= End;
        public IDictionary<object, object> Memos => memos ??= new Dictionary<object, object>();

        public IInput Advance()
        {
            if (AtEnd) throw new InvalidOperationException("The input is already at the end of the source.");
            return AdvanceTo(Position + 1);
        }

        /// <summary>Where the next token starts: past white space and comments (computed once per input).</summary>
        public int TokenStart => afterTriviaPosition >= 0 ? afterTriviaPosition : afterTriviaPosition = Lexer.SkipTrivia(Source, Position, End);

        /// <summary>The input at <see cref="TokenStart"/> (created once per input; itself if there is no trivia).</summary>
        public TextInput AfterTrivia() => afterTrivia ??= AdvanceTo(TokenStart);

        /// <summary>The line and column of <paramref name="position"/> (at or after this input), without a new input.</summary>
        public (int line, int column) LineColumnAt(int position)
        {
            var line = Line;
            var column = Column;
            for (var i = Position; i < position; i++)
            {
                if (Source[i] == '\n') { line++; column = 1; }
                else column++;
            }
            return (line, column);
        }

        /// <summary>A new input at <paramref name="position"/>, counting the lines it passes.</summary>
        public TextInput AdvanceTo(int position)
        {
            if (position == Position) return this;
            var line = Line;
            var column = Column;
            for (var i = Position; i < position; i++)
            {
                if (Source[i] == '\n') { line++; column = 1; }
                else column++;
            }
            return new TextInput(Source, position, line, column, End);
        }

        public bool Equals(IInput? other) => other != null && ReferenceEquals(Source, other.Source) && Position == other.Position;
        public override bool Equals(object? obj) => obj is IInput other && Equals(other);
        public override int GetHashCode() => Position;
        public override string ToString() => $"Line {Line}, Column {Column}";
    }
}
