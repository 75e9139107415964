namespace AgreementRules.Compilation
{
    /// <summary>
    /// The helpers every emitted class carries: the operators of <see cref="ValueOps"/> over the emitted
    /// representations (null is unknown), the binder's checks, and the boxes of the answer's derived facts.
    /// Each names what it stands for; CSharpBackEndTests hold them to the runtime's answers.
    /// </summary>
    internal static class CSharpEmitterHelpers
    {
        public const string Text = """
                    private const global::System.Runtime.CompilerServices.MethodImplOptions Inline = global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining;
                    private static readonly object True = true, False = false;
                    private static readonly object Absent = global::AgreementRules.EmittedEvaluation.Absent;

                    // ValueOps.Equal: texts by ordinal comparison, numbers (and booleans) by value.
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static bool? EqT(string a, string b) { if (a == null || b == null) return null; return string.Equals(a, b); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static bool? EqN(double? a, double? b) { if (a == null || b == null) return null; return a.GetValueOrDefault().Equals(b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static bool? EqB(bool? a, bool? b) { if (a == null || b == null) return null; return a.GetValueOrDefault() == b.GetValueOrDefault(); }
                    // ValueOps.Less and its kin.
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static bool? Lt(double? a, double? b) { if (a == null || b == null) return null; return a.GetValueOrDefault() < b.GetValueOrDefault(); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static bool? Le(double? a, double? b) { if (a == null || b == null) return null; return a.GetValueOrDefault() <= b.GetValueOrDefault(); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static bool? Gt(double? a, double? b) { if (a == null || b == null) return null; return a.GetValueOrDefault() > b.GetValueOrDefault(); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static bool? Ge(double? a, double? b) { if (a == null || b == null) return null; return a.GetValueOrDefault() >= b.GetValueOrDefault(); }
                    // ValueOps.Add, Subtract, Multiply (with the product's unit scale) and Divide: NaN, and a division by zero, are unknown.
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Num(double n) { if (double.IsNaN(n)) return null; return n; }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Add(double? a, double? b) { if (a == null || b == null) return null; return Num(a.GetValueOrDefault() + b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Sub(double? a, double? b) { if (a == null || b == null) return null; return Num(a.GetValueOrDefault() - b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Mul(double? a, double? b, double scale) { if (a == null || b == null) return null; return Num(a.GetValueOrDefault() * b.GetValueOrDefault() * scale); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Div(double? a, double? b) { if (a == null || b == null) return null; return b.GetValueOrDefault() == 0 ? null : Num(a.GetValueOrDefault() / b.GetValueOrDefault()); }
                    // ValueOps.In on a constant set of more than a few members, ValueOps.Contains on a computed list or set.
                    private static bool? InSet(string item, global::System.Collections.Generic.HashSet<string> set) { if (item == null) return null; return set.Contains(item); }
                    private static bool? Contains(string[] container, string item) { if (container == null || item == null) return null; return global::System.Array.IndexOf(container, item) >= 0; }
                    // An item of 'in' or 'has' as the text it is tested by (Value.ToString()).
                    private static string TxtN(double? n) { return n == null ? null : n.GetValueOrDefault().ToString("0.####", global::System.Globalization.CultureInfo.InvariantCulture); }
                    private static string TxtB(bool? b) { return b == null ? null : b.GetValueOrDefault() ? "true" : "false"; }
                    private static string TxtL(string[] list) { return list == null ? null : "{" + string.Join(", ", list) + "}"; }
                    private static string TxtS(string[] set) { return set == null ? null : "{set}"; }
                    // The answer's derived facts as host code sees them (Value.ToObject); unknown is left out.
                    private static object Box(bool? b) { return b == null ? Absent : b.GetValueOrDefault() ? True : False; }
                    private static object Box(double? n) { return n == null ? Absent : (object)n.GetValueOrDefault(); }
                    private static object Box(string s) { return s ?? Absent; }
                    private static object Box(string[] list) { return (object)list ?? Absent; }
                    // ActivityBinder.TryConvert, where it takes the value as it is; false where it would refuse it or convert it otherwise.
                    private static bool BindBool(object value, out bool? b) { if (value is bool x) { b = x; return true; } b = null; return false; }
                    private static bool BindText(object value, out string s) { s = value as string; return s != null; }
                    private static bool BindNumber(object value, double scale, bool percent, out double? n)
                    {
                        n = null;
                        double x;
                        if (value is double dx) x = dx;
                        else if (value is int ix) x = ix;
                        else if (value is long lx) x = lx;
                        else return false;
                        if (double.IsNaN(x) || double.IsInfinity(x) || x < 0 || percent && x > 100) return false;
                        n = x * scale;
                        return true;
                    }
            """;
    }
}
