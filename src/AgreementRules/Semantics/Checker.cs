using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// Resolves names across all loaded files and checks types and units, so that comparing
    /// enrichment with <c>plutonium</c> or grams with percent is an error here, not a surprise at run time.
    /// Structural checks on rules (gaps, unreachable and contradictory rules) live in <see cref="CoverageAnalysis"/>.
    /// </summary>
    public sealed class Checker
    {
        private readonly List<RulesDiagnostic> diagnostics = new();
        private readonly SymbolTable symbols = new();
        private readonly CheckedModel model;
        // Type declarations not yet resolved, and those being resolved (to find cycles): a type may name
        // another that is declared after it, or in another file.
        private readonly Dictionary<string, TypeDecl> pendingTypes = new();
        private readonly HashSet<string> resolvingTypes = new();

        private Checker() => model = new CheckedModel(symbols);

        public static (CheckedModel model, IReadOnlyList<RulesDiagnostic> diagnostics) Check(IReadOnlyList<RulesFile> files)
        {
            var checker = new Checker();
            checker.Run(files);
            return (checker.model, checker.diagnostics);
        }

        private void Error(string id, SourceSpan span, string message) =>
            diagnostics.Add(new RulesDiagnostic(id, Severity.Error, span, message));

        private void Run(IReadOnlyList<RulesFile> files)
        {
            var typeDecls = new List<TypeDecl>();
            var factDecls = new List<FactDecl>();
            var fileAgreements = new Dictionary<RulesFile, AgreementSymbol?>();
            var continuations = new List<(RulesFile file, AgreementContinuationDecl declaration)>();

            // Pass 1: declare every name, so declarations may be used before (or in another file than) where they stand.
            foreach (var file in files)
            {
                AgreementSymbol? agreement = null;
                AgreementContinuationDecl? continuation = null;
                foreach (var declaration in file.Declarations)
                {
                    switch (declaration)
                    {
                        case AgreementContinuationDecl c:
                            if (agreement != null || continuation != null)
                                Error(RulesDiagnosticIds.Duplicate, c.Id.Span, AlreadyInFile(agreement, continuation));
                            else
                            {
                                continuation = c;
                                continuations.Add((file, c));
                            }
                            break;
                        case AgreementDecl a:
                            if (agreement != null || continuation != null)
                                Error(RulesDiagnosticIds.Duplicate, a.Id.Span, AlreadyInFile(agreement, continuation));
                            else if (symbols.Agreements.TryGetValue(a.Id.Text, out var other))
                                Error(RulesDiagnosticIds.Duplicate, a.Id.Span,
                                    $"agreement '{a.Id.Text}' is already declared in {other.Path}; rename one of them");
                            else
                            {
                                agreement = new AgreementSymbol(a, file.Path);
                                symbols.Agreements[a.Id.Text] = agreement;
                            }
                            break;
                        case TypeDecl t:
                            if (Declare(t.Name, symbols.Types.ContainsKey(t.Name.Text), "type")) { symbols.Types[t.Name.Text] = RuleType.Error; typeDecls.Add(t); }
                            break;
                        case FactDecl f:
                            if (DeclareValueName(f.Name)) factDecls.Add(f);
                            break;
                        case ActivityDecl act:
                            if (Declare(act.Name, symbols.Activities.ContainsKey(act.Name.Text), "activity")) symbols.Activities[act.Name.Text] = act;
                            break;
                        case DefineDecl d:
                            if (DeclareValueName(d.Name)) symbols.Definitions[d.Name.Text] = new DefinitionSymbol(d.Name.Text, d);
                            break;
                        case SetDecl s:
                            if (DeclareValueName(s.Name)) symbols.DataSets[s.Name.Text] = new DataSetSymbol(s.Name.Text, s);
                            break;
                    }
                }
                fileAgreements[file] = agreement;
            }
            if (ReportVocabularyNotLoaded(files, factDecls.Count)) return;
            var unresolved = new HashSet<RulesFile>();
            foreach (var (file, c) in continuations) ResolveContinuation(file, c, fileAgreements, unresolved);

            // Placeholders keep DeclareValueName's duplicate check honest until facts get their types.
            foreach (var f in factDecls) symbols.Facts.Remove(f.Name.Text);
            foreach (var t in typeDecls) pendingTypes[t.Name.Text] = t;
            foreach (var t in typeDecls) ResolveTypeDecl(t);
            foreach (var f in factDecls)
            {
                var fact = new FactSymbol(f.Name.Text, ResolveType(f.Type, f.Name.Text), f, symbols.FactsBySlot.Count);
                symbols.Facts[f.Name.Text] = fact;
                symbols.FactsBySlot.Add(fact);
            }
            // Definitions and sets held a placeholder among the facts only to keep names unique; drop them,
            // or a request (or a party) naming a definition would find a fact that is not there.
            foreach (var placeholder in symbols.Facts.Where(f => f.Value == null).Select(f => f.Key).ToList()) symbols.Facts.Remove(placeholder);
            if (symbols.Facts.TryGetValue(AgreementsFact, out var agreements) && agreements.Type is not ListType && !TypeRules.IsError(agreements.Type))
                Error(RulesDiagnosticIds.TypeMismatch, agreements.Declaration.Type.Span,
                    $"the fact '{AgreementsFact}' names the agreements whose rules apply, so it must be a list; " +
                    $"declare it 'fact {AgreementsFact} : list of text', not {agreements.Type.Display}");
            foreach (var set in symbols.DataSets.Values) ResolveDataSet(set);
            ResolveDefinitions();
            foreach (var fact in symbols.FactsBySlot) CheckDefault(fact);

            // Pass 2: rules and examples.
            var ruleIds = new Dictionary<string, RuleDecl>();
            foreach (var file in files)
            {
                var agreement = fileAgreements[file];
                foreach (var declaration in file.Declarations)
                {
                    if (declaration is RuleDecl rule)
                    {
                        if (ruleIds.TryGetValue(rule.Id.Text, out var first))
                            Error(RulesDiagnosticIds.Duplicate, rule.Id.Span,
                                $"rule id '{rule.Id.Text}' is already used at {first.Id.Span}; rule ids must be unique across all files");
                        else ruleIds[rule.Id.Text] = rule;
                        CheckRule(rule, agreement, reportMissingAgreement: !unresolved.Contains(file));
                    }
                    else if (declaration is ExampleDecl example)
                    {
                        CheckExample(example);
                        model.Examples.Add(new CheckedExample(example, agreement));
                    }
                }
            }
        }

        /// <summary>
        /// When the loaded files declare no activity and no fact but have rules, examples or definitions, the
        /// vocabulary lives in a file that was not loaded (an agreement's file checked alone): every name would be
        /// unknown, hundreds of errors saying one thing. Says it once (AGR0016), at the first activity or
        /// definition, and checks nothing more.
        /// </summary>
        private bool ReportVocabularyNotLoaded(IReadOnlyList<RulesFile> files, int factCount)
        {
            if (factCount > 0 || symbols.Activities.Count > 0) return false;
            var declarations = files.SelectMany(f => f.Declarations).ToList();
            var firstUse = declarations.OfType<RuleDecl>().Select(r => r.Activity)
                .Concat(declarations.OfType<ExampleDecl>().Select(e => e.Activity))
                .Concat(declarations.OfType<DefineDecl>().Select(d => d.Name))
                .FirstOrDefault();
            if (firstUse == null) return false;
            var unknown = declarations.OfType<DefineDecl>().Any(d => ReferenceEquals(d.Name, firstUse))
                ? $"every name '{firstUse.Text}' and the other definitions use is unknown"
                : $"'{firstUse.Text}' and every other name these rules use is unknown";
            Error(RulesDiagnosticIds.VocabularyNotLoaded, firstUse.Span,
                $"no activity or fact is declared in the loaded files, so {unknown}; " +
                "the vocabulary (activities, facts, party types) is declared in another file: load the folder that holds the vocabulary, " +
                "or the file that declares it (such as vocabulary.rules), together with this one");
            return true;
        }

        /// <summary>The fact that selects which agreements' rules apply to a request (see DecisionEngine).</summary>
        internal const string AgreementsFact = "agreements";

        private static string AlreadyInFile(AgreementSymbol? agreement, AgreementContinuationDecl? continuation) =>
            (agreement != null
                ? $"this file already declares agreement '{agreement.Id}'"
                : $"this file already continues agreement '{continuation!.Id.Text}'") +
            "; put each agreement in a file of its own";

        /// <summary>
        /// Puts the rules of a file that says <c>agreement ID continued</c> under the agreement declared
        /// elsewhere. Runs after every file's declarations are known, so file order does not matter.
        /// </summary>
        private void ResolveContinuation(RulesFile file, AgreementContinuationDecl c,
            Dictionary<RulesFile, AgreementSymbol?> fileAgreements, HashSet<RulesFile> unresolved)
        {
            if (!symbols.Agreements.TryGetValue(c.Id.Text, out var agreement))
            {
                unresolved.Add(file);
                Error(RulesDiagnosticIds.UnknownName, c.Id.Span,
                    $"agreement '{c.Id.Text}' is continued here, but no loaded file declares it" +
                    $"{Suggestions.DidYouMean(c.Id.Text, symbols.Agreements.Keys)}; load the file that says " +
                    $"'agreement {c.Id.Text} {{ … }}' together with this one, or drop 'continued' to declare it here");
                return;
            }
            if (c.Parties.Count > 0)
                Error(RulesDiagnosticIds.Duplicate, c.Parties[0].Span,
                    $"a continuation takes its parties from 'agreement {agreement.Id}' in {agreement.Path}; remove 'parties' here");
            fileAgreements[file] = agreement;
        }

        private bool Declare(Name name, bool exists, string what)
        {
            if (!exists) return true;
            Error(RulesDiagnosticIds.Duplicate, name.Span, $"{what} '{name.Text}' is declared twice; remove or rename one");
            return false;
        }

        private bool DeclareValueName(Name name)
        {
            var exists = symbols.Facts.ContainsKey(name.Text) || symbols.Definitions.ContainsKey(name.Text) || symbols.DataSets.ContainsKey(name.Text);
            if (!Declare(name, exists, "name")) return false;
            // Reserve the name; the fact proper is created once types are known.
            if (!symbols.Definitions.ContainsKey(name.Text) && !symbols.DataSets.ContainsKey(name.Text))
                symbols.Facts[name.Text] = null!;
            return true;
        }

        private RuleType ResolveType(TypeExpr type, string owner) => type switch
        {
            BoolTypeExpr => RuleType.Bool,
            TextTypeExpr => RuleType.Text,
            NumberTypeExpr n => RuleType.Number(NumberType.DimensionOf(n.Unit)),
            EnumTypeExpr e => new EnumType(owner, e.Values.Select(v => v.Text).ToList()),
            ListTypeExpr l => new ListType(ResolveType(l.Element, owner)),
            NamedTypeExpr named => symbols.Types.ContainsKey(named.Name.Text)
                ? DeclaredType(named.Name.Text)
                : UnknownType(named.Name),
            _ => RuleType.Error,
        };

        private RuleType DeclaredType(string name)
        {
            if (pendingTypes.TryGetValue(name, out var declaration)) ResolveTypeDecl(declaration);
            return symbols.Types[name];
        }

        private void ResolveTypeDecl(TypeDecl t)
        {
            var name = t.Name.Text;
            if (!pendingTypes.ContainsKey(name)) return;
            if (!resolvingTypes.Add(name))
            {
                Error(RulesDiagnosticIds.CyclicDefinition, t.Name.Span,
                    $"type '{name}' is defined in terms of itself; give it a type such as enum {{ … }}, text or number");
                pendingTypes.Remove(name);
                symbols.Types[name] = RuleType.Error;
                return;
            }
            var type = ResolveType(t.Type, name);
            resolvingTypes.Remove(name);
            // A cycle through this type has already set it to the error type.
            if (pendingTypes.Remove(name)) symbols.Types[name] = type;
        }

        private RuleType UnknownType(Name name)
        {
            Error(RulesDiagnosticIds.UnknownName, name.Span,
                $"unknown type '{name.Text}'{Suggestions.DidYouMean(name.Text, symbols.Types.Keys.Concat(Grammar.TypeKeywords))}; declare it with 'type {name.Text} = …' " +
                "or use bool, text, number %, number g, enum { … } or list of …");
            return RuleType.Error;
        }

        private void CheckDefault(FactSymbol fact)
        {
            if (fact.Declaration.Default is not { } value) return;
            if (!IsWrittenValue(value))
            {
                NotAWrittenValue($"the default of '{fact.Name}'", value);
                return;
            }
            var type = fact.Type is ListType list && value is SetLiteral set ? CheckListLiteral(set, list) : TypeExpr(value, fact.Type);
            if (!TypeRules.Comparable(fact.Type, type))
                Error(RulesDiagnosticIds.TypeMismatch, value.Span, $"the default of '{fact.Name}' is {type.Display}, but the fact is {fact.Type.Display}");
            else fact.Default = RequestValue(value, fact);
        }

        /// <summary>
        /// A written value as a request would give it for <paramref name="fact"/>: a mass in the unit the
        /// fact declares (a request gives a 'number kg' fact in kilograms), everything else as it is.
        /// The binder then normalises it like any request value.
        /// </summary>
        internal static object? RequestValue(Expr value, FactSymbol fact) =>
            value is NumberLiteral n && fact.Declaration.Type is NumberTypeExpr { Unit: Units.Kilograms }
                ? Units.Convert(n.Value, n.Unit, Units.Kilograms)
                : ConstantValue(value, fact.Type);

        /// <summary>The host-side value of a literal (used for defaults and examples).</summary>
        internal static object? ConstantValue(Expr value, RuleType type) => value switch
        {
            NumberLiteral n => n.EngineValue(),
            BoolLiteral b => b.Value,
            StringLiteral s => s.Value,
            NameExpr name => name.Text,
            SetLiteral set => set.Items.Select(i => ConstantValue(i, type is ListType l ? l.Element : type)?.ToString() ?? "").ToArray(),
            _ => null,
        };

        private void ResolveDataSet(DataSetSymbol set)
        {
            var members = new List<string>();
            foreach (var item in set.Declaration.Items)
            {
                switch (item)
                {
                    case NameExpr n: members.Add(n.Text); break;
                    case StringLiteral s: members.Add(s.Value); break;
                    case NumberLiteral num: members.Add(num.Value.ToString(CultureInfo.InvariantCulture)); break;
                    default:
                        Error(RulesDiagnosticIds.TypeMismatch, item.Span, "a data set holds names or quoted texts only; write each member as a name");
                        break;
                }
            }
            var duplicates = members.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            foreach (var d in duplicates)
                diagnostics.Add(new RulesDiagnostic(RulesDiagnosticIds.Duplicate, Severity.Warning, set.Declaration.Name.Span,
                    $"set '{set.Name}' lists '{d}' more than once; remove the repeat"));
            set.Members = members.Distinct().ToList();
        }

        /// <summary>
        /// Types every definition after the definitions it names: a depth-first walk over the references with
        /// an explicit stack, so that typing a body never recurses into another body, and neither a chain of
        /// thousands of definitions nor a long cycle can overflow the stack. Reports cycles (AGR0013) where
        /// the walk meets a definition it is still inside, and definitions that build on others more than
        /// <see cref="RulesParser.MaxExpressionDepth"/> levels deep (AGR0002): the compiled conditions nest that deep.
        /// </summary>
        private void ResolveDefinitions()
        {
            var depth = new Dictionary<DefinitionSymbol, int>();
            var onStack = new HashSet<DefinitionSymbol>();
            // Definitions that are, or build on, a reported cycle or excessive depth: one error says it.
            var reported = new HashSet<DefinitionSymbol>();
            foreach (var root in symbols.Definitions.Values)
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
                                Error(RulesDiagnosticIds.CyclicDefinition, next.Declaration.Name.Span,
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
                    if (definition.Resolved) TypeExpr(definition.Declaration.Body, null);
                    else ResolveDefinition(definition);
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
                if (expr is NameExpr name && !symbols.Facts.ContainsKey(name.Text) && symbols.Definitions.TryGetValue(name.Text, out var referenced))
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
                if (expr is NameExpr name && model.KindOf(name) == NameKind.Definition && symbols.Definitions.TryGetValue(name.Text, out var referenced))
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
                Error(RulesDiagnosticIds.NestingTooDeep, definition.Declaration.Name.Span,
                    $"definition '{definition.Name}' builds on definitions that nest more than {RulesParser.MaxExpressionDepth} levels deep " +
                    "(each definition it names counts with its own depth); build it from fewer layers of definitions");
            }
            return deepest;
        }

        private void ResolveDefinition(DefinitionSymbol definition)
        {
            if (definition.Resolved) return;
            if (definition.Resolving)
            {
                Error(RulesDiagnosticIds.CyclicDefinition, definition.Declaration.Name.Span,
                    $"definition '{definition.Name}' depends on itself; break the cycle");
                definition.Type = RuleType.Error;
                definition.Resolved = true;
                return;
            }
            definition.Resolving = true;
            var type = TypeExpr(definition.Declaration.Body, null);
            if (!definition.Resolved) definition.Type = type;
            definition.Resolving = false;
            definition.Resolved = true;
        }

        private void CheckRule(RuleDecl rule, AgreementSymbol? agreement, bool reportMissingAgreement)
        {
            if (string.IsNullOrWhiteSpace(rule.Citation))
                Error(RulesDiagnosticIds.EmptyCitation, rule.Id.Span,
                    $"rule '{rule.Id.Text}' cites a blank text, so the answers it decides would cite no article; " +
                    "write the article it encodes, as in 'cites \"Art. 6\"'");
            if (agreement == null && reportMissingAgreement)
                Error(RulesDiagnosticIds.MissingAgreement, rule.Id.Span,
                    $"rule '{rule.Id.Text}' stands in a file that declares no agreement; add 'agreement ID {{ … }}' at the top of the file");
            if (!symbols.Activities.ContainsKey(rule.Activity.Text))
                Error(RulesDiagnosticIds.UnknownName, rule.Activity.Span,
                    $"unknown activity '{rule.Activity.Text}'{Suggestions.DidYouMean(rule.Activity.Text, symbols.Activities.Keys)}; declare it with 'activity {rule.Activity.Text}'");
            if (rule.Condition != null)
            {
                var type = TypeExpr(rule.Condition, RuleType.Bool);
                if (type != RuleType.Bool && !TypeRules.IsError(type))
                    Error(RulesDiagnosticIds.TypeMismatch, rule.Condition.Span, $"a rule's condition must be true or false, but this is {type.Display}");
            }
            foreach (var party in rule.Outcome.Parties) CheckParty(party, agreement);
            foreach (var alternative in rule.Outcome.Alternatives)
                foreach (var party in alternative.Parties) CheckParty(party, agreement);
            if (agreement != null) model.Rules.Add(new CheckedRule(rule, agreement));
        }

        private void CheckParty(Name party, AgreementSymbol? agreement)
        {
            if (symbols.Facts.TryGetValue(party.Text, out var fact))
            {
                if (fact.Type is not EnumType && fact.Type != RuleType.Text && !TypeRules.IsError(fact.Type))
                    Error(RulesDiagnosticIds.TypeMismatch, party.Span, $"'{party.Text}' names a party only if its value is a party; it is {fact.Type.Display}");
                return;
            }
            if (agreement != null && !agreement.Parties.Contains(party.Text))
                Error(RulesDiagnosticIds.UnknownParty, party.Span,
                    $"'{party.Text}' is neither a party of {agreement.Id} ({string.Join(", ", agreement.Parties)}) nor a declared fact" +
                    $"{Suggestions.DidYouMean(party.Text, agreement.Parties.Concat(symbols.Facts.Keys))}; " +
                    $"name one of the agreement's parties, or declare a fact whose value is the party (fact {party.Text} : party, with 'type party = enum {{ … }}')");
        }

        private void CheckExample(ExampleDecl example)
        {
            if (!symbols.Activities.ContainsKey(example.Activity.Text))
                Error(RulesDiagnosticIds.UnknownName, example.Activity.Span,
                    $"unknown activity '{example.Activity.Text}'{Suggestions.DidYouMean(example.Activity.Text, symbols.Activities.Keys)}");
            foreach (var assignment in example.Facts)
            {
                if (!symbols.Facts.TryGetValue(assignment.Fact.Text, out var fact))
                {
                    Error(RulesDiagnosticIds.UnknownName, assignment.Fact.Span,
                        $"unknown fact '{assignment.Fact.Text}'{Suggestions.DidYouMean(assignment.Fact.Text, symbols.Facts.Keys)}");
                    continue;
                }
                if (!IsWrittenValue(assignment.Value))
                {
                    NotAWrittenValue($"the value of '{fact.Name}' in an example", assignment.Value);
                    continue;
                }
                var valueType = fact.Type is ListType list && assignment.Value is SetLiteral set
                    ? CheckListLiteral(set, list)
                    : TypeExpr(assignment.Value, fact.Type);
                if (!TypeRules.Comparable(fact.Type, valueType))
                    Error(RulesDiagnosticIds.TypeMismatch, assignment.Value.Span,
                        $"fact '{fact.Name}' is {fact.Type.Display}, but this value is {valueType.Display}");
            }
            var expected = example.Expected.Text;
            if (!DecisionNames.TryParse(expected, out _))
                Error(RulesDiagnosticIds.UnknownName, example.Expected.Span,
                    $"unknown decision '{expected}'{Suggestions.DidYouMean(expected, DecisionNames.All)}; expect one of {string.Join(", ", DecisionNames.All)}");
        }

        /// <summary>
        /// Whether a default or an example value is written out: a literal, a bare name that is no fact,
        /// definition or set (an enum value or a text), or a set of those. Only such values have a
        /// value before any request is read; anything else would silently become "not given".
        /// </summary>
        private bool IsWrittenValue(Expr e) => e switch
        {
            NumberLiteral or BoolLiteral or StringLiteral => true,
            NameExpr n => !IsValueName(n.Text),
            SetLiteral set => set.Items.All(i => i is NumberLiteral or StringLiteral || i is NameExpr n && !IsValueName(n.Text)),
            _ => false,
        };

        private void NotAWrittenValue(string what, Expr value) =>
            Error(RulesDiagnosticIds.TypeMismatch, value.Span,
                $"{what} must be a value written out (a number, true or false, a name, a quoted text or {{ … }}), " +
                $"but '{ExprPrinter.Print(value)}' is {(value is NameExpr ? "a fact, a definition or a set" : "an expression")}; write the value itself");

        private RuleType CheckListLiteral(SetLiteral set, ListType list)
        {
            foreach (var item in set.Items)
            {
                var t = TypeExpr(item, list.Element);
                if (!TypeRules.Comparable(list.Element, t))
                    Error(RulesDiagnosticIds.TypeMismatch, item.Span, $"this list holds {list.Element.Display}, but this item is {t.Display}");
            }
            model.ExprTypes[set] = list;
            return list;
        }

        // ---------- expressions ----------

        private RuleType TypeExpr(Expr expr, RuleType? hint)
        {
            var type = Infer(expr, hint);
            model.ExprTypes[expr] = type;
            return type;
        }

        private RuleType Infer(Expr expr, RuleType? hint)
        {
            switch (expr)
            {
                case NumberLiteral n: return RuleType.Number(NumberType.DimensionOf(n.Unit));
                case BoolLiteral: return RuleType.Bool;
                case StringLiteral s:
                    if (hint is EnumType e && !e.Contains(s.Value)) return NotInEnum(s.Value, e, s.Span);
                    return hint is EnumType ? hint : RuleType.Text;
                case NameExpr name: return ResolveName(name, hint);
                case NotExpr not:
                    RequireBool(not.Operand, "'not'");
                    return RuleType.Bool;
                case BinaryExpr b: return InferBinary(b);
                case SetLiteral set:
                    var element = hint is ListType lt ? lt.Element : hint;
                    RuleType? first = null;
                    foreach (var item in set.Items) first ??= TypeExpr(item, element);
                    foreach (var item in set.Items.Skip(1)) TypeExpr(item, element ?? first);
                    return new DataSetType(element ?? first ?? RuleType.Symbol);
                case GivenExpr given:
                    if (given.Fact is NameExpr factName && symbols.Facts.TryGetValue(factName.Text, out var givenFact) && givenFact != null)
                    {
                        model.NameKinds[factName] = NameKind.Fact;
                        model.ExprTypes[factName] = givenFact.Type;
                    }
                    else
                        Error(RulesDiagnosticIds.TypeMismatch, given.Fact.Span,
                            $"'is given' asks whether a request gives a fact, but {(given.Fact is NameExpr n ? $"'{n.Text}' is no fact{Suggestions.DidYouMean(n.Text, symbols.Facts.Keys)}" : "this is no fact name")}; " +
                            "write 'fact is given' with a fact declared by 'fact'");
                    return RuleType.Bool;
                case CaseExpr c:
                    RuleType? result = null;
                    foreach (var branch in c.Branches)
                    {
                        RequireBool(branch.Condition, "'when'");
                        result = Unify(result, TypeExpr(branch.Result, hint ?? result), branch.Result.Span);
                    }
                    return Unify(result, TypeExpr(c.Otherwise, hint ?? result), c.Otherwise.Span) ?? RuleType.Error;
                default:
                    return RuleType.Error;
            }
        }

        private RuleType? Unify(RuleType? sofar, RuleType next, SourceSpan span)
        {
            if (sofar == null || TypeRules.IsError(sofar)) return next;
            if (sofar == RuleType.Symbol) return next;
            if (next == RuleType.Symbol || TypeRules.Comparable(sofar, next)) return sofar;
            Error(RulesDiagnosticIds.TypeMismatch, span, $"every branch of 'case' must give the same type: {sofar.Display} before, {next.Display} here");
            return RuleType.Error;
        }

        private RuleType NotInEnum(string value, EnumType e, SourceSpan span)
        {
            Error(RulesDiagnosticIds.TypeMismatch, span,
                $"'{value}' is not a value of {e.Name}{Suggestions.DidYouMean(value, e.Values)}; its values are {string.Join(", ", e.Values)}");
            return RuleType.Error;
        }

        private void RequireBool(Expr expr, string context)
        {
            var t = TypeExpr(expr, RuleType.Bool);
            if (t != RuleType.Bool && !TypeRules.IsError(t))
                Error(RulesDiagnosticIds.TypeMismatch, expr.Span, $"{context} needs true or false, but this is {t.Display}");
        }

        private RuleType ResolveName(NameExpr name, RuleType? hint)
        {
            if (symbols.Facts.TryGetValue(name.Text, out var fact) && fact != null)
            {
                model.NameKinds[name] = NameKind.Fact;
                return fact.Type;
            }
            if (symbols.Definitions.TryGetValue(name.Text, out var definition))
            {
                model.NameKinds[name] = NameKind.Definition;
                ResolveDefinition(definition);
                return definition.Type;
            }
            if (symbols.DataSets.TryGetValue(name.Text, out var set))
            {
                model.NameKinds[name] = NameKind.DataSet;
                return new DataSetType(hint is DataSetType ds ? ds.Element : RuleType.Symbol);
            }
            model.NameKinds[name] = NameKind.Symbol;
            var element = hint is ListType l ? l.Element : hint is DataSetType d ? d.Element : hint;
            if (element is EnumType e) return e.Contains(name.Text) ? e : NotInEnum(name.Text, e, name.Span);
            if (element == RuleType.Text) return RuleType.Text;
            // What the name is compared with is already an error, reported where it stands: say nothing more here.
            if (element != null && TypeRules.IsError(element)) return RuleType.Error;
            if (hint == null)
            {
                // A bare name with nothing to compare it with: report it as unknown, suggesting the nearest name.
                Error(RulesDiagnosticIds.UnknownName, name.Span,
                    $"unknown name '{name.Text}'{Suggestions.DidYouMean(name.Text, symbols.AllNames())}; declare it as a fact, a definition or a set{SubtractionHint(name.Text)}");
                return RuleType.Error;
            }
            if (hint == RuleType.Symbol) return RuleType.Symbol;
            Error(RulesDiagnosticIds.UnknownName, name.Span,
                $"unknown name '{name.Text}'{Suggestions.DidYouMean(name.Text, symbols.AllNames())}; expected {hint.Display}{SubtractionHint(name.Text)}");
            return RuleType.Error;
        }

        /// <summary>A '-' between letters belongs to the name (<c>uranium-233</c>); say so when the parts are declared names.</summary>
        private string SubtractionHint(string name)
        {
            var parts = name.Split('-');
            return parts.Length > 1 && parts.Any(IsValueName)
                ? $"; '-' between letters is part of a name: to subtract, put spaces around it ('{string.Join(" - ", parts)}')"
                : "";
        }

        // Every operator, by the compiler's count (no default arm): a new one is a build error here until it has its rule.
        private RuleType InferBinary(BinaryExpr b) => b.Operator switch
        {
            BinaryOperator.And or BinaryOperator.Or => InferLogical(b),
            BinaryOperator.Equal or BinaryOperator.NotEqual => InferEquality(b),
            BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => InferOrdering(b),
            BinaryOperator.In => InferIn(b),
            BinaryOperator.Has => InferHas(b),
            BinaryOperator.Add or BinaryOperator.Subtract => InferSum(b),
            BinaryOperator.Multiply or BinaryOperator.Divide => InferProduct(b),
        };

        private RuleType InferLogical(BinaryExpr b)
        {
            RequireBool(b.Left, $"'{b.Operator.Text()}'");
            RequireBool(b.Right, $"'{b.Operator.Text()}'");
            return RuleType.Bool;
        }

        private RuleType InferEquality(BinaryExpr b)
        {
            var (left, right) = TypePair(b.Left, b.Right);
            if (left is ListType || left is DataSetType)
                Error(RulesDiagnosticIds.TypeMismatch, b.Span, $"'{b.Operator.Text()}' compares single values; to test a list use 'has', for a set use 'in'");
            else CheckComparable(left, right, b);
            return RuleType.Bool;
        }

        private RuleType InferOrdering(BinaryExpr b)
        {
            var (left, right) = TypePair(b.Left, b.Right);
            if (!TypeRules.IsError(left) && left is not NumberType)
                Error(RulesDiagnosticIds.TypeMismatch, b.Left.Span, $"'{b.Operator.Text()}' compares numbers, but this is {left.Display}");
            else if (!TypeRules.IsError(right) && right is not NumberType)
                Error(RulesDiagnosticIds.TypeMismatch, b.Right.Span, $"'{b.Operator.Text()}' compares numbers, but this is {right.Display}");
            else CheckComparable(left, right, b);
            return RuleType.Bool;
        }

        private RuleType InferIn(BinaryExpr b)
        {
            var element = TypeExpr(b.Left, null);
            var container = TypeExpr(b.Right, new DataSetType(element));
            switch (container)
            {
                case DataSetType ds when b.Right is SetLiteral lit:
                    foreach (var item in lit.Items) CheckComparable(element, TypeExpr(item, element), b, item.Span);
                    break;
                case DataSetType when b.Right is NameExpr setName && symbols.DataSets.TryGetValue(setName.Text, out var set):
                    if (element is EnumType e)
                        foreach (var m in set.Members.Where(m => !e.Contains(m)))
                            Error(RulesDiagnosticIds.TypeMismatch, b.Right.Span, $"set '{set.Name}' holds '{m}', which is not a value of {e.Name}");
                    else if (!TypeRules.IsError(element) && element != RuleType.Text && element != RuleType.Symbol)
                        Error(RulesDiagnosticIds.TypeMismatch, b.Left.Span, $"membership in set '{set.Name}' is for names and texts; this is {element.Display}");
                    break;
                case ListType list:
                    CheckComparable(list.Element, element, b);
                    break;
                default:
                    if (!TypeRules.IsError(container))
                        Error(RulesDiagnosticIds.TypeMismatch, b.Right.Span, $"'in' needs a set or a list on its right, but this is {container.Display}");
                    break;
            }
            return RuleType.Bool;
        }

        private RuleType InferHas(BinaryExpr b)
        {
            var container = TypeExpr(b.Left, null);
            if (container is ListType list)
                CheckComparable(list.Element, TypeExpr(b.Right, list.Element), b);
            else if (!TypeRules.IsError(container))
                Error(RulesDiagnosticIds.TypeMismatch, b.Left.Span, $"'has' needs a list on its left, but this is {container.Display}");
            return RuleType.Bool;
        }

        private RuleType InferSum(BinaryExpr b)
        {
            var (left, right) = TypePair(b.Left, b.Right);
            if (!RequireNumber(left, b.Left) || !RequireNumber(right, b.Right)) return RuleType.Error;
            var l = (NumberType)left; var r = (NumberType)right;
            if (l.Dimension != r.Dimension)
            {
                Error(RulesDiagnosticIds.UnitMismatch, b.Span,
                    $"cannot {(b.Operator == BinaryOperator.Add ? "add" : "subtract")} {NumberType.UnitOf(r.Dimension)} and {NumberType.UnitOf(l.Dimension)}; write both sides in the same unit");
                return RuleType.Error;
            }
            return l;
        }

        private RuleType InferProduct(BinaryExpr b)
        {
            var left = TypeExpr(b.Left, null);
            var right = TypeExpr(b.Right, null);
            if (!RequireNumber(left, b.Left) || !RequireNumber(right, b.Right)) return RuleType.Error;
            var result = Arithmetic.ResultDimension(b.Operator, ((NumberType)left).Dimension, ((NumberType)right).Dimension);
            if (result == null)
            {
                Error(RulesDiagnosticIds.UnitMismatch, b.Span,
                    $"'{NumberType.UnitOf(((NumberType)left).Dimension)} {b.Operator.Text()} {NumberType.UnitOf(((NumberType)right).Dimension)}' has no unit this language knows; " +
                    "percent × mass gives mass (e.g. quantity * enrichment), a quantity divided by a plain number keeps its unit");
                return RuleType.Error;
            }
            return RuleType.Number(result.Value);
        }

        private bool RequireNumber(RuleType t, Expr at)
        {
            if (t is NumberType) return true;
            if (!TypeRules.IsError(t)) Error(RulesDiagnosticIds.TypeMismatch, at.Span, $"arithmetic needs numbers, but this is {t.Display}");
            return false;
        }

        /// <summary>Types both operands, letting a fact on one side tell what a bare name on the other means.</summary>
        private (RuleType left, RuleType right) TypePair(Expr leftExpr, Expr rightExpr)
        {
            if (leftExpr is NameExpr ln && !IsValueName(ln.Text) && !IsMisspeltBesideName(ln, rightExpr) || leftExpr is StringLiteral)
            {
                var right = TypeExpr(rightExpr, null);
                return (TypeExpr(leftExpr, right), right);
            }
            var left = TypeExpr(leftExpr, null);
            return (left, TypeExpr(rightExpr, left));
        }

        /// <summary>
        /// 'materal == uranium': neither side is declared, and the left is a misspelt fact, so it is the one to
        /// report (with its suggestion), not the enum value on the right that has nothing to be compared with.
        /// </summary>
        private bool IsMisspeltBesideName(NameExpr left, Expr right) =>
            right is NameExpr r && !IsValueName(r.Text) &&
            Suggestions.Nearest(left.Text, symbols.Facts.Keys.Concat(symbols.Definitions.Keys).Concat(symbols.DataSets.Keys)) != null;

        private bool IsValueName(string name) =>
            symbols.Facts.ContainsKey(name) || symbols.Definitions.ContainsKey(name) || symbols.DataSets.ContainsKey(name);

        private void CheckComparable(RuleType left, RuleType right, BinaryExpr at, SourceSpan? span = null)
        {
            if (TypeRules.Comparable(left, right)) return;
            if (left is NumberType l && right is NumberType r)
                Error(RulesDiagnosticIds.UnitMismatch, span ?? at.Span,
                    $"cannot compare {NumberType.UnitOf(l.Dimension)} with {NumberType.UnitOf(r.Dimension)}; write the value in {NumberType.UnitOf(l.Dimension)}");
            else
                Error(RulesDiagnosticIds.TypeMismatch, span ?? at.Span, $"cannot compare {left.Display} with {right.Display}");
        }
    }

    /// <summary>Unit algebra shared by the checker and the compiler, so both agree on what a product means.</summary>
    internal static class Arithmetic
    {
        public static Dimension? ResultDimension(BinaryOperator op, Dimension left, Dimension right)
        {
            if (op == BinaryOperator.Multiply)
            {
                if (left == Dimension.Scalar) return right;
                if (right == Dimension.Scalar) return left;
                if (left == Dimension.Percent && right == Dimension.Mass || left == Dimension.Mass && right == Dimension.Percent) return Dimension.Mass;
                return null;
            }
            if (right == Dimension.Scalar) return left;
            if (left == right) return Dimension.Scalar;
            return null;
        }

        /// <summary>A percentage scales a mass by value / 100: 1000 g × 20 % = 200 g.</summary>
        public static double Scale(BinaryOperator op, Dimension left, Dimension right) =>
            op == BinaryOperator.Multiply && (left == Dimension.Percent && right == Dimension.Mass || left == Dimension.Mass && right == Dimension.Percent) ? 0.01 : 1.0;
    }

    /// <summary>The decision names as rule authors and the JSON contract write them.</summary>
    public static class DecisionNames
    {
        public static readonly IReadOnlyList<string> All = new[]
        {
            "permitted", "assurances-required", "notification-required", "consent-required", "undetermined", "prohibited",
        };

        public static string Of(Outcome outcome) => All[(int)outcome];

        public static bool TryParse(string text, out Outcome outcome)
        {
            for (var i = 0; i < All.Count; i++)
                if (All[i] == text) { outcome = (Outcome)i; return true; }
            outcome = Outcome.Undetermined;
            return false;
        }
    }
}
