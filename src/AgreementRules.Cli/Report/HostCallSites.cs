using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AgreementRules.Cli.Report
{
    /// <summary>
    /// One place in host code where a regulated member is used, as the analyzers saw it in a real build
    /// (AGR1012, reported only when the build asks for it): the activity it performs and whether the same
    /// analysis that raises AGR1001 found a permitted decision for that activity in force there.
    /// </summary>
    internal sealed record CallSite(string File, int Line, int Column, string Member, string Activity, string Guard)
    {
        /// <summary>The analyzers' word for a use a permitted decision guards; anything else is not guarded.</summary>
        public const string GuardedValue = "guarded";
        public bool Guarded => Guard == GuardedValue;
    }

    /// <summary>The host's regulated call sites, read from the SARIF logs (<c>ErrorLog</c>) of its build.</summary>
    internal sealed class HostCallSites
    {
        public const string CallSiteId = "AGR1012";
        private static readonly string[] Guards = { CallSite.GuardedValue, "unguarded", "undecided", "other-facts" };

        private HostCallSites(IReadOnlyList<string> logs, IReadOnlyList<CallSite> sites)
        {
            Logs = logs; Sites = sites;
        }

        public IReadOnlyList<string> Logs { get; }
        /// <summary>By file, line and column; a site two projects of one host both compile is listed once.</summary>
        public IReadOnlyList<CallSite> Sites { get; }

        public IEnumerable<CallSite> Of(string activity) => Sites.Where(s => s.Activity == activity);

        /// <summary>Reads the logs; a log that cannot be read, is not SARIF 2.1, or holds no call site is an error, never an empty section.</summary>
        /// <exception cref="InvalidDataException">With a message that names the file and says how to fix it.</exception>
        public static HostCallSites Read(IReadOnlyList<string> paths)
        {
            var sites = new List<CallSite>();
            foreach (var path in paths)
            {
                string text;
                try { text = File.ReadAllText(path); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new InvalidDataException($"cannot read the host's build log '{path}': {ex.Message}");
                }
                var before = sites.Count;
                try
                {
                    using var log = JsonDocument.Parse(text);
                    if (!log.RootElement.TryGetProperty("version", out var version) || version.GetString() != "2.1.0")
                        throw new InvalidDataException($"'{path}' is not a SARIF 2.1.0 log: build with -p:ErrorLog=FILE%2Cversion=2.1");
                    foreach (var run in Array(log.RootElement, "runs", path))
                        foreach (var result in Array(run, "results", path))
                            if (Text(result, "ruleId") == CallSiteId) sites.Add(Site(result, path));
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
                {
                    throw new InvalidDataException($"'{path}' is not a SARIF log the compiler wrote ({ex.Message}): build with -p:ErrorLog=FILE%2Cversion=2.1");
                }
                if (sites.Count == before)
                    throw new InvalidDataException($"'{path}' holds no {CallSiteId} result, so it cannot say which host code is guarded: build the host with " +
                        "-p:AgreementRulesReportCallSites=true -p:ErrorLog=FILE%2Cversion=2.1 (a rebuild, so the compiler runs), and pass FILE");
            }
            var distinct = sites.GroupBy(s => (s.File, s.Line, s.Column, s.Activity, s.Member)).Select(g => g.First())
                .OrderBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Line).ThenBy(s => s.Column).ToList();
            return new HostCallSites(paths, distinct);
        }

        private static CallSite Site(JsonElement result, string path)
        {
            var location = Array(result, "locations", path).FirstOrDefault();
            var physical = location.GetProperty("physicalLocation");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? throw new FormatException("a location without a uri");
            var region = physical.GetProperty("region");
            var properties = result.GetProperty("properties").GetProperty("customProperties");
            var guard = Text(properties, "Guard");
            if (!Guards.Contains(guard)) throw new FormatException($"an {CallSiteId} result with Guard '{guard}', not one of {string.Join(", ", Guards)}");
            return new CallSite(FilePath(uri), region.GetProperty("startLine").GetInt32(),
                region.TryGetProperty("startColumn", out var column) ? column.GetInt32() : 1,
                Text(properties, "Member"), Text(properties, "Activity"), guard);
        }

        /// <summary>
        /// The compiler writes absolute file URIs: shown relative to the current folder when they are under it, so a
        /// report made in a repository reads as its paths; a relative URI is kept as written.
        /// </summary>
        private static string FilePath(string uri)
        {
            if (!(Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile)) return Uri.UnescapeDataString(uri);
            var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), absolute.LocalPath);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? absolute.LocalPath : relative;
        }

        private static string Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!
                : throw new FormatException($"a result without '{name}'");

        private static IEnumerable<JsonElement> Array(JsonElement element, string name, string path) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray()
                : throw new FormatException($"no '{name}' array");
    }
}
