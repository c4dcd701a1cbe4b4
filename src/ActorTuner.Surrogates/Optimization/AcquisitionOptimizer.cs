using ActorTuner.Core.Randomness;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Surrogates.Acquisition;
using ActorTuner.Surrogates.Models;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ActorTuner.Surrogates.Optimization;

/// <summary>
/// Maximises an acquisition function over a mixed space: scores many scrambled Sobol candidates and
/// perturbations of the best points, then improves the best few starts by alternating bounded BFGS
/// (MathNet's BfgsBMinimizer, analytic gradients) on the active continuous dimensions with a
/// neighbourhood search on the discrete ones (adjacent values of ordered dimensions, every other choice
/// of categorical ones), as Optuna's GP sampler does. Every point it returns decodes to a legal
/// configuration that <c>isSeen</c> rejects not.
/// </summary>
public sealed class AcquisitionOptimizer
{
    /// <summary>Creates an optimiser.</summary>
    public AcquisitionOptimizer(AcquisitionOptimizerOptions? options = null) => Options = options ?? new AcquisitionOptimizerOptions();

    /// <summary>The settings.</summary>
    public AcquisitionOptimizerOptions Options { get; }

    /// <summary>
    /// The snapped encoded point with the largest acquisition value found, or null when every candidate is seen.
    /// </summary>
    /// <param name="space">The search space.</param>
    /// <param name="model">The GP.</param>
    /// <param name="acquisition">The function to maximise.</param>
    /// <param name="incumbents">Encoded points around which to perturb (the best observed first).</param>
    /// <param name="seen">Points that must not be suggested (tried or pending).</param>
    /// <param name="rng">The random source.</param>
    public double[]? Maximize(
        SearchSpace space,
        GaussianProcess model,
        IAcquisitionFunction acquisition,
        IReadOnlyList<double[]> incumbents,
        PointSet seen,
        Rng rng)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(acquisition);
        ArgumentNullException.ThrowIfNull(incumbents);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(rng);

        var candidates = Candidates(space, incumbents, seen, rng, CandidateCount(model.Count));
        if (candidates.Count == 0)
        {
            return null;
        }

        var means = new double[candidates.Count];
        var variances = new double[candidates.Count];
        model.PredictMany(candidates, means, variances);
        var order = Enumerable.Range(0, candidates.Count)
            .Select(i => (Index: i, Value: acquisition.FromMoments(means[i], variances[i])))
            .Where(c => !double.IsNaN(c.Value))
            .OrderByDescending(c => c.Value)
            .ToList();
        if (order.Count == 0)
        {
            return candidates[0];
        }

        var best = (Point: candidates[order[0].Index], order[0].Value);
        foreach (var (index, value) in order.Take(Options.LocalStarts))
        {
            var (refined, refinedValue) = LocalSearch(space, model, acquisition, candidates[index], value, seen);
            if (refinedValue > best.Value)
            {
                best = (refined, refinedValue);
            }
        }

