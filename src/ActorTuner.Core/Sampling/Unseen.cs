using System.Collections.Immutable;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// Draws configurations from a proposal while avoiding ones already seen, for samplers that must not
/// repeat a configuration of a finite space while untried ones remain.
/// </summary>
public static class Unseen
{
    /// <summary>
    /// Draws <paramref name="count"/> configurations from <paramref name="propose"/>. In a finite space,
    /// rejects seen ones (and adds each pick to <paramref name="seen"/>); after many rejections falls back
    /// to a uniform pick among the untried configurations, and only when none is left allows repeats.
    /// </summary>
    public static ImmutableArray<Configuration> Draw(
        SearchSpace space,
        HashSet<Configuration> seen,
        int count,
        Rng rng,
        Func<Rng, Configuration> propose)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(propose);
        var result = ImmutableArray.CreateBuilder<Configuration>(count);
        for (var k = 0; k < count; k++)
        {
            var pick = propose(rng);
            if (space.IsFinite)
            {
                for (var attempt = 0; attempt < 64 && seen.Contains(pick); attempt++)
                {
                    pick = propose(rng);
                }

                if (seen.Contains(pick))
                {
                    pick = UniformUntried(space, seen, rng) ?? pick;
                }

                seen.Add(pick);
            }

            result.Add(pick);
        }

        return result.MoveToImmutable();
    }

    /// <summary>A uniformly random configuration of a finite space that is not in <paramref name="seen"/>, or null if none is left.</summary>
    public static Configuration? UniformUntried(SearchSpace space, IReadOnlySet<Configuration> seen, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(rng);
        if (!space.IsFinite || seen.Count >= space.Size)
        {
            return null;
        }

        // Reservoir sampling over the enumeration: one pass, no list of the whole space kept.
        Configuration? chosen = null;
        long untried = 0;
        foreach (var c in SpaceEnumerator.Enumerate(space))
        {
            if (seen.Contains(c))
            {
                continue;
            }

            untried++;
            if (rng.NextLong(untried) == 0)
            {
                chosen = c;
            }
        }

        return chosen;
    }
}
