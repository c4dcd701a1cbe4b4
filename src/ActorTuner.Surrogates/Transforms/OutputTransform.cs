// Notation: y: n observed losses (smaller is better); z = (y - median(y)) / s, s = 1.4826 MAD(y) (the
// standard deviation if MAD is 0): a robust centring, so one huge loss cannot squash the others together
// before the power transform sees them, as plain standardisation would.
// Yeo and Johnson (2000):
//   psi(lambda, z) = ((z + 1)^lambda - 1) / lambda          z >= 0, lambda != 0   (log(z + 1) at lambda = 0)
//                  = -((1 - z)^(2 - lambda) - 1) / (2 - lambda)   z < 0, lambda != 2   (-log(1 - z) at lambda = 2)
//   profile log-likelihood: -n/2 log var(psi) + (lambda - 1) sum sign(z) log(|z| + 1)
// psi is increasing in z for every lambda, so the order of losses (and so the incumbent) is kept.
namespace ActorTuner.Surrogates.Transforms;

/// <summary>
/// A fitted monotone map from losses to GP targets: standardisation, or robust centring and scaling (median,
/// MAD) followed by a Yeo–Johnson power transform whose lambda maximises the profile likelihood over [-2, 4]
/// and a final standardisation. Infinite losses are clipped before
/// fitting: +inf to the largest finite loss plus its range, -inf to the smallest finite loss.
/// </summary>
public sealed class OutputTransform
{
    private readonly double _mean;
    private readonly double _std;
    private readonly double _lambda;
    private readonly bool _power;
    private readonly double _mean2;
    private readonly double _std2;

    private OutputTransform(double mean, double std, bool power, double lambda, double mean2, double std2)
    {
        _mean = mean;
        _std = std;
        _power = power;
        _lambda = lambda;
        _mean2 = mean2;
        _std2 = std2;
    }

    /// <summary>The Yeo–Johnson lambda (1 means no power transform).</summary>
    public double Lambda => _power ? _lambda : 1.0;

    /// <summary>Replaces infinities by finite values (see the class summary); NaN must have been removed.</summary>
    public static double[] ClipInfinities(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var finite = losses.Where(double.IsFinite).ToArray();
        var low = finite.Length > 0 ? finite.Min() : 0;
        var high = finite.Length > 0 ? finite.Max() : 1;
        var range = Math.Max(high - low, Math.Max(Math.Abs(high), 1.0));
        return [.. losses.Select(v => double.IsPositiveInfinity(v) ? high + range : double.IsNegativeInfinity(v) ? low : v)];
    }

    /// <summary>Fits the transform to <paramref name="losses"/> (finite values).</summary>
    public static OutputTransform Fit(IReadOnlyList<double> losses, OutputTransformKind kind)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var (mean, std) = MeanStd(losses);
        if (kind == OutputTransformKind.Standardize || losses.Count < 3)
        {
            return new OutputTransform(mean, std, false, 1, 0, 1);
        }

        var (centre, scale) = MedianScale(losses, std);
        var z = losses.Select(v => (v - centre) / scale).ToArray();
        var lambda = FitLambda(z);
        var psi = z.Select(v => YeoJohnson(lambda, v)).ToArray();
        var (mean2, std2) = MeanStd(psi);
        return new OutputTransform(centre, scale, true, lambda, mean2, std2);
    }

    /// <summary>Maps one loss to its target.</summary>
    public double Apply(double loss)
    {
        var z = (loss - _mean) / _std;
        return _power ? (YeoJohnson(_lambda, z) - _mean2) / _std2 : z;
    }

    /// <summary>Maps every loss.</summary>
    public double[] Apply(IReadOnlyList<double> losses) => [.. losses.Select(Apply)];

    /// <summary>The Yeo–Johnson transform psi(lambda, z).</summary>
    public static double YeoJohnson(double lambda, double z)
    {
        if (z >= 0)
        {
            return Math.Abs(lambda) < 1e-12 ? Math.Log(z + 1) : (Math.Pow(z + 1, lambda) - 1) / lambda;
        }

        return Math.Abs(lambda - 2) < 1e-12 ? -Math.Log(1 - z) : -(Math.Pow(1 - z, 2 - lambda) - 1) / (2 - lambda);
    }

    private static double FitLambda(double[] z)
    {
        var jacobian = z.Sum(v => Math.Sign(v) * Math.Log(Math.Abs(v) + 1));

        double ProfileLikelihood(double lambda)
        {
            var psi = z.Select(v => YeoJohnson(lambda, v)).ToArray();
            var (_, std) = MeanStd(psi);
            return (-0.5 * z.Length * Math.Log(std * std)) + ((lambda - 1) * jacobian);
        }

        // A coarse grid then golden-section refinement around the best grid point.
        var best = 1.0;
        var bestValue = double.NegativeInfinity;
        for (var lambda = -2.0; lambda <= 4.0 + 1e-9; lambda += 0.25)
        {
            var value = ProfileLikelihood(lambda);
            if (double.IsFinite(value) && value > bestValue)
            {
                bestValue = value;
                best = lambda;
            }
        }

        double a = best - 0.25, b = best + 0.25;
        const double Ratio = 0.6180339887498949;
        var c = b - (Ratio * (b - a));
        var d = a + (Ratio * (b - a));
        var fc = ProfileLikelihood(c);
        var fd = ProfileLikelihood(d);
        for (var iteration = 0; iteration < 30; iteration++)
        {
            if (fc > fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (Ratio * (b - a));
                fc = ProfileLikelihood(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (Ratio * (b - a));
                fd = ProfileLikelihood(d);
            }
        }

        var refined = (a + b) / 2;
        return double.IsFinite(ProfileLikelihood(refined)) && ProfileLikelihood(refined) >= bestValue ? refined : best;
    }

    private static (double Centre, double Scale) MedianScale(IReadOnlyList<double> values, double fallback)
    {
        var sorted = values.Order().ToArray();
        var median = Median(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        var mad = 1.4826 * Median(deviations);
        return (median, mad > 1e-12 * Math.Max(1, Math.Abs(median)) && double.IsFinite(mad) ? mad : fallback);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);

    private static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 1);
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        var std = Math.Sqrt(variance);
        return (mean, std > 1e-12 * Math.Max(1, Math.Abs(mean)) && double.IsFinite(std) ? std : 1.0);
    }
}
