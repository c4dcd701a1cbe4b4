using ActorTuner.Core.Spaces;
using static ActorTuner.Core.Tests.TestSpaces;

namespace ActorTuner.Core.Tests.Spaces;

public class ConfigurationTests
{
    [Fact]
    public void Equality_and_hash_ignore_insertion_order()
    {
        var a = Config(("lr", 0.1), ("optimizer", "adam"), ("layers", 3));
        var b = Config(("layers", 3), ("lr", 0.1), ("optimizer", "adam"));
        a.ShouldBe(b);
        a.Equals((object)b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        new HashSet<Configuration> { a, b }.Count.ShouldBe(1);
    }

    [Fact]
    public void Different_values_kinds_or_keys_are_not_equal()
    {
        var a = Config(("layers", 3), ("optimizer", "adam"));
        a.ShouldNotBe(Config(("layers", 4), ("optimizer", "adam")));
        a.ShouldNotBe(Config(("layers", "3"), ("optimizer", "adam")));
        a.ShouldNotBe(Config(("layers", 3.0), ("optimizer", "adam")));
        a.ShouldNotBe(Config(("layers", 3)));
        a.ShouldNotBe(Config(("layers", 3), ("optimizer", "adam"), ("lr", 0.1)));
        a.ShouldNotBe(Config(("Layers", 3), ("optimizer", "adam")));
        a.Equals(null).ShouldBeFalse();
        new HashSet<Configuration> { a, Config(("layers", "3"), ("optimizer", "adam")) }.Count.ShouldBe(2);
    }

    [Fact]
    public void Keys_are_name_sorted_and_printed_that_way()
    {
        var c = Config(("b", "rbf"), ("a", 1), ("C", true));
        c.Keys.ShouldBe(["C", "a", "b"]);
        c.ToString().ShouldBe("{C=true, a=1, b=rbf}");
        c.Count.ShouldBe(3);
        c["a"].ShouldBe(ParameterValue.Integer(1));
        c.TryGetValue("z", out _).ShouldBeFalse();
        Configuration.Empty.Count.ShouldBe(0);
        Configuration.Empty.ToString().ShouldBe("{}");
        Configuration.Empty.ShouldBe(Config());
    }
}
