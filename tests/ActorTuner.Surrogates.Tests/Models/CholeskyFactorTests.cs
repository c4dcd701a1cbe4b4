using ActorTuner.Core.Randomness;
using ActorTuner.Surrogates.Models;
using MathNet.Numerics.LinearAlgebra;

namespace ActorTuner.Surrogates.Tests.Models;

public sealed class CholeskyFactorTests
{
    private static double[][] RandomSpd(int n, long seed)
    {
        var rng = new Rng(seed);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextGaussian());
        var spd = (a * a.Transpose()) + Matrix<double>.Build.DenseIdentity(n);
        return [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, i + 1).Select(j => spd[i, j]).ToArray())];
    }

    private static Matrix<double> Full(double[][] lower)
    {
        var n = lower.Length;
        return Matrix<double>.Build.Dense(n, n, (i, j) => i >= j ? lower[i][j] : lower[j][i]);
    }

    [Fact]
    public void Factor_equals_MathNet_Cholesky()
    {
        var lower = RandomSpd(40, 3);
        var ours = CholeskyFactor.Factor(lower);
        var theirs = Full(lower).Cholesky().Factor;
        for (var i = 0; i < 40; i++)
        {
            for (var j = 0; j < 40; j++)
            {
                ours[i, j].ShouldBe(theirs[i, j], 1e-10);
            }
        }
    }

    [Fact]
    public void Appending_points_equals_refactoring_the_whole_matrix()
    {
        var lower = RandomSpd(30, 4);
        var head = lower.Take(22).ToArray();
        var cross = Enumerable.Range(22, 8).Select(k => lower[k].Take(22).ToArray()).ToList();
        var block = Enumerable.Range(22, 8).Select(k => lower[k].Skip(22).ToArray()).ToList();
        var grown = CholeskyFactor.Factor(head).Append(cross, block);
        var full = CholeskyFactor.Factor(lower);
        for (var i = 0; i < 30; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                grown[i, j].ShouldBe(full[i, j], 1e-10);
            }
        }
    }

    [Fact]
    public void Solve_inverts_the_product_and_log_determinant_matches()
    {
        var lower = RandomSpd(25, 5);
        var factor = CholeskyFactor.Factor(lower);
        var b = Enumerable.Range(0, 25).Select(i => Math.Cos(i)).ToArray();
        var x = factor.Solve(b);
        var k = Full(lower);
        var back = k * Vector<double>.Build.DenseOfArray(x);
        for (var i = 0; i < 25; i++)
        {
            back[i].ShouldBe(b[i], 1e-9);
        }

        factor.LogDeterminant().ShouldBe(Math.Log(k.Determinant()), 1e-8);
    }

    [Fact]
    public void Inverse_of_product_times_matrix_is_identity()
    {
        var lower = RandomSpd(20, 6);
        var inverse = CholeskyFactor.Factor(lower).InverseOfProduct();
        var product = Matrix<double>.Build.Dense(20, 20, (i, j) => inverse[i][j]) * Full(lower);
        for (var i = 0; i < 20; i++)
        {
            for (var j = 0; j < 20; j++)
            {
                product[i, j].ShouldBe(i == j ? 1.0 : 0.0, 1e-9);
            }
        }
    }

    [Fact]
    public void Semidefinite_matrix_is_factored_with_escalating_jitter()
    {
        // Two identical points: rank-deficient, fails without jitter.
        double[][] lower = [[1.0], [1.0, 1.0], [0.5, 0.5, 1.0]];
        var factor = CholeskyFactor.Factor(lower);
        factor.Jitter.ShouldBeGreaterThan(0);
        factor.Jitter.ShouldBeLessThanOrEqualTo(1e-6);
    }

    [Fact]
    public void Matrix_that_is_not_positive_definite_is_refused_with_a_clear_error()
    {
        double[][] lower = [[1.0], [5.0, 1.0]];
        Should.Throw<InvalidOperationException>(() => CholeskyFactor.Factor(lower)).Message.ShouldContain("not positive definite");
    }
}
