using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tasks;

/// <summary>
/// A synthetic function as a benchmark task (always minimised). A sampler observes
/// f(x) + <see cref="NoiseStd"/> · N(0, 1), the normal draw seeded by (run seed, trial); <see cref="Evaluate"/>
/// returns f(x) without noise. Build one with <see cref="SyntheticFunctions.Create"/>.
/// </summary>
public sealed class SyntheticTask : IBenchmarkTask
{
    private readonly Func<Configuration, double> _function;

    /// <summary>Creates the task.</summary>
    public SyntheticTask(string name, SearchSpace space, Func<Configuration, double> function, double optimum, double noiseStd)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        Space = space;
        _function = function;
        Optimum = optimum;
        NoiseStd = noiseStd;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SearchSpace Space { get; }

    /// <inheritdoc />
    public Direction Direction => Direction.Minimize;

    /// <inheritdoc />
    public double? Optimum { get; }

    /// <summary>The standard deviation of the Gaussian noise added to observations (0 for noise-free tasks).</summary>
    public double NoiseStd { get; }

    /// <summary>The noise-free function value of <paramref name="configuration"/>.</summary>
    public double Evaluate(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return _function(configuration);
    }

    /// <summary>
    /// f(x) plus, for a noisy variant, NoiseStd · N(0, 1) from <c>Rng(seed, RngStreams.Noise + trial)</c>.
    /// <paramref name="noise"/> is for tabular tasks and is ignored: a function's noise is part of its name.
    /// </summary>
    public double Observe(Configuration configuration, NoiseMode noise, long seed, int trial)
    {
        var value = Evaluate(configuration);
        return NoiseStd > 0 ? value + (NoiseStd * new Rng(seed, RngStreams.Noise + trial).NextGaussian()) : value;
    }
}
