using System;
using System.IO;
using System.Linq;
using System.Reflection;
using AgreementRules.Compilation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgreementRules.Tests.Compilation
{
    /// <summary>
    /// The C# back end's output compiled as a host's compiler would (C# 7.3, optimised, warnings reported), in
    /// process with Roslyn, and attached to the rule set loaded from the same files.
    /// </summary>
    internal static class EmittedCode
    {
        public const string Namespace = "Host.Generated";
        public const string ClassName = "HostRules";

        /// <summary>The emitted source for a rule set.</summary>
        public static string Source(RuleSet rules) =>
            CSharpBackEnd.Emit(rules.Model, rules.RulesSha256, new CSharpEmitOptions(Namespace, ClassName));

        /// <summary>The emitted class compiled and instantiated; throws with every error or warning Roslyn reports.</summary>
        public static EmittedRules Compile(string source) => Load(Image(source));

        /// <summary>The emitted source compiled to an assembly image; throws with every error or warning Roslyn reports.</summary>
        public static byte[] Image(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp7_3));
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Append(typeof(RuleSet).Assembly.Location)
                .Distinct()
                .Select(path => MetadataReference.CreateFromFile(path));
            var compilation = CSharpCompilation.Create("Emitted" + Guid.NewGuid().ToString("N"), new[] { tree }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (!result.Success || problems.Count > 0)
                throw new InvalidOperationException("the emitted C# does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
            return image.ToArray();
        }

        /// <summary>An instance of the emitted class from its compiled image.</summary>
        public static EmittedRules Load(byte[] image) =>
            (EmittedRules)Activator.CreateInstance(Assembly.Load(image).GetType(Namespace + "." + ClassName)!)!;

        /// <summary>The rule set deciding through its own emitted C#.</summary>
        public static RuleSet Attach(RuleSet rules) => rules.WithEmitted(Compile(Source(rules)));
    }
}
