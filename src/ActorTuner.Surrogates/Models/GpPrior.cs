// Notation: theta = (log l_1..d, log a, log noise), d = number of input dimensions.
// DimensionScaled (Hvarfner et al. 2024):
//   log p(theta) = -sum_j (theta_j - mu)^2 / 6 - theta_a^2 / 2 - (theta_n + 4)^2 / 2,  mu = sqrt2 + log(d)/2
// Optuna (optuna/_gp/prior.py), with lambda_j = exp(-2 theta_j), a = exp(theta_a), s = exp(theta_n):
//   log p = -sum_j (0.1 / lambda_j + 0.1 lambda_j) + (log a - a) + (0.1 log s - 30 s)
// Densities are taken in theta as written (no Jacobian), up to additive constants.
namespace ActorTuner.Surrogates.Models;

/// <summary>Log prior densities over the log hyperparameters, with gradients.</summary>
public static class GpPrior
{
    /// <summary>The centre of the length-scale prior: sqrt2 + log(d)/2.</summary>
    public static double LengthScaleLocation(int dimensions) => Math.Sqrt(2) + (0.5 * Math.Log(Math.Max(1, dimensions)));

    /// <summary>Returns log p(theta) and adds its gradient into <paramref name="gradient"/>.</summary>
    public static double LogDensity(GpPriorKind kind, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var d = theta.Length - 2;
        var logp = 0.0;
        switch (kind)
        {
            case GpPriorKind.DimensionScaled:
                {
                    var mu = LengthScaleLocation(d);
                    for (var j = 0; j < d; j++)
                    {
                        var z = theta[j] - mu;
                        logp -= z * z / 6.0;
                        gradient[j] -= z / 3.0;
                    }

                    logp -= theta[d] * theta[d] / 2.0;
                    gradient[d] -= theta[d];
                    var zn = theta[d + 1] + 4.0;
                    logp -= zn * zn / 2.0;
                    gradient[d + 1] -= zn;
                    break;
                }

            case GpPriorKind.Optuna:
                {
                    for (var j = 0; j < d; j++)
                    {
                        var up = Math.Exp(2 * theta[j]);
                        var down = Math.Exp(-2 * theta[j]);
                        logp -= 0.1 * (up + down);
                        gradient[j] -= 0.2 * (up - down);
                    }

                    var a = Math.Exp(theta[d]);
                    logp += theta[d] - a;
                    gradient[d] += 1 - a;
                    var s = Math.Exp(theta[d + 1]);
                    logp += (0.1 * theta[d + 1]) - (30 * s);
                    gradient[d + 1] += 0.1 - (30 * s);
                    break;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown prior");
        }

        return logp;
    }

    /// <summary>The prior's mode-ish starting point for a cold fit.</summary>
    public static double[] InitialTheta(GpPriorKind kind, int dimensions)
    {
        var theta = new double[dimensions + 2];
        var logLength = kind == GpPriorKind.DimensionScaled ? LengthScaleLocation(dimensions) - 1.0 : 0.0;
        for (var j = 0; j < dimensions; j++)
        {
            theta[j] = logLength;
        }

        theta[dimensions] = 0;
        theta[dimensions + 1] = Math.Log(1e-3);
        return theta;
    }
}
