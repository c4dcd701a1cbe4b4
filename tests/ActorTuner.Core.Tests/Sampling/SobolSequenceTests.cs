using ActorTuner.Core.Sampling;

namespace ActorTuner.Core.Tests.Sampling;

public class SobolSequenceTests
{
    private const double TwoTo32 = 4294967296.0;

    [Fact]
    public void Unscrambled_first_points_are_the_textbook_ones()
    {
        var s = new SobolSequence(2);
        double[][] expected =
        [
            [0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75],
            [0.375, 0.375], [0.875, 0.875], [0.625, 0.125], [0.125, 0.625],
        ];
        for (var n = 0; n < expected.Length; n++)
        {
            s.Point(n).ShouldBe(expected[n], $"point {n}");
        }

        s.IsScrambled.ShouldBeFalse();
    }

    // Reference values from SciPy 1.10 (scipy.stats.qmc.Sobol(d=1024, scramble=False, bits=32), which uses the
    // same Joe and Kuo table), as integers x * 2^32, for 0-based dimensions 0, 1, 2, 3, 9, 63, 99, 1023.
    private static readonly int[] ReferenceDimensions = [0, 1, 2, 3, 9, 63, 99, 1023];

    public static TheoryData<long, uint[]> ReferencePoints => new()
    {
        { 5, [3758096384, 3758096384, 536870912, 1610612736, 536870912, 2684354560, 1610612736, 1610612736] },
        { 11, [1879048192, 2415919104, 805306368, 2952790016, 268435456, 4026531840, 2952790016, 1342177280] },
        { 15, [268435456, 4026531840, 2415919104, 1342177280, 2952790016, 3489660928, 1342177280, 2952790016] },
        { 1000003, [1187450880, 2413424640, 334991360, 1796354048, 18903040, 1323372544, 213045248, 209776640] },
        { 3000000001, [2156797399, 2353488425, 1806415863, 3428090197, 302324287, 962529975, 775304103, 2342372703] },
        { 4294967295, [1, 4294967295, 3305133397, 1342505107, 2197780721, 303916897, 1488403325, 1696458829] },
    };

    [Theory]
    [MemberData(nameof(ReferencePoints))]
    public void Unscrambled_points_match_the_reference_in_high_dimensions(long index, uint[] expected)
    {
        var s = new SobolSequence(SobolSequence.MaxDimensions);
        var point = s.Point(index);
        for (var k = 0; k < ReferenceDimensions.Length; k++)
        {
            var j = ReferenceDimensions[k];
            s.Integer(index, j).ShouldBe(expected[k], $"dimension {j}");
            point[j].ShouldBe(expected[k] / TwoTo32);
        }
    }

