using ActorTuner.Benchmarks.Report;

namespace ActorTuner.Benchmarks.Tests.Report;

public sealed class SeedStatisticsTests
{
    [Fact]
    public void Quantiles_interpolate_between_closest_ranks_like_numpy()
    {
        double[] xs = [4, 1, 3, 2];

        // numpy.percentile([1, 2, 3, 4], [25, 50, 75, 90]) = 1.75, 2.5, 3.25, 3.7
        SeedStatistics.Quantile(xs, 0.25).ShouldBe(1.75, 1e-12);
        SeedStatistics.Quantile(xs, 0.5).ShouldBe(2.5, 1e-12);
        SeedStatistics.Quantile(xs, 0.75).ShouldBe(3.25, 1e-12);
        SeedStatistics.Quantile(xs, 0.9).ShouldBe(3.7, 1e-12);
        SeedStatistics.Quantile([7.0], 0.9).ShouldBe(7.0);
    }

    [Fact]
    public void Standard_deviation_divides_by_n_minus_one()
    {
        SeedStatistics.SampleStd([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).ShouldBe(Math.Sqrt(32.0 / 7), 1e-12);
        double.IsNaN(SeedStatistics.SampleStd([1.0])).ShouldBeTrue();
        double.IsNaN(SeedStatistics.Mean([])).ShouldBeTrue();
    }
}
