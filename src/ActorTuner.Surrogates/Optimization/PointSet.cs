using ActorTuner.Core.Spaces;

namespace ActorTuner.Surrogates.Optimization;

/// <summary>
/// A set of snapped encoded points (see <see cref="SearchSpace.Snap(ReadOnlySpan{double})"/>), standing for the
/// configurations they decode to: discrete coordinates are bin centres, so equal configurations give equal points;
/// continuous coordinates are compared after rounding to 1e-12, finer than any value a trial can tell apart.
/// Lets the acquisition optimiser test "already tried or pending?" without building configurations.
/// </summary>
public sealed class PointSet
{
    private readonly HashSet<Key> _keys = [];
    private readonly SearchSpace _space;

    /// <summary>Creates an empty set for <paramref name="space"/>.</summary>
    public PointSet(SearchSpace space) => _space = space ?? throw new ArgumentNullException(nameof(space));

    /// <summary>The number of points.</summary>
    public int Count => _keys.Count;

    /// <summary>Adds the point of a configuration of the space; false if it was there.</summary>
    public bool Add(Configuration configuration) => Add(_space.Snap(_space.Encode(configuration)));

    /// <summary>Adds a snapped point; false if it was there.</summary>
    public bool Add(double[] snapped) => _keys.Add(new Key(Round(snapped)));

    /// <summary>True when the snapped point is in the set.</summary>
    public bool Contains(double[] snapped) => _keys.Contains(new Key(Round(snapped)));

    private double[] Round(double[] snapped)
    {
        var key = new double[snapped.Length];
        for (var j = 0; j < key.Length; j++)
        {
            key[j] = _space.Kinds[j] == DimensionKind.Continuous ? Math.Round(snapped[j], 12) : snapped[j];
        }

        return key;
    }

    private readonly struct Key(double[] point) : IEquatable<Key>
    {
        private readonly double[] _point = point;
        private readonly int _hash = Hash(point);

        public bool Equals(Key other) => _hash == other._hash && _point.AsSpan().SequenceEqual(other._point);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => _hash;

        private static int Hash(double[] point)
        {
            var hash = default(HashCode);
            foreach (var v in point)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
