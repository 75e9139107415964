using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Sprache;

namespace AgreementRules.Syntax
{
    /// <summary>
    /// A Sprache input over one declaration of a file. Sprache's own <see cref="Input"/> allocates a
    /// memo dictionary with every character it advances over (5 GB for 10,000 rules); this one
    /// allocates its memos only if a parser asks for them, can start mid-file, and stops at the end
    /// of the declaration. The lexemes in <see cref="Lexer"/> jump over a whole token at once with
    /// <see cref="AdvanceTo"/>. Every parser that looks for a token here skips the same trivia first:
    /// the input remembers where that trivia ends (and the input there), so the alternatives tried at
    /// one place share one scan and one object.
    /// <para>
    /// One of these is made for every token, so it is kept small (40 bytes): the source, its end and
    /// its line starts are shared by every input of the declaration, and line and column are looked
    /// up in those line starts when asked for (spans, errors) instead of being counted on every advance.
    /// </para>
    /// </summary>
    internal sealed class TextInput : IInput
    {
        /// <summary>What every input of one declaration shares.</summary>
        internal sealed class Range
        {
            public Range(string source, LineIndex lines, int end, string path) { Source = source; Lines = lines; End = end; Path = path; }
            public string Source { get; }
            public LineIndex Lines { get; }
            public int End { get; }
            public string Path { get; }
        }

        // Sprache's Parse.Ref memoises through IInput.Memos; this grammar never does, so the memos of an
        // input live beside it rather than in a field every input would carry.
        private static readonly ConditionalWeakTable<TextInput, IDictionary<object, object>> MemoTable = new();

        private readonly Range range;
        private int afterTriviaPosition = -1;
        private TextInput? afterTrivia;

        /// <param name="path">The file the source is read from, as every span parsed from this input names it.</param>
        public TextInput(string source, LineIndex lines, int position, int end, string path) : this(new Range(source, lines, end, path), position) { }

        private TextInput(Range range, int position)
        {
            this.range = range;
            Position = position;
        }

        /// <summary>An input over a whole text (tests and tools).</summary>
        public static TextInput Over(string text, string path = "") => new(text, new LineIndex(text), 0, text.Length, path);

        public string Source => range.Source;
        /// <summary>The file this input reads, stamped into every span parsed from it.</summary>
        public string Path => range.Path;
        public int Position { get; }
        public int Line => range.Lines.LineColumn(Position).line;
        public int Column => range.Lines.LineColumn(Position).column;
        /// <summary>Where this declaration ends: the input looks exhausted there.</summary>
        public int End => range.End;

        public char Current => Position < End ? Source[Position] : '\0';
        public bool AtEnd => Position >= End;
        public IDictionary<object, object> Memos => MemoTable.GetValue(this, _ => new Dictionary<object, object>());

        public IInput Advance()
        {
            if (AtEnd) throw new InvalidOperationException("The input is already at the end of the source.");
            return AdvanceTo(Position + 1);
        }

        /// <summary>Where the next token starts: past white space and comments (computed once per input).</summary>
        public int TokenStart
        {
            [MethodImpl(Jit.Hot)]
            get => afterTriviaPosition >= 0 ? afterTriviaPosition : afterTriviaPosition = Lexer.SkipTrivia(Source, Position, End);
        }

        /// <summary>The input at <see cref="TokenStart"/> (created once per input; itself if there is no trivia).</summary>
        public TextInput AfterTrivia() => afterTrivia ??= AdvanceTo(TokenStart);

        /// <summary>The line and column of <paramref name="position"/>, without a new input.</summary>
        [MethodImpl(Jit.Hot)]
        public (int line, int column) LineColumnAt(int position) => range.Lines.LineColumn(position);

        /// <summary>A new input at <paramref name="position"/>.</summary>
        [MethodImpl(Jit.Hot)]
        public TextInput AdvanceTo(int position) => position == Position ? this : new TextInput(range, position);

        public bool Equals(IInput? other) => other != null && ReferenceEquals(Source, other.Source) && Position == other.Position;
        public override bool Equals(object? obj) => obj is IInput other && Equals(other);
        public override int GetHashCode() => Position;
        public override string ToString() => $"Line {Line}, Column {Column}";
    }
}
