using System.Collections.Immutable;
using ActorTuner.Core.Spaces;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ActorTuner.Surrogates.Models;

/// <summary>
/// Fits GP hyperparameters by maximum a posteriori: maximises log p(y | X, theta) + log p(theta) over
/// theta = (log l, log a, log noise) with MathNet's bounded BFGS (BfgsBMinimizer) and analytic gradients,
/// from a warm start (the previous fit) or, cold, from the prior's centre and a short-length-scale start.
/// </summary>
public sealed class GpFitter
{
    /// <summary>Creates a fitter.</summary>
    public GpFitter(GpPriorKind prior = GpPriorKind.DimensionScaled, double minimumNoise = 1e-6, int maximumIterations = 200)
    {
        Prior = prior;
        MinimumNoise = minimumNoise;
        MaximumIterations = maximumIterations;
    }

    /// <summary>The hyperparameter prior.</summary>
    public GpPriorKind Prior { get; }

    /// <summary>The smallest noise variance allowed (relative to standardised outputs).</summary>
    public double MinimumNoise { get; }

    /// <summary>The iteration cap of one optimiser run.</summary>
    public int MaximumIterations { get; }

    /// <summary>The log posterior log p(y | X, theta) + log p(theta) and its gradient.</summary>
    public double LogPosterior(ImmutableArray<DimensionKind> kinds, IReadOnlyList<double[]> x, IReadOnlyList<double> y, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var value = MarginalLikelihood.Evaluate(kinds, x, y, theta, gradient);
        if (double.IsNegativeInfinity(value))
        {
            return value;
        }

        return value + GpPrior.LogDensity(Prior, theta, gradient);
    }

    /// <summary>
    /// Fits the hyperparameters to (x, y). With <paramref name="warmStart"/>, one run from it; without,
    /// runs from the prior's centre and from short length scales, keeping the best posterior.
    /// </summary>
    public GpHyperparameters Fit(ImmutableArray<DimensionKind> kinds, IReadOnlyList<double[]> x, IReadOnlyList<double> y, GpHyperparameters? warmStart = null)
    {
        var d = kinds.Length;
        var (lower, upper) = Bounds(d);
        var starts = new List<double[]>();
        if (warmStart is not null && warmStart.Dimensions == d)
        {
            starts.Add(Clamp(warmStart.ToLog(), lower, upper));
        }
        else
        {
            starts.Add(Clamp(GpPrior.InitialTheta(Prior, d), lower, upper));
            var shortScales = GpPrior.InitialTheta(Prior, d);
            for (var j = 0; j < d; j++)
            {
                shortScales[j] = Math.Log(0.3);
            }

            starts.Add(Clamp(shortScales, lower, upper));
        }

        double[]? best = null;
        var bestValue = double.NegativeInfinity;
        foreach (var start in starts)
        {
            var (theta, value) = Maximise(kinds, x, y, start, lower, upper);
            if (value > bestValue || best is null)
            {
                best = theta;
                bestValue = value;
            }
        }

        return GpHyperparameters.FromLog(best!);
    }

    /// <summary>Box bounds on theta: length scales in [1e-2, 1e2 sqrt d], a in [0.05, 20], noise in [minimum, 0.5].</summary>
    public (double[] Lower, double[] Upper) Bounds(int d)
    {
        var lower = new double[d + 2];
        var upper = new double[d + 2];
        for (var j = 0; j < d; j++)
        {
            lower[j] = Math.Log(1e-2);
            upper[j] = Math.Log(1e2) + (0.5 * Math.Log(Math.Max(1, d)));
        }

        lower[d] = Math.Log(0.05);
        upper[d] = Math.Log(20);
        lower[d + 1] = Math.Log(MinimumNoise);
        upper[d + 1] = Math.Log(0.5);
        return (lower, upper);
    }

    private (double[] Theta, double Value) Maximise(
        ImmutableArray<DimensionKind> kinds, IReadOnlyList<double[]> x, IReadOnlyList<double> y, double[] start, double[] lower, double[] upper)
    {
        // The minimiser may stop on a failed line search; the best point it evaluated is kept either way.
        var bestTheta = start;
        var bestValue = double.NegativeInfinity;
        var gradient = new double[start.Length];
        var scale = 1.0 / Math.Max(1, x.Count);

        (double, Vector<double>) Objective(Vector<double> point)
        {
            var theta = point.ToArray();
            Array.Clear(gradient);
            var value = LogPosterior(kinds, x, y, theta, gradient);
            if (!double.IsFinite(value))
            {
                // Pushes the line search back towards the feasible region.
                return (1e10, Vector<double>.Build.Dense(theta.Length));
            }

            if (value > bestValue)
            {
                bestValue = value;
                bestTheta = theta;
            }

            var g = Vector<double>.Build.Dense(theta.Length);
            for (var k = 0; k < theta.Length; k++)
            {
                g[k] = -gradient[k] * scale;
            }

            return (-value * scale, g);
        }

        var objective = ObjectiveFunction.Gradient(Objective);
        try
        {
            var minimiser = new BfgsBMinimizer(1e-5, 1e-8, 1e-9, MaximumIterations);
            minimiser.FindMinimum(
                objective,
                Vector<double>.Build.DenseOfArray(lower),
                Vector<double>.Build.DenseOfArray(upper),
                Vector<double>.Build.DenseOfArray(start));
        }
        catch (Exception e) when (e is OptimizationException or ArgumentException or InvalidOperationException)
        {
            // Keep the best point seen.
        }

        if (double.IsNegativeInfinity(bestValue))
        {
            Array.Clear(gradient);
            bestValue = LogPosterior(kinds, x, y, start, gradient);
        }

        return (bestTheta, bestValue);
    }

    private static double[] Clamp(double[] theta, double[] lower, double[] upper)
    {
        for (var k = 0; k < theta.Length; k++)
        {
            theta[k] = Math.Clamp(theta[k], lower[k], upper[k]);
        }

        return theta;
    }
}