    [Fact]
    public void The_table_covers_at_least_1024_dimensions()
    {
        SobolSequence.MaxDimensions.ShouldBeGreaterThanOrEqualTo(1024);
        Should.NotThrow(() => new SobolSequence(1024, 3).Point(77));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SobolSequence.MaxDimensions + 1)]
    public void Unsupported_dimension_counts_are_rejected_clearly(int dimensions)
    {
        var e = Should.Throw<ArgumentOutOfRangeException>(() => new SobolSequence(dimensions));
        e.Message.ShouldContain($"1 to {SobolSequence.MaxDimensions} dimensions");
        e.Message.ShouldContain($"{dimensions} were asked for");
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(1L << 32)]
    public void Indices_outside_the_sequence_are_rejected(long index)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SobolSequence(2, 1).Point(index)).Message.ShouldContain("[0, 2^32)");
    }

    [Fact]
    public void Point_into_a_span_matches_the_array_form_and_checks_its_length()
    {
        var s = new SobolSequence(5, 99);
        var into = new double[5];
        s.Point(123, into);
        into.ShouldBe(s.Point(123));
        Should.Throw<ArgumentException>(() => s.Point(1, new double[4]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7L)]
    [InlineData(-123456789L)]
    public void Every_aligned_block_of_two_to_the_m_points_stratifies_each_coordinate(long? seed)
    {
        var s = new SobolSequence(SobolSequence.MaxDimensions, seed);
        int[] dims = [0, 1, 2, 5, 17, 63, 64, 500, 1023];
        for (var m = 0; m <= 10; m++)
        {
            var size = 1 << m;
            foreach (var start in new long[] { 0, size, 5L * size })
            {
                foreach (var j in dims)
                {
                    var hits = new int[size];
                    for (var n = start; n < start + size; n++)
                    {
                        hits[(int)(s.Coordinate(n, j) * size)]++;
                    }

                    hits.ShouldAllBe(h => h == 1, $"m = {m}, start = {start}, dimension {j}");
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2025L)]
    public void The_first_two_dimensions_form_a_zero_m_two_net(long? seed)
    {
        // Every elementary box of area 1/256 (2^a by 2^b cells, a + b = 8) holds exactly one of the
        // first 256 points: the (0, m, 2)-net property of Sobol's first two coordinates.
        var s = new SobolSequence(2, seed);
        for (var a = 0; a <= 8; a++)
        {
            var b = 8 - a;
            var hits = new int[1 << a, 1 << b];
            for (var n = 0; n < 256; n++)
            {
                var p = s.Point(n);
                hits[(int)(p[0] * (1 << a)), (int)(p[1] * (1 << b))]++;
            }

            foreach (var h in hits)
            {
                h.ShouldBe(1, $"boxes {1 << a} x {1 << b}");
            }
        }
    }

    [Fact]
    public void Scrambled_points_lie_strictly_inside_the_cube()
    {
        var s = new SobolSequence(64, 5);
        s.IsScrambled.ShouldBeTrue();
        for (var n = 0; n < 4096; n++)
        {
            foreach (var x in s.Point(n))
            {
                x.ShouldBeGreaterThan(0.0);
                x.ShouldBeLessThan(1.0);
            }
        }

        s.Point(0).ShouldNotContain(0.0);
        s.Point(0).Distinct().Count().ShouldBe(64); // the origin is scrambled differently per dimension
    }

    [Fact]
    public void Scrambling_depends_on_the_seed_and_only_on_it()
    {
        var a = new SobolSequence(8, 1);
        var b = new SobolSequence(8, 1);
        var c = new SobolSequence(8, 2);
        var plain = new SobolSequence(8);
        for (var n = 0; n < 64; n++)
        {
            a.Point(n).ShouldBe(b.Point(n));
        }

        var differ = Enumerable.Range(0, 64).Count(n => !a.Point(n).SequenceEqual(c.Point(n)));
        differ.ShouldBe(64);
        var differFromPlain = Enumerable.Range(0, 64).Count(n => !a.Point(n).SequenceEqual(plain.Point(n)));
        differFromPlain.ShouldBe(64);
    }

    [Fact]
    public void A_dimension_is_scrambled_the_same_whatever_the_total_number_of_dimensions()
    {
        var narrow = new SobolSequence(3, 77);
        var wide = new SobolSequence(40, 77);
        for (var n = 0; n < 100; n++)
        {
            wide.Point(n)[..3].ShouldBe(narrow.Point(n));
        }
    }

    [Fact]
    public void Scrambled_points_are_uniform_on_average_over_seeds()
    {
        // Owen scrambling makes each point uniform on the cube: point 0 over 4000 seeds, per coordinate.
        const int seeds = 4000;
        var mean = new double[4];
        var belowQuarter = new int[4];
        for (var seed = 0; seed < seeds; seed++)
        {
            var p = new SobolSequence(4, seed).Point(3);
            for (var j = 0; j < 4; j++)
            {
                mean[j] += p[j] / seeds;
                belowQuarter[j] += p[j] < 0.25 ? 1 : 0;
            }
        }

        mean.ShouldAllBe(m => Math.Abs(m - 0.5) < 0.02); // sd 0.0046
        belowQuarter.ShouldAllBe(k => k > 900 && k < 1100); // sd 27
    }

    [Fact]
    public void The_scramble_is_a_bijection_that_keeps_leading_digit_prefixes_together()
    {
        // Nested uniform scrambling: two numbers that share their first k binary digits still share their
        // first k digits after scrambling, and the map is one-to-one.
        const uint seed = 0x9E3779B9;
        var images = new HashSet<uint>();
        for (uint x = 0; x < 1 << 16; x++)
        {
            images.Add(SobolSequence.NestedUniformScramble(x << 16, seed)).ShouldBeTrue();
        }

        var rng = new ActorTuner.Core.Randomness.Rng(3);
        for (var i = 0; i < 10_000; i++)
        {
            var x = (uint)rng.NextUInt64();
            var k = rng.NextInt(32);
            var mask = k == 0 ? 0U : uint.MaxValue << (32 - k);
            var y = (x & mask) | ((uint)rng.NextUInt64() & ~mask);
            var sx = SobolSequence.NestedUniformScramble(x, seed);
            var sy = SobolSequence.NestedUniformScramble(y, seed);
            (sx & mask).ShouldBe(sy & mask);
        }
    }
}
