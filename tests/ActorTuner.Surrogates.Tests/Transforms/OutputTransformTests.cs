using ActorTuner.Surrogates.Transforms;

namespace ActorTuner.Surrogates.Tests.Transforms;

public sealed class OutputTransformTests
{
    [Theory]
    [InlineData(OutputTransformKind.Standardize)]
    [InlineData(OutputTransformKind.Power)]
    public void Transform_is_increasing_and_standardised(OutputTransformKind kind)
    {
        double[] losses = [0.3, 0.1, 5.0, 0.25, 0.2, 120.0, 0.15, 0.4];
        var t = OutputTransform.Fit(losses, kind);
        var y = t.Apply(losses);
        y.Average().ShouldBe(0, 1e-9);
        Math.Sqrt(y.Select(v => v * v).Average()).ShouldBe(1, 1e-9);
        var order = losses.Select((v, i) => (v, i)).OrderBy(p => p.v).Select(p => y[p.i]).ToArray();
        for (var i = 1; i < order.Length; i++)
        {
            order[i].ShouldBeGreaterThan(order[i - 1]);
        }
    }

    [Fact]
    public void Power_transform_keeps_a_few_huge_losses_from_flattening_the_good_ones()
    {
        double[] losses = [0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 1e6];
        var plain = OutputTransform.Fit(losses, OutputTransformKind.Standardize).Apply(losses);
        var power = OutputTransform.Fit(losses, OutputTransformKind.Power);
        var y = power.Apply(losses);
        // Spread between the best and the seventh value, relative to the whole range.
        ((y[6] - y[0]) / (y[7] - y[0])).ShouldBeGreaterThan(10 * ((plain[6] - plain[0]) / (plain[7] - plain[0])));
        power.Lambda.ShouldBeLessThan(1);
    }

    [Fact]
    public void Yeo_Johnson_matches_its_definition()
    {
        OutputTransform.YeoJohnson(1, 3.0).ShouldBe(3.0, 1e-12);
        OutputTransform.YeoJohnson(0, 3.0).ShouldBe(Math.Log(4), 1e-12);
        OutputTransform.YeoJohnson(2, -3.0).ShouldBe(-Math.Log(4), 1e-12);
        OutputTransform.YeoJohnson(0.5, 3.0).ShouldBe((Math.Sqrt(4) - 1) / 0.5, 1e-12);
        OutputTransform.YeoJohnson(0.5, -3.0).ShouldBe(-(Math.Pow(4, 1.5) - 1) / 1.5, 1e-12);
    }

    [Fact]
    public void Infinities_are_clipped_to_finite_values_and_keep_their_order()
    {
        var clipped = OutputTransform.ClipInfinities([1.0, double.PositiveInfinity, 3.0, double.NegativeInfinity]);
        clipped.All(double.IsFinite).ShouldBeTrue();
        clipped[1].ShouldBeGreaterThan(3.0);
        clipped[3].ShouldBe(1.0);
    }

    [Fact]
    public void Constant_losses_do_not_divide_by_zero()
    {
        var y = OutputTransform.Fit([2.0, 2.0, 2.0, 2.0], OutputTransformKind.Power).Apply([2.0, 2.0]);
        y.All(double.IsFinite).ShouldBeTrue();
    }
}
