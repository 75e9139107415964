using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AgreementRules.Syntax;

namespace AgreementRules.Tests.Snapshots
{
    /// <summary>
    /// Turns a syntax tree into plain ordered dictionaries and lists for a snapshot, by reflection over the
    /// tree's records, so that a property added to, removed from or renamed in the tree changes the snapshot.
    /// Every node shows its span as <c>line:column-line:column</c> (the end exclusive) and, when short, the
    /// source text it covers. Spans are checked on the way: the line and column a node carries must be where
    /// its start offset is, and it must name the file and lie within the text.
    /// </summary>
    internal sealed class SyntaxTreeJson
    {
        private readonly string text;
        private readonly string path;
        private readonly List<int> lineStarts = new() { 0 };

        private SyntaxTreeJson(string text, string path)
        {
            this.text = text;
            this.path = path;
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') lineStarts.Add(i + 1);
        }

        public static object Of(RulesFile file, string text) => new SyntaxTreeJson(text, file.Path).Value(file.Declarations)!;

        private (int line, int column) At(int offset)
        {
            var index = lineStarts.BinarySearch(offset);
            if (index < 0) index = ~index - 1;
            return (index + 1, offset - lineStarts[index] + 1);
        }

        private string Span(SourceSpan span, Type node)
        {
            if (span.Path != path) throw new InvalidOperationException($"{node.Name} at {span} names '{span.Path}', not '{path}'");
            if (span.Start < 0 || span.Length < 0 || span.Start + span.Length > text.Length)
                throw new InvalidOperationException($"{node.Name} span {span.Start}+{span.Length} is outside the text ({text.Length} characters)");
            var (line, column) = At(span.Start);
            if ((line, column) != (span.Line, span.Column))
                throw new InvalidOperationException($"{node.Name} says {span.Line}:{span.Column} but offset {span.Start} is {line}:{column}");
            var (endLine, endColumn) = At(span.Start + span.Length);
            return $"{line}:{column}-{endLine}:{endColumn}";
        }

        private string Covered(SourceSpan span) => text.Substring(span.Start, span.Length);

        private object? Value(object? value)
        {
            switch (value)
            {
                case null: return null;
                case string or bool or double or int: return value;
                case BinaryOperator op: return op.Text(); // as written, as the snapshots always showed it
                case Enum e: return e.ToString();
                case Name name: return $"{name.Text} @{Span(name.Span, typeof(Name))}";
                case IEnumerable items: return items.Cast<object?>().Select(Value).ToList();
            }
            var type = value.GetType();
            var result = new OrderedDictionary<string, object?> { ["node"] = type.Name };
            if (value is Node node)
            {
                result["span"] = Span(node.Span, type);
                var covered = Covered(node.Span);
                if (value is Expr && !Balanced(covered))
                    throw new InvalidOperationException($"{type.Name} at {node.Span} covers unbalanced brackets: {covered}");
                if (value is Expr && covered.Length <= 60 && !covered.Contains('\n')) result["text"] = covered;
            }
            // Declaration order of the record's parameters, which is the order they are written in.
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
            {
                if (property.Name == nameof(Node.Span)) continue;
                result[Camel(property.Name)] = Value(property.GetValue(value));
            }
            return result;
        }

        /// <summary>Whether the brackets outside quoted texts and comments pair up: an expression's span holds whole brackets.</summary>
        private static bool Balanced(string covered)
        {
            var open = new Stack<char>();
            var inText = false;
            for (var i = 0; i < covered.Length; i++)
            {
                var c = covered[i];
                if (inText) { if (c == '\\') i++; else if (c == '"') inText = false; continue; }
                if (c == '#') { while (i + 1 < covered.Length && covered[i + 1] != '\n') i++; continue; }
                if (c == '"') inText = true;
                else if (c is '(' or '{') open.Push(c);
                else if (c is ')' or '}' && (open.Count == 0 || open.Pop() != (c == ')' ? '(' : '{'))) return false;
            }
            return open.Count == 0 && !inText;
        }

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
