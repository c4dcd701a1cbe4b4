using System.Collections.Immutable;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;
using ActorTuner.Surrogates.Sampling;

namespace ActorTuner.Surrogates.Tests.Sampling;

public sealed class GaussianProcessSamplerTests
{
    // 4 x 4 x 4 = 64 configurations: an ordinal, an int and a categorical.
    private static readonly SearchSpace Small = SearchSpace.Create(
        new OrdinalParameter("batch", [16, 32, 64, 128]),
        new IntParameter("depth", 1, 4),
        new CategoricalParameter("act", ["relu", "tanh", "gelu", "silu"]));

    private static readonly SearchSpace Mixed = SearchSpace.Create(
        new FloatParameter("lr", 1e-5, 1, Log: true),
        new FloatParameter("dropout", 0, 0.5, Step: 0.1),
        new IntParameter("width", 16, 1024, Log: true),
        new CategoricalParameter("optimizer", ["sgd", "adam"]),
        new FloatParameter("momentum", 0, 0.99, When: new ParameterCondition("optimizer", ["sgd"])),
        new OrdinalParameter("batch", [16, 32, 64, 128]));

    private static double SmallObjective(Configuration c) =>
        Math.Abs(Math.Log2(c["batch"].AsDouble()) - 5) + Math.Abs(c["depth"].AsDouble() - 3) + (c["act"].AsText() == "gelu" ? 0 : 0.5);

    private static double MixedObjective(Configuration c)
    {
        var v = Math.Pow(Math.Log10(c["lr"].AsDouble()) + 2.5, 2) + c["dropout"].AsDouble() + Math.Abs(Math.Log2(c["width"].AsDouble()) - 8) / 4;
        if (c["optimizer"].AsText() == "sgd")
        {
            v += Math.Abs(c["momentum"].AsDouble() - 0.9);
        }

        return v;
    }

    private static SuggestionContext Observe(ISampler sampler, SuggestionContext context, Func<Configuration, double> f, int trials)
    {
        for (var t = 0; t < trials; t++)
        {
            var c = sampler.Suggest(context, 1)[0];
            context.Space.Contains(c).ShouldBeTrue();
            context = context.WithObservation(Observation.Completed(c, f(c)));
        }

        return context;
    }

    [Fact]
    public void Same_seed_and_observations_give_the_same_suggestions()
    {
        var a = Observe(new GaussianProcessSampler(3), SuggestionContext.Empty(Mixed), MixedObjective, 16);
        var b = Observe(new GaussianProcessSampler(3), SuggestionContext.Empty(Mixed), MixedObjective, 16);
        a.Observations.Select(o => o.Configuration).ShouldBe(b.Observations.Select(o => o.Configuration));
        var c = Observe(new GaussianProcessSampler(4), SuggestionContext.Empty(Mixed), MixedObjective, 16);
        c.Observations.Select(o => o.Configuration).ShouldNotBe(a.Observations.Select(o => o.Configuration));
    }

    [Fact]
    public void A_batch_of_16_on_a_64_configuration_space_is_16_distinct_untried_configurations()
    {
        var sampler = new GaussianProcessSampler(1);
        var context = Observe(sampler, SuggestionContext.Empty(Small), SmallObjective, 12);
        var batch = sampler.Suggest(context, 16);
        batch.Length.ShouldBe(16);
        batch.Distinct().Count().ShouldBe(16);
        batch.ShouldAllBe(c => !context.Seen().Contains(c));
    }

    [Theory]
    [InlineData("gp:pending=min")]
    [InlineData("gp:pending=mean")]
    [InlineData("gp:pending=max")]
    [InlineData("gp:pending=kb")]
    [InlineData("gp:acq=ucb")]
    [InlineData("gp:acq=ts")]
    public void The_whole_finite_space_is_tried_before_any_configuration_repeats(string name)
    {
        var sampler = SamplerFactory.Create(name, 5);
        var context = SuggestionContext.Empty(Small);
        var tried = new HashSet<Configuration>();
        for (var t = 0; t < 64; t++)
        {
            // Keep three trials pending throughout, as a pool of workers would.
            var pending = sampler.Suggest(context, Math.Min(3, 64 - t));
            foreach (var p in pending)
            {
                tried.Add(p).ShouldBeTrue($"{p} suggested twice at trial {t}");
            }

            context = context.WithObservation(Observation.Completed(pending[0], SmallObjective(pending[0])));
            tried.Remove(pending[0]);
            tried.Add(pending[0]);
            foreach (var p in pending.Skip(1))
            {
                tried.Remove(p);
            }
        }

        context.Observations.Select(o => o.Configuration).Distinct().Count().ShouldBe(64);
    }

