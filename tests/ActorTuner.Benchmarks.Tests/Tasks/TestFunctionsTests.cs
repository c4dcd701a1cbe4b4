using ActorTuner.Benchmarks.Tasks;

namespace ActorTuner.Benchmarks.Tests.Tasks;

public class TestFunctionsTests
{
    [Theory]
    [InlineData(-Math.PI, 12.275)]
    [InlineData(Math.PI, 2.275)]
    [InlineData(9.42478, 2.475)]
    public void Branin_is_0_397887_at_its_three_minimisers(double x1, double x2)
    {
        TestFunctions.Branin([x1, x2]).ShouldBe(0.397887, tolerance: 1e-6);
    }

    [Fact]
    public void Branin_optimum_constant_matches_the_function()
    {
        TestFunctions.Branin([Math.PI, 2.275]).ShouldBe(TestFunctions.BraninOptimum, tolerance: 1e-12);
    }

    [Fact]
    public void Hartmann3_is_minus_3_86278_at_its_minimiser()
    {
        TestFunctions.Hartmann3([0.114614, 0.555649, 0.852547]).ShouldBe(-3.86278, tolerance: 1e-5);
    }

    [Fact]
    public void Hartmann6_is_minus_3_32237_at_its_minimiser()
    {
        TestFunctions.Hartmann6([.. TestFunctions.Hartmann6Argmin]).ShouldBe(-3.32237, tolerance: 1e-5);
        TestFunctions.Hartmann6([.. TestFunctions.Hartmann6Argmin]).ShouldBe(TestFunctions.Hartmann6Optimum, tolerance: 1e-5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void Ackley_is_0_at_the_origin(int d)
    {
        TestFunctions.Ackley(new double[d]).ShouldBe(0, tolerance: 1e-12);
        TestFunctions.Ackley(Enumerable.Repeat(0.5, d).ToArray()).ShouldBeGreaterThan(1);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Rosenbrock_is_0_at_ones(int d)
    {
        TestFunctions.Rosenbrock(Enumerable.Repeat(1.0, d).ToArray()).ShouldBe(0);
        TestFunctions.Rosenbrock(new double[d]).ShouldBe(d - 1); // (0 - 1)^2 per term
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Levy_is_0_at_ones(int d)
    {
        TestFunctions.Levy(Enumerable.Repeat(1.0, d).ToArray()).ShouldBe(0, tolerance: 1e-12);
        TestFunctions.Levy(new double[d]).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Functions_check_their_dimension()
    {
        Should.Throw<ArgumentException>(() => TestFunctions.Hartmann6([0.5, 0.5]));
    }
}
