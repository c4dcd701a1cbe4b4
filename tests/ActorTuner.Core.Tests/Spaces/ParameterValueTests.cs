using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Tests.Spaces;

public class ParameterValueTests
{
    [Fact]
    public void Text_one_is_not_integer_one()
    {
        ParameterValue.Text("1").ShouldNotBe(ParameterValue.Integer(1));
        ParameterValue.Integer(1).ShouldNotBe(ParameterValue.Text("1"));
        (ParameterValue.Text("1") == ParameterValue.Integer(1)).ShouldBeFalse();
    }

    [Fact]
    public void Kinds_never_compare_equal()
    {
        ParameterValue.Integer(1).ShouldNotBe(ParameterValue.Real(1.0));
        ParameterValue.Boolean(true).ShouldNotBe(ParameterValue.Integer(1));
        ParameterValue.Boolean(false).ShouldNotBe(ParameterValue.Real(0.0));
        ParameterValue.Text("true").ShouldNotBe(ParameterValue.Boolean(true));
    }

    [Fact]
    public void Equal_values_are_equal_and_hash_alike()
    {
        ParameterValue.Real(0.1).ShouldBe(ParameterValue.Real(0.1));
        ParameterValue.Real(0.1).GetHashCode().ShouldBe(ParameterValue.Real(0.1).GetHashCode());
        ParameterValue.Text("adam").ShouldBe(ParameterValue.Text("adam"));
        ParameterValue.Text("adam").ShouldNotBe(ParameterValue.Text("Adam"));
        ParameterValue.Real(0.0).ShouldBe(ParameterValue.Real(-0.0));
        ParameterValue.Real(0.0).GetHashCode().ShouldBe(ParameterValue.Real(-0.0).GetHashCode());
        ParameterValue.Real(0.1 + 0.2).ShouldNotBe(ParameterValue.Real(0.3));
        new HashSet<ParameterValue> { 1, 1.0, "1", true, 1 }.Count.ShouldBe(4);
    }

    [Fact]
    public void Numbers_compare_by_value_across_kinds()
    {
        ParameterValue.Integer(2).CompareTo(ParameterValue.Real(2.5)).ShouldBeLessThan(0);
        ParameterValue.Real(3.5).CompareTo(ParameterValue.Integer(3)).ShouldBeGreaterThan(0);
        (ParameterValue.Integer(-1) < ParameterValue.Real(0.5)).ShouldBeTrue();
        (ParameterValue.Real(10) >= ParameterValue.Integer(10)).ShouldBeTrue();
    }

    [Fact]
    public void Text_compares_ordinally_and_kinds_group_apart()
    {
        ParameterValue.Text("B").CompareTo(ParameterValue.Text("a")).ShouldBeLessThan(0); // ordinal, not culture
        ParameterValue.Text("10").CompareTo(ParameterValue.Text("9")).ShouldBeLessThan(0);
        ParameterValue.Integer(1000).CompareTo(ParameterValue.Text("1")).ShouldBeLessThan(0);
        ParameterValue.Text("z").CompareTo(ParameterValue.Boolean(false)).ShouldBeLessThan(0);
        ParameterValue.Boolean(false).CompareTo(ParameterValue.Boolean(true)).ShouldBeLessThan(0);

        var sorted = new ParameterValue[] { true, "b", 2.5, "a", 1, false }.Order().ToArray();
        sorted.ShouldBe([1, 2.5, "a", "b", false, true]);
    }

    [Fact]
    public void Conversions_and_text_forms()
    {
        ParameterValue.Real(0.1).ToString().ShouldBe("0.1");
        ParameterValue.Real(1e-5).ToString().ShouldBe("1E-05");
        ParameterValue.Integer(-3).ToString().ShouldBe("-3");
        ParameterValue.Boolean(true).ToString().ShouldBe("true");
        ParameterValue.Text("adam").ToString().ShouldBe("adam");
        ParameterValue.Integer(7).AsLong().ShouldBe(7);
        ParameterValue.Real(7.0).AsLong().ShouldBe(7);
        ParameterValue.Boolean(true).AsDouble().ShouldBe(1);
        Should.Throw<InvalidOperationException>(() => ParameterValue.Real(7.5).AsLong());
        Should.Throw<InvalidOperationException>(() => ParameterValue.Text("7").AsDouble());
        Should.Throw<InvalidOperationException>(() => ParameterValue.Integer(1).AsBoolean());
        Should.Throw<InvalidOperationException>(() => ParameterValue.Integer(1).AsText());
        Should.Throw<ArgumentNullException>(() => ParameterValue.Text(null!));
        ParameterValue.Integer(3).IsNumber.ShouldBeTrue();
        ParameterValue.Boolean(true).IsNumber.ShouldBeFalse();
    }
}
