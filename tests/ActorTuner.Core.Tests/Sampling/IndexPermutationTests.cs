using ActorTuner.Core.Sampling;

namespace ActorTuner.Core.Tests.Sampling;

public class IndexPermutationTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(5L)]
    [InlineData(64L)]
    [InlineData(1000L)]
    [InlineData(62208L)]
    [InlineData(65537L)]
    public void It_is_a_bijection_of_the_range(long size)
    {
        var p = new IndexPermutation(size, 12);
        var hit = new bool[size];
        for (long i = 0; i < size; i++)
        {
            var x = p[i];
            x.ShouldBeInRange(0, size - 1);
            hit[x].ShouldBeFalse($"{x} appears twice");
            hit[x] = true;
        }
    }

    [Fact]
    public void It_depends_on_the_seed_and_shuffles()
    {
        var a = Enumerable.Range(0, 1000).Select(i => new IndexPermutation(1000, 1)[i]).ToArray();
        var b = Enumerable.Range(0, 1000).Select(i => new IndexPermutation(1000, 2)[i]).ToArray();
        var again = Enumerable.Range(0, 1000).Select(i => new IndexPermutation(1000, 1)[i]).ToArray();
        a.ShouldBe(again);
        a.ShouldNotBe(b);
        var fixedPoints = Enumerable.Range(0, 1000).Count(i => a[i] == i);
        fixedPoints.ShouldBeLessThan(10); // a random permutation has about 1
        // The first tenth of the order is spread over the range, not bunched at its start.
        a.Take(100).Count(x => x < 500).ShouldBeInRange(30, 70);
    }

    [Fact]
    public void Huge_ranges_are_supported_without_storage()
    {
        var p = new IndexPermutation(long.MaxValue, 3);
        var seen = new HashSet<long>();
        for (long i = 0; i < 1000; i++)
        {
            var x = p[i * 7919];
            x.ShouldBeGreaterThanOrEqualTo(0);
            seen.Add(x).ShouldBeTrue();
        }
    }

    [Fact]
    public void Positions_out_of_range_are_rejected()
    {
        var p = new IndexPermutation(10, 1);
        Should.Throw<ArgumentOutOfRangeException>(() => p[10]);
        Should.Throw<ArgumentOutOfRangeException>(() => p[-1]);
        Should.Throw<ArgumentOutOfRangeException>(() => new IndexPermutation(0, 1));
    }
}
