using ActorTuner.Core.Randomness;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using static ActorTuner.Core.Tests.TestSpaces;

namespace ActorTuner.Core.Tests.Spaces;

public class SearchSpaceTests
{
    [Fact]
    public void Decoding_any_point_gives_a_legal_configuration_in_every_kind_of_space()
    {
        var rng = new Rng(3);
        foreach (var space in new[] { Small64(), Continuous(), Mixed(), Conditional96(), Large62208() })
        {
            for (var trial = 0; trial < 500; trial++)
            {
                var u = new double[space.Dimensions];
                for (var i = 0; i < u.Length; i++)
                {
                    u[i] = trial < 20
                        ? EncodingInvariants.AwkwardPoints[(trial + i) % EncodingInvariants.AwkwardPoints.Length]
                        : (rng.NextDouble() * 1.4) - 0.2;
                }

                var c = space.Decode(u);
                space.Contains(c).ShouldBeTrue($"{c} decoded from [{string.Join(", ", u)}]");
                var again = space.Decode(space.Encode(c));
                if (space.IsFinite)
                {
                    again.ShouldBe(c);
                }
                else
                {
                    again.Keys.ShouldBe(c.Keys);
                    foreach (var (name, value) in c)
                    {
                        if (space[name].IsFinite)
                        {
                            again[name].ShouldBe(value);
                        }
                        else
                        {
                            EncodingInvariants.RelativeError(again[name].AsDouble(), value.AsDouble()).ShouldBeLessThanOrEqualTo(1e-12);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Snap_is_encode_of_decode()
    {
        var rng = new Rng(21);
        foreach (var space in new[] { Small64(), Continuous(), Mixed(), Conditional96() })
        {
            for (var trial = 0; trial < 200; trial++)
            {
                var u = Enumerable.Range(0, space.Dimensions).Select(_ => (rng.NextDouble() * 1.2) - 0.1).ToArray();
                space.Snap(u).ShouldBe(space.Encode(space.Decode(u)));
            }
        }
    }

    [Fact]
    public void Decode_needs_one_coordinate_per_parameter()
    {
        var e = Should.Throw<ArgumentException>(() => Small64().Decode([0.5, 0.5]));
        e.Message.ShouldContain("3 coordinates");
    }

    [Fact]
    public void Inactive_parameters_are_absent_from_decoded_configurations()
    {
        var space = Conditional96();
        var sgdSeen = false;
        var adamSeen = false;
        var rng = new Rng(5);
        for (var i = 0; i < 400; i++)
        {
            var c = space.Decode([rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble()]);
            if (c["optimizer"].AsText() == "sgd")
            {
                sgdSeen = true;
                c.ContainsKey("momentum").ShouldBeTrue();
                c.ContainsKey("beta").ShouldBeFalse();
            }
            else
            {
                adamSeen = true;
                c.ContainsKey("momentum").ShouldBeFalse();
                c.ContainsKey("beta").ShouldBeTrue();
            }

            c.Count.ShouldBe(4);
        }

        sgdSeen.ShouldBeTrue();
        adamSeen.ShouldBeTrue();
    }

    [Fact]
    public void Inactive_parameters_encode_to_the_inactive_coordinate()
    {
        var space = Conditional96();
        var u = space.Encode(Config(("optimizer", "adam"), ("beta", 0.99), ("batch", 32), ("layers", 2)));
        u[space.IndexOf("momentum")].ShouldBe(SearchSpace.InactiveCoordinate);
        u[space.IndexOf("beta")].ShouldBe(0.5);
        u[space.IndexOf("optimizer")].ShouldBe(0.75);
    }

    [Fact]
    public void Validate_rejects_an_inactive_parameter_that_is_present()
    {
        var space = Conditional96();
        var c = Config(("optimizer", "adam"), ("beta", 0.9), ("momentum", 0.5), ("batch", 16), ("layers", 1));
        var e = Should.Throw<ArgumentException>(() => space.Validate(c));
        e.Message.ShouldContain("'momentum'");
        e.Message.ShouldContain("inactive (optimizer = adam)");
        space.Contains(c).ShouldBeFalse();
    }

    [Fact]
    public void Validate_rejects_an_active_parameter_that_is_missing()
    {
        var space = Conditional96();
        var c = Config(("optimizer", "sgd"), ("batch", 16), ("layers", 1));
        var e = Should.Throw<ArgumentException>(() => space.Validate(c));
        e.Message.ShouldContain("'momentum'");
        e.Message.ShouldContain("active but has no value");
        space.Contains(c).ShouldBeFalse();
    }

    [Fact]
    public void Validate_rejects_unknown_parameters_and_illegal_values()
    {
        var space = Small64();
        var unknown = Config(("layers", 1), ("batch", 16), ("activation", "relu"), ("depth", 3));
        Should.Throw<ArgumentException>(() => space.Validate(unknown)).Message.ShouldContain("'depth' is not in the search space");

        var illegal = Config(("layers", 9), ("batch", 16), ("activation", "relu"));
        Should.Throw<ArgumentException>(() => space.Validate(illegal)).Message.ShouldContain("'layers'");

        var textForNumber = Config(("layers", 1), ("batch", "16"), ("activation", "relu"));
        space.Contains(textForNumber).ShouldBeFalse();

        space.Contains(Config(("layers", 1), ("batch", 16), ("activation", "relu"))).ShouldBeTrue();
    }

    [Fact]
    public void Size_counts_conditional_configurations_exactly()
    {
        Conditional96().Size.ShouldBe(96); // (5 + 3) * 3 * 4, not 2 * 5 * 3 * 3 * 4
        Small64().Size.ShouldBe(64);
        Large62208().Size.ShouldBe(62208);
        Continuous().Size.ShouldBe(double.PositiveInfinity);
        Continuous().IsFinite.ShouldBeFalse();
        Conditional96().HasConditions.ShouldBeTrue();
        Small64().HasConditions.ShouldBeFalse();
    }

    [Fact]
    public void Size_counts_nested_and_multi_valued_conditions()
    {
        // a = x: b in {p, q}; b = p activates c (2 values), so a = x gives 2 + 1 = 3; a = y gives 1;
        // d (3 values) is active for a in {x, y} but not z: 3 * 3 + 1 * 3 + 1 = 13.
        var space = SearchSpace.Create(
            new CategoricalParameter("c", [1, 2], When: When("b", "p")),
            new CategoricalParameter("b", ["p", "q"], When: When("a", "x")),
            new CategoricalParameter("a", ["x", "y", "z"]),
            new OrdinalParameter("d", [1, 2, 3], When: When("a", "x", "y")));
        space.Size.ShouldBe(13);
        var all = SpaceEnumerator.Enumerate(space).ToList();
        all.Count.ShouldBe(13);
        all.Distinct().Count().ShouldBe(13);
        all.ShouldAllBe(c => space.Contains(c));
    }

    [Fact]
    public void Enumerator_yields_exactly_size_distinct_legal_configurations()
    {
        foreach (var space in new[] { Conditional96(), Small64(), MixedFinite25() })
        {
            var all = SpaceEnumerator.Enumerate(space).ToList();
            all.Count.ShouldBe((int)space.Size);
            all.Distinct().Count().ShouldBe(all.Count);
            all.ShouldAllBe(c => space.Contains(c));
        }
    }

    [Fact]
    public void Duplicate_parameter_names_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new IntParameter("layers", 1, 4), new FloatParameter("layers", 0, 1)));
        e.Parameter.ShouldBe("layers");
        e.Message.ShouldContain("'layers'");
        e.Message.ShouldContain("defined twice");
    }

    [Fact]
    public void An_empty_space_or_name_is_rejected()
    {
        Should.Throw<SearchSpaceException>(() => SearchSpace.Create()).Message.ShouldContain("no parameters");
        Should.Throw<SearchSpaceException>(() => SearchSpace.Create(new IntParameter(" ", 1, 2))).Message.ShouldContain("empty name");
    }

    [Fact]
    public void Condition_on_an_unknown_parent_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new CategoricalParameter("optimizer", ["sgd", "adam"]),
            new FloatParameter("momentum", 0, 1, When: When("optimiser", "sgd"))));
        e.Parameter.ShouldBe("momentum");
        e.Message.ShouldContain("'momentum'");
        e.Message.ShouldContain("'optimiser', which is not a parameter");
    }

