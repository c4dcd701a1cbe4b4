using System.Numerics;
using ActorTuner.Core.Randomness;

namespace ActorTuner.Core.Sampling;

// Notation. Dimension j (0-based) has 32 direction numbers V_j[k] = m_{j,k+1} * 2^(31-k), k = 0..31, with
// m from Joe and Kuo's table (dimension 0: all m = 1, the van der Corput sequence) and, beyond the
// polynomial's degree s, V[k] = V[k-s] ^ (V[k-s] >> s) ^ XOR_{i=1..s-1} a_i V[k-i] (Bratley and Fox 1988).
// Point n in dimension j is the 32-bit integer X_j(n) = XOR of V_j[k] over the set bits k of g(n), where
// g(n) = n ^ (n >> 1) is n's Gray code, so points come in the Antonov and Saleev (1979) order that
// Joe and Kuo's sobol.cc and SciPy use, and any n is reached directly. Unscrambled, the coordinate is
// X / 2^32. Scrambled, X is replaced by reverse(P_j(reverse(X))), where P_j is a seeded bijection of
// 32-bit integers in which every output bit is its input bit flipped by a function of the lower bits
// only. In the bit-reversed number that is a flip of each binary digit of X decided by the digits before
// it: a nested uniform (Owen 1995) scramble of the first 32 digits (Burley 2020, "Practical Hash-based
// Owen Scrambling", JCGT 9(4)), with the hash of N. Vegdahl (2021, "Building a better LK hash"). The
// digits after the 32nd are set to 1 followed by zeros, i.e. the centre of the 2^-32 cell, so scrambled
// coordinates lie strictly inside (0, 1).

/// <summary>
/// The Sobol low-discrepancy sequence in [0, 1)^d with Joe and Kuo's (2008) direction numbers
/// (new-joe-kuo-6.21201, up to <see cref="MaxDimensions"/> dimensions), optionally with a seeded
/// nested uniform (Owen) scramble. Points are reached by index in O(d * 32) time, without state.
/// </summary>
/// <remarks>
/// Unscrambled, point 0 is the origin and the first points of dimensions 1 and 2 are (0, 0), (0.5, 0.5),
/// (0.75, 0.25), (0.25, 0.75), (0.375, 0.375), ... as in SciPy's <c>qmc.Sobol(scramble=False)</c>.
/// Scrambled or not, every block of 2^m consecutive points starting at a multiple of 2^m puts exactly one
/// point in each interval [k / 2^m, (k + 1) / 2^m) of every coordinate, and dimensions 1 and 2 together
/// form a (0, m, 2)-net. Scrambling keeps those properties and makes every point uniform on the cube.
/// The scramble of dimension j depends only on the seed and j, so the first d coordinates do not depend
/// on how many dimensions the sequence has.
/// </remarks>
public sealed class SobolSequence
{
    /// <summary>The largest number of dimensions the direction-number table supports.</summary>
    public const int MaxDimensions = SobolDirectionNumbers.MaxDimensions;

    /// <summary>The number of points: indices run over [0, 2^32).</summary>
    public const long Length = 1L << 32;

    private const int Bits = 32;
    private const double Scale = 1.0 / (1L << Bits);

    // Keeps the scramble seeds apart from other uses of the same study seed.
    private const long ScrambleStream = 0x5_0B01;

    private readonly uint[] _directions; // Dimensions x 32, row-major
    private readonly uint[]? _scrambleSeeds;

