// For minimisation the optimistic bound is the lower one: a(x) = -(mean(x) - sqrt(beta) sigma(x)).
namespace ActorTuner.Surrogates.Acquisition;

using ActorTuner.Surrogates.Models;

/// <summary>The (lower, for losses) confidence bound of Srinivas et al. (2010), negated so that larger is better.</summary>
/// <param name="Beta">The exploration weight beta &gt; 0 (sqrt(beta) standard deviations).</param>
public sealed record UpperConfidenceBound(double Beta) : IAcquisitionFunction
{
    /// <inheritdoc />
    public double Evaluate(GaussianProcess model, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(model);
        var d = x.Length;
        var meanGradient = gradient.IsEmpty ? [] : d <= 64 ? stackalloc double[d] : new double[d];
        var sigmaGradient = gradient.IsEmpty ? [] : d <= 64 ? stackalloc double[d] : new double[d];
        var (mean, sigma) = PosteriorMoments.Evaluate(model, x, meanGradient, sigmaGradient);
        var rootBeta = Math.Sqrt(Beta);
        for (var j = 0; j < gradient.Length; j++)
        {
            gradient[j] = -meanGradient[j] + (rootBeta * sigmaGradient[j]);
        }

        return -mean + (rootBeta * sigma);
    }

    /// <inheritdoc />
    public double FromMoments(double mean, double variance) => -mean + (Math.Sqrt(Beta) * Math.Sqrt(variance));
}
