using System.Collections.Immutable;
using System.Linq;
using AgreementRules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Checks what host code asks the rules against what they declare, before it runs: AGR1004 an
    /// <c>Activity.Create</c> kind, AGR1005 a <c>.With</c> fact name, AGR1006 a <c>.With</c> value of the
    /// wrong type or outside the declared enum. The same checks <c>RuleSet.Evaluate</c> makes at run time.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ActivityRequestAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(Descriptors.UndeclaredActivity, Descriptors.UndeclaredFact, Descriptors.InvalidFactValue);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known?.Activity == null) return;
                var vocabulary = RulesFiles.Load(start).Vocabulary;
                if (vocabulary == null) return;
                start.RegisterOperationAction(operation => Analyse(operation, known, vocabulary), OperationKind.Invocation);
            });
        }

        private static void Analyse(OperationAnalysisContext context, KnownSymbols known, SymbolTable vocabulary)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!known.IsActivity(method.ContainingType)) return;
            if (method.Name == "Create" && method.IsStatic)
            {
                var argument = Argument(invocation, 0);
                if (argument?.Value.ConstantValue is { HasValue: true, Value: string kind } && !vocabulary.Activities.ContainsKey(kind))
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UndeclaredActivity, argument.Value.Syntax.GetLocation(),
                        kind, Suggestions.DidYouMean(kind, vocabulary.Activities.Keys), RulesFiles.ListOrNone(vocabulary.Activities.Keys)));
            }
            else if (method.Name == "With" && !method.IsStatic)
            {
                var nameArgument = Argument(invocation, 0);
                if (nameArgument?.Value.ConstantValue is not { HasValue: true, Value: string name }) return;
                if (!vocabulary.Facts.TryGetValue(name, out var fact))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UndeclaredFact, nameArgument.Value.Syntax.GetLocation(),
                        name, Suggestions.DidYouMean(name, vocabulary.Facts.Keys)));
                    return;
                }
                var valueArgument = Argument(invocation, 1);
                if (valueArgument == null) return;
                var value = Operations.Strip(valueArgument.Value) ?? valueArgument.Value;
                var problem = FactValues.Check(fact, value);
                if (problem != null)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidFactValue, value.Syntax.GetLocation(),
                        name, fact.Type.Display, problem.Value.Given, problem.Value.Hint));
            }
        }

        private static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal) =>
            invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);
    }

    /// <summary>Whether a C# value fits a fact's declared type, judged from its static type and constant value as the runtime binder would.</summary>
    internal static class FactValues
    {
        public static (string Given, string Hint)? Check(FactSymbol fact, IOperation value)
        {
            if (value.ConstantValue is { HasValue: true, Value: null }) return null; // null means "unknown": allowed
            var type = value.Type;
            if (type == null) return null;
            var constant = value.ConstantValue.HasValue ? value.ConstantValue.Value : null;
            switch (fact.Type)
            {
                case var t when t == RuleType.Bool:
                    return type.SpecialType == SpecialType.System_Boolean || !IsPrimitive(type) ? null : (Describe(type, constant), "; pass true or false");
                case NumberType:
                    if (IsNumeric(type))
                    {
                        if (constant is double d && (double.IsNaN(d) || double.IsInfinity(d))) return ("a number that is not finite", "");
                        if (constant is float f && (float.IsNaN(f) || float.IsInfinity(f))) return ("a number that is not finite", "");
                        return null;
                    }
                    return IsPrimitive(type) ? (Describe(type, constant), "; pass a number") : null;
                case EnumType e:
                    if (constant is string s)
                        return e.Contains(s) ? null : ($"\"{s}\"", Suggestions.DidYouMean(s, e.Values) + $"; it takes {string.Join(", ", e.Values)}");
                    return type.SpecialType == SpecialType.System_String || !IsPrimitive(type)
                        ? null
                        : (Describe(type, constant), $"; pass one of {string.Join(", ", e.Values)} as a string");
                case ListType list:
                    if (IsPrimitive(type)) return (Describe(type, constant), "; pass an array or list of strings");
                    if (list.Element is EnumType element && value is IArrayCreationOperation { Initializer: { } initializer })
                        foreach (var item in initializer.ElementValues)
                            if (Operations.Strip(item)?.ConstantValue is { HasValue: true, Value: string text } && !element.Contains(text))
                                return ($"\"{text}\" in the list", Suggestions.DidYouMean(text, element.Values) + $"; it takes {string.Join(", ", element.Values)}");
                    return null;
                default:
                    return type.SpecialType == SpecialType.System_String || !IsPrimitive(type) ? null : (Describe(type, constant), "; pass a string");
            }
        }

        private static bool IsNumeric(ITypeSymbol type) => type.SpecialType is
            SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
            SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
            SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;

        /// <summary>Types whose values the binder certainly refuses for the wrong fact type; others (object, interfaces) are judged at run time.</summary>
        private static bool IsPrimitive(ITypeSymbol type) =>
            IsNumeric(type) || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_String or SpecialType.System_Char;

        private static string Describe(ITypeSymbol type, object? constant) => constant switch
        {
            string s => $"the text \"{s}\"",
            bool b => b ? "true" : "false",
            null => $"a value of type {type.ToDisplayString()}",
            _ => $"{constant} ({type.ToDisplayString()})",
        };
    }
}
