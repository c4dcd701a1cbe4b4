namespace ActorTuner.Surrogates.Optimization;

/// <summary>Settings of the <see cref="AcquisitionOptimizer"/>.</summary>
public sealed record AcquisitionOptimizerOptions
{
    /// <summary>Scrambled Sobol candidates scored per suggestion (scaled down as 200/n beyond 200 observations, to at least a quarter).</summary>
    public int Candidates { get; init; } = 1024;

    /// <summary>How many of the best observed points are perturbed.</summary>
    public int PerturbedIncumbents { get; init; } = 5;

    /// <summary>Perturbations per incumbent (half small, half larger steps).</summary>
    public int PerturbationsPerIncumbent { get; init; } = 20;

    /// <summary>How many of the best candidates start a local search.</summary>
    public int LocalStarts { get; init; } = 5;

    /// <summary>Rounds of alternating continuous / discrete improvement per start.</summary>
    public int LocalRounds { get; init; } = 5;

    /// <summary>Iteration cap of one bounded-BFGS run.</summary>
    public int LbfgsIterations { get; init; } = 50;
}
