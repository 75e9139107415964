namespace AgreementRules.Compilation
{
    /// <summary>
    /// The helpers every emitted class carries: the operators of <see cref="ValueOps"/> over the emitted
    /// representations (null is unknown), and the binder's checks.
    /// Each names what it stands for; CSharpBackEndTests hold them to the runtime's answers.
    /// A truth value is an int: 0 false, 1 unknown, 3 true (see <see cref="CSharpRepresentation"/>).
    /// </summary>
    internal static class CSharpEmitterHelpers
    {
        public const string Text = """
                    private const global::System.Runtime.CompilerServices.MethodImplOptions Inline = global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining;

                    // Kleene truth values: 0 false, 1 unknown, 3 true; 'and' is the bitwise and, 'or' the bitwise or (ValueOps.Not: unknown stays unknown).
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int Not(int t) { return ((t & 1) ^ 1) << 1 | (t >> 1 ^ 1); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int Truth(bool b) { return b ? 3 : 0; }
                    // ValueOps.Equal: texts by ordinal comparison, enum values by reference (ValueOps.EqualsInstance), numbers (and truth values) by value.
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int EqT(string a, string b) { if (a == null || b == null) return 1; return Truth(string.Equals(a, b)); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int EqR(string a, string b) { if (a == null || b == null) return 1; return Truth((object)a == (object)b); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int EqN(double? a, double? b) { if (a == null || b == null) return 1; return Truth(a.GetValueOrDefault().Equals(b.GetValueOrDefault())); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int EqB(int a, int b) { if (a == 1 || b == 1) return 1; return Truth(a == b); }
                    // ValueOps.Less and its kin.
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int Lt(double? a, double? b) { if (a == null || b == null) return 1; return Truth(a.GetValueOrDefault() < b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int Le(double? a, double? b) { if (a == null || b == null) return 1; return Truth(a.GetValueOrDefault() <= b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int Gt(double? a, double? b) { if (a == null || b == null) return 1; return Truth(a.GetValueOrDefault() > b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static int Ge(double? a, double? b) { if (a == null || b == null) return 1; return Truth(a.GetValueOrDefault() >= b.GetValueOrDefault()); }
                    // ValueOps.Add, Subtract, Multiply (with the product's unit scale) and Divide: NaN, and a division by zero, are unknown.
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Num(double n) { if (double.IsNaN(n)) return null; return n; }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Add(double? a, double? b) { if (a == null || b == null) return null; return Num(a.GetValueOrDefault() + b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Sub(double? a, double? b) { if (a == null || b == null) return null; return Num(a.GetValueOrDefault() - b.GetValueOrDefault()); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Mul(double? a, double? b, double scale) { if (a == null || b == null) return null; return Num(a.GetValueOrDefault() * b.GetValueOrDefault() * scale); }
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static double? Div(double? a, double? b) { if (a == null || b == null) return null; return b.GetValueOrDefault() == 0 ? null : Num(a.GetValueOrDefault() / b.GetValueOrDefault()); }
                    // ValueOps.In on a constant set of more than a few members, ValueOps.Contains on a computed list or set.
                    private static int InSet(string item, global::System.Collections.Generic.HashSet<string> set) { if (item == null) return 1; return Truth(set.Contains(item)); }
                    private static int Contains(string[] container, string item) { if (container == null || item == null) return 1; return Truth(global::System.Array.IndexOf(container, item) >= 0); }
                    // An item of 'in' or 'has' as the text it is tested by (Value.ToString()).
                    private static string TxtN(double? n) { return n == null ? null : n.GetValueOrDefault().ToString("0.####", global::System.Globalization.CultureInfo.InvariantCulture); }
                    private static string TxtB(int t) { return t == 1 ? null : t == 3 ? "true" : "false"; }
                    private static string TxtL(string[] list) { return list == null ? null : "{" + string.Join(", ", list) + "}"; }
                    private static string TxtS(string[] set) { return set == null ? null : "{set}"; }
                    // ActivityBinder.TryConvert, where it takes the value as it is; false where it would refuse it or convert it otherwise.
                    private static bool BindBool(object value, out int t) { if (value is bool x) { t = Truth(x); return true; } t = 1; return false; }
                    // A rule of a listed agreement, and whether it holds; one that cannot decide leaves the request to the runtime's path.
                    [global::System.Runtime.CompilerServices.MethodImpl(Inline)] private static void Rule(global::AgreementRules.EmittedEvaluation e, int rule, int truth) { if (truth == 1) e.Undecided(); else e.Rule(rule, truth == 3); }
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
