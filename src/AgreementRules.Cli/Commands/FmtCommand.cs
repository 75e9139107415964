using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using AgreementRules.Cli.Diagnostics;
using AgreementRules.Syntax.Formatting;

namespace AgreementRules.Cli.Commands
{
    /// <summary>
    /// <c>fmt &lt;paths&gt;… [--check] [--diff]</c>: rewrites .rules files in the canonical layout
    /// (<see cref="RulesFormatter"/>). <c>--check</c> writes nothing, lists the files that would change and
    /// exits 1 if there are any (for CI); <c>--diff</c> writes nothing and prints what would change as a
    /// unified diff. A file that does not parse is reported as <c>check</c> reports it and left alone; a file
    /// is replaced whole (written beside it, then renamed over it), never partly written.
    /// </summary>
    internal static class FmtCommand
    {
        public static Command Create(TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var paths = new Argument<string[]>("paths") { Description = ".rules files or folders of them", Arity = ArgumentArity.OneOrMore };
            var check = new Option<bool>("--check") { Description = "write nothing; list the files that are not formatted and exit 1 if there are any" };
            var diff = new Option<bool>("--diff") { Description = "write nothing; print the changes formatting would make, as a unified diff" };
            var command = new Command("fmt", "Rewrite rules files in the canonical layout, comments kept") { paths, check, diff };
            command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(check), parse.GetValue(diff), stdout, stderr, colour));
            return command;
        }

        private static int Run(string[] paths, bool check, bool diff, TextWriter stdout, TextWriter stderr, Colour colour)
        {
            var sources = RulesLoader.ReadAll(paths, stderr, colour.Error);
            if (sources == null) return (int)ExitCode.Usage;
            int unparsable = 0, changed = 0, unwritable = 0;
            foreach (var source in sources)
            {
                var result = RulesFormatter.Format(source.Text, source.Path);
                if (!result.Succeeded)
                {
                    unparsable++;
                    var rendered = new DiagnosticText(stdout, colour.Output, new[] { source });
                    foreach (var d in result.Diagnostics) rendered.Write(d);
                    continue;
                }
                if (result.Text == source.Text) continue;
                if (check) TerminalText.WriteLine(stdout, source.Path);
                if (diff) stdout.Write(UnifiedDiff.Of(source.Text, result.Text!, source.Path + "\t(original)", source.Path + "\t(formatted)"));
                if (check || diff)
                {
                    changed++;
                    continue;
                }
                var failure = Replace(source.Path, result.Text!);
                if (failure == null)
                {
                    changed++;
                    TerminalText.WriteLine(stdout, "formatted " + source.Path);
                }
                else
                {
                    unwritable++;
                    TerminalText.WriteLine(stderr, $"{source.Path}: error: cannot write the formatted file: {failure}; it was left as it was");
                }
            }
            stdout.WriteLine(Summary(sources.Count, changed, unparsable, unwritable, check || diff));
            if (unwritable > 0) return (int)ExitCode.Usage;
            if (unparsable > 0 || (check && changed > 0)) return (int)ExitCode.RulesInvalid;
            return (int)ExitCode.Ok;
        }

        private static string Summary(int files, int changed, int unparsable, int unwritable, bool dryRun)
        {
            var formatted = dryRun
                ? $"{changed} of {files} file(s) would be reformatted"
                : $"{changed} of {files} file(s) reformatted";
            var problems = new List<string>();
            if (unparsable > 0) problems.Add($"{unparsable} file(s) could not be formatted");
            if (unwritable > 0) problems.Add($"{unwritable} file(s) could not be written");
            if (problems.Count > 0) return $"failed: {string.Join(", ", problems)}; {formatted}";
            return changed == 0 ? $"ok: {files} file(s) already formatted" : formatted;
        }

        /// <summary>
        /// Replaces the file at <paramref name="path"/> (through a link, the file it leads to) with
        /// <paramref name="text"/>: written to a new file beside it, flushed to disk, given the old file's
        /// permissions, then renamed over it, so the file is either the old one or the new one whole.
        /// Returns why it could not, or null.
        /// </summary>
        private static string? Replace(string path, string text)
        {
            string? temporary = null;
            try
            {
                var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
                temporary = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
                File.Move(temporary, target, overwrite: true);
                temporary = null;
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ex.Message.TrimEnd('.');
            }
            finally
            {
                if (temporary != null)
                    try { File.Delete(temporary); }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* the error above is the one to report */ }
            }
        }
    }
}
