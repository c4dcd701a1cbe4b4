using System.Collections.Immutable;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Simulation;

/// <summary>
/// A discrete-event simulation of P asynchronous workers. Whenever a worker is free and fewer than
/// <c>budget</c> trials have started, the sampler is asked for one configuration, shown the finished trials
/// (in completion order) and the running ones as pending (in start order); the trial then runs for a
/// simulated duration. The earliest-finishing running trial completes next (ties: the earlier-started one),
/// its observed value is appended to the observations, and the freed worker asks again. Exactly
/// <c>budget</c> trials start and finish. With P = 1 this is the plain sequential loop: suggest with nothing
/// pending, evaluate, append.
/// </summary>
public static class AsyncScheduler
{
    /// <summary>Runs the simulation and returns the trials in completion order.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="direction">The direction the sampler optimises.</param>
    /// <param name="sampler">A fresh sampler for this run.</param>
    /// <param name="observe">The value the sampler observes for (configuration, trial index in start order).</param>
    /// <param name="budget">How many trials start and finish.</param>
    /// <param name="parallelism">How many workers (P >= 1).</param>
    /// <param name="duration">The simulated duration of a trial by its index in start order.</param>
    public static ImmutableArray<FinishedTrial> Run(
        SearchSpace space,
        Direction direction,
        ISampler sampler,
        Func<Configuration, int, double> observe,
        int budget,
        int parallelism,
        Func<int, double> duration)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(duration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);

        var observations = ImmutableArray<Observation>.Empty;
        var running = new List<Running>(parallelism); // in start order
        var finished = ImmutableArray.CreateBuilder<FinishedTrial>(budget);
        var now = 0.0;
        var started = 0;
        while (finished.Count < budget)
        {
            while (running.Count < parallelism && started < budget)
            {
                var pending = running.Select(r => r.Configuration).ToImmutableArray();
                var context = new SuggestionContext(space, direction, observations, pending);
                var suggestion = sampler.Suggest(context, 1);
                if (suggestion.Length != 1)
                {
                    throw new InvalidOperationException($"sampler '{sampler.Name}' returned {suggestion.Length} configurations when asked for 1");
                }

                var length = duration(started);
                if (!(length >= 0) || double.IsPositiveInfinity(length))
                {
                    throw new InvalidOperationException($"trial {started} drew the duration {length}; durations must be finite and >= 0");
                }

                running.Add(new Running(started, suggestion[0], now, now + length, pending.Length));
                started++;
            }

            var next = 0;
            for (var i = 1; i < running.Count; i++)
            {
                if (running[i].Finish < running[next].Finish)
                {
                    next = i; // strict: on a tie the earlier-started trial (lower i) finishes first
                }
            }

            var done = running[next];
            running.RemoveAt(next);
            now = done.Finish;
            var value = observe(done.Configuration, done.Trial);
            observations = observations.Add(Observation.Completed(done.Configuration, value));
            finished.Add(new FinishedTrial(done.Trial, done.Configuration, value, done.Start, done.Finish, done.PendingAtStart));
        }

        return finished.MoveToImmutable();
    }

    private readonly record struct Running(int Trial, Configuration Configuration, double Start, double Finish, int PendingAtStart);
}