    /// <summary>Creates the sequence.</summary>
    /// <param name="dimensions">The number of coordinates, 1 to <see cref="MaxDimensions"/>.</param>
    /// <param name="scrambleSeed">The seed of the Owen scramble, or null for the plain sequence.</param>
    /// <exception cref="ArgumentOutOfRangeException">The number of dimensions is not in [1, <see cref="MaxDimensions"/>].</exception>
    public SobolSequence(int dimensions, long? scrambleSeed = null)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dimensions),
                dimensions,
                $"a Sobol sequence needs 1 to {MaxDimensions} dimensions (the size of the Joe and Kuo direction-number table), "
                + $"but {dimensions} were asked for; use the random sampler for a space this wide");
        }

        Dimensions = dimensions;
        _directions = BuildDirections(dimensions);
        if (scrambleSeed is { } seed)
        {
            var rng = new Rng(seed, ScrambleStream);
            _scrambleSeeds = new uint[dimensions];
            for (var j = 0; j < dimensions; j++)
            {
                _scrambleSeeds[j] = (uint)(rng.NextUInt64() >> 32);
            }
        }
    }

    /// <summary>The number of coordinates of each point.</summary>
    public int Dimensions { get; }

    /// <summary>True when the points are Owen-scrambled.</summary>
    public bool IsScrambled => _scrambleSeeds is not null;

    /// <summary>Point <paramref name="index"/> of the sequence, a new array of <see cref="Dimensions"/> coordinates.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, <see cref="Length"/>).</exception>
    public double[] Point(long index)
    {
        var point = new double[Dimensions];
        Point(index, point);
        return point;
    }

    /// <summary>Writes point <paramref name="index"/> of the sequence into <paramref name="into"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, <see cref="Length"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="into"/> does not have <see cref="Dimensions"/> elements.</exception>
    public void Point(long index, Span<double> into)
    {
        if (into.Length != Dimensions)
        {
            throw new ArgumentException($"expected room for {Dimensions} coordinates, got {into.Length}", nameof(into));
        }

        for (var j = 0; j < Dimensions; j++)
        {
            into[j] = Coordinate(index, j);
        }
    }

    /// <summary>Coordinate <paramref name="dimension"/> of point <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index or the dimension is out of range.</exception>
    public double Coordinate(long index, int dimension)
    {
        var x = Integer(index, dimension);
        return _scrambleSeeds is null ? x * Scale : (x + 0.5) * Scale;
    }

    /// <summary>
    /// The 32 binary digits of coordinate <paramref name="dimension"/> of point <paramref name="index"/>
    /// (the coordinate times 2^32, rounded down), scrambled when the sequence is.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index or the dimension is out of range.</exception>
    public uint Integer(long index, int dimension)
    {
        if (index < 0 || index >= Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"a Sobol point index must be in [0, 2^32), got {index}");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, Dimensions);

        var gray = (uint)(index ^ (index >> 1));
        var v = _directions.AsSpan(dimension * Bits, Bits);
        uint x = 0;
        while (gray != 0)
        {
            x ^= v[BitOperations.TrailingZeroCount(gray)];
            gray &= gray - 1;
        }

        return _scrambleSeeds is { } seeds ? NestedUniformScramble(x, seeds[dimension]) : x;
    }

    /// <summary>
    /// Owen's nested uniform scramble of the 32 binary digits of <paramref name="x"/>: digit k is flipped by
    /// a seeded hash of digits 1 .. k-1, realised as a carry-only-upward hash on the bit-reversed number.
    /// </summary>
    internal static uint NestedUniformScramble(uint x, uint seed) => ReverseBits(OwenHash(ReverseBits(x), seed));

    // Every step is a bijection whose output bit k is input bit k xor a function of bits below k:
    // x ^= x * even, x += c and x *= odd all have that form (Vegdahl 2021).
    private static uint OwenHash(uint x, uint seed)
    {
        unchecked
        {
            x ^= x * 0x3d20adeaU;
            x += seed;
            x *= (seed >> 16) | 1;
            x ^= x * 0x05526c56U;
            x ^= x * 0x53a22864U;
            return x;
        }
    }

    private static uint ReverseBits(uint x)
    {
        x = ((x >> 1) & 0x55555555U) | ((x & 0x55555555U) << 1);
        x = ((x >> 2) & 0x33333333U) | ((x & 0x33333333U) << 2);
        x = ((x >> 4) & 0x0F0F0F0FU) | ((x & 0x0F0F0F0FU) << 4);
        x = ((x >> 8) & 0x00FF00FFU) | ((x & 0x00FF00FFU) << 8);
        return (x >> 16) | (x << 16);
    }

    private static uint[] BuildDirections(int dimensions)
    {
        var v = new uint[dimensions * Bits];
        for (var k = 0; k < Bits; k++)
        {
            v[k] = 1U << (Bits - 1 - k);
        }

        var rows = SobolDirectionNumbers.Rows;
        var at = 0;
        for (var j = 1; j < dimensions; j++)
        {
            var s = rows[at];
            var a = rows[at + 1];
            var m = rows.Slice(at + 2, s);
            at += 2 + s;

            var vj = v.AsSpan(j * Bits, Bits);
            for (var k = 0; k < Bits; k++)
            {
                if (k < s)
                {
                    vj[k] = (uint)m[k] << (Bits - 1 - k);
                    continue;
                }

                var x = vj[k - s] ^ (vj[k - s] >> s);
                for (var i = 1; i < s; i++)
                {
                    if (((a >> (s - 1 - i)) & 1) != 0)
                    {
                        x ^= vj[k - i];
                    }
                }

                vj[k] = x;
            }
        }

        return v;
    }
}
