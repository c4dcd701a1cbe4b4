using ActorTuner.Benchmarks.Efficiency;
using ActorTuner.Benchmarks.Simulation;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tests.Efficiency;

public class BestTraceTests
{
    private static FinishedTrial Trial(int i, double observed) =>
        new(i, new Configuration([new("id", (long)i)]), observed, i, i + 1, 0);

    // The true value of trial i is 10 * i: far from the observed values, so the test sees which is used.
    private static double TrueValue(Configuration c) => 10 * c["id"].AsDouble();

    [Fact]
    public void Minimisation_keeps_the_true_value_of_the_best_observed_trial()
    {
        var trials = new[] { Trial(0, 5), Trial(1, 7), Trial(2, 3), Trial(3, 3), Trial(4, 4) };

        BestTrace.Compute(trials, Direction.Minimize, TrueValue).ShouldBe([0.0, 0, 20, 20, 20]);
    }

    [Fact]
    public void Maximisation_keeps_the_largest_observed()
    {
        var trials = new[] { Trial(0, 5), Trial(1, 7), Trial(2, 3), Trial(3, 8) };

        BestTrace.Compute(trials, Direction.Maximize, TrueValue).ShouldBe([0.0, 10, 10, 30]);
    }

    [Fact]
    public void Failed_observations_never_become_the_incumbent()
    {
        var trials = new[] { Trial(0, double.NaN), Trial(1, 2), Trial(2, double.NaN) };

        var trace = BestTrace.Compute(trials, Direction.Minimize, TrueValue);

        double.IsNaN(trace[0]).ShouldBeTrue();
        trace[1..].ShouldBe([10.0, 10]);
    }
}
