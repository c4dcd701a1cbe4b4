using ActorTuner.Surrogates.Acquisition;

namespace ActorTuner.Surrogates.Tests.Acquisition;

public sealed class NormalMathTests
{
    [Fact]
    public void Expected_improvement_at_mean_minus_half_variance_one_best_zero_is_0_19780_for_maximisation()
    {
        // Maximising f ~ N(-0.5, 1) over best 0 is minimising -f ~ N(0.5, 1) below 0: z = (0 - 0.5) / 1.
        var z = (0 - 0.5) / 1.0;
        NormalMath.H(z).ShouldBe(0.19780, 5e-6);
        Math.Exp(NormalMath.LogH(z)).ShouldBe(0.19780, 5e-6);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(0.5)]
    [InlineData(-0.99)]
    [InlineData(-1.0)]
    [InlineData(-2.5)]
    [InlineData(-7.0)]
    [InlineData(-20.0)]
    [InlineData(-35.0)]
    public void Log_h_equals_log_of_h_where_h_is_representable(double z)
    {
        var h = NormalMath.H(z);
        h.ShouldBeGreaterThan(0);
        NormalMath.LogH(z).ShouldBe(Math.Log(h), 1e-9 * Math.Max(1, Math.Abs(Math.Log(h))));
    }

    [Theory]
    [InlineData(-40.0)]
    [InlineData(-1e3)]
    [InlineData(-1e9)]
    [InlineData(-1e12)]
    public void Log_h_stays_finite_and_decreasing_where_h_underflows(double z)
    {
        var value = NormalMath.LogH(z);
        double.IsFinite(value).ShouldBeTrue();
        NormalMath.LogH(z * 1.01).ShouldBeLessThan(value);
        // Asymptotically log h(z) = -z^2/2 - log(2pi)/2 - 2 log|z| + log(1 - 3/z^2 + ...).
        var asymptote = (-0.5 * z * z) - (0.5 * Math.Log(2 * Math.PI)) - (2 * Math.Log(-z));
        value.ShouldBe(asymptote - (3 / (z * z)), (1e-14 * Math.Abs(asymptote)) + (20 / Math.Pow(z, 4)));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.5)]
    [InlineData(-3.0)]
    [InlineData(-12.0)]
    [InlineData(-60.0)]
    public void Derivative_of_log_h_matches_finite_differences(double z)
    {
        const double H = 1e-5;
        var numeric = (NormalMath.LogH(z + H) - NormalMath.LogH(z - H)) / (2 * H);
        NormalMath.LogHDerivative(z).ShouldBe(numeric, 1e-5 * Math.Max(1, Math.Abs(numeric)));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(2.0, 0.255395676310505)]
    [InlineData(10.0, 0.0561409927438226)]
    [InlineData(50.0, 0.0112815362653801)]
    public void Erfcx_matches_reference_values(double x, double expected) =>
        NormalMath.Erfcx(x).ShouldBe(expected, 1e-12 * Math.Max(1, expected) + (expected * 1e-12));

    [Fact]
    public void Log_cdf_is_accurate_far_in_the_tail()
    {
        // log Phi(-40) = -804.608442013754 (reference: mpmath).
        NormalMath.LogCdf(-40).ShouldBe(-804.608442013754, 1e-9);
        NormalMath.LogCdf(-2).ShouldBe(Math.Log(0.0227501319481792), 1e-12);
    }
}
