using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Tests.Spaces;

public class IntParameterTests
{
    [Fact]
    public void Linear_int_uses_equal_bins()
    {
        var p = new IntParameter("layers", 1, 4);
        p.Count.ShouldBe(4);
        p.Kind.ShouldBe(DimensionKind.Ordered);
        p.Decode(0).ShouldBe(ParameterValue.Integer(1));
        p.Decode(0.2499).ShouldBe(ParameterValue.Integer(1));
        p.Decode(0.25).ShouldBe(ParameterValue.Integer(2));
        p.Decode(1).ShouldBe(ParameterValue.Integer(4));
        p.Encode(3).ShouldBe(0.625);
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Fact]
    public void Log_int_gives_each_integer_the_interval_that_rounds_to_it()
    {
        var p = new IntParameter("units", 1, 1024, Log: true);
        p.Count.ShouldBe(1024);
        p.Decode(0).ShouldBe(ParameterValue.Integer(1));
        p.Decode(1).ShouldBe(ParameterValue.Integer(1024));
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);

        // Geometric: values below 32 own (ln 31.5 - ln 0.5) / (ln 1024.5 - ln 0.5) = 54.3% of the axis
        // (3% on a linear scale).
        var below = Enumerable.Range(0, 1000).Count(i => p.Decode((i + 0.5) / 1000).AsLong() < 32);
        below.ShouldBeInRange(540, 546);
    }

    [Fact]
    public void Stepped_int_keeps_its_grid()
    {
        var p = new IntParameter("units", 16, 256, Step: 16);
        p.Count.ShouldBe(16);
        p.ValueAt(1).ShouldBe(ParameterValue.Integer(32));
        p.Contains(48).ShouldBeTrue();
        p.Contains(50).ShouldBeFalse();
        p.Contains(272).ShouldBeFalse();
        p.Contains(0).ShouldBeFalse();
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Fact]
    public void Decoded_values_are_integers()
    {
        var p = new IntParameter("n", -5, 5);
        for (var i = 0; i <= 100; i++)
        {
            p.Decode(i / 100.0).Kind.ShouldBe(ParameterValueKind.Integer);
        }

        p.Contains(2.5).ShouldBeFalse();
        p.Contains("2").ShouldBeFalse();
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    public void Low_not_below_high_is_rejected(long low, long high)
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new IntParameter("layers", low, high)));
        e.Parameter.ShouldBe("layers");
        e.Message.ShouldContain("'layers'");
        e.Message.ShouldContain($"low ({low}) must be less than high ({high})");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void Log_scale_needs_a_positive_low(long low)
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new IntParameter("units", low, 64, Log: true)));
        e.Message.ShouldContain("'units'");
        e.Message.ShouldContain("log scale needs low >= 1");
    }

    [Fact]
    public void Step_that_does_not_divide_the_range_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new IntParameter("units", 0, 10, Step: 3)));
        e.Message.ShouldContain("'units'");
        e.Message.ShouldContain("step (3) does not divide high - low (10)");
    }

    [Fact]
    public void Step_must_be_positive()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new IntParameter("units", 0, 10, Step: 0)));
        e.Message.ShouldContain("'units'");
        e.Message.ShouldContain("positive integer");
    }

    [Fact]
    public void A_range_too_wide_to_count_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new IntParameter("seed", long.MinValue, long.MaxValue)));
        e.Message.ShouldContain("'seed'");
        e.Message.ShouldContain("too wide");
        Should.NotThrow(() => SearchSpace.Create(new IntParameter("seed", 0, long.MaxValue - 1)));
    }

    [Fact]
    public void Step_with_log_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new IntParameter("units", 1, 9, Log: true, Step: 2)));
        e.Message.ShouldContain("'units'");
        e.Message.ShouldContain("log scale needs step = 1");
    }

    [Fact]
    public void A_real_with_an_integral_value_is_not_an_integer_value()
    {
        var p = new IntParameter("k", 1, 10);
        p.Contains(ParameterValue.Integer(3)).ShouldBeTrue();
        p.Contains(ParameterValue.Real(3.0)).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => p.Encode(ParameterValue.Real(3.0))).Message.ShouldContain("'k'");
    }
}
