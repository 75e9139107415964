using System.Collections.Generic;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// The semantic stage: binds the names of all loaded files (<see cref="Binder"/>), types the definitions in
    /// the order they build on each other (<see cref="DefinitionOrder"/>, <see cref="TypeChecker"/>), then checks
    /// the facts' defaults, the rules and the examples (<see cref="DeclarationChecker"/>). Structural checks on
    /// rules (gaps, unreachable and contradictory rules) are the analysis stage's (Analysis/CoverageAnalysis).
    /// </summary>
    public static class Checker
    {
        /// <summary>The fact that selects which agreements' rules apply to a request (see DecisionEngine).</summary>
        internal const string AgreementsFact = "agreements";

        /// <summary>The checked model (also when there are errors: the analyzers still read its names) and every diagnostic.</summary>
        public static (CheckedModel model, IReadOnlyList<RulesDiagnostic> diagnostics) Check(IReadOnlyList<RulesFile> files) => Check(Bind(files));

        /// <summary>The first half of <see cref="Check(IReadOnlyList{RulesFile})"/>: declares every name and resolves what names alone decide.</summary>
        internal static BoundFiles Bind(IReadOnlyList<RulesFile> files) => Binder.Bind(files);

        /// <summary>The second half: types, definitions' order, defaults, rules and examples.</summary>
        internal static (CheckedModel model, IReadOnlyList<RulesDiagnostic> diagnostics) Check(BoundFiles bound)
        {
            var context = bound.Context;
            if (bound.FileAgreements is { } agreements)
            {
                var types = new TypeChecker(context);
                new DefinitionOrder(context, types).ResolveDefinitions();
                var declarations = new DeclarationChecker(context, types);
                foreach (var fact in context.Declared.FactsBySlot) declarations.CheckDefault(fact);
                CheckRulesAndExamples(bound.Files, agreements, declarations, context);
            }
            return (context.Model(), context.Diagnostics);
        }

        /// <summary>Rules and examples in file order; rule ids are unique across all files.</summary>
        private static void CheckRulesAndExamples(IReadOnlyList<RulesFile> files, BoundFiles.Agreements agreements, DeclarationChecker declarations, CheckContext context)
        {
            var ruleIds = new Dictionary<string, RuleDecl>();
            foreach (var file in files)
            {
                var agreement = agreements.OfFile[file];
                foreach (var declaration in file.Declarations)
                {
                    if (declaration is RuleDecl rule)
                    {
                        if (ruleIds.TryGetValue(rule.Id.Text, out var first))
                            context.Error(RulesDiagnosticIds.Duplicate, rule.Id.Span,
                                $"rule id '{rule.Id.Text}' is already used at {first.Id.Span}; rule ids must be unique across all files");
                        else ruleIds[rule.Id.Text] = rule;
                        declarations.CheckRule(rule, agreement, reportMissingAgreement: !agreements.Unresolved.Contains(file));
                    }
                    else if (declaration is ExampleDecl example)
                    {
                        declarations.CheckExample(example);
                        context.Examples.Add(new CheckedExample(example, agreement));
                    }
                }
            }
            AcknowledgedRuleNames.Check(files, ruleIds, context);
        }
    }
}
