using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgreementRules.Cli;
using Xunit.Abstractions;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// Issue 16, item 1: <c>agreement-rules report</c> for the shipped rules and the sample host, its call sites taken
    /// from a real <c>dotnet build</c> of the sample against the packed package (AGR1012 in the build's SARIF log),
    /// checked in its structure and opened in headless chromium.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public class ReportTests(PackageFixture package, ITestOutputHelper output)
    {
        private const string Sample = "docs/samples/FuelCycleService";
        private static readonly object Gate = new();
        private static string? sampleReport;

        /// <summary>
        /// Every regulated call site of the sample, written out by hand from its source (file, the code on the line and
        /// which occurrence of it, the member, the activity): the sample builds clean, so each one is guarded.
        /// </summary>
        private static readonly (string File, string Code, int Occurrence, string Member, string Activity)[] SampleSites =
        {
            // FuelCycleOperations.cs, one per guard style the README names.
            ("FuelCycleOperations.cs", "cascade.Enrich(batch, toPercent);", 1, "EnrichmentCascade.Enrich(Batch, double)", "enrich"),           // if (decision.IsPermitted)
            ("FuelCycleOperations.cs", "var recovered = line.Reprocess(spentFuel);", 1, "ReprocessingLine.Reprocess(Batch)", "reprocess"),    // if (!IsPermitted) return
            ("FuelCycleOperations.cs", "Vault.Store(batch);", 1, "StorageVault.Store(Batch)", "store"),                                        // ThrowIfNotPermitted()
            ("FuelCycleOperations.cs", "desk.Ship(batch, toCountry);", 1, "TransferDesk.Ship(Batch, string)", "transfer"),                    // inside [Regulated("transfer")] ShipAll
            ("FuelCycleOperations.cs", "if (decision.IsPermitted) ShipAll(batches, toCountry);", 1, "FuelCycleOperations.ShipAll(Batch[], string)", "transfer"),
            // GuardedStyles.cs: helpers, patterns, switch, loop, await, a permit, a local function.
            ("GuardedStyles.cs", "return Allowed(decision) ? line.Reprocess(spentFuel) : null;", 1, "ReprocessingLine.Reprocess(Batch)", "reprocess"),
            ("GuardedStyles.cs", "return line.Reprocess(spentFuel);", 1, "ReprocessingLine.Reprocess(Batch)", "reprocess"),                   // after Require(...)
            ("GuardedStyles.cs", "is { IsPermitted: true } ? line.Reprocess(spentFuel) : null;", 1, "ReprocessingLine.Reprocess(Batch)", "reprocess"),
            ("GuardedStyles.cs", "Outcome.Permitted => cascade.Enrich(batch, toPercent).Id,", 1, "EnrichmentCascade.Enrich(Batch, double)", "enrich"),
            ("GuardedStyles.cs", "vault.Store(batch);", 1, "StorageVault.Store(Batch)", "store"),                                              // in the loop, after continue
            ("GuardedStyles.cs", "return line.Reprocess(spentFuel);", 2, "ReprocessingLine.Reprocess(Batch)", "reprocess"),                   // after await
            ("GuardedStyles.cs", "return checkedCascade.Enrich(batch, toPercent);", 1, "CheckedCascade.Enrich(Batch, double)", "enrich"),     // under a permit
            ("GuardedStyles.cs", "Batch Run() => line.Reprocess(spentFuel);", 1, "ReprocessingLine.Reprocess(Batch)", "reprocess"),           // local function
        };

        /// <summary>The host-code errors that say a regulated use is not guarded; each has an AGR1012 at its place.</summary>
        private static readonly string[] NotGuardedIds = { "AGR1001", "AGR1002", "AGR1007", "AGR1020" };

        [Fact]
        public void Report_for_the_shipped_rules_and_the_sample_host_has_every_article_and_every_call_site_correctly_marked()
        {
            var folder = SampleReport();
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var html = File.ReadAllText(Path.Combine(folder, "report.html"));

            // Every article of docs/agreements.md's coverage table, cited by rules exactly where the table says so.
            var articles = report.RootElement.GetProperty("agreements").EnumerateArray()
                .SelectMany(a => a.GetProperty("articles").EnumerateArray().Select(x =>
                    (Agreement: a.GetProperty("id").GetString()!, Citation: x.GetProperty("citation").GetString()!, Cited: x.GetProperty("cited").GetBoolean())))
                .ToList();
            var table = AgreementsTable().ToList();
            Assert.True(table.Count > 40, "docs/agreements.md's table lists every article that conditions an activity");
            foreach (var row in table)
            {
                Assert.Contains(row, articles);
                Assert.Contains($"<h3>{row.Agreement} {System.Net.WebUtility.HtmlEncode(row.Citation)}</h3>", html);
            }

            // Every call site of the sample, where it stands, and guarded; derived from the source, not from the report.
            var expected = SampleSites.Select(s => (s.File, Line: LineOf(s.File, s.Code, s.Occurrence), s.Member, s.Activity, Guarded: true))
                .OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
            var actual = Sites(report).OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
            Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
            // The build itself says the same: none of its results is a not-guarded error.
            Assert.DoesNotContain(BuildResults(SampleSarif), r => NotGuardedIds.Contains(r.Id));
            foreach (var site in expected)
                Assert.Matches($"{Regex.Escape(site.File)}:{site.Line}:\\d+</a> <code>{Regex.Escape(System.Net.WebUtility.HtmlEncode(site.Member))}</code> — <span class=\"pass\">guarded", html);
        }

        /// <summary>
        /// The sample's bypassing twin: its call sites not guarded are exactly the places of its AGR1001, AGR1002, AGR1007
        /// and AGR1020 results in the same build's log (suppressed ones included: a suppression does not guard anything).
        /// </summary>
        [Fact]
        public void Report_for_the_bypassing_twin_marks_exactly_the_places_the_build_reports_as_not_guarded()
        {
            var sarif = Path.Combine(package.Root, "twin-callsites.sarif");
            var build = package.BuildNow("tests/BypassingFuelCycleService/BypassingFuelCycleService.csproj", "--no-incremental",
                "-p:AgreementRulesReportCallSites=true", $"-p:ErrorLog={sarif}%2Cversion=2.1");
            Assert.NotEqual(0, build.ExitCode);
            var outFolder = Path.Combine(package.Root, "twin-report");
            var (code, stdout, stderr) = RunReport(sarif, outFolder);
            Assert.True(code == 0, $"report exited {code}:\n{stdout}\n{stderr}");
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outFolder, "report.json")));
            var sites = Sites(report).ToList();
            var notGuarded = BuildResults(sarif).Where(r => NotGuardedIds.Contains(r.Id)).Select(r => (r.File, r.Line)).Distinct().OrderBy(p => p.ToString()).ToList();
            Assert.True(notGuarded.Count >= 10, "the twin bypasses the guard in many ways");
            Assert.Equal(notGuarded, sites.Where(s => !s.Guarded).Select(s => (s.File, s.Line)).Distinct().OrderBy(p => p.ToString()).ToList());
            // The sample's own files, compiled into the twin, stay guarded.
            Assert.Equal(SampleSites.Length, sites.Count(s => s.Guarded && s.File is "FuelCycleOperations.cs" or "GuardedStyles.cs"));
        }

        [Fact]
        public void Report_opens_in_headless_chromium_without_errors_and_without_horizontal_scrolling()
        {
            var folder = SampleReport();
            var page = Path.Combine(folder, "report.html");

            // The page as a reader opens it: it loads, its DOM is the report, and the console stays silent.
            var (code, dom, log) = HeadlessChromium.Open(page, "--window-size=1200,900", "--dump-dom");
            Assert.True(code == 0, $"chromium exited {code}:\n{log}");
            Assert.Contains("<h1>Traceability report</h1>", dom);
            Assert.Contains("Host code that performs regulated activities", dom);
            Assert.DoesNotMatch(":CONSOLE[:(]", log);

            // At a phone's width nothing is wider than the viewport, and nothing was fetched. Headless chromium opens no
            // window narrower than 500 px, so the report is laid out in a frame of that width; the frame's page measures
            // every element of the unchanged report and lists the resources it loaded (file:// frames are readable
            // with --allow-file-access-from-files).
            foreach (var width in new[] { 360, 768 })
            {
                var probe = Path.Combine(folder, $"probe-{width}.html");
                File.WriteAllText(probe, Probe.Replace("WIDTH", width.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var (probeCode, probeDom, probeLog) = HeadlessChromium.Open(probe, "--window-size=1000,900", "--allow-file-access-from-files",
                    "--virtual-time-budget=10000", "--dump-dom");
                Assert.True(probeCode == 0, $"chromium exited {probeCode}:\n{probeLog}");
                var json = Regex.Match(probeDom, "<pre id=\"probe\">(.*?)</pre>", RegexOptions.Singleline);
                Assert.True(json.Success, "the probe did not run:\n" + probeDom + "\n" + probeLog);
                using var measured = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(json.Groups[1].Value));
                output.WriteLine($"{width}px: {measured.RootElement}");
                var root = measured.RootElement;
                var viewport = root.GetProperty("viewport").GetInt32();
                Assert.InRange(viewport, width - 20, width); // less a vertical scrollbar
                Assert.True(root.GetProperty("scrollWidth").GetInt32() <= viewport, $"the page scrolls sideways at {width}px: {root}");
                Assert.Equal(0, root.GetProperty("wide").GetArrayLength());
                Assert.True(root.GetProperty("elements").GetInt32() > 1000, "the probe measured too little of the page: " + root);
                Assert.Equal(0, root.GetProperty("resources").GetArrayLength());
            }

            // A screenshot, and a printout (the print stylesheet's path).
            var png = Path.Combine(folder, "report.png");
            var (shotCode, _, shotLog) = HeadlessChromium.Open(page, "--window-size=1000,1400", "--hide-scrollbars", "--screenshot=" + png);
            Assert.True(shotCode == 0 && File.Exists(png), $"no screenshot:\n{shotLog}");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png).Take(4));
            Assert.True(new FileInfo(png).Length > 20_000, "the screenshot is all but empty");
            var pdf = Path.Combine(folder, "report.pdf");
            var (pdfCode, _, pdfLog) = HeadlessChromium.Open(page, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
            Assert.True(pdfCode == 0 && File.Exists(pdf), $"no printout:\n{pdfLog}");
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4));
        }

        /// <summary>
        /// A page that shows report.html in a frame WIDTH px wide and, once it has loaded, writes what it measured into
        /// its own DOM: the frame's viewport and scroll width, the elements that stand out past the viewport's right
        /// edge or hold more than their width, how many elements it measured, and every resource the report loaded.
        /// </summary>
        private const string Probe = """
            <!DOCTYPE html>
            <html><body style="margin:0">
            <iframe id="report" src="report.html" style="width:WIDTHpx;height:800px;border:0"></iframe>
            <script>
            document.getElementById('report').addEventListener('load', function () {
              var page = this.contentDocument, width = page.documentElement.clientWidth, wide = [], elements = page.querySelectorAll('body *');
              elements.forEach(function (e) {
                // Past the right edge, or wider inside than its box (text that does not wrap, a box that would scroll).
                if (e.getBoundingClientRect().right > width + 0.5 || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)) wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
              });
              var result = { viewport: width, scrollWidth: page.documentElement.scrollWidth, wide: wide.slice(0, 20), elements: elements.length,
                             resources: this.contentWindow.performance.getEntriesByType('resource').map(function (r) { return r.name; }) };
              var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(result);
              document.body.appendChild(pre);
            });
            </script>
            </body></html>
            """;

        private string SampleSarif => Path.Combine(package.Root, "sample-callsites.sarif");

        /// <summary>The sample built with call sites on, and its report, once per run; the report's folder.</summary>
        private string SampleReport()
        {
            lock (Gate)
            {
                var folder = Path.Combine(package.Root, "sample-report");
                if (sampleReport == folder) return folder;
                var build = package.BuildNow($"{Sample}/FuelCycleService.csproj", "--no-incremental",
                    "-p:AgreementRulesReportCallSites=true", $"-p:ErrorLog={SampleSarif}%2Cversion=2.1");
                Assert.True(build.ExitCode == 0, "the sample did not build:\n" + build.Output);
                var (code, stdout, stderr) = RunReport(SampleSarif, folder);
                Assert.True(code == 0, $"report exited {code}:\n{stdout}\n{stderr}");
                output.WriteLine(stdout);
                sampleReport = folder;
                return folder;
            }
        }

        private (int Code, string Stdout, string Stderr) RunReport(string sarif, string folder)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Program.Run(new[] { "report", "--rules", Path.Combine(package.Root, "rules"), "--host-sarif", sarif, "--out", folder },
                new StringReader(""), stdout, stderr);
            return (code, stdout.ToString(), stderr.ToString());
        }

        /// <summary>The report's host call sites: (file name, line, member, activity, guarded).</summary>
        private static IEnumerable<(string File, int Line, string Member, string Activity, bool Guarded)> Sites(JsonDocument report) =>
            report.RootElement.GetProperty("host").GetProperty("activities").EnumerateArray()
                .SelectMany(a => a.GetProperty("call_sites").EnumerateArray())
                .Select(s => (Path.GetFileName(s.GetProperty("file").GetString()!), s.GetProperty("line").GetInt32(),
                    s.GetProperty("member").GetString()!, s.GetProperty("activity").GetString()!, s.GetProperty("guarded").GetBoolean()));

        /// <summary>Every result of a build's SARIF log, suppressed or not: (id, file name, line).</summary>
        private static IEnumerable<(string Id, string File, int Line)> BuildResults(string sarif)
        {
            using var log = JsonDocument.Parse(File.ReadAllText(sarif));
            return log.RootElement.GetProperty("runs").EnumerateArray().SelectMany(r => r.GetProperty("results").EnumerateArray())
                .Where(r => r.TryGetProperty("locations", out var l) && l.GetArrayLength() > 0)
                .Select(r =>
                {
                    var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                    return (r.GetProperty("ruleId").GetString()!, Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath),
                        location.GetProperty("region").GetProperty("startLine").GetInt32());
                })
                .ToList();
        }

        /// <summary>The 1-based line of the <paramref name="occurrence"/>-th line of the sample file that holds <paramref name="code"/>.</summary>
        private int LineOf(string file, string code, int occurrence)
        {
            var lines = File.ReadAllLines(Path.Combine(package.Root, Sample, file));
            var found = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(code, StringComparison.Ordinal)).Select(x => x.i + 1).ToList();
            Assert.True(found.Count >= occurrence, $"{file} no longer holds '{code}' {occurrence} time(s): update the list of the sample's call sites");
            return found[occurrence - 1];
        }

        /// <summary>(agreement, article, whether rules cite it) for each row of the generated coverage table in docs/agreements.md.</summary>
        private IEnumerable<(string Agreement, string Citation, bool Cited)> AgreementsTable()
        {
            var text = File.ReadAllText(Path.Combine(package.RepoRoot, "docs", "agreements.md"));
            var table = text.Substring(text.IndexOf("<!-- article-table", StringComparison.Ordinal));
            string? agreement = null;
            foreach (var line in table.Split('\n'))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal)) agreement = line.Substring(4).Trim();
                var row = Regex.Match(line, @"^\| (?<article>[^|]+?) \| (?<rules>[^|]+?) \|");
                if (agreement == null || !row.Success || row.Groups["article"].Value is "article" or "---") continue;
                yield return (agreement, row.Groups["article"].Value, row.Groups["rules"].Value != "—");
            }
        }
    }
}
