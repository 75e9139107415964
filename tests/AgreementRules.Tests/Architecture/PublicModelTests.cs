using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AgreementRules.Semantics;
using AgreementRules.Tests.ShippedRules;

namespace AgreementRules.Tests.Architecture
{
    /// <summary>
    /// <see cref="RuleSet"/> calls itself immutable and is shared by every thread that evaluates: nothing a
    /// caller can reach from it (the checked model, its symbols, the syntax trees, the diagnostics) may change
    /// what later evaluations see. Walks the object graph through public properties and fails on a public
    /// setter (an init-only one, which only a constructor or a copy can use, is allowed), a public writable
    /// field, a property typed as a mutable collection, or a collection object that accepts changes.
    /// </summary>
    public class PublicModelTests
    {
        private static readonly Assembly Core = typeof(RuleSet).Assembly;

        [Fact]
        public void Nothing_reachable_from_a_rule_set_or_a_compilation_can_be_changed()
        {
            var compilation = RulesCompiler.Compile(RuleSet.ReadSources(TestRules.ShippedRules));
            var (problems, visited) = Mutable(new object[] { Shipped.Rules, compilation }, t => t.Assembly == Core);
            // The walk reached the model's parts, so a clean result means something.
            foreach (var part in new[] { "CheckedModel", "SymbolTable", "FactSymbol", "DefinitionSymbol", "DataSetSymbol", "EnumType", "RuleDecl", "ExampleDecl", "RulesFile", "BinaryExpr" })
                Assert.Contains(part, visited);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
        }

        [Fact]
        public void The_model_refuses_a_change_through_its_collection_interfaces()
        {
            var model = Shipped.Rules.Model;
            Assert.Throws<NotSupportedException>(() => ((ICollection<CheckedRule>)model.Rules).Clear());
            Assert.Throws<NotSupportedException>(() => ((IDictionary<string, FactSymbol>)model.Symbols.Facts).Clear());
            Assert.Throws<NotSupportedException>(() => ((IList<FactSymbol>)model.Symbols.FactsBySlot)[0] = null!);
            Assert.Throws<NotSupportedException>(() => ((IList<string>)model.Symbols.DataSets.Values.First().Members).Add("x"));
            Assert.NotEmpty(model.Rules);
        }

        /// <summary>The walk sees each kind of mutability it looks for (else a clean result above would prove nothing).</summary>
        [Fact]
        public void The_walk_finds_a_setter_a_field_a_mutable_list_and_an_array()
        {
            var (problems, _) = Mutable(new object[] { new Sample() }, t => t == typeof(Sample) || t == typeof(Inner));
            Assert.Contains(problems, p => p.Contains("Sample.Settable") && p.Contains("setter"));
            Assert.Contains(problems, p => p.Contains("Sample.Field") && p.Contains("field"));
            Assert.Contains(problems, p => p.Contains("Sample.Items") && p.Contains("List`1"));
            Assert.Contains(problems, p => p.Contains("Sample.Array") && p.Contains("Int32[]"));
            Assert.Contains(problems, p => p.Contains("Inner.Settable"));
            Assert.DoesNotContain(problems, p => p.Contains("Sample.InitOnly") || p.Contains("Sample.ReadOnlyView"));
        }

        private sealed record Inner(int Value)
        {
            public int Settable { get; set; }
        }

        private sealed record Sample
        {
            public int Settable { get; set; }
#pragma warning disable CS0649 // never written: the walk reads it as a public writable field
            public int Field;
#pragma warning restore CS0649
            public int InitOnly { get; init; }
            public IReadOnlyList<int> Items { get; } = new List<int> { 1 };
            public IReadOnlyList<int> Array { get; } = new[] { 1 };
            public IReadOnlyList<Inner> ReadOnlyView { get; } = new List<Inner> { new(1) }.AsReadOnly();
        }

        private static (List<string> problems, HashSet<string> visited) Mutable(IEnumerable<object> roots, Func<Type, bool> own)
        {
            var problems = new List<string>();
            var visitedTypes = new HashSet<string>();
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            var checkedTypes = new HashSet<Type>();
            var stack = new Stack<(object? value, string path)>(roots.Select(r => ((object?)r, r.GetType().Name)));
            while (stack.Count > 0)
            {
                var (value, path) = stack.Pop();
                if (value == null || value is string || value is Type) continue;
                var type = value.GetType();
                if (type.IsPrimitive || type.IsEnum || !seen.Add(value)) continue;
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                {
                    stack.Push((type.GetProperty("Key")!.GetValue(value), path + ".Key"));
                    stack.Push((type.GetProperty("Value")!.GetValue(value), path + ".Value"));
                    continue;
                }
                if (value is IEnumerable items)
                {
                    if (type.IsArray || !IsReadOnlyCollection(value)) problems.Add($"{path} is a collection that can be changed ({type.Name})");
                    var i = 0;
                    foreach (var item in items) stack.Push((item, $"{path}[{i++}]"));
                    continue;
                }
                if (!own(type)) continue;
                visitedTypes.Add(type.Name);
                if (checkedTypes.Add(type)) problems.AddRange(MutableMembers(type));
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                    stack.Push((property.GetValue(value), $"{type.Name}.{property.Name}"));
            }
            return (problems, visitedTypes);
        }

        private static IEnumerable<string> MutableMembers(Type type)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                    yield return $"{type.Name}.{property.Name} has a public setter";
                if (IsMutableCollectionType(property.PropertyType))
                    yield return $"{type.Name}.{property.Name} is typed as a collection that can be changed ({property.PropertyType.Name})";
            }
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly))
                yield return $"{type.Name}.{field.Name} is a public writable field";
        }

        private static bool IsInitOnly(MethodInfo setter) =>
            setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");

        private static bool IsMutableCollectionType(Type type) =>
            type.IsArray || (type.IsGenericType && new[]
            {
                typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(IList<>), typeof(ICollection<>), typeof(IDictionary<,>), typeof(ISet<>),
            }.Contains(type.GetGenericTypeDefinition()));

        /// <summary>A collection whose mutators throw: it says it is read-only through every collection interface it has.</summary>
        private static bool IsReadOnlyCollection(object value)
        {
            if (value is IList list && !list.IsReadOnly) return false;
            if (value is IDictionary dictionary && !dictionary.IsReadOnly) return false;
            foreach (var collection in value.GetType().GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>)))
                if (!(bool)collection.GetProperty("IsReadOnly")!.GetValue(value)!) return false;
            return true;
        }
    }
}
