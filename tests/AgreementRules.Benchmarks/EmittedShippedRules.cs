using System;
using System.IO;
using AgreementRules.Tests.Compilation;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// The shipped rules deciding through the C# the back end emits for them, compiled with Roslyn as a host's
    /// build would. The compiled image is kept in the temporary folder under the rules' hash, so that runs under
    /// callgrind do not compile (run once without valgrind first).
    /// </summary>
    public static class EmittedShippedRules
    {
        public static RuleSet Attach(RuleSet rules)
        {
            var cached = Path.Combine(Path.GetTempPath(), $"agreement-rules-emitted-{rules.RulesSha256}-{Stamp()}.dll");
            if (!File.Exists(cached)) File.WriteAllBytes(cached, EmittedCode.Image(EmittedCode.Source(rules)));
            return rules.WithEmitted(EmittedCode.Load(File.ReadAllBytes(cached)));
        }

        /// <summary>The core library's build, so an image emitted by an older back end is not reused.</summary>
        private static string Stamp() => File.GetLastWriteTimeUtc(typeof(RuleSet).Assembly.Location).Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    }
}
