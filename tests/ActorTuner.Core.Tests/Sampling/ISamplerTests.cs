using System.Collections.Immutable;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;
using static ActorTuner.Core.Tests.TestSpaces;

namespace ActorTuner.Core.Tests.Sampling;

/// <summary>The <see cref="ISampler"/> contract, run against every sampler by its derived test class.</summary>
public abstract class ISamplerTests
{
    protected abstract string ExpectedName { get; }

    protected abstract ISampler Create(long seed);

    [Fact]
    public void Name_is_the_one_the_factory_uses()
    {
        Create(1).Name.ShouldBe(ExpectedName);
    }

    [Fact]
    public void Same_seed_and_context_give_the_same_suggestions()
    {
        foreach (var space in new[] { Mixed(), Small64(), Conditional96() })
        {
            var context = Context(space, Create(5).Suggest(SuggestionContext.Empty(space), 6).Take(4), Create(6).Suggest(SuggestionContext.Empty(space), 2));
            var a = Create(42).Suggest(context, 5);
            var b = Create(42).Suggest(context, 5);
            a.ShouldBe(b);
        }
    }

    [Fact]
    public void Different_seeds_give_different_suggestions()
    {
        foreach (var (name, space) in new[] { ("continuous", Continuous()), ("mixed", Mixed()), ("small", Small64()) })
        {
            var a = Create(1).Suggest(SuggestionContext.Empty(space), 8);
            var b = Create(2).Suggest(SuggestionContext.Empty(space), 8);
            a.ShouldNotBe(b, name);
        }
    }

    [Fact]
    public void A_batch_is_distinct_and_avoids_everything_seen()
    {
        var space = Small64();
        var seen = RandomSubset(space, 10, 3);
        var context = Context(space, seen.Take(7), seen.Skip(7));
        var batch = Create(7).Suggest(context, 16);
        batch.Length.ShouldBe(16);
        batch.Distinct().Count().ShouldBe(16);
        batch.ShouldAllBe(c => space.Contains(c));
        batch.Intersect(seen).ShouldBeEmpty();
    }

    [Fact]
    public void A_batch_of_every_untried_configuration_is_exactly_the_untried_ones()
    {
        // 56 observed (completed and failed) + 4 pending = 60 seen of 64; 4 remain.
        var space = Small64();
        var seen = RandomSubset(space, 60, 8);
        var untried = SpaceEnumerator.Enumerate(space).Except(seen).ToHashSet();
        untried.Count.ShouldBe(4);
        var context = Context(space, seen.Take(56), seen.Skip(56));
        Create(3).Suggest(context, 4).ToHashSet().SetEquals(untried).ShouldBeTrue();
    }

    [Fact]
    public void One_at_a_time_never_repeats_while_untried_configurations_remain()
    {
        var space = Small64();
        var seen = RandomSubset(space, 60, 9);
        var untried = SpaceEnumerator.Enumerate(space).Except(seen).ToHashSet();
        var context = Context(space, seen.Take(56), seen.Skip(56));
        var sampler = Create(4);
        var got = new List<Configuration>();
        for (var i = 0; i < 4; i++)
        {
            var next = sampler.Suggest(context, 1).ShouldHaveSingleItem();
            got.Add(next);
            context = context.WithPending(next);
        }

        got.ToHashSet().SetEquals(untried).ShouldBeTrue(string.Join(", ", got));

        // Exhausted: still legal suggestions, no exception.
        var more = sampler.Suggest(context, 3);
        more.Length.ShouldBe(3);
        more.ShouldAllBe(c => space.Contains(c));
    }

    [Fact]
    public void A_whole_finite_space_is_covered_trial_by_trial_without_repeats()
    {
        var space = Small64();
        var sampler = Create(11);
        var context = SuggestionContext.Empty(space);
        for (var t = 0; t < 64; t++)
        {
            var next = sampler.Suggest(context, 1).ShouldHaveSingleItem();
            context = t % 2 == 0
                ? context.WithObservation(Observation.Completed(next, t))
                : context.WithObservation(Observation.Failed(next));
        }

        context.Seen().Count.ShouldBe(64);
    }

    [Fact]
    public void Suggestions_are_legal_in_continuous_mixed_and_conditional_spaces()
    {
        foreach (var space in new[] { Continuous(), Mixed(), Conditional96(), Large62208() })
        {
            var sampler = Create(13);
            var context = SuggestionContext.Empty(space);
            for (var round = 0; round < 10; round++)
            {
                var batch = sampler.Suggest(context, 8);
                batch.Length.ShouldBe(8);
                foreach (var c in batch)
                {
                    space.Contains(c).ShouldBeTrue(c.ToString());
                    context = context.WithPending(c);
                }
            }

            if (space.IsFinite)
            {
                context.Seen().Count.ShouldBe(80, "distinct while untried remain");
            }
        }
    }

    [Fact]
    public void Non_finite_and_failed_observations_do_not_disturb_it()
    {
        var space = Mixed();
        var picks = Create(1).Suggest(SuggestionContext.Empty(space), 4);
        var context = new SuggestionContext(
            space,
            Direction.Maximize,
            [
                Observation.Completed(picks[0], double.NaN),
                Observation.Completed(picks[1], double.PositiveInfinity),
                Observation.Completed(picks[2], double.NegativeInfinity),
                Observation.Failed(picks[3]),
            ],
            []);
        var next = Create(2).Suggest(context, 3);
        next.Length.ShouldBe(3);
        next.ShouldAllBe(c => space.Contains(c));
    }

    [Fact]
    public void Zero_suggestions_is_an_empty_batch()
    {
        Create(1).Suggest(SuggestionContext.Empty(Small64()), 0).ShouldBeEmpty();
    }

    [Fact]
    public void A_negative_count_is_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Create(1).Suggest(SuggestionContext.Empty(Small64()), -1));
    }

    /// <summary><paramref name="count"/> distinct configurations of a finite space, chosen by <paramref name="seed"/>.</summary>
    protected static ImmutableArray<Configuration> RandomSubset(SearchSpace space, int count, long seed)
    {
        var all = SpaceEnumerator.Enumerate(space).ToArray();
        new Rng(seed).Shuffle<Configuration>(all);
        return [.. all.Take(count)];
    }
}
