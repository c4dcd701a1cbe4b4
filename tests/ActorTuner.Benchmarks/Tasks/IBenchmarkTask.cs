using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tasks;

/// <summary>
/// An objective to tune in a benchmark: a search space, a direction, the true (noise-free) value of a
/// configuration and the value a sampler observes for it in a given trial. Implementations are immutable
/// and safe to share between runs on several threads.
/// </summary>
public interface IBenchmarkTask
{
    /// <summary>The task's name as written in result files (a tabular file's stem, or the function's name).</summary>
    string Name { get; }

    /// <summary>The space the samplers search.</summary>
    SearchSpace Space { get; }

    /// <summary>Whether smaller or larger values are better.</summary>
    Direction Direction { get; }

    /// <summary>The best true value in the space when known (for regret), else null.</summary>
    double? Optimum { get; }

    /// <summary>The noise-free value: a tabular task's seed mean, a function's value without added noise.</summary>
    double Evaluate(Configuration configuration);

    /// <summary>
    /// The value a sampler observes for <paramref name="configuration"/> as trial <paramref name="trial"/>
    /// (0-based, in start order) of the run seeded with <paramref name="seed"/>. Deterministic in its arguments.
    /// </summary>
    double Observe(Configuration configuration, NoiseMode noise, long seed, int trial);
}
