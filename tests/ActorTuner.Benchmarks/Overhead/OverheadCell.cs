using System.Collections.Immutable;
using System.Diagnostics;
using ActorTuner.Benchmarks.Results;
using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;
using ActorTuner.Surrogates;

namespace ActorTuner.Benchmarks.Overhead;

/// <summary>
/// One (dims, n, pending) measurement: the time of <c>Suggest(context, 1)</c> as a live study would see it.
/// A fresh sampler is first shown n − w random observations; it then makes w untimed calls (warm-up, so a
/// sampler that keeps state between calls has built it) and R timed calls. After every call the suggested
/// configuration is evaluated (on a <see cref="SmoothFunction"/>) and appended, so the timed calls see n,
/// n + 1, ..., n + R − 1 completed observations, as in a study where results keep arriving. The same
/// <c>pending</c> random configurations are running throughout.
/// </summary>
public static class OverheadCell
{
    /// <summary>Measures one cell for ActorTuner's sampler called <paramref name="sampler"/>; returns the timed calls in milliseconds.</summary>
    public static ImmutableArray<double> Measure(string sampler, int dims, int n, int pending, int repeats, int warmup, long seed) =>
        Measure(() => SamplerFactory.Create(sampler, seed), dims, n, pending, repeats, warmup, seed);

    /// <summary>Measures one cell for a sampler made by <paramref name="create"/>; returns the timed calls in milliseconds.</summary>
    public static ImmutableArray<double> Measure(Func<ISampler> create, int dims, int n, int pending, int repeats, int warmup, long seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dims);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(pending);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        var space = SearchSpace.Create(Enumerable.Range(0, dims).Select(i => (ParameterSpec)new FloatParameter($"x{i}", 0, 1)));
        var rng = new Rng(seed, RngStreams.Overhead + (dims * 1_000_003L) + (n * 101L) + pending);
        var function = new SmoothFunction(dims, rng);
        var warm = Math.Min(Math.Max(warmup, 0), n);

        Configuration RandomPoint()
        {
            var u = new double[dims];
            for (var j = 0; j < dims; j++)
            {
                u[j] = rng.NextDouble();
            }

            return space.Decode(u);
        }

        double Value(Configuration c) => function.Evaluate(space.Encode(c));

        var observations = ImmutableArray.CreateBuilder<Observation>(n + repeats);
        for (var i = 0; i < n - warm; i++)
        {
            var c = RandomPoint();
            observations.Add(Observation.Completed(c, Value(c)));
        }

        var running = Enumerable.Range(0, pending).Select(_ => RandomPoint()).ToImmutableArray();
        var instance = create();
        var times = ImmutableArray.CreateBuilder<double>(repeats);
        for (var call = 0; call < warm + repeats; call++)
        {
            var context = new SuggestionContext(space, Direction.Minimize, observations.ToImmutable(), running);
            var clock = Stopwatch.StartNew();
            var suggestion = instance.Suggest(context, 1);
            clock.Stop();
            if (call >= warm)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            observations.Add(Observation.Completed(suggestion[0], Value(suggestion[0])));
        }

        return times.MoveToImmutable();
    }

    /// <summary>The record of a cell: median and 90th percentile (linear interpolation between order statistics).</summary>
    public static OverheadRecord Summarise(string sampler, int dims, int n, int pending, IReadOnlyList<double> timesMs) =>
        new(dims, n, pending, Percentile(timesMs, 0.5), Percentile(timesMs, 0.9), sampler);

    /// <summary>
    /// The <paramref name="q"/>-quantile with linear interpolation (NumPy's default): with the values sorted,
    /// h = (N − 1) q and the result is x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
    /// </summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
