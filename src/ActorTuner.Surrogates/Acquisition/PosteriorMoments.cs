using ActorTuner.Surrogates.Models;

namespace ActorTuner.Surrogates.Acquisition;

/// <summary>
/// The posterior mean and standard deviation at a point, with their gradients (d sigma = d variance / 2 sigma),
/// the shared first step of the closed-form acquisition functions.
/// </summary>
internal static class PosteriorMoments
{
    /// <summary>
    /// Returns (mean, sigma); when <paramref name="meanGradient"/> is not empty, fills it and
    /// <paramref name="sigmaGradient"/> (same length as x).
    /// </summary>
    public static (double Mean, double Sigma) Evaluate(GaussianProcess model, ReadOnlySpan<double> x, Span<double> meanGradient, Span<double> sigmaGradient)
    {
        var (mean, variance) = model.Predict(x, meanGradient, sigmaGradient);
        var sigma = Math.Sqrt(variance);
        for (var j = 0; j < sigmaGradient.Length; j++)
        {
            sigmaGradient[j] /= 2 * sigma;
        }

        return (mean, sigma);
    }
}
