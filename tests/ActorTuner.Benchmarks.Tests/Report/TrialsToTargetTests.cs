using ActorTuner.Benchmarks.Report;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tests.Report;

public sealed class TrialsToTargetTests
{
    private static readonly TaskMetadata Minimise = new(Direction.Minimize, 0, 1, 0.5, "", "", "");
    private static readonly TaskMetadata Maximise = new(Direction.Maximize, 1, 0, 0.5, "", "", "");

    [Fact]
    public void Counts_the_first_trial_at_least_as_good_as_the_target()
    {
        var result = TrialsToTarget.Count([[0.9, 0.5, 0.1], [0.9, 0.8, 0.4]], 0.5, Minimise);

        result.Reached.ShouldBe(2);
        result.MeanCensored.ShouldBe(2.5);
        result.Cell().ShouldBe("2.5");
    }

    [Fact]
    public void Direction_decides_what_at_least_as_good_means()
    {
        TrialsToTarget.Count([[0.1, 0.6]], 0.5, Maximise).MeanCensored.ShouldBe(2);
        TrialsToTarget.Count([[0.1, 0.6]], 0.5, Minimise).MeanCensored.ShouldBe(1);
    }

    [Fact]
    public void Runs_that_never_get_there_make_the_mean_a_lower_bound()
    {
        TrialsToTarget.Count([[0.9, 0.4], [0.9, 0.9]], 0.5, Minimise).Cell().ShouldBe("> 2.0 (1/2 reached)");
        TrialsToTarget.Count([[0.9, 0.9, 0.9]], 0.5, Minimise).Cell().ShouldBe("> 3");
    }
}
