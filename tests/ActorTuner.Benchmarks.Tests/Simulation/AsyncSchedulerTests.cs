using System.Collections.Immutable;
using ActorTuner.Benchmarks.Simulation;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tests.Simulation;

public class AsyncSchedulerTests
{
    private static readonly SearchSpace Space = SearchSpace.Create(new FloatParameter("x0", 0, 1), new FloatParameter("x1", 0, 1));

    private static double F(Configuration c) => c["x0"].AsDouble() + (2 * c["x1"].AsDouble());

    private static (ImmutableArray<FinishedTrial> Trials, RecordingSampler Sampler) Run(int budget, int parallelism, long seed)
    {
        var sampler = new RecordingSampler(seed);
        var trials = AsyncScheduler.Run(Space, Direction.Minimize, sampler, (c, _) => F(c), budget, parallelism, t => TrialDurations.LogNormal(seed, t));
        return (trials, sampler);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Exactly_budget_trials_start_and_finish(int parallelism)
    {
        var (trials, sampler) = Run(37, parallelism, seed: 5);

        trials.Length.ShouldBe(37);
        sampler.Calls.Count.ShouldBe(37);
        trials.Select(t => t.Trial).Order().ShouldBe(Enumerable.Range(0, 37));
        trials.Select(t => t.Finish).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void A_budget_below_the_parallelism_starts_only_budget_trials()
    {
        var (trials, sampler) = Run(3, 8, seed: 1);

        trials.Length.ShouldBe(3);
        sampler.Calls.Select(c => c.Context.Pending.Length).ShouldBe([0, 1, 2]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Never_more_than_P_trials_run_at_once(int parallelism)
    {
        var (trials, sampler) = Run(60, parallelism, seed: 9);

        sampler.Calls.Max(c => c.Context.Pending.Length).ShouldBe(parallelism - 1);
        foreach (var t in trials)
        {
            // trials running at the instant t starts (those started before it and finishing after it started)
            var running = trials.Count(o => o.Trial != t.Trial && o.Trial < t.Trial && o.Finish > t.Start);
            running.ShouldBeLessThanOrEqualTo(parallelism - 1);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Pending_shown_to_the_sampler_are_exactly_the_running_trials(int parallelism)
    {
        var (trials, sampler) = Run(50, parallelism, seed: 2);
        var byStart = trials.OrderBy(t => t.Trial).ToList();

        for (var t = 0; t < sampler.Calls.Count; t++)
        {
            var (context, answer) = sampler.Calls[t];
            answer.ShouldBe(byStart[t].Configuration);
            var finishedBefore = trials.Take(context.Observations.Length).ToList();
            context.Observations.Select(o => o.Configuration).ShouldBe(finishedBefore.Select(f => f.Configuration));
            context.Observations.Select(o => o.Value).ShouldBe(finishedBefore.Select(f => f.Observed));
            var running = byStart.Take(t).Where(s => !finishedBefore.Any(f => f.Trial == s.Trial)).Select(s => s.Configuration);
            context.Pending.ShouldBe(running);
            byStart[t].PendingAtStart.ShouldBe(context.Pending.Length);
        }
    }

    [Fact]
    public void With_one_worker_it_is_the_sequential_loop()
    {
        var (trials, _) = Run(30, 1, seed: 4);

        var sampler = new RandomSampler(4);
        var context = SuggestionContext.Empty(Space);
        var expected = new List<Configuration>();
        for (var i = 0; i < 30; i++)
        {
            var c = sampler.Suggest(context, 1)[0];
            expected.Add(c);
            context = context.WithObservation(Observation.Completed(c, F(c)));
        }

        trials.Select(t => t.Configuration).ShouldBe(expected);
        trials.Select(t => t.Trial).ShouldBe(Enumerable.Range(0, 30));
        trials.ShouldAllBe(t => t.PendingAtStart == 0);
    }

    [Fact]
    public void Results_arrive_in_completion_order_not_start_order()
    {
        var (trials, _) = Run(40, 8, seed: 3);

        trials.Select(t => t.Trial).SequenceEqual(Enumerable.Range(0, 40)).ShouldBeFalse();
    }

    [Fact]
    public void Runs_are_determined_by_the_seed()
    {
        var a = Run(40, 4, seed: 11).Trials;
        var b = Run(40, 4, seed: 11).Trials;
        var c = Run(40, 4, seed: 12).Trials;

        a.ShouldBe(b);
        a.Select(t => t.Configuration).SequenceEqual(c.Select(t => t.Configuration)).ShouldBeFalse();
    }

    [Fact]
    public void Completion_follows_the_durations_and_observe_gets_the_start_order_index()
    {
        // Two workers; trial 0 lasts 5, the others 1: trials 1, 2, 3 run one after the other beside trial 0.
        var seen = new List<int>();
        var trials = AsyncScheduler.Run(Space, Direction.Minimize, new RandomSampler(0), (c, t) => { seen.Add(t); return F(c); }, 4, 2, t => t == 0 ? 5 : 1);

        seen.ShouldBe([1, 2, 3, 0]);
        trials.Select(t => (t.Start, t.Finish)).ShouldBe([(0.0, 1.0), (1.0, 2.0), (2.0, 3.0), (0.0, 5.0)]);
    }

    [Fact]
    public void Ties_finish_in_start_order()
    {
        var trials = AsyncScheduler.Run(Space, Direction.Minimize, new RandomSampler(0), (c, _) => F(c), 12, 4, _ => 1);

        trials.Select(t => t.Trial).ShouldBe(Enumerable.Range(0, 12));
    }
}
