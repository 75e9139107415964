using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// regulated member, and not for those <see cref="GraphFreeProof"/> answers without one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnguardedRegulatedUseAnalyzer : DiagnosticAnalyzer
    {
        public const string ActivityProperty = "Activity";
        public const string UseKindProperty = "UseKind";
        /// <summary>Decision locals in force at the use that are about its activity on every path, comma-separated.</summary>
        public const string DecisionLocalsProperty = "DecisionLocals";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(Descriptors.UnguardedRegulatedCall, Descriptors.RegulatedMemberEscapes, Descriptors.CannotDecide, Descriptors.DecisionForOtherFacts,
                Descriptors.RegulatedCallSite);

        /// <summary>
        /// Called with the member each time this instance builds a control-flow graph. For tests: it is how they
        /// see that a graph is built only for members that use a regulated member, and once per member.
        /// </summary>
        internal Action<ISymbol>? FlowGraphBuilt { get; set; }

        /// <summary>
        /// Whether members <see cref="GraphFreeProof"/> accepts are answered without a graph. For tests: off, every
        /// member with a use gets the graph, so a test can check that both ways give the same diagnostics.
        /// </summary>
        internal bool DecidesWithoutGraph { get; set; } = true;

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed like any other: a generator, or a file that calls itself generated, is no way around a check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.ForRegulatedUses(start);
                if (known == null) return;
                var helpers = new HelperSummaries(known, start.Compilation);
                var facts = new FactParameters(known, start.Compilation);
                var sites = RegulatedCallSites.For(start.Compilation, start.CancellationToken);
                start.RegisterOperationBlockAction(block => AnalyseBlock(block, known, helpers, facts, sites));
                // Constructors the compiler writes have no operation block: their base calls are checked on the type.
                start.RegisterSymbolAction(type => ImplicitConstructors.Analyse(type, known, sites), SymbolKind.NamedType);
            });
        }

        private void AnalyseBlock(OperationBlockAnalysisContext context, KnownSymbols known, HelperSummaries helpers, FactParameters facts, RegulatedCallSites? sites)
        {
            // Several blocks of one member (a constructor's initializer and body) share one root and one graph.
            var roots = new HashSet<IOperation>();
            foreach (var block in context.OperationBlocks)
            {
                var root = block;
                while (root.Parent != null) root = root.Parent;
                if (!roots.Add(root)) continue;

                // Cheap scan of the tree first: most members use nothing regulated and get no graph.
                var scan = MemberScan.Of(root, known);
                var uses = scan.Uses;
                if (uses.Count == 0) continue;
                var owner = OwnerActivity(context.OwningSymbol, known);

                // Straight-line code Roslyn builds no graph for, or code where nothing can guard a use and
                // every use is reached (GraphFreeProof): only the member's own activity is permitted.
                // A call that carries facts needs the graph's grants (what the decision was evaluated with); without a graph
                // (an attribute argument, a parameter's default) the facts cannot be followed at all.
                var carriesFacts = uses.Any(u => !facts.Of(u.Member).IsEmpty);
                if (!HasFlowGraph(root) || scan.ProvableWithoutGraph && DecidesWithoutGraph && !carriesFacts)
                {
                    foreach (var use in uses)
                        Report(context, known, sites, use, use.Activity == owner ? Guard.Permitted : Guard.None,
                            factProblem: use.Activity == owner && !facts.Of(use.Member).IsEmpty ? "the analysis cannot follow values here" : null);
                    continue;
                }

                var activities = new HashSet<string>(uses.Select(u => u.Activity), StringComparer.Ordinal);
                if (owner != null) activities.Add(owner);
                try
                {
                    var graph = context.GetControlFlowGraph(block);
                    FlowGraphBuilt?.Invoke(context.OwningSymbol);
                    var analysis = new GuardFlowAnalysis(known, helpers, facts, graph, activities, scan.HasLambdas, context.CancellationToken);
                    analysis.Run(context.OwningSymbol, owner, (use, guard, decisions, factProblem) => Report(context, known, sites, use, guard, decisions, factProblem));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never crash the build (AD0001) on code the analysis does not understand: say so instead.
                    foreach (var undecided in uses) sites?.Report(context.ReportDiagnostic, known, undecided, LocationOf(undecided.Operation.Syntax), Guard.Unknown, null);
                    var use = uses[0];
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CannotDecide, LocationOf(use.Operation.Syntax),
                        use.Member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), use.Activity,
                        $"the flow analysis of this member failed ({ex.GetType().Name}: {ex.Message})"));
                }
            }
        }

        private static bool HasFlowGraph(IOperation root) =>
            root is IMethodBodyOperation or IConstructorBodyOperation or IFieldInitializerOperation or IPropertyInitializerOperation
                or IBlockOperation;

        private static string? OwnerActivity(ISymbol owner, KnownSymbols known) =>
            known.ActivityOf(owner) ?? (owner is IMethodSymbol { AssociatedSymbol: { } associated } ? known.ActivityOf(associated) : null);

        /// <summary>The whole <c>x?.Run()</c> rather than its <c>.Run()</c> part.</summary>
        internal static Location LocationOf(SyntaxNode syntax)
        {
            while (syntax.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull.Span.Contains(syntax.Span)) syntax = access;
            return syntax.GetLocation();
        }

        private static void Report(OperationBlockAnalysisContext context, KnownSymbols known, RegulatedCallSites? sites, RegulatedUse use, Guard guard,
            IReadOnlyList<ILocalSymbol>? decisions = null, string? factProblem = null)
        {
            sites?.Report(context.ReportDiagnostic, known, use, LocationOf(use.Operation.Syntax), guard, factProblem);
            if (guard == Guard.Permitted)
            {
                if (factProblem != null)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.DecisionForOtherFacts, LocationOf(use.Operation.Syntax),
                        known.UseProperties(use.Activity, use.Kind), known.DisplayName(use.Member), use.Activity, factProblem));
                return;
            }
            // A host calls the same few regulated members thousands of times: name them and build the
            // diagnostic's fixed properties once per member and per activity and kind, not once per call.
            var name = known.DisplayName(use.Member);
            var properties = known.UseProperties(use.Activity, use.Kind);
            if (decisions is { Count: > 0 }) properties = properties.Add(DecisionLocalsProperty, string.Join(",", decisions.Select(d => d.Name)));
            var location = LocationOf(use.Operation.Syntax);
            if (guard == Guard.Unknown)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CannotDecide, location, properties, name, use.Activity,
                    "on some path the only permitted decision is about an activity it cannot name (the kind passed to Activity.Create is not a constant, " +
                    "the decision comes from a parameter, field, default, or a method other than a one-expression helper the analysis reads, or its local is changed where the analysis cannot follow: by ref, out or a pointer, by a pattern, " +
                    "from a lambda or local function, or after a lambda reading it was created); evaluate Activity.Create(\"" + use.Activity + "\") here, " +
                    "or mark this member [Regulated(\"" + use.Activity + "\")] so its callers carry the check"));
                return;
            }
            if (use.Kind == UseKind.Call)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnguardedRegulatedCall, location, properties, name, use.Activity,
                    $"on some path to this call no permitted decision for '{use.Activity}' is in force"));
                return;
            }
            var how = use.Kind switch
            {
                UseKind.Delegate => "turned into a delegate",
                UseKind.TypeArgument => "run by generic code through new T() with this type as its type argument",
                _ => "reached through reflection",
            };
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RegulatedMemberEscapes, location, properties, name, use.Activity, how));
        }
    }
}
