using ActorTuner.Benchmarks.Cli;

namespace ActorTuner.Benchmarks.Tests.Cli;

public class SeedSpecTests
{
    [Theory]
    [InlineData("0-9", new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData("3", new[] { 3 })]
    [InlineData("0,2,5", new[] { 0, 2, 5 })]
    [InlineData(" 5-7 , 1 ", new[] { 5, 6, 7, 1 })]
    [InlineData("4-4", new[] { 4 })]
    public void Parses_single_seeds_ranges_and_lists(string spec, int[] expected)
    {
        SeedSpec.Parse(spec).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("-1")]
    [InlineData("5-2")]
    [InlineData("1,,2")]
    [InlineData("0-3,2")]
    [InlineData("1-")]
    [InlineData("1.5")]
    public void Rejects_malformed_specs_naming_them(string spec)
    {
        var e = Should.Throw<FormatException>(() => SeedSpec.Parse(spec));

        e.Message.ShouldStartWith("--seeds");
    }

    [Fact]
    public void Formats_as_a_comma_list()
    {
        SeedSpec.Format(SeedSpec.Parse("0-3")).ShouldBe("0,1,2,3");
    }
}
