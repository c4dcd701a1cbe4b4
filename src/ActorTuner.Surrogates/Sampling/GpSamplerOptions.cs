using ActorTuner.Surrogates.Acquisition;
using ActorTuner.Surrogates.Models;
using ActorTuner.Surrogates.Optimization;
using ActorTuner.Surrogates.Transforms;

namespace ActorTuner.Surrogates.Sampling;

/// <summary>Settings of the <see cref="GaussianProcessSampler"/>; the defaults are the ones chosen by benchmark (docs/benchmarks.md).</summary>
public sealed record GpSamplerOptions
{
    /// <summary>Trials drawn from the scrambled Sobol initial design before the GP takes over; null: 10, or a quarter of a finite space when that is smaller (at least 2).</summary>
    public int? InitialTrials { get; init; }

    /// <summary>The acquisition function.</summary>
    public AcquisitionKind Acquisition { get; init; } = AcquisitionKind.LogEi;

    /// <summary>What expected improvement improves on.</summary>
    public IncumbentKind Incumbent { get; init; } = IncumbentKind.PosteriorMean;

    /// <summary>beta of the confidence bound (only for <see cref="AcquisitionKind.Ucb"/>).</summary>
    public double UcbBeta { get; init; } = 2.0;

    /// <summary>Candidates of one Thompson draw.</summary>
    public int ThompsonCandidates { get; init; } = 1000;

    /// <summary>How running trials enter the model.</summary>
    public PendingStrategy Pending { get; init; } = PendingStrategy.KrigingBeliever;

    /// <summary>The hyperparameter prior.</summary>
    public GpPriorKind Prior { get; init; } = GpPriorKind.Optuna;

    /// <summary>How losses become GP targets.</summary>
    public OutputTransformKind OutputTransform { get; init; } = OutputTransformKind.Power;

    /// <summary>Hyperparameters are refitted at every suggestion up to this many completed trials.</summary>
    public int RefitEveryTrialUpTo { get; init; } = 50;

    /// <summary>Beyond <see cref="RefitEveryTrialUpTo"/>, refit when the data has grown by this fraction since the last fit (otherwise the factor is grown).</summary>
    public double RefitGrowth { get; init; } = 0.05;

    /// <summary>The smallest noise variance (relative to standardised targets).</summary>
    public double MinimumNoise { get; init; } = 1e-6;

    /// <summary>The acquisition optimiser's settings.</summary>
    public AcquisitionOptimizerOptions Optimizer { get; init; } = new();
}
