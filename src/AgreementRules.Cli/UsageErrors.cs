using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using AgreementRules.Syntax;

namespace AgreementRules.Cli
{
    /// <summary>
    /// The mistakes of a command line that System.CommandLine lets through or words poorly, found before
    /// any command runs. It takes an unknown option such as <c>check --json</c> as the rules path (it looks
    /// like an argument to the parser) and reports a misspelt command as two "unrecognized" tokens and a
    /// missing command; here each is one error naming the word, with the nearest known one. Commands and
    /// options are read from the command tree itself, so a new command needs no entry here.
    /// </summary>
    internal static class UsageErrors
    {
        public static IReadOnlyList<string> Find(RootCommand root, ParseResult parsed)
        {
            var tokens = parsed.Tokens;
            if (tokens.Count > 0 && tokens[0].Type == TokenType.Argument && !tokens[0].Value.StartsWith("-", StringComparison.Ordinal))
            {
                var word = tokens[0].Value;
                var commands = root.Subcommands.Select(c => c.Name).ToList();
                return new[] { $"unknown command '{word}'{Suggestions.DidYouMean(word, commands)}; the commands are {string.Join(", ", commands)}" };
            }
            var errors = new List<string>();
            var command = parsed.CommandResult.Command;
            foreach (var token in tokens)
            {
                // After '--' every word is an argument, so a path that starts with '-' can still be given.
                if (token.Type == TokenType.DoubleDash) break;
                if (token.Type != TokenType.Argument || !LooksLikeOption(token.Value)) continue;
                errors.Add($"unknown option '{token.Value}' for '{command.Name}'{Suggest(token.Value, command)}" +
                           $"; its options are {string.Join(", ", OptionsOf(command).Select(o => o.Name))}, and '--' before a path that starts with '-'");
            }
            foreach (var option in OptionsOf(command))
            {
                var values = ValuesOf(option).ToList();
                if (values.Count == 0 || parsed.GetResult(option) is not { } given) continue;
                foreach (var token in given.Tokens)
                    if (!values.Contains(token.Value))
                        errors.Add($"'{token.Value}' is not a value of {option.Name}{Suggestions.DidYouMean(token.Value, values)}; use one of {string.Join(", ", values)}");
            }
            return errors;
        }

        private static bool LooksLikeOption(string value) => value.Length > 1 && value[0] == '-';

        /// <summary>
        /// The nearest option, or the option and value that a flag names: '--json' is '--format json', the
        /// spelling other tools use for a choice of output.
        /// </summary>
        private static string Suggest(string word, Command command)
        {
            var options = OptionsOf(command).ToList();
            foreach (var option in options)
                foreach (var value in ValuesOf(option))
                    if (string.Equals(word.TrimStart('-'), value, StringComparison.OrdinalIgnoreCase))
                        return Suggestions.Suggest(option.Name + " " + value);
            return Suggestions.DidYouMean(word, options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)));
        }

        private static IEnumerable<Option> OptionsOf(Command command) =>
            command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)))
                .Where(o => !o.Hidden);

        /// <summary>The values an option accepts when they are a fixed list (its completions), else none.</summary>
        private static IEnumerable<string> ValuesOf(Option option) =>
            option.ValueType == typeof(bool)
                ? Array.Empty<string>()
                : option.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label);
    }
}
