using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using static ActorTuner.Core.Tests.TestSpaces;

namespace ActorTuner.Core.Tests.Sampling;

public class SobolSamplerTests : ISamplerTests
{
    protected override string ExpectedName => "sobol";

    protected override ISampler Create(long seed) => new SobolSampler(seed);

    private static SearchSpace UnitSquare() => SearchSpace.Create(new FloatParameter("x", 0, 1), new FloatParameter("y", 0, 1));

    [Fact]
    public void Trial_t_gets_scrambled_point_t()
    {
        var space = UnitSquare();
        var sequence = new SobolSequence(2, 31);
        var sampler = new SobolSampler(31);
        var context = SuggestionContext.Empty(space);
        for (var t = 0; t < 20; t++)
        {
            var c = sampler.Suggest(context, 1).ShouldHaveSingleItem();
            var u = sequence.Point(t);
            c["x"].AsDouble().ShouldBe(u[0]);
            c["y"].AsDouble().ShouldBe(u[1]);
            context = context.WithPending(c);
        }
    }

    [Fact]
    public void The_first_256_trials_put_one_point_in_each_of_16_by_16_cells()
    {
        var space = UnitSquare();
        var sampler = new SobolSampler(8);
        var context = SuggestionContext.Empty(space);
        var hits = new int[16, 16];
        for (var round = 0; round < 32; round++)
        {
            foreach (var c in sampler.Suggest(context, 8))
            {
                hits[(int)(c["x"].AsDouble() * 16), (int)(c["y"].AsDouble() * 16)]++;
                context = context.WithPending(c);
            }
        }

        foreach (var h in hits)
        {
            h.ShouldBe(1);
        }
    }

    [Fact]
    public void A_batch_equals_the_same_trials_suggested_one_at_a_time()
    {
        var space = Continuous();
        var sampler = new SobolSampler(17);
        var start = Context(space, sampler.Suggest(SuggestionContext.Empty(space), 5));
        var batch = sampler.Suggest(start, 6);
        var context = start;
        for (var i = 0; i < 6; i++)
        {
            var next = sampler.Suggest(context, 1).ShouldHaveSingleItem();
            next.ShouldBe(batch[i]);
            context = context.WithPending(next);
        }
    }

    [Fact]
    public void In_a_finite_space_the_first_trials_stratify_each_parameter()
    {
        // 8 trials over an 8-value ordinal axis take each value once (the 1-D projection of any 2^3 aligned block).
        var space = SearchSpace.Create(
            new OrdinalParameter("a", [1, 2, 3, 4, 5, 6, 7, 8]),
            new CategoricalParameter("b", ["p", "q", "r", "s", "t", "u", "v", "w"]),
            new FloatParameter("c", 0, 1));
        var batch = new SobolSampler(21).Suggest(SuggestionContext.Empty(space), 8);
        batch.Select(c => c["a"]).Distinct().Count().ShouldBe(8);
        batch.Select(c => c["b"]).Distinct().Count().ShouldBe(8);
    }

    [Fact]
    public void A_space_wider_than_the_table_is_rejected_clearly()
    {
        var space = SearchSpace.Create(Enumerable.Range(0, SobolSequence.MaxDimensions + 1).Select(i => (ParameterSpec)new FloatParameter($"x{i}", 0, 1)));
        var e = Should.Throw<ArgumentOutOfRangeException>(() => new SobolSampler(1).Suggest(SuggestionContext.Empty(space), 1));
        e.Message.ShouldContain($"{SobolSequence.MaxDimensions + 1} were asked for");
        e.Message.ShouldContain("random sampler");
    }
}
