using System.Collections.Generic;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// The rules an <c>overlaps … because "…"</c> names must exist: an unknown name is an error, as everywhere in the
    /// language, so a renamed or deleted rule cannot leave an acknowledgement silently pointing at nothing. Whether the
    /// named rules still overlap is for the overlap analysis, which only <c>agreement-rules check</c> runs (AGR0018).
    /// </summary>
    internal static class AcknowledgedRuleNames
    {
        public static void Check(IReadOnlyList<RulesFile> files, IReadOnlyDictionary<string, RuleDecl> ruleIds, CheckContext context)
        {
            foreach (var file in files)
                foreach (var declaration in file.Declarations)
                {
                    if (declaration is not RuleDecl rule) continue;
                    foreach (var acknowledgement in rule.Overlaps)
                        foreach (var other in acknowledgement.Rules)
                            if (!ruleIds.ContainsKey(other.Text))
                                context.Error(RulesDiagnosticIds.UnknownName, other.Span,
                                    $"rule '{rule.Id.Text}' acknowledges an overlap with '{other.Text}', but no rule has that id" +
                                    $"{Suggestions.DidYouMean(other.Text, ruleIds.Keys)}; name the rule it overlaps, or remove the name if that rule is gone");
                }
        }
    }
}
