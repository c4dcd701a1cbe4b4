using System.Collections.Immutable;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// Grid search in a seeded shuffled order. The grid is every configuration of a finite space; a continuous
/// parameter contributes <see cref="PointsPerAxis"/> values, decoded at the bin centres (i + 1/2) / k of its
/// unit interval (so a log-scale parameter gets geometrically spread values and the bounds themselves are
/// never tried). Discrete parameters always contribute all their values, whatever <see cref="PointsPerAxis"/>.
/// </summary>
/// <remarks>
/// <para>
/// The order is a seeded bijection of the grid's mixed-radix index range (a cycle-walking Feistel
/// permutation), so no grid is ever materialised. The sampler is stateless: shown a context, it walks the
/// order from its start and returns the first grid points not observed (completed or failed) or pending;
/// that costs one step per seen grid point plus one per suggestion (and one per index that addresses no
/// grid point because an inactive conditional parameter's digit is not 0).
/// </para>
/// <para>
/// When every grid point has been seen the grid repeats: the suggestions are the grid points seen the
/// fewest times, in the same shuffled order, so a second pass over the grid completes before any point
/// is tried a third time. A batch holds distinct configurations whenever the grid has enough points.
/// </para>
/// </remarks>
public sealed class GridSampler : ISampler
{
    private readonly long _seed;

    /// <summary>Creates the sampler.</summary>
    /// <param name="seed">The seed of the shuffled order.</param>
    /// <param name="pointsPerAxis">The number of values tried on each continuous parameter (at least 1).</param>
    public GridSampler(long seed, int pointsPerAxis = 10)
    {
        if (pointsPerAxis < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pointsPerAxis), pointsPerAxis, "a grid needs at least one point per continuous axis");
        }

        _seed = seed;
        PointsPerAxis = pointsPerAxis;
    }

    /// <inheritdoc />
    public string Name => "grid";

    /// <summary>The number of values tried on each continuous parameter.</summary>
    public int PointsPerAxis { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The grid's index range does not fit in a 64-bit integer.</exception>
    public ImmutableArray<Configuration> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        var grid = new SpaceGrid(context.Space, PointsPerAxis);
        var order = new IndexPermutation(grid.IndexCount, _seed);
        var times = TimesSeen(context);
        var result = ImmutableArray.CreateBuilder<Configuration>(count);

        // Pass `level` takes, in order, the grid points tried at most `level` times so far (this batch
        // included). Level 0 is the untried points; a pass that finds nothing jumps to the least count seen.
        var level = 0;
        while (true)
        {
            var next = int.MaxValue;
            for (long position = 0; position < order.Size; position++)
            {
                if (grid.At(order[position]) is not { } point)
                {
                    continue;
                }

                var seen = times.GetValueOrDefault(point);
                if (seen > level)
                {
                    next = Math.Min(next, seen);
                    continue;
                }

                result.Add(point);
                if (result.Count == count)
                {
                    return result.MoveToImmutable();
                }

                times[point] = seen + 1;
                next = Math.Min(next, seen + 1);
            }

            level = next;
        }
    }

    private static Dictionary<Configuration, int> TimesSeen(SuggestionContext context)
    {
        var times = new Dictionary<Configuration, int>(context.TrialCount);
        foreach (var o in context.Observations)
        {
            times[o.Configuration] = times.GetValueOrDefault(o.Configuration) + 1;
        }

        foreach (var p in context.Pending)
        {
            times[p] = times.GetValueOrDefault(p) + 1;
        }

        return times;
    }
}