        return best.Point;
    }

    /// <summary>
    /// Distinct snapped, unseen candidates: scrambled Sobol points and perturbations of the incumbents.
    /// </summary>
    public List<double[]> Candidates(SearchSpace space, IReadOnlyList<double[]> incumbents, PointSet seen, Rng rng, int sobolCount)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(incumbents);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(rng);
        var d = space.Dimensions;
        var result = new List<double[]>();
        var taken = new PointSet(space);
        var active = new bool[d];

        void Offer(double[] raw)
        {
            var snapped = new double[d];
            space.Snap(raw, snapped, active);
            if (!seen.Contains(snapped) && taken.Add(snapped))
            {
                result.Add(snapped);
            }
        }

        var sobolDimensions = Math.Min(d, SobolSequence.MaxDimensions);
        var sobol = new SobolSequence(sobolDimensions, (long)(rng.NextUInt64() >> 1));
        var point = new double[d];
        for (var i = 0; i < sobolCount; i++)
        {
            sobol.Point(i, point.AsSpan(0, sobolDimensions));
            for (var j = sobolDimensions; j < d; j++)
            {
                point[j] = rng.NextDouble();
            }

            Offer(point);
        }

        foreach (var incumbent in incumbents.Take(Options.PerturbedIncumbents))
        {
            for (var k = 0; k < Options.PerturbationsPerIncumbent; k++)
            {
                Offer(Perturb(space, incumbent, rng, k < Options.PerturbationsPerIncumbent / 2 ? 0.05 : 0.2));
            }
        }

        return result;
    }

    private int CandidateCount(int n) =>
        n <= 200 ? Options.Candidates : Math.Max(Options.Candidates / 4, (int)(Options.Candidates * 200L / n));

    private static double[] Perturb(SearchSpace space, double[] x, Rng rng, double scale)
    {
        var d = x.Length;
        var y = (double[])x.Clone();
        var flip = 1.0 / Math.Max(1, d);
        for (var j = 0; j < d; j++)
        {
            var p = space.Parameters[j];
            if (p.Kind == DimensionKind.Categorical)
            {
                if (rng.NextDouble() < flip)
                {
                    y[j] = p.EncodeIndex(rng.NextLong(p.Count!.Value));
                }
            }
            else if (rng.NextDouble() < Math.Max(flip, 0.5))
            {
                y[j] = Math.Clamp(y[j] + (scale * rng.NextGaussian()), 0, 1);
            }
        }

        return y;
    }

    private (double[] Point, double Value) LocalSearch(
        SearchSpace space, GaussianProcess model, IAcquisitionFunction acquisition, double[] start, double startValue, PointSet seen)
    {
        var x = start;
        var value = startValue;
        var active = new bool[space.Dimensions];
        var scratch = new double[space.Dimensions];
        for (var round = 0; round < Options.LocalRounds; round++)
        {
            var improved = false;
            space.Snap(x, scratch, active);
            var continuous = Enumerable.Range(0, space.Dimensions).Where(j => active[j] && space.Kinds[j] == DimensionKind.Continuous).ToArray();
            if (continuous.Length > 0)
            {
                var (y, yValue) = ContinuousStep(space, model, acquisition, x, continuous);
                if (yValue > value + 1e-12 && !seen.Contains(y))
                {
                    x = y;
                    value = yValue;
                    improved = true;
                }
            }

            var (z, zValue) = DiscreteStep(space, model, acquisition, x, value, seen);
            if (zValue > value + 1e-12)
            {
                x = z;
                value = zValue;
                improved = true;
            }

            if (!improved)
            {
                break;
            }
        }

        return (x, value);
    }

    private (double[] Point, double Value) ContinuousStep(
        SearchSpace space, GaussianProcess model, IAcquisitionFunction acquisition, double[] x, int[] free)
    {
        var work = (double[])x.Clone();
        var gradient = new double[x.Length];
        var bestPoint = x;
        var bestValue = acquisition.Evaluate(model, x, []);

        (double, Vector<double>) Objective(Vector<double> u)
        {
            for (var k = 0; k < free.Length; k++)
            {
                work[free[k]] = Math.Clamp(u[k], 0, 1);
            }

            var value = acquisition.Evaluate(model, work, gradient);
            var g = Vector<double>.Build.Dense(free.Length);
            if (!double.IsFinite(value))
            {
                return (1e10, g);
            }

            if (value > bestValue)
            {
                bestValue = value;
                bestPoint = (double[])work.Clone();
            }

            for (var k = 0; k < free.Length; k++)
            {
                g[k] = -gradient[free[k]];
            }

            return (-value, g);
        }

        try
        {
            var minimiser = new BfgsBMinimizer(1e-5, 1e-7, 1e-9, Options.LbfgsIterations);
            minimiser.FindMinimum(
                ObjectiveFunction.Gradient(Objective),
                Vector<double>.Build.Dense(free.Length, 0.0),
                Vector<double>.Build.Dense(free.Length, 1.0),
                Vector<double>.Build.Dense(free.Length, k => x[free[k]]));
        }
        catch (Exception e) when (e is OptimizationException or ArgumentException or InvalidOperationException)
        {
            // Keep the best point evaluated.
        }

        var snapped = space.Snap(bestPoint);
        return (snapped, acquisition.Evaluate(model, snapped, []));
    }

    private static (double[] Point, double Value) DiscreteStep(
        SearchSpace space, GaussianProcess model, IAcquisitionFunction acquisition, double[] x, double value, PointSet seen)
    {
        var best = x;
        var bestValue = value;
        var active = new bool[space.Dimensions];
        var current = new double[space.Dimensions];
        space.Snap(x, current, active);
        for (var j = 0; j < space.Dimensions; j++)
        {
            var p = space.Parameters[j];
            if (p.Kind == DimensionKind.Continuous || !active[j])
            {
                continue;
            }

            var index = p.IndexOf(p.Decode(current[j]));
            IEnumerable<long> neighbours = p.Kind == DimensionKind.Categorical
                ? Enumerable.Range(0, (int)Math.Min(p.Count!.Value, 64)).Select(i => (long)i).Where(i => i != index)
                : new[] { index - 2, index - 1, index + 1, index + 2 }.Where(i => i >= 0 && i < p.Count!.Value);
            foreach (var k in neighbours)
            {
                var y = (double[])best.Clone();
                y[j] = p.EncodeIndex(k);
                var snapped = space.Snap(y);
                if (seen.Contains(snapped))
                {
                    continue;
                }

                var yValue = acquisition.Evaluate(model, snapped, []);
                if (yValue > bestValue + 1e-12)
                {
                    best = snapped;
                    bestValue = yValue;
                }
            }
        }

        return (best, bestValue);
    }
}
