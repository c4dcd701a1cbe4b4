using System.Collections.Immutable;
using ActorTuner.Core.Spaces;
using ActorTuner.Surrogates.Models;

namespace ActorTuner.Surrogates.Tests.Models;

public sealed class GaussianProcessTests
{
    private static GaussianProcess Model(int n, long seed, double noise = 1e-6)
    {
        var x = ModelFixtures.Points(ModelFixtures.MixedKinds, n, seed);
        var y = ModelFixtures.Targets(x);
        return GaussianProcess.Create(new MaternKernel(ModelFixtures.MixedKinds, [0.3, 0.5, 0.8, 1.2], 1.3), noise, x, y);
    }

    [Fact]
    public void Variance_is_non_negative_everywhere_and_mean_interpolates_noise_free_data()
    {
        var gp = Model(25, 7);
        foreach (var p in ModelFixtures.Points(ModelFixtures.MixedKinds, 200, 8))
        {
            gp.Predict(p).Variance.ShouldBeGreaterThanOrEqualTo(0);
        }

        for (var i = 0; i < gp.Count; i++)
        {
            var (mean, variance) = gp.Predict(gp.Inputs[i]);
            mean.ShouldBe(gp.Targets[i], 1e-3);
            variance.ShouldBeLessThan(1e-4);
        }
    }

    [Fact]
    public void Mean_and_variance_gradients_match_finite_differences()
    {
        var gp = Model(20, 9, noise: 1e-3);
        var x = new[] { 0.41, 0.3, 1.0 / 6, 0.77 };
        var meanGradient = new double[4];
        var varianceGradient = new double[4];
        gp.Predict(x, meanGradient, varianceGradient);
        foreach (var j in new[] { 0, 1, 3 })
        {
            const double H = 1e-6;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[j] += H;
            down[j] -= H;
            var (mu1, v1) = gp.Predict(up);
            var (mu0, v0) = gp.Predict(down);
            meanGradient[j].ShouldBe((mu1 - mu0) / (2 * H), 1e-5);
            varianceGradient[j].ShouldBe((v1 - v0) / (2 * H), 1e-5);
        }

        meanGradient[2].ShouldBe(0);
    }

    [Fact]
    public void Conditioning_on_appended_points_equals_a_full_refit()
    {
        var x = ModelFixtures.Points(ModelFixtures.MixedKinds, 30, 10);
        var y = ModelFixtures.Targets(x);
        var kernel = new MaternKernel(ModelFixtures.MixedKinds, [0.3, 0.5, 0.8, 1.2], 1.3);
        var full = GaussianProcess.Create(kernel, 1e-4, x, y);
        var grown = GaussianProcess.Create(kernel, 1e-4, x.Take(20).ToList(), y.Take(20).ToList())
            .Condition(x.Skip(20).ToList(), y.Skip(20).ToList());
        foreach (var p in ModelFixtures.Points(ModelFixtures.MixedKinds, 50, 11))
        {
            var (m1, v1) = full.Predict(p);
            var (m2, v2) = grown.Predict(p);
            m2.ShouldBe(m1, 1e-9);
            v2.ShouldBe(v1, 1e-9);
        }
    }

    [Fact]
    public void Posterior_mean_at_the_data_is_targets_minus_noise_times_alpha()
    {
        // The identity behind the sampler's plug-in incumbent: mean(X) = K_f K^{-1} y = y - noise K^{-1} y.
        var gp = Model(30, 16, noise: 0.05);
        for (var i = 0; i < gp.Count; i++)
        {
            gp.Predict(gp.Inputs[i]).Mean.ShouldBe(gp.Targets[i] - (gp.NoiseVariance * gp.Alpha[i]), 1e-9);
        }
    }

    [Fact]
    public void Batch_prediction_equals_one_by_one_prediction()
    {
        var gp = Model(70, 12, noise: 1e-4);
        var points = ModelFixtures.Points(ModelFixtures.MixedKinds, 75, 13);
        var means = new double[75];
        var variances = new double[75];
        gp.PredictMany(points, means, variances);
        for (var i = 0; i < 75; i++)
        {
            var (m, v) = gp.Predict(points[i]);
            means[i].ShouldBe(m, 1e-10);
            variances[i].ShouldBe(v, 1e-10);
        }
    }

    [Fact]
    public void Joint_posterior_diagonal_equals_marginal_variances()
    {
        var gp = Model(15, 14, noise: 1e-4);
        var points = ModelFixtures.Points(ModelFixtures.MixedKinds, 10, 15);
        var (means, covariance) = gp.PredictJoint(points);
        for (var i = 0; i < 10; i++)
        {
            var (m, v) = gp.Predict(points[i]);
            means[i].ShouldBe(m, 1e-10);
            covariance[i][i].ShouldBe(v, 1e-8);
        }
    }

    [Fact]
    public void Far_from_data_the_variance_returns_to_the_prior()
    {
        var kinds = new[] { DimensionKind.Continuous }.ToImmutableArray();
        var gp = GaussianProcess.Create(new MaternKernel(kinds, [0.05], 2.0), 1e-6, [[0.0], [0.05]], [1.0, 2.0]);
        gp.Predict([1.0]).Variance.ShouldBe(2.0, 1e-6);
        gp.Predict([1.0]).Mean.ShouldBe(0.0, 1e-6);
    }
}
