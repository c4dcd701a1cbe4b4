using ActorTuner.Benchmarks.Efficiency;
using ActorTuner.Benchmarks.Simulation;
using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tests.Efficiency;

public class EfficiencyRunTests
{
    [Fact]
    public void A_record_describes_its_run()
    {
        var record = EfficiencyRun.Execute(SyntheticFunctions.Create("branin"), "random", seed: 3, budget: 20, parallelism: 4, NoiseMode.Seed);

        record.Task.ShouldBe("branin");
        record.Sampler.ShouldBe("random");
        record.Seed.ShouldBe(3);
        record.Budget.ShouldBe(20);
        record.Parallelism.ShouldBe(4);
        record.Noise.ShouldBe("seed");
        record.BestTrace.Length.ShouldBe(20);
        record.Seconds.ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Runs_are_determined_by_task_sampler_and_seed()
    {
        var task = SyntheticFunctions.Create("hartmann6-noise0.2");

        var a = EfficiencyRun.Execute(task, "random", 5, 30, 3, NoiseMode.Mean);
        var b = EfficiencyRun.Execute(task, "random", 5, 30, 3, NoiseMode.Mean);
        var c = EfficiencyRun.Execute(task, "random", 6, 30, 3, NoiseMode.Mean);

        a.BestTrace.ShouldBe(b.BestTrace);
        a.BestTrace.SequenceEqual(c.BestTrace).ShouldBeFalse();
    }

    /// <summary>
    /// On a noisy function the incumbent is chosen by the noisy observations but scored by the noise-free
    /// value: replaying the run shows each trace entry is the noise-free value of the best observed trial.
    /// </summary>
    [Fact]
    public void Noisy_variant_trace_holds_noise_free_values_of_the_best_observed_trial()
    {
        var task = SyntheticFunctions.Create("branin-noise5");
        const int seed = 8;
        var record = EfficiencyRun.Execute(task, "random", seed, 60, 1, NoiseMode.Mean);

        var trials = AsyncScheduler.Run(task.Space, Direction.Minimize, new RandomSampler(seed), (c, t) => task.Observe(c, NoiseMode.Mean, seed, t), 60, 1, _ => 1);
        var bestObserved = double.PositiveInfinity;
        var expected = new List<double>();
        var differsFromObserved = false;
        foreach (var t in trials)
        {
            if (t.Observed < bestObserved)
            {
                bestObserved = t.Observed;
                differsFromObserved |= Math.Abs(task.Evaluate(t.Configuration) - t.Observed) > 1e-9;
            }

            expected.Add(task.Evaluate(trials.First(x => x.Observed == bestObserved).Configuration));
        }

        record.BestTrace.ShouldBe(expected);
        differsFromObserved.ShouldBeTrue(); // the noise really was there
    }
}
