using ActorTuner.Core.Randomness;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// A seeded bijection of [0, n) evaluated one position at a time, so a shuffled order of a huge index
/// range needs no array: a balanced Feistel network on the smallest even number of bits 2h with
/// 2^(2h) &gt;= n (four rounds, Luby and Rackoff 1988), cycle-walked back into range (Black and Rogaway
/// 2002). Because 2^(2h) &lt; 4n, a position takes fewer than four network evaluations on average.
/// </summary>
internal sealed class IndexPermutation
{
    private const int Rounds = 4;

    // Keeps the permutation keys apart from other uses of the same study seed.
    private const long KeyStream = 0x6_41D0;

    private readonly ulong[] _keys = new ulong[Rounds];
    private readonly int _halfBits;
    private readonly ulong _halfMask;

    /// <summary>Creates the permutation of [0, <paramref name="size"/>) for <paramref name="seed"/>.</summary>
    public IndexPermutation(long size, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(size - 1));
        _halfBits = Math.Max(1, (bits + 1) / 2);
        _halfMask = (1UL << _halfBits) - 1;
        var rng = new Rng(seed, KeyStream);
        for (var r = 0; r < Rounds; r++)
        {
            _keys[r] = rng.NextUInt64();
        }
    }

    /// <summary>The size n of the permuted range.</summary>
    public long Size { get; }

    /// <summary>The index at <paramref name="position"/> of the shuffled order.</summary>
    public long this[long position]
    {
        get
        {
            if (position < 0 || position >= Size)
            {
                throw new ArgumentOutOfRangeException(nameof(position), position, $"a position must be in [0, {Size})");
            }

            var x = (ulong)position;
            do
            {
                x = Encrypt(x);
            }
            while (x >= (ulong)Size);
            return (long)x;
        }
    }

    private ulong Encrypt(ulong x)
    {
        var left = x >> _halfBits;
        var right = x & _halfMask;
        for (var r = 0; r < Rounds; r++)
        {
            (left, right) = (right, left ^ (Mix(right ^ _keys[r]) & _halfMask));
        }

        return (left << _halfBits) | right;
    }

    // The SplitMix64 finaliser: a bijection of 64-bit words with good avalanche.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
