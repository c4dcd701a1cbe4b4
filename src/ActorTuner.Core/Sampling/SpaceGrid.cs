using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// The grid over a search space, addressed by a mixed-radix index as in <see cref="SpaceEnumerator"/>:
/// digit i runs over parameter i's axis (the last parameter varies fastest). A discrete parameter's axis
/// is all its values; a continuous one's is <c>k</c> values decoded at the bin centres (i + 1/2) / k of the
/// unit interval. An index whose digit for an inactive conditional parameter is not 0 addresses no grid
/// point, so every grid point has exactly one index.
/// </summary>
internal sealed class SpaceGrid
{
    private readonly SearchSpace _space;
    private readonly long[] _radix;
    private readonly int _pointsPerAxis;

    /// <summary>Builds the grid with <paramref name="pointsPerAxis"/> values on each continuous axis.</summary>
    /// <exception cref="InvalidOperationException">The index range does not fit in a 64-bit integer.</exception>
    public SpaceGrid(SearchSpace space, int pointsPerAxis)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointsPerAxis);
        _space = space;
        _pointsPerAxis = pointsPerAxis;
        _radix = space.Parameters.Select(p => p.Count ?? pointsPerAxis).ToArray();
        long size = 1;
        foreach (var r in _radix)
        {
            if (size > long.MaxValue / r)
            {
                throw new InvalidOperationException(
                    $"the grid over this space has more than {long.MaxValue} index points "
                    + $"({string.Join(" x ", _radix)}); lower pointsPerAxis or use the sobol or random sampler");
            }

            size *= r;
        }

        IndexCount = size;
    }

    /// <summary>The size of the mixed-radix index range: the product of the axis lengths.</summary>
    public long IndexCount { get; }

    /// <summary>The grid point at <paramref name="index"/>, or null when the index holds an inactive parameter's digit other than 0.</summary>
    public Configuration? At(long index)
    {
        var digits = new long[_radix.Length];
        for (var d = _radix.Length - 1; d >= 0; d--)
        {
            digits[d] = index % _radix[d];
            index /= _radix[d];
        }

        var ps = _space.Parameters;
        var values = new Dictionary<string, ParameterValue>(ps.Length, StringComparer.Ordinal);
        foreach (var i in _space.DecodeOrder)
        {
            if (SearchSpace.IsActive(ps[i], values))
            {
                values[ps[i].Name] = AxisValue(ps[i], digits[i]);
            }
            else if (digits[i] != 0)
            {
                return null;
            }
        }

        return new Configuration(values);
    }

    private ParameterValue AxisValue(ParameterSpec parameter, long digit) => parameter.IsFinite
        ? parameter.ValueAt(digit)
        : parameter.Decode((digit + 0.5) / _pointsPerAxis);
}
