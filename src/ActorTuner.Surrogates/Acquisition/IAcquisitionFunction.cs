using ActorTuner.Surrogates.Models;

namespace ActorTuner.Surrogates.Acquisition;

/// <summary>
/// An acquisition function a(x) over the unit cube, to be maximised, computed from a GP's posterior on
/// targets where smaller is better.
/// </summary>
public interface IAcquisitionFunction
{
    /// <summary>
    /// a(x); when <paramref name="gradient"/> is not empty, also da/dx on continuous and ordered dimensions
    /// (categorical entries 0).
    /// </summary>
    double Evaluate(GaussianProcess model, ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>a from the posterior mean and variance at a point (for scoring many points at once).</summary>
    double FromMoments(double mean, double variance);
}
