// netstandard2.0 lacks the type that C# records and init-only setters need.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}

namespace AgreementRules
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (512), which netstandard2.0 does not name but every .NET
    /// runtime since Core 3.0 honours: the method is compiled optimised on first call, skipping tiered
    /// compilation's unoptimised and instrumented stages. Used on the parser's inner loops: a cold load of
    /// 10,000 rules spent most of its time in those stages (parse 480-660 ms cold, 240 ms without them).
    /// </summary>
    internal static class Jit
    {
        public const System.Runtime.CompilerServices.MethodImplOptions Hot = (System.Runtime.CompilerServices.MethodImplOptions)512;
    }
}
