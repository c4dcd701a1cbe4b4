using ActorTuner.Benchmarks.Overhead;
using ActorTuner.Benchmarks.Tests.Simulation;

namespace ActorTuner.Benchmarks.Tests.Overhead;

public class OverheadCellTests
{
    [Fact]
    public void Warm_up_calls_see_n_minus_w_to_n_minus_1_and_timed_calls_n_onwards()
    {
        var sampler = new RecordingSampler(0);

        var times = OverheadCell.Measure(() => sampler, dims: 3, n: 20, pending: 2, repeats: 4, warmup: 5, seed: 0);

        times.Length.ShouldBe(4);
        times.ShouldAllBe(t => t >= 0);
        sampler.Calls.Select(c => c.Context.Observations.Length).ShouldBe([15, 16, 17, 18, 19, 20, 21, 22, 23]);
        sampler.Calls.ShouldAllBe(c => c.Context.Pending.Length == 2);
        sampler.Calls.ShouldAllBe(c => c.Context.Space.Dimensions == 3);
        sampler.Calls[^1].Context.Observations[^1].Configuration.ShouldBe(sampler.Calls[^2].Answer); // suggestions are appended
    }

    [Fact]
    public void Fewer_observations_than_warm_up_calls_warm_up_from_zero()
    {
        var sampler = new RecordingSampler(0);

        OverheadCell.Measure(() => sampler, dims: 2, n: 2, pending: 0, repeats: 2, warmup: 5, seed: 0);

        sampler.Calls.Select(c => c.Context.Observations.Length).ShouldBe([0, 1, 2, 3]);
    }

    [Theory]
    [InlineData(new[] { 5.0 }, 0.5, 5.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 0.5, 2.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.5, 2.5)]
    [InlineData(new[] { 7.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 0.9, 6.4)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0 }, 0.9, 10.0)]
    public void Percentile_interpolates_linearly_between_order_statistics(double[] values, double q, double expected)
    {
        OverheadCell.Percentile(values, q).ShouldBe(expected, tolerance: 1e-12);
    }

    [Fact]
    public void Summary_record_has_median_and_p90()
    {
        var r = OverheadCell.Summarise("gp", 2, 100, 8, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);

        (r.Dims, r.N, r.Pending, r.Sampler).ShouldBe((2, 100, 8, "gp"));
        r.MedianMs.ShouldBe(4);
        r.P90Ms.ShouldBe(6.4, tolerance: 1e-12);
    }
}
