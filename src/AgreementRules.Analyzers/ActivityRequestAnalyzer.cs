using System.Collections.Immutable;
using System.Linq;
using AgreementRules.Evaluation;
using AgreementRules.Semantics;
using Suggestions = AgreementRules.Syntax.Suggestions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// Checks what host code asks the rules against what they declare, before it runs: AGR1004 an
    /// <c>Activity.Create</c> kind, AGR1005 a <c>.With</c> fact name, AGR1006 a <c>.With</c> value of the
    /// wrong type or outside the declared enum. The same checks <c>RuleSet.Evaluate</c> makes at run time, made by
    /// the same code: the rules' vocabulary and the runtime binder.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ActivityRequestAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(Descriptors.UndeclaredActivity, Descriptors.UndeclaredFact, Descriptors.InvalidFactValue, Descriptors.UndeclaredParameterFact);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed like any other: a generator, or a file that calls itself generated, is no way around a check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known?.Activity == null) return;
                var vocabulary = RulesFiles.Load(start).Vocabulary;
                if (vocabulary == null) return;
                start.RegisterOperationAction(operation => Analyse(operation, known, vocabulary), OperationKind.Invocation);
                if (start.Compilation.GetTypeByMetadataName("AgreementRules.ActivityFactAttribute") is { } factAttribute)
                    start.RegisterSymbolAction(symbol => AnalyseFactParameters((IMethodSymbol)symbol.Symbol, factAttribute, vocabulary, symbol), SymbolKind.Method);
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
                if (FactValues.Check(fact, value) is { } problem)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidFactValue, value.Syntax.GetLocation(), problem));
            }
        }

        /// <summary>AGR1021: <c>[ActivityFact("x")]</c> on a parameter where no rules file declares fact <c>x</c> (the fact check would never pass).</summary>
        private static void AnalyseFactParameters(IMethodSymbol method, INamedTypeSymbol factAttribute, SymbolTable vocabulary, SymbolAnalysisContext context)
        {
            foreach (var parameter in method.Parameters)
            foreach (var attribute in parameter.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, factAttribute)) continue;
                var fact = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                if (fact != null && vocabulary.Facts.ContainsKey(fact)) continue;
                var location = RegulatedActivityAnalyzer.FirstArgumentLocation(attribute, parameter, context.CancellationToken);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UndeclaredParameterFact, location, fact ?? "", parameter.Name,
                    Suggestions.DidYouMean(fact ?? "", vocabulary.Facts.Keys), RulesFiles.ListOrNone(vocabulary.Facts.Keys)));
            }
        }

        private static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal) =>
            invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);
    }

    /// <summary>
    /// Whether a C# value fits a fact, decided by the runtime binder itself (<see cref="ActivityBinder.ProblemWith"/>):
    /// a constant is handed to it as it is; a non-constant value of a primitive type as a stand-in of that type
    /// that no enum could refuse, so only the type can make it fail. Other values (object, lists, interfaces)
    /// are left to run time.
    /// </summary>
    internal static class FactValues
    {
        public static string? Check(FactSymbol fact, IOperation value)
        {
            if (ConstantOf(value) is { } constant) return ActivityBinder.ProblemWith(fact, constant.Value);
            if (value.Type is { } type && StandInFor(type, fact) is { } standIn && ActivityBinder.ProblemWith(fact, standIn) != null)
                return $"fact '{fact.Name}' is {fact.Type.Display}, but a value of type {type.ToDisplayString()} never is";
            return null;
        }

        /// <summary>The value when it is known at compile time: a constant, or an array of strings (its constant items).</summary>
        private static Constant? ConstantOf(IOperation value)
        {
            if (value.ConstantValue.HasValue) return new Constant(value.ConstantValue.Value);
            if (value is IArrayCreationOperation { Initializer: { } initializer, Type: IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } })
                return new Constant(initializer.ElementValues
                    .Select(item => Operations.Strip(item)?.ConstantValue is { HasValue: true, Value: string text } ? text : null)
                    .Where(text => text != null).ToArray());
            return null;
        }

        private readonly struct Constant
        {
            public Constant(object? value) => Value = value;
            public object? Value { get; }
        }

        private static object? StandInFor(ITypeSymbol type, FactSymbol fact)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return false;
                case SpecialType.System_Char: return 'c';
                case SpecialType.System_String:
                    // Any declared value: a string for an enum fact fails only on its value, which is not known here.
                    return fact.Type is EnumType e && e.Values.Count > 0 ? e.Values[0] : "text";
                case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
                    SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
                    SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                    return 0.0;
                default:
                    return null;
            }
        }
    }
}
