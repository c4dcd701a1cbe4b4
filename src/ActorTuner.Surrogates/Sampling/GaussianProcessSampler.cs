using System.Collections.Immutable;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Surrogates.Acquisition;
using ActorTuner.Surrogates.Models;
using ActorTuner.Surrogates.Optimization;
using ActorTuner.Surrogates.Transforms;

namespace ActorTuner.Surrogates.Sampling;

/// <summary>
/// Bayesian optimisation with a Gaussian process: a scrambled Sobol initial design, then a Matern-5/2 GP on
/// the unit-cube encoding (categoricals by a same/different distance), targets standardised and power
/// transformed, hyperparameters by maximum a posteriori, and the next point by maximising log expected
/// improvement (or UCB, or a Thompson draw). Running trials enter as lies (<see cref="PendingStrategy"/>),
/// so a batch of k suggestions is k distinct points.
/// </summary>
/// <remarks>
/// The sampler keeps the last hyperparameters and Cholesky factor between calls: hyperparameters are warm-started
/// and, past <see cref="GpSamplerOptions.RefitEveryTrialUpTo"/> observations, refitted only as the data grows,
/// the factor being grown for appended points meanwhile. Suggestions are deterministic for a given seed and a
/// given sequence of calls. Not thread-safe: one caller at a time (a study actor's worker task).
/// </remarks>
public sealed class GaussianProcessSampler : ISampler
{
    private readonly long _seed;
    private readonly GpFitter _fitter;
    private readonly AcquisitionOptimizer _optimizer;
    private readonly object _gate = new();
    private GpHyperparameters? _hyper;
    private int _fitCount;
    private GaussianProcess? _cachedModel;
    private List<Configuration> _cachedConfigurations = [];

    /// <summary>Creates the sampler.</summary>
    public GaussianProcessSampler(long seed, GpSamplerOptions? options = null)
    {
        _seed = seed;
        Options = options ?? new GpSamplerOptions();
        _fitter = new GpFitter(Options.Prior, Options.MinimumNoise);
        _optimizer = new AcquisitionOptimizer(Options.Optimizer);
    }

    /// <inheritdoc />
    public string Name => "gp";

    /// <summary>The settings.</summary>
    public GpSamplerOptions Options { get; }

    /// <summary>The hyperparameters of the last fit, or null before the first.</summary>
    public GpHyperparameters? Hyperparameters => _hyper;

    /// <summary>The number of initial-design trials for <paramref name="space"/>.</summary>
    public int InitialTrials(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (Options.InitialTrials is { } n)
        {
            return Math.Max(1, n);
        }

        return space.IsFinite ? (int)Math.Clamp(Math.Floor(space.Size / 4), 2, 10) : 10;
    }

