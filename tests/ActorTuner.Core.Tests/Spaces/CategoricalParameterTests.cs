using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Tests.Spaces;

public class CategoricalParameterTests
{
    [Fact]
    public void Strings_round_trip()
    {
        var p = new CategoricalParameter("activation", ["relu", "tanh", "gelu"]);
        p.Kind.ShouldBe(DimensionKind.Categorical);
        p.Count.ShouldBe(3);
        p.Encode("tanh").ShouldBe(0.5);
        p.Decode(0.9).ShouldBe(ParameterValue.Text("gelu"));
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
    }

    [Fact]
    public void Numbers_round_trip_and_keep_their_kind()
    {
        var p = new CategoricalParameter("beta", [0.9, 0.99, 3, -1]);
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
        p.Decode(p.Encode(3)).Kind.ShouldBe(ParameterValueKind.Integer);
        p.Contains(3.0).ShouldBeFalse(); // the real 3.0 is not the choice 3
        p.Contains("0.9").ShouldBeFalse();
    }

    [Fact]
    public void Booleans_round_trip()
    {
        var p = new CategoricalParameter("nesterov", [true, false]);
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
        p.Contains(1).ShouldBeFalse();
        p.Contains("true").ShouldBeFalse();
    }

    [Fact]
    public void Mixed_kinds_round_trip()
    {
        var p = new CategoricalParameter("mixed", ["1", 1, 1.5, true]);
        EncodingInvariants.CheckEveryValueRoundTrips(p);
        EncodingInvariants.CheckDecodeIsLegalAndStable(p);
        p.IndexOf("1").ShouldBe(0);
        p.IndexOf(1).ShouldBe(1);
    }

    [Fact]
    public void Illegal_value_is_named_in_the_error()
    {
        var p = new CategoricalParameter("activation", ["relu", "tanh"]);
        var e = Should.Throw<ArgumentException>(() => p.Encode("elu"));
        e.Message.ShouldContain("'activation'");
        e.Message.ShouldContain("elu");
    }

    [Fact]
    public void Empty_choices_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new CategoricalParameter("activation", [])));
        e.Parameter.ShouldBe("activation");
        e.Message.ShouldContain("'activation'");
        e.Message.ShouldContain("choices is empty");
    }

    [Fact]
    public void Default_choices_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new CategoricalParameter("activation", default)));
        e.Message.ShouldContain("choices is empty");
    }

    [Fact]
    public void Duplicate_choices_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new CategoricalParameter("activation", ["relu", "tanh", "relu"])));
        e.Parameter.ShouldBe("activation");
        e.Message.ShouldContain("'activation'");
        e.Message.ShouldContain("lists relu twice");
    }

    [Fact]
    public void Choices_of_different_kinds_are_not_duplicates()
    {
        Should.NotThrow(() => SearchSpace.Create(new CategoricalParameter("x", ["1", 1, 1.0, true])));
    }

    [Fact]
    public void Non_finite_choices_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new CategoricalParameter("x", [1.0, double.NaN])));
        e.Message.ShouldContain("'x'");
        e.Message.ShouldContain("must be finite");
    }
}
