// Notation: theta = (log l_1..d, log a, log noise); K(theta) = k(X, X) + noise I = L L^T; alpha = K^{-1} y.
//   log p(y | X, theta) = -1/2 y^T alpha - sum_i log L_ii - n/2 log(2 pi)
//   d/dtheta_k = 1/2 tr((alpha alpha^T - K^{-1}) dK/dtheta_k)        (Rasmussen and Williams 2006, eq. 5.9)
// with, writing G = alpha alpha^T - K^{-1} and g_ab = (5/3) a (1 + sqrt5 r_ab) exp(-sqrt5 r_ab):
//   dK_ab/d log l_j = g_ab s_j(a, b) / l_j^2,   dK/d log a = k(X, X),   dK/d log noise = noise I.
using System.Collections.Immutable;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Surrogates.Models;

/// <summary>The GP's log marginal likelihood and its analytic gradient in the log hyperparameters.</summary>
public static class MarginalLikelihood
{
    /// <summary>
    /// Returns log p(y | X, theta) and writes its gradient with respect to theta into <paramref name="gradient"/>.
    /// Returns negative infinity (gradient zero) when K cannot be factored.
    /// </summary>
    public static double Evaluate(
        ImmutableArray<DimensionKind> kinds,
        IReadOnlyList<double[]> x,
        IReadOnlyList<double> y,
        ReadOnlySpan<double> theta,
        Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var d = kinds.Length;
        var n = x.Count;
        var h = GpHyperparameters.FromLog(theta);
        var kernel = new MaternKernel(kinds, h.LengthScales.AsSpan(), h.OutputScale);
        var lower = GaussianProcess.CovarianceLower(kernel, h.NoiseVariance, x);
        gradient.Clear();
        CholeskyFactor factor;
        try
        {
            factor = CholeskyFactor.Factor(lower);
        }
        catch (InvalidOperationException)
        {
            return double.NegativeInfinity;
        }

        var yArray = y as double[] ?? [.. y];
        var alpha = factor.Solve(yArray);
        var fit = 0.0;
        for (var i = 0; i < n; i++)
        {
            fit += yArray[i] * alpha[i];
        }

        var logLikelihood = (-0.5 * fit) - (0.5 * factor.LogDeterminant()) - (0.5 * n * Math.Log(2 * Math.PI));
        if (gradient.IsEmpty)
        {
            return logLikelihood;
        }

        var inverse = factor.InverseOfProduct();
        var outputGradient = 0.0;
        var noiseTrace = 0.0;
        var lengthGradient = new double[d];
        for (var a = 0; a < n; a++)
        {
            var inverseRow = inverse[a];
            var kRow = lower[a];
            var xa = x[a];
            var gaa = (alpha[a] * alpha[a]) - inverseRow[a];
            noiseTrace += gaa;
            outputGradient += gaa * kernel.OutputScale;
            for (var b = 0; b < a; b++)
            {
                var gab = (alpha[a] * alpha[b]) - inverseRow[b];
                outputGradient += 2 * gab * kRow[b];
                var xb = x[b];
                var weight = gab * kernel.DerivativeFactor(kernel.SquaredDistance(xa, xb));
                for (var j = 0; j < d; j++)
                {
                    lengthGradient[j] += weight * kernel.Separation(j, xa[j], xb[j]);
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            // 1/2 * 2 (both triangles) * sum_{a>b} G_ab g_ab s_j / l_j^2
            gradient[j] = lengthGradient[j] * kernel.InverseSquaredLength(j);
        }

        gradient[d] = 0.5 * outputGradient;
        gradient[d + 1] = 0.5 * h.NoiseVariance * noiseTrace;
        return logLikelihood;
    }
}
