namespace AgreementRules.Benchmarks
{
    public static class BatchMeasurement
    {
        public static int Run(string[] args) => 0;
    }
}
