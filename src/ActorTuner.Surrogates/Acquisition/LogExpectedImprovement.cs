// log EI(x) = log sigma(x) + log h(z),  z = (best - mean(x)) / sigma(x)        (minimisation)
// d log EI = (dlogh/dz) dz + dsigma / sigma,  dz = -(dmean + z dsigma) / sigma,  dsigma = dvar / (2 sigma)
namespace ActorTuner.Surrogates.Acquisition;

using ActorTuner.Surrogates.Models;

/// <summary>
/// Log expected improvement over <paramref name="Best"/> (the best target so far), in the numerically
/// stable form of Ament et al. (2023), so it keeps a useful gradient where EI itself underflows to 0.
/// </summary>
/// <param name="Best">The incumbent target: by default the smallest posterior mean at the data and lies, else the smallest observed or lied value.</param>
public sealed record LogExpectedImprovement(double Best) : IAcquisitionFunction
{
    /// <inheritdoc />
    public double Evaluate(GaussianProcess model, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(model);
        var d = x.Length;
        var meanGradient = gradient.IsEmpty ? [] : d <= 64 ? stackalloc double[d] : new double[d];
        var sigmaGradient = gradient.IsEmpty ? [] : d <= 64 ? stackalloc double[d] : new double[d];
        var (mean, sigma) = PosteriorMoments.Evaluate(model, x, meanGradient, sigmaGradient);
        var z = (Best - mean) / sigma;
        var value = Math.Log(sigma) + NormalMath.LogH(z);
        if (!gradient.IsEmpty)
        {
            var dLogH = NormalMath.LogHDerivative(z);
            for (var j = 0; j < d; j++)
            {
                var dz = -(meanGradient[j] + (z * sigmaGradient[j])) / sigma;
                gradient[j] = (dLogH * dz) + (sigmaGradient[j] / sigma);
            }
        }

        return value;
    }

    /// <inheritdoc />
    public double FromMoments(double mean, double variance)
    {
        var sigma = Math.Sqrt(variance);
        return Math.Log(sigma) + NormalMath.LogH((Best - mean) / sigma);
    }
}
