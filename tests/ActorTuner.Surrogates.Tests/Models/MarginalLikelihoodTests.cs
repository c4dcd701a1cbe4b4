using System.Collections.Immutable;
using ActorTuner.Core.Spaces;
using ActorTuner.Surrogates.Models;
using MathNet.Numerics.LinearAlgebra;

namespace ActorTuner.Surrogates.Tests.Models;

public sealed class MarginalLikelihoodTests
{
    private static readonly double[] Theta = [Math.Log(0.3), Math.Log(0.6), Math.Log(0.9), Math.Log(1.4), Math.Log(1.2), Math.Log(2e-3)];

    [Fact]
    public void Log_likelihood_equals_the_dense_formula()
    {
        var x = ModelFixtures.Points(ModelFixtures.MixedKinds, 15, 20);
        var y = ModelFixtures.Targets(x);
        var value = MarginalLikelihood.Evaluate(ModelFixtures.MixedKinds, x, y, Theta, []);
        var h = GpHyperparameters.FromLog(Theta);
        var kernel = new MaternKernel(ModelFixtures.MixedKinds, h.LengthScales.AsSpan(), h.OutputScale);
        var k = Matrix<double>.Build.Dense(15, 15, (i, j) => kernel.Evaluate(x[i], x[j]) + (i == j ? h.NoiseVariance : 0));
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var expected = (-0.5 * yv.DotProduct(k.Solve(yv))) - (0.5 * Math.Log(k.Determinant())) - (7.5 * Math.Log(2 * Math.PI));
        value.ShouldBe(expected, 1e-8);
    }

    [Theory]
    [InlineData(GpPriorKind.DimensionScaled)]
    [InlineData(GpPriorKind.Optuna)]
    public void Analytic_gradient_of_the_log_posterior_matches_finite_differences(GpPriorKind prior)
    {
        var x = ModelFixtures.Points(ModelFixtures.MixedKinds, 25, 21);
        var y = ModelFixtures.Targets(x);
        var fitter = new GpFitter(prior);
        var gradient = new double[Theta.Length];
        fitter.LogPosterior(ModelFixtures.MixedKinds, x, y, Theta, gradient);
        for (var k = 0; k < Theta.Length; k++)
        {
            const double H = 1e-5;
            var up = (double[])Theta.Clone();
            var down = (double[])Theta.Clone();
            up[k] += H;
            down[k] -= H;
            var numeric = (fitter.LogPosterior(ModelFixtures.MixedKinds, x, y, up, new double[6]) -
                           fitter.LogPosterior(ModelFixtures.MixedKinds, x, y, down, new double[6])) / (2 * H);
            gradient[k].ShouldBe(numeric, 1e-4 * Math.Max(1, Math.Abs(numeric)), $"theta[{k}]");
        }
    }

    [Fact]
    public void Fit_gives_the_relevant_dimension_a_shorter_length_scale_than_an_irrelevant_one()
    {
        ImmutableArray<DimensionKind> kinds = [DimensionKind.Continuous, DimensionKind.Continuous];
        var x = ModelFixtures.Points(kinds, 40, 22);
        var y = x.Select(p => Math.Sin(8 * p[0])).ToList();
        var h = new GpFitter().Fit(kinds, x, y);
        h.LengthScales[0].ShouldBeLessThan(h.LengthScales[1] / 3);
        h.NoiseVariance.ShouldBeLessThan(0.05);
    }

    [Fact]
    public void Warm_started_fit_is_no_worse_than_its_start()
    {
        var x = ModelFixtures.Points(ModelFixtures.MixedKinds, 30, 23);
        var y = ModelFixtures.Targets(x);
        var fitter = new GpFitter();
        var start = GpHyperparameters.FromLog(Theta);
        var fitted = fitter.Fit(ModelFixtures.MixedKinds, x, y, start);
        fitter.LogPosterior(ModelFixtures.MixedKinds, x, y, fitted.ToLog(), new double[6])
            .ShouldBeGreaterThanOrEqualTo(fitter.LogPosterior(ModelFixtures.MixedKinds, x, y, start.ToLog(), new double[6]));
    }
}
