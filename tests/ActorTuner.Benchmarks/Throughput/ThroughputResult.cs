namespace ActorTuner.Benchmarks.Throughput;

/// <summary>One measured row: <paramref name="Trials"/> finished in <paramref name="Seconds"/> by <paramref name="System"/> on <paramref name="Storage"/> with <paramref name="Workers"/> at once.</summary>
public sealed record ThroughputResult(string System, string Storage, int Workers, int Trials, double Seconds)
{
    /// <summary>Finished trials per second.</summary>
    public double TrialsPerSecond => Seconds > 0 ? Trials / Seconds : double.PositiveInfinity;

    /// <summary>The row's label in tables, e.g. <c>actortuner sqlite</c> or <c>optuna sqlite (8 threads)</c>.</summary>
    public string Label => System == "optuna" && Workers > 1 ? $"optuna {Storage} ({Workers} threads)" : $"{System} {Storage}";
}
