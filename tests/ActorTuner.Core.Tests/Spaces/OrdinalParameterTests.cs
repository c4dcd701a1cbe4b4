using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Tests.Spaces;

public class OrdinalParameterTests
{
    [Fact]
    public void Values_keep_their_order_along_the_axis()
    {
        var p = new OrdinalParameter("batch", [16, 32, 64, 128]);
        p.Kind.ShouldBe(DimensionKind.Ordered);
        p.Encode(16).ShouldBe(0.125);
        p.Encode(128).ShouldBe(0.875);
        p.Decode(0.3).ShouldBe(ParameterValue.Integer(32));
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Fact]
    public void Text_ordinals_round_trip()
    {
        var p = new OrdinalParameter("size", ["small", "medium", "large"]);
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Fact]
    public void Empty_values_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new OrdinalParameter("batch", [])));
        e.Message.ShouldContain("'batch'");
        e.Message.ShouldContain("values is empty");
    }

    [Fact]
    public void Duplicate_values_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new OrdinalParameter("batch", [16, 32, 16])));
        e.Message.ShouldContain("'batch'");
        e.Message.ShouldContain("lists 16 twice");
    }
}