    /// <inheritdoc />
    public ImmutableArray<Configuration> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_gate)
        {
            var space = context.Space;
            var seen = context.Seen();
            var rng = new Rng(_seed, context.TrialCount);
            var picks = ImmutableArray.CreateBuilder<Configuration>(count);
            var completed = Usable(context);
            var initial = InitialTrials(space);
            Prepared? prepared = null;
            PointSet? seenPoints = null;
            for (var k = 0; k < count; k++)
            {
                var trialIndex = context.TrialCount + k;
                Configuration pick;
                if (trialIndex < initial || completed.Count < 2)
                {
                    pick = InitialDesign(space, trialIndex, seen, rng);
                }
                else
                {
                    prepared ??= Prepare(context, completed);
                    seenPoints ??= SeenPoints(space, seen);
                    pick = BayesianPick(space, prepared, seen, seenPoints, rng);
                }

                seen.Add(pick);
                seenPoints?.Add(pick);
                picks.Add(pick);
                if (prepared is not null)
                {
                    prepared = prepared.WithPending(space.Encode(pick), Options.Pending);
                }
            }

            return picks.MoveToImmutable();
        }
    }

    private static List<(Configuration Configuration, double[] Point, double Loss)> Usable(SuggestionContext context)
    {
        var usable = new List<(Configuration, double[], double)>(context.Observations.Length);
        foreach (var o in context.Observations)
        {
            if (!o.IsComplete)
            {
                continue;
            }

            try
            {
                usable.Add((o.Configuration, context.Space.Encode(o.Configuration), context.ToLoss(o.Value)));
            }
            catch (ArgumentException)
            {
                // An observation outside the space (a space edited mid-study) informs nothing; it stays "seen".
            }
        }

        return usable;
    }

    private Configuration InitialDesign(SearchSpace space, int trialIndex, HashSet<Configuration> seen, Rng rng)
    {
        var d = Math.Min(space.Dimensions, SobolSequence.MaxDimensions);
        var sobol = new SobolSequence(d, _seed);
        var point = new double[space.Dimensions];
        for (var attempt = 0; attempt < 256; attempt++)
        {
            sobol.Point(trialIndex + (attempt * 7919L), point.AsSpan(0, d));
            for (var j = d; j < point.Length; j++)
            {
                point[j] = rng.NextDouble();
            }

            var configuration = space.Decode(point);
            if (!seen.Contains(configuration))
            {
                return configuration;
            }
        }

        return Unseen.UniformUntried(space, seen, rng) ?? space.Decode(point);
    }

    private Prepared Prepare(SuggestionContext context, List<(Configuration Configuration, double[] Point, double Loss)> completed)
    {
        var space = context.Space;
        var x = completed.Select(c => c.Point).ToList();
        var losses = OutputTransform.ClipInfinities(completed.Select(c => c.Loss).ToList());
        var transform = OutputTransform.Fit(losses, Options.OutputTransform);
        var y = transform.Apply(losses);
        var n = x.Count;
        var refit = _hyper is null
            || _hyper.Dimensions != space.Dimensions
            || n <= Options.RefitEveryTrialUpTo
            || n >= _fitCount * (1 + Options.RefitGrowth);
        GaussianProcess model;
        if (refit)
        {
            _hyper = _fitter.Fit(space.Kinds, x, y, _hyper?.Dimensions == space.Dimensions ? _hyper : null);
            _fitCount = n;
            model = GaussianProcess.Create(Kernel(space, _hyper), _hyper.NoiseVariance, x, y);
        }
        else if (_cachedModel is not null && IsPrefix(_cachedConfigurations, completed))
        {
            var m = _cachedConfigurations.Count;
            model = _cachedModel.Condition(x.GetRange(m, n - m), y.AsSpan(m).ToArray()).WithTargets(y);
        }
        else
        {
            model = GaussianProcess.Create(Kernel(space, _hyper!), _hyper!.NoiseVariance, x, y);
        }

        _cachedModel = model;
        _cachedConfigurations = completed.Select(c => c.Configuration).ToList();
        var incumbents = Enumerable.Range(0, n).OrderBy(i => y[i]).Take(Options.Optimizer.PerturbedIncumbents).Select(i => x[i]).ToList();
        var prepared = new Prepared(model, y, [], incumbents);
        foreach (var pending in context.Pending)
        {
            try
            {
                prepared = prepared.WithPending(space.Encode(pending), Options.Pending);
            }
            catch (ArgumentException)
            {
                // A pending configuration outside the space cannot be lied about; it stays "seen".
            }
        }

        return prepared;
    }

    private static bool IsPrefix(List<Configuration> cached, List<(Configuration Configuration, double[] Point, double Loss)> completed)
    {
        if (cached.Count > completed.Count)
        {
            return false;
        }

        for (var i = 0; i < cached.Count; i++)
        {
            if (!cached[i].Equals(completed[i].Configuration))
            {
                return false;
            }
        }

        return true;
    }

    private static MaternKernel Kernel(SearchSpace space, GpHyperparameters h) =>
        new(space.Kinds, h.LengthScales.AsSpan(), h.OutputScale);

    private Configuration BayesianPick(SearchSpace space, Prepared prepared, HashSet<Configuration> seen, PointSet seenPoints, Rng rng)
    {
        double[]? point;
        if (Options.Acquisition == AcquisitionKind.Thompson)
        {
            point = ThompsonPick(space, prepared, seenPoints, rng);
        }
        else
        {
            IAcquisitionFunction acquisition = Options.Acquisition == AcquisitionKind.Ucb
                ? new UpperConfidenceBound(Options.UcbBeta)
                : new LogExpectedImprovement(Options.Incumbent == IncumbentKind.PosteriorMean ? prepared.BestMean : prepared.Best);
            point = _optimizer.Maximize(space, prepared.Model, acquisition, prepared.Incumbents, seenPoints, rng);
        }

        if (point is not null)
        {
            var configuration = space.Decode(point);
            if (!seen.Contains(configuration))
            {
                return configuration;
            }
        }

        return Unseen.UniformUntried(space, seen, rng) ?? RandomConfiguration(space, rng);
    }

    private double[]? ThompsonPick(SearchSpace space, Prepared prepared, PointSet seenPoints, Rng rng)
    {
        var points = _optimizer.Candidates(space, prepared.Incumbents, seenPoints, rng, Options.ThompsonCandidates);
        if (points.Count == 0)
        {
            return null;
        }

        var (means, covariance) = prepared.Model.PredictJoint(points);
        var factor = CholeskyFactor.Factor(covariance);
        var z = new double[points.Count];
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = rng.NextGaussian();
        }

        var best = -1;
        var bestValue = double.PositiveInfinity;
        for (var i = 0; i < z.Length; i++)
        {
            var f = means[i];
            for (var k = 0; k <= i; k++)
            {
                f += factor[i, k] * z[k];
            }

            if (f < bestValue)
            {
                bestValue = f;
                best = i;
            }
        }

        return points[best];
    }

    // Built once per Suggest call, then extended with each pick of a batch.
    private static PointSet SeenPoints(SearchSpace space, HashSet<Configuration> seen)
    {
        var points = new PointSet(space);
        foreach (var configuration in seen)
        {
            try
            {
                points.Add(configuration);
            }
            catch (ArgumentException)
            {
                // Not a configuration of this space: it cannot be suggested anyway.
            }
        }

        return points;
    }

    private static Configuration RandomConfiguration(SearchSpace space, Rng rng)
    {
        var u = new double[space.Dimensions];
        for (var j = 0; j < u.Length; j++)
        {
            u[j] = rng.NextDouble();
        }

        return space.Decode(u);
    }

    /// <summary>The model with the pending points' lies, the observed targets, and the incumbents.</summary>
    private sealed record Prepared(GaussianProcess Model, double[] Observed, ImmutableList<double> Lies, List<double[]> Incumbents)
    {
        public double Best => Lies.IsEmpty ? Observed.Min() : Math.Min(Observed.Min(), Lies.Min());

        /// <summary>
        /// The smallest posterior mean at the observed points and lies: mean(X) = y - noise * alpha, since
        /// K = k(X, X) + noise I. Less fooled by one lucky noisy observation than <see cref="Best"/>.
        /// </summary>
        public double BestMean
        {
            get
            {
                var alpha = Model.Alpha;
                var best = double.PositiveInfinity;
                for (var i = 0; i < Model.Count; i++)
                {
                    best = Math.Min(best, Model.Targets[i] - (Model.NoiseVariance * alpha[i]));
                }

                return best;
            }
        }

        public Prepared WithPending(double[] point, PendingStrategy strategy)
        {
            var lie = strategy switch
            {
                PendingStrategy.ConstantLiarMin => Observed.Min(),
                PendingStrategy.ConstantLiarMean => Observed.Average(),
                PendingStrategy.ConstantLiarMax => Observed.Max(),
                PendingStrategy.KrigingBeliever => Model.Predict(point).Mean,
                _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown pending strategy"),
            };
            return this with { Model = Model.Condition([point], [lie]), Lies = Lies.Add(lie) };
        }
    }
}
