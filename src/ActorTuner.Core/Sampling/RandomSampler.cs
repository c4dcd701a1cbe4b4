using System.Collections.Immutable;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// Independent uniform draws in the unit cube, decoded. The draws for trial t come from the stream
/// (seed, t), so the sampler is stateless and replayable. In a finite space it does not repeat a
/// configuration while untried ones remain.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private readonly long _seed;

    /// <summary>Creates the sampler.</summary>
    public RandomSampler(long seed) => _seed = seed;

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public ImmutableArray<Configuration> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rng = new Rng(_seed, context.TrialCount);
        var seen = context.Space.IsFinite ? context.Seen() : [];
        return Unseen.Draw(context.Space, seen, count, rng, r =>
        {
            var u = new double[context.Space.Dimensions];
            for (var i = 0; i < u.Length; i++)
            {
                u[i] = r.NextDouble();
            }

            return context.Space.Decode(u);
        });
    }
}
