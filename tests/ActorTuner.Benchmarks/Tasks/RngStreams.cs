namespace ActorTuner.Benchmarks.Tasks;

/// <summary>
/// Stream numbers for <see cref="ActorTuner.Core.Randomness.Rng"/> drawn by the benchmark itself, far from
/// the small stream numbers samplers use with the same run seed (the random sampler uses the trial count),
/// so the benchmark's noise and durations are independent of a sampler's own draws.
/// </summary>
public static class RngStreams
{
    /// <summary>Observation noise of trial t: stream <c>Noise + t</c>.</summary>
    public const long Noise = 1L << 40;

    /// <summary>Simulated duration of trial t: stream <c>Duration + t</c>.</summary>
    public const long Duration = 2L << 40;

    /// <summary>Data of the overhead benchmark (observed points, pending points, the objective).</summary>
    public const long Overhead = 3L << 40;
}
