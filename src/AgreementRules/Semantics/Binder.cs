using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>
    /// Declares every name across the loaded files (agreements, types, facts, activities, definitions, sets)
    /// before anything is checked, so a declaration may be used before, or in another file than, where it
    /// stands; then resolves what names alone decide: continued agreements, declared types (cycles included),
    /// the facts' types and slots, and the members of data sets.
    /// </summary>
    internal sealed class Binder
    {
        private readonly CheckContext context;
        private readonly Declarations declared;
        // Type declarations not yet resolved, and those being resolved (to find cycles): a type may name
        // another that is declared after it, or in another file.
        private readonly Dictionary<string, TypeDecl> pendingTypes = new();
        private readonly HashSet<string> resolvingTypes = new();

        private Binder(CheckContext context)
        {
            this.context = context;
            declared = context.Declared;
        }

        /// <summary>Declares and resolves the names of <paramref name="files"/>.</summary>
        public static BoundFiles Bind(IReadOnlyList<RulesFile> files)
        {
            var context = new CheckContext();
            return new BoundFiles(files, context, new Binder(context).Run(files));
        }

        private BoundFiles.Agreements? Run(IReadOnlyList<RulesFile> files)
        {
            var typeDecls = new List<TypeDecl>();
            var factDecls = new List<FactDecl>();
            var fileAgreements = new Dictionary<RulesFile, AgreementSymbol?>();
            var continuations = new List<(RulesFile file, AgreementContinuationDecl declaration)>();

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
                                context.Error(RulesDiagnosticIds.Duplicate, c.Id.Span, AlreadyInFile(agreement, continuation));
                            else
                            {
                                continuation = c;
                                continuations.Add((file, c));
                            }
                            break;
                        case AgreementDecl a:
                            if (agreement != null || continuation != null)
                                context.Error(RulesDiagnosticIds.Duplicate, a.Id.Span, AlreadyInFile(agreement, continuation));
                            else if (declared.Agreements.TryGetValue(a.Id.Text, out var other))
                                context.Error(RulesDiagnosticIds.Duplicate, a.Id.Span,
                                    $"agreement '{a.Id.Text}' is already declared in {other.Path}; rename one of them");
                            else
                            {
                                agreement = new AgreementSymbol(a, file.Path);
                                declared.Agreements[a.Id.Text] = agreement;
                            }
                            break;
                        case TypeDecl t:
                            if (Declare(t.Name, declared.Types.ContainsKey(t.Name.Text), "type")) { declared.Types[t.Name.Text] = RuleType.Error; typeDecls.Add(t); }
                            break;
                        case FactDecl f:
                            if (DeclareValueName(f.Name)) factDecls.Add(f);
                            break;
                        case ActivityDecl act:
                            if (Declare(act.Name, declared.Activities.ContainsKey(act.Name.Text), "activity")) declared.Activities[act.Name.Text] = act;
                            break;
                        case DefineDecl d:
                            if (DeclareValueName(d.Name)) declared.Definitions[d.Name.Text] = new DefinitionSymbol(d.Name.Text, d);
                            break;
                        case SetDecl s:
                            if (DeclareValueName(s.Name)) declared.DataSets[s.Name.Text] = new DataSetSymbol(s.Name.Text, s);
                            break;
                    }
                }
                fileAgreements[file] = agreement;
            }
            if (ReportVocabularyNotLoaded(files, factDecls.Count)) return null;
            var unresolved = new HashSet<RulesFile>();
            foreach (var (file, c) in continuations) ResolveContinuation(file, c, fileAgreements, unresolved);

            foreach (var t in typeDecls) pendingTypes[t.Name.Text] = t;
            foreach (var t in typeDecls) ResolveTypeDecl(t);
            foreach (var f in factDecls)
            {
                var fact = new FactSymbol(f.Name.Text, ResolveType(f.Type, f.Name.Text), f, declared.FactsBySlot.Count);
                declared.Facts[f.Name.Text] = fact;
                declared.FactsBySlot.Add(fact);
            }
            if (declared.Facts.TryGetValue(Checker.AgreementsFact, out var agreements) && agreements.Type is not ListType && !TypeRules.IsError(agreements.Type))
                context.Error(RulesDiagnosticIds.TypeMismatch, agreements.Declaration.Type.Span,
                    $"the fact '{Checker.AgreementsFact}' names the agreements whose rules apply, so it must be a list; " +
                    $"declare it 'fact {Checker.AgreementsFact} : list of text', not {agreements.Type.Display}");
            foreach (var set in declared.DataSets.Values) ResolveDataSet(set);
            return new BoundFiles.Agreements(fileAgreements, unresolved);
        }

        /// <summary>
        /// When the loaded files declare no activity and no fact but have rules, examples or definitions, the
        /// vocabulary lives in a file that was not loaded (an agreement's file checked alone): every name would be
        /// unknown, hundreds of errors saying one thing. Says it once (AGR0016), at the first activity or
        /// definition, and checks nothing more.
        /// </summary>
        private bool ReportVocabularyNotLoaded(IReadOnlyList<RulesFile> files, int factCount)
        {
            if (factCount > 0 || declared.Activities.Count > 0) return false;
            var declarations = files.SelectMany(f => f.Declarations).ToList();
            var firstUse = declarations.OfType<RuleDecl>().Select(r => r.Activity)
                .Concat(declarations.OfType<ExampleDecl>().Select(e => e.Activity))
                .Concat(declarations.OfType<DefineDecl>().Select(d => d.Name))
                .FirstOrDefault();
            if (firstUse == null) return false;
            var unknown = declarations.OfType<DefineDecl>().Any(d => ReferenceEquals(d.Name, firstUse))
                ? $"every name '{firstUse.Text}' and the other definitions use is unknown"
                : $"'{firstUse.Text}' and every other name these rules use is unknown";
            context.Error(RulesDiagnosticIds.VocabularyNotLoaded, firstUse.Span,
                $"no activity or fact is declared in the loaded files, so {unknown}; " +
                "the vocabulary (activities, facts, party types) is declared in another file: load the folder that holds the vocabulary, " +
                "or the file that declares it (such as vocabulary.rules), together with this one");
            return true;
        }

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
            if (!declared.Agreements.TryGetValue(c.Id.Text, out var agreement))
            {
                unresolved.Add(file);
                context.Error(RulesDiagnosticIds.UnknownName, c.Id.Span,
                    $"agreement '{c.Id.Text}' is continued here, but no loaded file declares it" +
                    $"{Suggestions.DidYouMean(c.Id.Text, declared.Agreements.Keys)}; load the file that says " +
                    $"'agreement {c.Id.Text} {{ … }}' together with this one, or drop 'continued' to declare it here");
                return;
            }
            if (c.Parties.Count > 0)
                context.Error(RulesDiagnosticIds.Duplicate, c.Parties[0].Span,
                    $"a continuation takes its parties from 'agreement {agreement.Id}' in {agreement.Path}; remove 'parties' here");
            fileAgreements[file] = agreement;
        }

        private bool Declare(Name name, bool exists, string what)
        {
            if (!exists) return true;
            context.Error(RulesDiagnosticIds.Duplicate, name.Span, $"{what} '{name.Text}' is declared twice; remove or rename one");
            return false;
        }

        /// <summary>Facts, definitions and sets share one namespace; a fact's symbol is made once types are known.</summary>
        private bool DeclareValueName(Name name) => Declare(name, !declared.ValueNames.Add(name.Text), "name");

        private RuleType ResolveType(TypeExpr type, string owner) => type switch
        {
            BoolTypeExpr => RuleType.Bool,
            TextTypeExpr => RuleType.Text,
            NumberTypeExpr n => NumberType.Declared(n.Unit),
            EnumTypeExpr e => new EnumType(owner, e.Values.Select(v => v.Text).ToList()),
            ListTypeExpr l => new ListType(ResolveType(l.Element, owner)),
            NamedTypeExpr named => declared.Types.ContainsKey(named.Name.Text)
                ? DeclaredType(named.Name.Text)
                : UnknownType(named.Name),
            _ => RuleType.Error,
        };

        private RuleType DeclaredType(string name)
        {
            if (pendingTypes.TryGetValue(name, out var declaration)) ResolveTypeDecl(declaration);
            return declared.Types[name];
        }

        private void ResolveTypeDecl(TypeDecl t)
        {
            var name = t.Name.Text;
            if (!pendingTypes.ContainsKey(name)) return;
            if (!resolvingTypes.Add(name))
            {
                context.Error(RulesDiagnosticIds.CyclicDefinition, t.Name.Span,
                    $"type '{name}' is defined in terms of itself; give it a type such as enum {{ … }}, text or number");
                pendingTypes.Remove(name);
                declared.Types[name] = RuleType.Error;
                return;
            }
            var type = ResolveType(t.Type, name);
            resolvingTypes.Remove(name);
            // A cycle through this type has already set it to the error type.
            if (pendingTypes.Remove(name)) declared.Types[name] = type;
        }

        private RuleType UnknownType(Name name)
        {
            context.Error(RulesDiagnosticIds.UnknownName, name.Span,
                $"unknown type '{name.Text}'{Suggestions.DidYouMean(name.Text, declared.Types.Keys.Concat(Grammar.TypeKeywords))}; declare it with 'type {name.Text} = …' " +
                "or use bool, text, number %, number g, enum { … } or list of …");
            return RuleType.Error;
        }

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
                        context.Error(RulesDiagnosticIds.TypeMismatch, item.Span, "a data set holds names or quoted texts only; write each member as a name");
                        break;
                }
            }
            var duplicates = members.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            foreach (var d in duplicates)
                context.Warning(RulesDiagnosticIds.Duplicate, set.Declaration.Name.Span, $"set '{set.Name}' lists '{d}' more than once; remove the repeat");
            set.Members = members.Distinct().ToList().AsReadOnly();
        }
    }

    /// <summary>The files with their names declared and resolved: what the type checker starts from.</summary>
    internal sealed class BoundFiles
    {
        public BoundFiles(IReadOnlyList<RulesFile> files, CheckContext context, Agreements? fileAgreements)
        {
            Files = files; Context = context; FileAgreements = fileAgreements;
        }

        public IReadOnlyList<RulesFile> Files { get; }
        /// <summary>The declared names, and the diagnostics so far.</summary>
        public CheckContext Context { get; }
        /// <summary>Null when the vocabulary is not among the files (reported once, AGR0016): nothing more can be checked.</summary>
        public Agreements? FileAgreements { get; }

        /// <summary>The agreement each file's rules belong to (null where none), and the files whose continued agreement no file declares.</summary>
        public sealed class Agreements
        {
            public Agreements(Dictionary<RulesFile, AgreementSymbol?> ofFile, HashSet<RulesFile> unresolved)
            {
                OfFile = ofFile; Unresolved = unresolved;
            }

            public Dictionary<RulesFile, AgreementSymbol?> OfFile { get; }
            public HashSet<RulesFile> Unresolved { get; }
        }
    }
}
