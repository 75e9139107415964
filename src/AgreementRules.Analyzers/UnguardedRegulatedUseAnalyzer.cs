using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgreementRules.Analyzers
{
    /// <summary>
    /// AGR1001 (a regulated call on a path without a permitted decision for its activity), AGR1002 (a
    /// regulated member turned into a delegate or reached through reflection outside such a guard) and
    /// AGR1007 (the guard exists but the analysis cannot tell which activity it is about). Flow-sensitive:
    /// see <see cref="GuardFlowAnalysis"/>. A control-flow graph is built only for members that use a
    /// regulated member.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnguardedRegulatedUseAnalyzer : DiagnosticAnalyzer
    {
        public const string ActivityProperty = "Activity";
        public const string UseKindProperty = "UseKind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(Descriptors.UnguardedRegulatedCall, Descriptors.RegulatedMemberEscapes, Descriptors.CannotDecide);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known == null) return;
                start.RegisterOperationBlockAction(block => AnalyseBlock(block, known));
            });
        }

        private static void AnalyseBlock(OperationBlockAnalysisContext context, KnownSymbols known)
        {
            // Several blocks of one member (a constructor's initializer and body) share one root and one graph.
            var roots = new HashSet<IOperation>();
            foreach (var block in context.OperationBlocks)
            {
                var root = block;
                while (root.Parent != null) root = root.Parent;
                if (!HasFlowGraph(root) || !roots.Add(root)) continue;

                // Cheap scan of the tree first: most members use nothing regulated and get no graph.
                var activities = new HashSet<string>(StringComparer.Ordinal);
                RegulatedUse? first = null;
                foreach (var node in root.DescendantsAndSelf())
                {
                    if (node is INameOfOperation) continue;
                    if (!RegulatedUses.TryGet(node, known, out var use)) continue;
                    if (IsInsideNameOf(node)) continue;
                    activities.Add(use.Activity);
                    first ??= use;
                }
                if (first == null) continue;

                var owner = OwnerActivity(context.OwningSymbol, known);
                if (owner != null) activities.Add(owner);
                try
                {
                    var graph = context.GetControlFlowGraph(block);
                    var analysis = new GuardFlowAnalysis(known, activities, context.Compilation, context.CancellationToken);
                    analysis.Run(graph, owner, (use, guard) => Report(context, known, use, guard));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never crash the build (AD0001) on code the analysis does not understand: say so instead.
                    var use = first.Value;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CannotDecide, use.Operation.Syntax.GetLocation(),
                        use.Member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), use.Activity,
                        $"the flow analysis of this member failed ({ex.GetType().Name}: {ex.Message})"));
                }
            }
        }

        private static bool HasFlowGraph(IOperation root) =>
            root is IMethodBodyOperation or IConstructorBodyOperation or IFieldInitializerOperation or IPropertyInitializerOperation
                or IBlockOperation;

        private static bool IsInsideNameOf(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
                if (current is INameOfOperation) return true;
            return false;
        }

        private static string? OwnerActivity(ISymbol owner, KnownSymbols known) =>
            known.ActivityOf(owner) ?? (owner is IMethodSymbol { AssociatedSymbol: { } associated } ? known.ActivityOf(associated) : null);

        /// <summary>The whole <c>x?.Run()</c> rather than its <c>.Run()</c> part.</summary>
        internal static Location LocationOf(SyntaxNode syntax)
        {
            while (syntax.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull.Span.Contains(syntax.Span)) syntax = access;
            return syntax.GetLocation();
        }

        private static void Report(OperationBlockAnalysisContext context, KnownSymbols known, RegulatedUse use, Guard guard)
        {
            if (guard == Guard.Permitted) return;
            // A host calls the same few regulated members thousands of times: name them and build the
            // diagnostic's properties once per member and per activity and kind, not once per call.
            var name = known.DisplayName(use.Member);
            var properties = known.UseProperties(use.Activity, use.Kind);
            var location = LocationOf(use.Operation.Syntax);
            if (guard == Guard.Unknown)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CannotDecide, location, properties, name, use.Activity,
                    "on some path the only permitted decision is about an activity it cannot name (the kind passed to Activity.Create is not a constant, " +
                    "or the decision comes from a parameter, field or method); evaluate Activity.Create(\"" + use.Activity + "\") here, " +
                    "or mark this member [Regulated(\"" + use.Activity + "\")] so its callers carry the check"));
                return;
            }
            if (use.Kind == UseKind.Call)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnguardedRegulatedCall, location, properties, name, use.Activity,
                    $"on some path to this call no permitted decision for '{use.Activity}' is in force"));
                return;
            }
            var how = use.Kind == UseKind.Delegate ? "turned into a delegate" : "reached through reflection";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RegulatedMemberEscapes, location, properties, name, use.Activity, how));
        }
    }
}