    [Fact]
    public void Condition_on_an_unknown_value_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new CategoricalParameter("optimizer", ["sgd", "adam"]),
            new FloatParameter("momentum", 0, 1, When: When("optimizer", "rmsprop"))));
        e.Parameter.ShouldBe("momentum");
        e.Message.ShouldContain("'momentum'");
        e.Message.ShouldContain("'optimizer' = rmsprop, which is not one of");
    }

    [Fact]
    public void Condition_with_no_values_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new CategoricalParameter("optimizer", ["sgd", "adam"]),
            new FloatParameter("momentum", 0, 1, When: When("optimizer"))));
        e.Message.ShouldContain("'momentum'");
        e.Message.ShouldContain("lists no values");
    }

    [Fact]
    public void Condition_on_a_continuous_parent_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new FloatParameter("lr", 0.0, 1.0),
            new FloatParameter("momentum", 0, 1, When: When("lr", 0.5))));
        e.Parameter.ShouldBe("momentum");
        e.Message.ShouldContain("'momentum'");
        e.Message.ShouldContain("parent 'lr' must be categorical or ordinal");
    }

    [Fact]
    public void Condition_on_an_int_parent_is_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new IntParameter("layers", 1, 3),
            new FloatParameter("dropout", 0, 1, When: When("layers", 2))));
        e.Message.ShouldContain("'dropout'");
        e.Message.ShouldContain("must be categorical or ordinal");
    }

    [Fact]
    public void Conditions_that_form_a_cycle_are_rejected()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new CategoricalParameter("a", ["x", "y"], When: When("b", "p")),
            new CategoricalParameter("b", ["p", "q"], When: When("a", "x"))));
        e.Parameter.ShouldBeOneOf("a", "b");
        e.Message.ShouldContain("form a cycle");
    }

    [Fact]
    public void A_parameter_conditioned_on_itself_is_a_cycle()
    {
        var e = Should.Throw<SearchSpaceException>(() => SearchSpace.Create(
            new CategoricalParameter("a", ["x", "y"], When: When("a", "x"))));
        e.Message.ShouldContain("'a'");
        e.Message.ShouldContain("form a cycle");
    }

    [Fact]
    public void Decode_order_puts_parents_first()
    {
        var space = SearchSpace.Create(
            new FloatParameter("momentum", 0, 1, When: When("optimizer", "sgd")),
            new CategoricalParameter("optimizer", ["sgd", "adam"]));
        space.DecodeOrder.ShouldBe([1, 0]);
        var c = space.Decode([0.3, 0.1]);
        c["optimizer"].ShouldBe(ParameterValue.Text("sgd"));
        c["momentum"].AsDouble().ShouldBe(0.3, 1e-15);
    }

    private static SearchSpace MixedFinite25() => SearchSpace.Create(
        new CategoricalParameter("optimizer", ["sgd", "adam", "rmsprop"]),
        new IntParameter("units", 1, 8, Log: true, When: When("optimizer", "sgd", "rmsprop")),
        new CategoricalParameter("nesterov", [true, false], When: When("optimizer", "sgd")));
}