    [Fact]
    public void Pending_trials_push_the_next_suggestion_away()
    {
        var sampler = new GaussianProcessSampler(2);
        var context = Observe(sampler, SuggestionContext.Empty(TestFunctions.BraninSpace), TestFunctions.Branin, 20);
        var first = sampler.Suggest(context, 1)[0];
        var second = sampler.Suggest(context.WithPending(first), 1)[0];
        second.ShouldNotBe(first);
        var batch = sampler.Suggest(context, 8);
        batch.Distinct().Count().ShouldBe(8);
    }

    [Fact]
    public void Failed_nan_and_infinite_trials_do_not_crash_and_a_failed_point_is_not_suggested_again()
    {
        var sampler = new GaussianProcessSampler(6);
        var context = SuggestionContext.Empty(Small);
        var failed = new List<Configuration>();
        for (var t = 0; t < 40; t++)
        {
            var c = sampler.Suggest(context, 1)[0];
            failed.ShouldNotContain(c);
            Observation o;
            switch (t % 5)
            {
                case 0:
                    o = Observation.Failed(c);
                    failed.Add(c);
                    break;
                case 1:
                    o = Observation.Completed(c, double.NaN);
                    failed.Add(c);
                    break;
                case 2:
                    o = Observation.Completed(c, double.PositiveInfinity);
                    break;
                default:
                    o = Observation.Completed(c, SmallObjective(c));
                    break;
            }

            context = context.WithObservation(o);
        }

        context.Observations.Select(o => o.Configuration).Distinct().Count().ShouldBe(40);
    }

    [Fact]
    public void Every_observation_failing_falls_back_to_the_initial_design()
    {
        var sampler = new GaussianProcessSampler(7);
        var context = SuggestionContext.Empty(Mixed);
        for (var t = 0; t < 15; t++)
        {
            var c = sampler.Suggest(context, 1)[0];
            Mixed.Contains(c).ShouldBeTrue();
            context = context.WithObservation(Observation.Failed(c));
        }
    }

    [Fact]
    public void Maximisation_finds_the_top_of_a_mixed_conditional_space()
    {
        var sampler = new GaussianProcessSampler(8);
        var context = new SuggestionContext(Mixed, Direction.Maximize, [], []);
        context = Observe(sampler, context, c => -MixedObjective(c), 40);
        var best = context.Observations.Max(o => o.Value);
        best.ShouldBeGreaterThan(-0.3);
        context.Observations.ShouldContain(o => o.Configuration.ContainsKey("momentum"));
        context.Observations.ShouldContain(o => !o.Configuration.ContainsKey("momentum"));
    }

    [Fact]
    public void Initial_design_shrinks_on_a_tiny_space()
    {
        var sampler = new GaussianProcessSampler(0);
        sampler.InitialTrials(SearchSpace.Create(new CategoricalParameter("c", ["a", "b", "c"]), new IntParameter("k", 0, 2))).ShouldBe(2);
        sampler.InitialTrials(Small).ShouldBe(10);
        sampler.InitialTrials(Mixed).ShouldBe(10);
    }

    [Fact]
    public void Unknown_gp_options_are_refused_with_the_expected_keys()
    {
        Should.Throw<ArgumentException>(() => SamplerFactory.Create("gp:pending=worst", 0)).Message.ShouldContain("expected min, mean, max or kb");
        Should.Throw<ArgumentException>(() => SamplerFactory.Create("gp:colour=red", 0)).Message.ShouldContain("unknown gp option 'colour'");
        Should.Throw<ArgumentException>(() => SamplerFactory.Create("bayes", 0)).Message.ShouldContain("expected one of gp, grid, random, sobol");
    }
}
