using System.Diagnostics;
using ActorTuner.Benchmarks.Results;
using ActorTuner.Benchmarks.Simulation;
using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Surrogates;

namespace ActorTuner.Benchmarks.Efficiency;

/// <summary>One (task, sampler, seed) run of ActorTuner's own sampler.</summary>
public static class EfficiencyRun
{
    /// <summary>
    /// Runs <paramref name="budget"/> trials of a fresh sampler seeded with <paramref name="seed"/> through the
    /// simulated scheduler (durations <see cref="TrialDurations.LogNormal"/>); <c>seconds</c> is the wall-clock time
    /// of the whole run, almost all of it the sampler's.
    /// </summary>
    public static EfficiencyRecord Execute(IBenchmarkTask task, string sampler, int seed, int budget, int parallelism, NoiseMode noise)
    {
        ArgumentNullException.ThrowIfNull(task);
        var clock = Stopwatch.StartNew();
        var instance = SamplerFactory.Create(sampler, seed);
        var trials = AsyncScheduler.Run(
            task.Space,
            task.Direction,
            instance,
            (configuration, trial) => task.Observe(configuration, noise, seed, trial),
            budget,
            parallelism,
            trial => TrialDurations.LogNormal(seed, trial));
        clock.Stop();
        var trace = BestTrace.Compute(trials, task.Direction, task.Evaluate);
        return new EfficiencyRecord(
            task.Name,
            sampler,
            seed,
            budget,
            parallelism,
            noise == NoiseMode.Mean ? "mean" : "seed",
            trace,
            clock.Elapsed.TotalSeconds);
    }
}
