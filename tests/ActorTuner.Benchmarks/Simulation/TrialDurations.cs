using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Core.Randomness;

namespace ActorTuner.Benchmarks.Simulation;

/// <summary>
/// Simulated trial durations: lognormal with σ = 1 and median 1 (exp of a standard normal), a heavy right
/// tail (mean e^½ ≈ 1.65, about 5% of trials last more than 5 times the median) like real training runs whose
/// length depends on the configuration. Trial t of the run seeded s draws from <c>Rng(s, RngStreams.Duration + t)</c>,
/// so the schedule is fixed by the seed and independent of the sampler's and the noise's draws.
/// </summary>
public static class TrialDurations
{
    /// <summary>The duration of trial <paramref name="trial"/> in the run seeded <paramref name="seed"/>.</summary>
    public static double LogNormal(long seed, int trial) => Math.Exp(new Rng(seed, RngStreams.Duration + trial).NextGaussian());
}
