using AgreementRules.Syntax;

namespace AgreementRules.Semantics
{
    /// <summary>Unit algebra shared by the checker and the compiler, so both agree on what a product means.</summary>
    internal static class Arithmetic
    {
        public static Dimension? ResultDimension(BinaryOperator op, Dimension left, Dimension right)
        {
            if (op == BinaryOperator.Multiply)
            {
                if (left == Dimension.Scalar) return right;
                if (right == Dimension.Scalar) return left;
                if (left == Dimension.Percent && right == Dimension.Mass || left == Dimension.Mass && right == Dimension.Percent) return Dimension.Mass;
                return null;
            }
            if (right == Dimension.Scalar) return left;
            if (left == right) return Dimension.Scalar;
            return null;
        }

        /// <summary>A percentage scales a mass by value / 100: 1000 g × 20 % = 200 g.</summary>
        public static double Scale(BinaryOperator op, Dimension left, Dimension right) =>
            op == BinaryOperator.Multiply && (left == Dimension.Percent && right == Dimension.Mass || left == Dimension.Mass && right == Dimension.Percent) ? 0.01 : 1.0;
    }
}
