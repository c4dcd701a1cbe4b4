using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Tests.Spaces;

public class FloatParameterTests
{
    [Fact]
    public void Linear_float_decodes_the_unit_interval_onto_the_range()
    {
        var p = new FloatParameter("dropout", -1.0, 3.0);
        p.Decode(0).ShouldBe(ParameterValue.Real(-1.0));
        p.Decode(1).ShouldBe(ParameterValue.Real(3.0));
        p.Decode(0.25).ShouldBe(ParameterValue.Real(0.0));
        p.Encode(1.0).ShouldBe(0.5);
        p.Kind.ShouldBe(DimensionKind.Continuous);
        p.Count.ShouldBeNull();
    }

    [Fact]
    public void Linear_float_round_trips()
    {
        var p = new FloatParameter("dropout", -1.0, 3.0);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
        EncodingInvariants.CheckValuesRoundTrip(p, [-1.0, 3.0, 0.1, 0.3, 2.9999999, -0.9999, 1.0 / 3]);
    }

    [Fact]
    public void Log_float_is_geometric_and_round_trips()
    {
        var p = new FloatParameter("lr", 1e-5, 1e-1, Log: true);
        p.Decode(0.5).AsDouble().ShouldBe(1e-3, 1e-15);
        p.Encode(1e-4).ShouldBe(0.25, 1e-12);
        p.Decode(0).AsDouble().ShouldBe(1e-5);
        p.Decode(1).AsDouble().ShouldBe(1e-1);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
        EncodingInvariants.CheckValuesRoundTrip(p, [1e-5, 1e-1, 3e-4, 0.05, 1.2345e-5]);
    }

    [Fact]
    public void Stepped_float_has_exact_decimal_values()
    {
        var p = new FloatParameter("dropout", 0.0, 1.0, Step: 0.1);
        p.Count.ShouldBe(11);
        p.Kind.ShouldBe(DimensionKind.Ordered);
        p.ValueAt(3).ShouldBe(ParameterValue.Real(0.3));
        p.ValueAt(3).AsDouble().ShouldBe(0.3); // not 0.30000000000000004
        p.ValueAt(10).ShouldBe(ParameterValue.Real(1.0));
        p.Contains(0.3).ShouldBeTrue();
        p.Contains(0.1 * 3).ShouldBeFalse();
        p.Contains(0.35).ShouldBeFalse();
        p.Decode(p.Encode(0.3)).ShouldBe(ParameterValue.Real(0.3));
        p.Decode(0.3).ShouldBe(ParameterValue.Real(0.3)); // bin 3 of 11 is [3/11, 4/11)
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Fact]
    public void Stepped_float_with_an_offset_keeps_its_grid()
    {
        var p = new FloatParameter("x", -0.3, 0.6, Step: 0.15);
        p.Count.ShouldBe(7);
        p.ValueAt(0).AsDouble().ShouldBe(-0.3);
        p.ValueAt(2).AsDouble().ShouldBe(0.0);
        p.ValueAt(6).AsDouble().ShouldBe(0.6);
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Theory]
    [InlineData(0.12345678901234544)] // decimal keeps 15 digits: 0.123456789012345 is below low
    [InlineData(0.12345678901234568)] // ... and 0.123456789012346 is not low
    [InlineData(1e-30)]               // decimal has 28 places: 1e-30 becomes 0
    public void Stepped_float_keeps_a_low_that_decimal_cannot_hold(double low)
    {
        var p = new FloatParameter("x", low, low + 1, Step: 0.25);
        p.Validate();
        p.ValueAt(0).AsDouble().ShouldBe(low);
        p.Contains(low).ShouldBeTrue();
        p.Decode(0).AsDouble().ShouldBe(low);
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Fact]
    public void A_range_wider_than_the_largest_double_still_decodes_and_encodes()
    {
        var p = new FloatParameter("x", -1e308, 1e308);
        p.Decode(0).AsDouble().ShouldBe(-1e308);
        p.Decode(0.5).AsDouble().ShouldBe(0.0);
        p.Decode(1).AsDouble().ShouldBe(1e308);
        p.Encode(0.0).ShouldBe(0.5);
        p.Encode(1e308).ShouldBe(1.0);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    public void Low_not_below_high_is_rejected(double low, double high)
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("lr", low, high)));
        e.Parameter.ShouldBe("lr");
        e.Message.ShouldContain("'lr'");
        e.Message.ShouldContain("high");
    }

    [Fact]
    public void Low_equal_to_high_says_low_must_be_less()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("lr", 1.0, 1.0)));
        e.Message.ShouldContain("'lr'");
        e.Message.ShouldContain("low (1) must be less than high (1)");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Log_scale_needs_a_positive_low(double low)
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("lr", low, 1.0, Log: true)));
        e.Parameter.ShouldBe("lr");
        e.Message.ShouldContain("'lr'");
        e.Message.ShouldContain("log scale needs low > 0");
    }

    [Fact]
    public void Step_that_does_not_divide_the_range_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("dropout", 0.0, 1.0, Step: 0.3)));
        e.Parameter.ShouldBe("dropout");
        e.Message.ShouldContain("'dropout'");
        e.Message.ShouldContain("step (0.3) does not divide");
    }

    [Fact]
    public void Step_larger_than_the_range_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("dropout", 0.0, 1.0, Step: 3)));
        e.Message.ShouldContain("'dropout'");
        e.Message.ShouldContain("does not divide");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Step_must_be_positive(double step)
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("dropout", 0.0, 1.0, Step: step)));
        e.Message.ShouldContain("'dropout'");
        e.Message.ShouldContain("must be a positive number");
    }

    [Fact]
    public void Step_with_log_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("lr", 0.1, 1.0, Log: true, Step: 0.1)));
        e.Parameter.ShouldBe("lr");
        e.Message.ShouldContain("'lr'");
        e.Message.ShouldContain("step cannot be combined with a log scale");
    }

    [Fact]
    public void Too_many_steps_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new FloatParameter("x", 0.0, 1.0, Step: 1e-10)));
        e.Message.ShouldContain("'x'");
        e.Message.ShouldContain("more than 1e9 values");
    }

    [Fact]
    public void Values_outside_the_range_or_of_the_wrong_kind_are_not_legal()
    {
        var p = new FloatParameter("x", 0.0, 1.0);
        p.Contains(1.0000001).ShouldBeFalse();
        p.Contains(-1e-300).ShouldBeFalse();
        p.Contains(double.NaN).ShouldBeFalse();
        p.Contains("0.5").ShouldBeFalse();
        p.Contains(true).ShouldBeFalse();
        p.Contains(1).ShouldBeFalse(); // Integer(1) is not the Real 1.0 this parameter decodes to
        p.Contains(1.0).ShouldBeTrue();
        var e = Should.Throw<ArgumentException>(() => p.Encode(2.0));
        e.Message.ShouldContain("'x'");
        e.Message.ShouldContain("not a legal value");
    }
}
