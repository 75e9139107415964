using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace AgreementRules.EndToEnd.Tests
{
    /// <summary>
    /// Debian's chromium, headless, to open a page as a reader would: installed once per test run if absent
    /// (`apt-get update &amp;&amp; apt-get install -y chromium`; CI runs as root), with a fresh profile each time and
    /// nothing that reaches the network on its own.
    /// </summary>
    internal static class HeadlessChromium
    {
        public const string Executable = "/usr/bin/chromium";
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
        private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

        public static string Path => Installed.Value;

        private static string Install()
        {
            if (File.Exists(Executable)) return Executable;
            var (code, output, error) = Run("/bin/sh", "-c", "apt-get update && apt-get install -y chromium");
            if (code != 0 || !File.Exists(Executable))
                throw new InvalidOperationException(
                    $"{Executable} is missing and 'apt-get update && apt-get install -y chromium' failed (exit {code}): the report's browser test needs " +
                    "Debian's chromium. Install it as root and run the tests again.\n" + string.Join("\n", (output + error).Split('\n').TakeLast(20)));
            return Executable;
        }

        /// <summary>Opens <paramref name="page"/> with these extra switches (a size, --dump-dom, --screenshot=…); exit code, stdout, stderr.</summary>
        public static (int Code, string Output, string Error) Open(string page, params string[] switches)
        {
            var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agreementrules-chromium-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(profile);
            try
            {
                return Run(Path, new[]
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                }.Concat(switches).Append(new Uri(page).AbsoluteUri).ToArray());
            }
            finally
            {
                try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        private static (int Code, string Output, string Error) Run(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} took longer than {Timeout}");
            }
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
