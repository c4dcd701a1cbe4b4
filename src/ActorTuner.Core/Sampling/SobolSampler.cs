using System.Collections.Immutable;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// Quasi-random search: trial t gets point t of an Owen-scrambled Sobol sequence (seeded by the sampler's
/// seed), decoded by the space, so the first 2^m trials stratify every parameter's unit interval into 2^m
/// equal cells. A batch of k at trial t takes points t, t + 1, .... The sampler is stateless and replayable.
/// </summary>
/// <remarks>
/// In a finite space a point whose configuration was already observed, is pending or is earlier in the
/// batch is skipped in favour of the next point of the sequence; after 64 skips in a row the sampler picks
/// uniformly among the untried configurations (<see cref="Unseen.UniformUntried"/>), and only when none is
/// left does it repeat a configuration. Spaces with more than <see cref="SobolSequence.MaxDimensions"/>
/// dimensions are rejected.
/// </remarks>
public sealed class SobolSampler : ISampler
{
    private readonly long _seed;

    /// <summary>Creates the sampler.</summary>
    public SobolSampler(long seed) => _seed = seed;

    /// <inheritdoc />
    public string Name => "sobol";

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The space has more dimensions than the Sobol table supports.</exception>
    public ImmutableArray<Configuration> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        var space = context.Space;
        var sequence = new SobolSequence(space.Dimensions, _seed);
        var seen = space.IsFinite ? context.Seen() : [];
        var index = (long)context.TrialCount;
        var point = new double[space.Dimensions];
        return Unseen.Draw(space, seen, count, new Rng(_seed, context.TrialCount), _ =>
        {
            // Past the sequence's end (2^32 points) it starts again; no study gets there.
            sequence.Point(index++ % SobolSequence.Length, point);
            return space.Decode(point);
        });
    }
}
