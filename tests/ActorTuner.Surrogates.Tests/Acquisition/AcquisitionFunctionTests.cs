using ActorTuner.Surrogates.Acquisition;
using ActorTuner.Surrogates.Models;
using ActorTuner.Surrogates.Tests.Models;

namespace ActorTuner.Surrogates.Tests.Acquisition;

public sealed class AcquisitionFunctionTests
{
    private static readonly GaussianProcess Model = GaussianProcess.Create(
        new MaternKernel(ModelFixtures.MixedKinds, [0.3, 0.5, 0.8, 1.2], 1.3),
        1e-4,
        ModelFixtures.Points(ModelFixtures.MixedKinds, 20, 30),
        ModelFixtures.Targets(ModelFixtures.Points(ModelFixtures.MixedKinds, 20, 30)));

    public static TheoryData<IAcquisitionFunction> Functions => new()
    {
        new LogExpectedImprovement(-0.4),
        new LogExpectedImprovement(-25.0),
        new UpperConfidenceBound(2.0),
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Gradient_matches_finite_differences(IAcquisitionFunction acquisition)
    {
        var x = new[] { 0.37, 0.5, 0.5, 0.61 };
        var gradient = new double[4];
        acquisition.Evaluate(Model, x, gradient);
        foreach (var j in new[] { 0, 1, 3 })
        {
            const double H = 1e-6;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[j] += H;
            down[j] -= H;
            var numeric = (acquisition.Evaluate(Model, up, []) - acquisition.Evaluate(Model, down, [])) / (2 * H);
            gradient[j].ShouldBe(numeric, 1e-4 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Value_from_moments_equals_the_pointwise_value(IAcquisitionFunction acquisition)
    {
        var x = new[] { 0.12, 0.9, 1.0 / 6, 0.33 };
        var (mean, variance) = Model.Predict(x);
        acquisition.FromMoments(mean, variance).ShouldBe(acquisition.Evaluate(Model, x, []), 1e-12);
    }

    [Fact]
    public void Log_EI_equals_log_of_closed_form_EI_where_representable()
    {
        var x = new[] { 0.8, 0.1, 0.5, 0.5 };
        var (mean, variance) = Model.Predict(x);
        var sigma = Math.Sqrt(variance);
        var best = mean - (0.3 * sigma);
        var z = (best - mean) / sigma;
        var ei = ((best - mean) * NormalMath.Cdf(z)) + (sigma * NormalMath.Pdf(z));
        new LogExpectedImprovement(best).Evaluate(Model, x, []).ShouldBe(Math.Log(ei), 1e-10);
    }

    [Fact]
    public void Log_EI_still_ranks_points_where_EI_underflows()
    {
        var lei = new LogExpectedImprovement(-1e3);
        var a = lei.FromMoments(0.0, 1.0);
        var b = lei.FromMoments(0.5, 1.0);
        double.IsFinite(a).ShouldBeTrue();
        a.ShouldBeGreaterThan(b);
        Math.Exp(a).ShouldBe(0);
    }
}
