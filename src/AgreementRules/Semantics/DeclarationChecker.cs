using System.Collections.Generic;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// Checks what the declarations say beyond their names: a fact's default, a rule's citation, agreement,
    /// activity, condition and parties, an example's facts and expected decision.
    /// </summary>
    internal sealed class DeclarationChecker
    {
        private readonly CheckContext context;
        private readonly Declarations declared;
        private readonly TypeChecker types;

        public DeclarationChecker(CheckContext context, TypeChecker types)
        {
            this.context = context;
            declared = context.Declared;
            this.types = types;
        }

        public void CheckDefault(FactSymbol fact)
        {
            if (fact.Declaration.Default is not { } value) return;
            if (!IsWrittenValue(value))
            {
                NotAWrittenValue($"the default of '{fact.Name}'", value);
                return;
            }
            var type = fact.Type is ListType list && value is SetLiteral set ? CheckListLiteral(set, list) : types.TypeExpr(value, fact.Type);
            if (!TypeRules.Comparable(fact.Type, type))
                context.Error(RulesDiagnosticIds.TypeMismatch, value.Span, $"the default of '{fact.Name}' is {type.Display}, but the fact is {fact.Type.Display}");
            else fact.Default = WrittenValues.RequestValue(value, fact);
        }

        public void CheckRule(RuleDecl rule, AgreementSymbol? agreement, bool reportMissingAgreement)
        {
            if (string.IsNullOrWhiteSpace(rule.Citation))
                context.Error(RulesDiagnosticIds.EmptyCitation, rule.Id.Span,
                    $"rule '{rule.Id.Text}' cites a blank text, so the answers it decides would cite no article; " +
                    "write the article it encodes, as in 'cites \"Art. 6\"'");
            if (agreement == null && reportMissingAgreement)
                context.Error(RulesDiagnosticIds.MissingAgreement, rule.Id.Span,
                    $"rule '{rule.Id.Text}' stands in a file that declares no agreement; add 'agreement ID {{ … }}' at the top of the file");
            if (!declared.Activities.ContainsKey(rule.Activity.Text))
                context.Error(RulesDiagnosticIds.UnknownName, rule.Activity.Span,
                    $"unknown activity '{rule.Activity.Text}'{Suggestions.DidYouMean(rule.Activity.Text, declared.Activities.Keys)}; declare it with 'activity {rule.Activity.Text}'");
            if (rule.Condition != null)
            {
                var type = types.TypeExpr(rule.Condition, RuleType.Bool);
                if (type != RuleType.Bool && !TypeRules.IsError(type))
                    context.Error(RulesDiagnosticIds.TypeMismatch, rule.Condition.Span, $"a rule's condition must be true or false, but this is {type.Display}");
            }
            foreach (var party in rule.Outcome.Parties) CheckParty(party, agreement);
            foreach (var alternative in rule.Outcome.Alternatives)
                foreach (var party in alternative.Parties) CheckParty(party, agreement);
            if (agreement != null) context.Rules.Add(new CheckedRule(rule, agreement));
        }

        private void CheckParty(Name party, AgreementSymbol? agreement)
        {
            if (declared.Facts.TryGetValue(party.Text, out var fact))
            {
                if (fact.Type is not EnumType && fact.Type != RuleType.Text && !TypeRules.IsError(fact.Type))
                    context.Error(RulesDiagnosticIds.TypeMismatch, party.Span, $"'{party.Text}' names a party only if its value is a party; it is {fact.Type.Display}");
                return;
            }
            if (agreement != null && !agreement.Parties.Contains(party.Text))
                context.Error(RulesDiagnosticIds.UnknownParty, party.Span,
                    $"'{party.Text}' is neither a party of {agreement.Id} ({string.Join(", ", agreement.Parties)}) nor a declared fact" +
                    $"{Suggestions.DidYouMean(party.Text, agreement.Parties.Concat(declared.Facts.Keys))}; " +
                    $"name one of the agreement's parties, or declare a fact whose value is the party (fact {party.Text} : party, with 'type party = enum {{ … }}')");
        }

        public void CheckExample(ExampleDecl example)
        {
            if (!declared.Activities.ContainsKey(example.Activity.Text))
                context.Error(RulesDiagnosticIds.UnknownName, example.Activity.Span,
                    $"unknown activity '{example.Activity.Text}'{Suggestions.DidYouMean(example.Activity.Text, declared.Activities.Keys)}");
            foreach (var assignment in example.Facts)
            {
                if (!declared.Facts.TryGetValue(assignment.Fact.Text, out var fact))
                {
                    context.Error(RulesDiagnosticIds.UnknownName, assignment.Fact.Span,
                        $"unknown fact '{assignment.Fact.Text}'{Suggestions.DidYouMean(assignment.Fact.Text, declared.Facts.Keys)}");
                    continue;
                }
                if (!IsWrittenValue(assignment.Value))
                {
                    NotAWrittenValue($"the value of '{fact.Name}' in an example", assignment.Value);
                    continue;
                }
                var valueType = fact.Type is ListType list && assignment.Value is SetLiteral set
                    ? CheckListLiteral(set, list)
                    : types.TypeExpr(assignment.Value, fact.Type);
                if (!TypeRules.Comparable(fact.Type, valueType))
                    context.Error(RulesDiagnosticIds.TypeMismatch, assignment.Value.Span,
                        $"fact '{fact.Name}' is {fact.Type.Display}, but this value is {valueType.Display}");
            }
            CheckEvidenceParties(example.Consents, "consent");
            CheckEvidenceParties(example.Notifications, "notification");
            var expected = example.Expected.Text;
            if (!DecisionNames.TryParse(expected, out _))
                context.Error(RulesDiagnosticIds.UnknownName, example.Expected.Span,
                    $"unknown decision '{expected}'{Suggestions.DidYouMean(expected, DecisionNames.All)}; expect one of {string.Join(", ", DecisionNames.All)}");
        }

        /// <summary>The parties of every declared agreement, listed once for all examples.</summary>
        private List<string>? agreementParties;

        /// <summary>
        /// An example's consents and notifications name parties of the declared agreements: a misspelt
        /// party ('JPP') would satisfy no requirement, and the example would pass or fail for the wrong reason.
        /// </summary>
        private void CheckEvidenceParties(IReadOnlyList<EvidenceItem> evidence, string kind)
        {
            if (evidence.Count == 0) return;
            // Every agreement is declared before any example is checked (the binder collects declarations first).
            var parties = agreementParties ??= declared.Agreements.Values.SelectMany(a => a.Parties).Distinct().ToList();
            foreach (var item in evidence)
            {
                var party = item.Party.Text;
                if (parties.Contains(party)) continue;
                context.Error(RulesDiagnosticIds.UnknownParty, item.Party.Span,
                    $"'{party}' is not a party of any agreement ({string.Join(", ", parties)}){Suggestions.DidYouMean(party, parties)}; " +
                    $"a {kind} in an example names one of the agreements' parties");
            }
        }

        /// <summary>
        /// Whether a default or an example value is written out: a literal, a bare name that is no fact,
        /// definition or set (an enum value or a text), or a set of those. Only such values have a
        /// value before any request is read; anything else would silently become "not given".
        /// </summary>
        private bool IsWrittenValue(Expr e) => e switch
        {
            NumberLiteral or BoolLiteral or StringLiteral => true,
            NameExpr n => !declared.IsValueName(n.Text),
            SetLiteral set => set.Items.All(i => i is NumberLiteral or StringLiteral || i is NameExpr n && !declared.IsValueName(n.Text)),
            _ => false,
        };

        private void NotAWrittenValue(string what, Expr value) =>
            context.Error(RulesDiagnosticIds.TypeMismatch, value.Span,
                $"{what} must be a value written out (a number, true or false, a name, a quoted text or {{ … }}), " +
                $"but '{ExprPrinter.Print(value)}' is {(value is NameExpr ? "a fact, a definition or a set" : "an expression")}; write the value itself");

        private RuleType CheckListLiteral(SetLiteral set, ListType list)
        {
            foreach (var item in set.Items)
            {
                var t = types.TypeExpr(item, list.Element);
                if (!TypeRules.Comparable(list.Element, t))
                    context.Error(RulesDiagnosticIds.TypeMismatch, item.Span, $"this list holds {list.Element.Display}, but this item is {t.Display}");
            }
            context.ExprTypes[set] = list;
            return list;
        }
    }
}
