using System;
using System.Collections.Generic;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>Puts the definitions in the order they can be typed, and bounds how deep they build on each other.</summary>
    internal sealed class DefinitionOrder
    {
        private readonly CheckContext context;
        private readonly Declarations declared;
        private readonly TypeChecker types;

        public DefinitionOrder(CheckContext context, TypeChecker types)
        {
            this.context = context;
            declared = context.Declared;
            this.types = types;
        }

        /// <summary>
        /// Types every definition after the definitions it names: a depth-first walk over the references with
        /// an explicit stack, so that typing a body never recurses into another body, and neither a chain of
        /// thousands of definitions nor a long cycle can overflow the stack. Reports cycles (AGR0013) where
        /// the walk meets a definition it is still inside, and definitions that build on others more than
        /// <see cref="RulesParser.MaxExpressionDepth"/> levels deep (AGR0002): the compiled conditions nest that deep.
        /// </summary>
        public void ResolveDefinitions()
        {
            var depth = new Dictionary<DefinitionSymbol, int>();
            var onStack = new HashSet<DefinitionSymbol>();
            // Definitions that are, or build on, a reported cycle or excessive depth: one error says it.
            var reported = new HashSet<DefinitionSymbol>();
            foreach (var root in declared.Definitions.Values)
            {
                if (depth.ContainsKey(root) || onStack.Contains(root)) continue;
                var stack = new Stack<(DefinitionSymbol definition, IEnumerator<DefinitionSymbol> references)>();
                onStack.Add(root);
                stack.Push((root, References(root).GetEnumerator()));
                while (stack.Count > 0)
                {
                    var (definition, references) = stack.Peek();
                    if (references.MoveNext())
                    {
                        var next = references.Current;
                        if (onStack.Contains(next))
                        {
                            if (!next.Resolved)
                            {
                                context.Error(RulesDiagnosticIds.CyclicDefinition, next.Declaration.Name.Span,
                                    $"definition '{next.Name}' depends on itself; break the cycle");
                                next.Type = RuleType.Error;
                                next.Resolved = true;
                                reported.Add(next);
                            }
                        }
                        else if (!depth.ContainsKey(next))
                        {
                            onStack.Add(next);
                            stack.Push((next, References(next).GetEnumerator()));
                        }
                        continue;
                    }
                    stack.Pop();
                    onStack.Remove(definition);
                    // Every definition the body names is typed by now (or is a reported cycle): no recursion.
                    // A definition where a cycle was reported keeps its error type, but its body is still checked.
                    if (definition.Resolved) types.TypeExpr(definition.Declaration.Body, null);
                    else types.ResolveDefinition(definition);
                    depth[definition] = EffectiveDepth(definition, depth, reported);
                }
            }
        }

        /// <summary>The definitions a definition's body names, in the order they are written.</summary>
        private IEnumerable<DefinitionSymbol> References(DefinitionSymbol definition)
        {
            var stack = new Stack<Expr>();
            stack.Push(definition.Declaration.Body);
            while (stack.Count > 0)
            {
                var expr = stack.Pop();
                if (expr is NameExpr name && !declared.Facts.ContainsKey(name.Text) && declared.Definitions.TryGetValue(name.Text, out var referenced))
                    yield return referenced;
                foreach (var child in ExpressionDepth.Children(expr).Reverse()) stack.Push(child);
            }
        }

        /// <summary>
        /// How deep the definition's compiled form nests: its body's depth, where naming a definition adds that
        /// definition's depth. Reports the first definition along a chain that goes deeper than the bound,
        /// unless it builds on a definition whose error is already <paramref name="reported"/>.
        /// </summary>
        private int EffectiveDepth(DefinitionSymbol definition, Dictionary<DefinitionSymbol, int> depths, HashSet<DefinitionSymbol> reported)
        {
            var deepest = 0;
            var buildsOnReported = false;
            var stack = new Stack<(Expr expr, int depth)>();
            stack.Push((definition.Declaration.Body, 1));
            while (stack.Count > 0)
            {
                var (expr, level) = stack.Pop();
                var here = level;
                if (expr is NameExpr name && context.KindOf(name) == NameKind.Definition && declared.Definitions.TryGetValue(name.Text, out var referenced))
                {
                    buildsOnReported |= reported.Contains(referenced);
                    here += depths.TryGetValue(referenced, out var d) ? d : 0;
                }
                deepest = Math.Max(deepest, here);
                foreach (var child in ExpressionDepth.Children(expr)) stack.Push((child, level + 1));
            }
            if (buildsOnReported) reported.Add(definition);
            else if (deepest > RulesParser.MaxExpressionDepth)
            {
                reported.Add(definition);
                context.Error(RulesDiagnosticIds.NestingTooDeep, definition.Declaration.Name.Span,
                    $"definition '{definition.Name}' builds on definitions that nest more than {RulesParser.MaxExpressionDepth} levels deep " +
                    "(each definition it names counts with its own depth); build it from fewer layers of definitions");
            }
            return deepest;
        }
    }
}
