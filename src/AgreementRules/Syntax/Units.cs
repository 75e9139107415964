namespace AgreementRules.Syntax
{
    /// <summary>
    /// The units a number may be written in, and the one place that converts them: the engine holds a
    /// mass in grams (a kilogram is 1000 of them) and a percentage as written. The parser, the checker,
    /// the case search, the coverage analysis, both compilers and the request binder all convert here.
    /// </summary>
    public static class Units
    {
        public const string Percent = "%";
        public const string Grams = "g";
        public const string Kilograms = "kg";

        private const double GramsPerKilogram = 1000;

        /// <summary>Every unit as written, 'kg' before 'g' (the lexer takes the first that matches).</summary>
        internal static readonly string[] Written = { Percent, Kilograms, Grams };

        /// <summary>What a number written in <paramref name="unit"/> is multiplied by to be in the engine's unit.</summary>
        public static double EngineScale(string unit) => unit == Kilograms ? GramsPerKilogram : 1;

        /// <summary>A number written in <paramref name="unit"/>, in the engine's unit (2 kg → 2000).</summary>
        public static double ToEngine(double value, string unit) => unit == Kilograms ? value * GramsPerKilogram : value;

        /// <summary>A literal's value in the engine's unit.</summary>
        public static double EngineValue(this NumberLiteral n) => ToEngine(n.Value, n.Unit);

        /// <summary>A number written in <paramref name="from"/>, in <paramref name="to"/> of the same kind (500 g → 0.5 kg).</summary>
        public static double Convert(double value, string from, string to) =>
            from == to ? value : ToEngine(value, from) / EngineScale(to);
    }
}
