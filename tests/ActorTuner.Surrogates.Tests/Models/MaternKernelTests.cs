using System.Collections.Immutable;
using ActorTuner.Core.Spaces;
using ActorTuner.Surrogates.Models;

namespace ActorTuner.Surrogates.Tests.Models;

public sealed class MaternKernelTests
{
    private static readonly MaternKernel Kernel = new(ModelFixtures.MixedKinds, [0.3, 0.5, 0.8, 1.2], 1.7);

    [Fact]
    public void Kernel_is_symmetric_and_equals_output_scale_on_the_diagonal()
    {
        var points = ModelFixtures.Points(ModelFixtures.MixedKinds, 30, 1);
        foreach (var a in points)
        {
            Kernel.Evaluate(a, a).ShouldBe(1.7, 1e-12);
            foreach (var b in points)
            {
                Kernel.Evaluate(a, b).ShouldBe(Kernel.Evaluate(b, a), 1e-15);
                Kernel.Evaluate(a, b).ShouldBeLessThanOrEqualTo(1.7 + 1e-12);
            }
        }
    }

    [Fact]
    public void Gram_matrix_is_positive_definite_without_jitter()
    {
        var points = ModelFixtures.Points([DimensionKind.Continuous, DimensionKind.Continuous], 40, 2);
        var kernel = new MaternKernel([DimensionKind.Continuous, DimensionKind.Continuous], [0.2, 0.4], 1.0);
        var factor = CholeskyFactor.Factor(GaussianProcess.CovarianceLower(kernel, 1e-6, points));
        factor.Jitter.ShouldBe(0);
    }

    [Fact]
    public void Categorical_distance_does_not_invent_an_order()
    {
        var kernel = new MaternKernel([DimensionKind.Categorical], [0.5], 1.0);
        var first = kernel.Evaluate([0.1], [0.5]);
        var last = kernel.Evaluate([0.1], [0.9]);
        first.ShouldBe(last, 1e-15);
        first.ShouldBeLessThan(1.0);
    }

    [Fact]
    public void Ordered_distance_grows_with_separation()
    {
        var kernel = new MaternKernel([DimensionKind.Ordered], [0.5], 1.0);
        kernel.Evaluate([0.1], [0.5]).ShouldBeGreaterThan(kernel.Evaluate([0.1], [0.9]));
    }

    [Fact]
    public void Gradient_with_respect_to_x_matches_finite_differences()
    {
        var x = new[] { 0.31, 0.7, 0.5, 0.2 };
        var y = new[] { 0.52, 0.1, 0.5, 0.9 };
        var gradient = new double[4];
        Kernel.AccumulateGradient(x, y, 1.0, gradient);
        foreach (var j in new[] { 0, 1, 3 })
        {
            var h = 1e-6;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[j] += h;
            down[j] -= h;
            var numeric = (Kernel.Evaluate(up, y) - Kernel.Evaluate(down, y)) / (2 * h);
            gradient[j].ShouldBe(numeric, 1e-7);
        }

        gradient[2].ShouldBe(0);
    }

    [Fact]
    public void Wrong_number_of_length_scales_is_refused()
    {
        Should.Throw<ArgumentException>(() => new MaternKernel(ImmutableArray.Create(DimensionKind.Continuous), [1.0, 2.0], 1.0))
            .Message.ShouldContain("expected 1 length scales");
    }
}
