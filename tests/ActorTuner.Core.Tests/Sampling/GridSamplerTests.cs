using ActorTuner.Core.Randomness;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;
using static ActorTuner.Core.Tests.TestSpaces;

namespace ActorTuner.Core.Tests.Sampling;

public class GridSamplerTests : ISamplerTests
{
    protected override string ExpectedName => "grid";

    protected override ISampler Create(long seed) => new GridSampler(seed);

    [Fact]
    public void A_batch_of_64_covers_the_64_point_grid()
    {
        var space = Small64();
        var batch = new GridSampler(3).Suggest(SuggestionContext.Empty(space), 64);
        batch.Distinct().Count().ShouldBe(64);
        batch.ToHashSet().SetEquals(SpaceEnumerator.Enumerate(space)).ShouldBeTrue();
    }

    [Fact]
    public void Trial_by_trial_follows_the_same_shuffled_order()
    {
        var space = Small64();
        var sampler = new GridSampler(3);
        var batch = sampler.Suggest(SuggestionContext.Empty(space), 64);
        var context = SuggestionContext.Empty(space);
        for (var t = 0; t < 64; t++)
        {
            var next = sampler.Suggest(context, 1).ShouldHaveSingleItem();
            next.ShouldBe(batch[t]);
            context = context.WithObservation(Observation.Completed(next, t));
        }
    }

    [Fact]
    public void The_order_is_shuffled_and_depends_on_the_seed()
    {
        var space = Small64();
        var enumerated = SpaceEnumerator.Enumerate(space).ToList();
        var a = new GridSampler(1).Suggest(SuggestionContext.Empty(space), 64);
        var b = new GridSampler(2).Suggest(SuggestionContext.Empty(space), 64);
        a.ShouldNotBe([.. enumerated]);
        a.ShouldNotBe(b);
        Enumerable.Range(0, 64).Count(i => a[i].Equals(enumerated[i])).ShouldBeLessThan(8);
    }

    [Fact]
    public void Continuous_axes_use_bin_centres()
    {
        var space = SearchSpace.Create(
            new FloatParameter("x", 0, 1),
            new FloatParameter("lr", 1e-4, 1, Log: true),
            new IntParameter("n", 1, 3));
        var sampler = new GridSampler(5, pointsPerAxis: 4);
        sampler.PointsPerAxis.ShouldBe(4);
        var grid = sampler.Suggest(SuggestionContext.Empty(space), 48);
        grid.Distinct().Count().ShouldBe(48);
        grid.Select(c => c["x"].AsDouble()).Distinct().Order().ShouldBe([0.125, 0.375, 0.625, 0.875]);
        var lr = grid.Select(c => c["lr"].AsDouble()).Distinct().Order().ToArray();
        lr.Length.ShouldBe(4);
        lr.Zip(new[] { 3.5, 2.5, 1.5, 0.5 }.Select(e => Math.Pow(10, -e))).ShouldAllBe(p => Math.Abs(p.First - p.Second) <= 1e-12 * p.Second);
        grid.Select(c => c["n"].AsLong()).Distinct().Order().ShouldBe([1L, 2L, 3L]); // discrete axes keep all values
    }

    [Fact]
    public void Default_is_ten_points_per_continuous_axis()
    {
        var sampler = new GridSampler(1);
        sampler.PointsPerAxis.ShouldBe(10);
        var grid = sampler.Suggest(SuggestionContext.Empty(Continuous()), 100);
        grid.Distinct().Count().ShouldBe(100);
        grid.Select(c => c["dropout"]).Distinct().Count().ShouldBe(10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void At_least_one_point_per_axis_is_required(int points)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new GridSampler(1, points));
    }

    [Fact]
    public void A_conditional_grid_has_exactly_size_points()
    {
        var space = Conditional96();
        var batch = new GridSampler(4).Suggest(SuggestionContext.Empty(space), 96);
        batch.Distinct().Count().ShouldBe(96);
        batch.ToHashSet().SetEquals(SpaceEnumerator.Enumerate(space)).ShouldBeTrue();
    }

    [Fact]
    public void An_exhausted_grid_repeats_the_least_tried_points_first()
    {
        var space = Small64();
        var sampler = new GridSampler(6);
        var order = sampler.Suggest(SuggestionContext.Empty(space), 64);

        // Everything seen once and the first ten seen twice: the next 54 are the other points, in order.
        var context = Context(space, order.Concat(order.Take(10)));
        var next = sampler.Suggest(context, 54);
        next.ShouldBe(order.Skip(10));

        // A batch larger than the grid: a whole second pass before any point is tried a third time.
        var twice = sampler.Suggest(Context(space, order), 70);
        twice.Take(64).ShouldBe(order);
        twice.Skip(64).ShouldBe(order.Take(6));
    }

    [Fact]
    public void A_62208_point_grid_continues_after_1000_seen_points()
    {
        var space = Large62208();
        var sampler = new GridSampler(10);
        var first = sampler.Suggest(SuggestionContext.Empty(space), 1016);
        first.Distinct().Count().ShouldBe(1016);

        // Stateless: shown the first 1000 as finished trials, it walks past them to the same next 16.
        var context = Context(space, first.Take(990), first.Skip(990).Take(10));
        var next = sampler.Suggest(context, 16);
        next.ShouldBe(first.Skip(1000));
    }

    [Fact]
    public void A_62208_point_grid_avoids_1000_seen_points_from_elsewhere()
    {
        var space = Large62208();
        var rng = new Rng(77);
        var seen = new HashSet<Configuration>();
        while (seen.Count < 1000)
        {
            var u = new double[space.Dimensions];
            for (var i = 0; i < u.Length; i++)
            {
                u[i] = rng.NextDouble();
            }

            seen.Add(space.Decode(u));
        }

        var context = Context(space, seen);
        var next = new GridSampler(10).Suggest(context, 32);
        next.Distinct().Count().ShouldBe(32);
        next.Intersect(seen).ShouldBeEmpty();
        next.ShouldAllBe(c => space.Contains(c));
    }

    [Fact]
    public void A_grid_too_large_to_index_is_rejected_clearly()
    {
        var space = SearchSpace.Create(Enumerable.Range(0, 10).Select(i => (ParameterSpec)new FloatParameter($"x{i}", 0, 1)));
        var e = Should.Throw<InvalidOperationException>(() => new GridSampler(1, 100).Suggest(SuggestionContext.Empty(space), 1));
        e.Message.ShouldContain("pointsPerAxis");
    }
}
