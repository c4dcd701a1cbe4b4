using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tests.Tasks;

public class SyntheticFunctionsTests
{
    private static Configuration X(params double[] x) => new(x.Select((v, i) => KeyValuePair.Create($"x{i}", ParameterValue.Real(v))));

    [Fact]
    public void Branin_task_has_its_box_and_optimum()
    {
        var task = SyntheticFunctions.Create("branin");

        task.Direction.ShouldBe(Direction.Minimize);
        task.Optimum!.Value.ShouldBe(0.397887, tolerance: 1e-6);
        task.Space.Parameters.ShouldBe([new FloatParameter("x0", -5, 10), new FloatParameter("x1", 0, 15)]);
        task.Evaluate(X(-Math.PI, 12.275)).ShouldBe(0.397887, tolerance: 1e-6);
    }

    [Fact]
    public void Hartmann6_task_is_minus_3_32237_at_its_optimum()
    {
        var task = SyntheticFunctions.Create("hartmann6");

        task.Evaluate(X([.. TestFunctions.Hartmann6Argmin])).ShouldBe(-3.32237, tolerance: 1e-5);
        task.Optimum.ShouldBe(TestFunctions.Hartmann6Optimum);
    }

    [Theory]
    [InlineData("ackley10", 10, -32.768, 32.768, 0.0)]
    [InlineData("rosenbrock3", 3, -5, 10, 1.0)]
    [InlineData("levy4", 4, -10, 10, 1.0)]
    public void Dimensioned_families_have_D_parameters_and_value_0_at_the_optimum(string name, int d, double low, double high, double at)
    {
        var task = SyntheticFunctions.Create(name);

        task.Space.Dimensions.ShouldBe(d);
        task.Space.Parameters.ShouldAllBe(p => p is FloatParameter && ((FloatParameter)p).Low == low && ((FloatParameter)p).High == high);
        task.Space.Parameters.Select(p => p.Name).ShouldBe(Enumerable.Range(0, d).Select(i => $"x{i}"));
        task.Optimum.ShouldBe(0);
        task.Evaluate(X(Enumerable.Repeat(at, d).ToArray())).ShouldBe(0, tolerance: 1e-12);
    }

    [Fact]
    public void Hartmann6_int_reads_x0_to_x2_as_k_over_20_and_reaches_its_stated_optimum()
    {
        var task = SyntheticFunctions.Create("hartmann6-int");
        var best = new Configuration([
            new("x0", 4L), new("x1", 3L), new("x2", 10L),
            new("x3", 0.27443983), new("x4", 0.31206586), new("x5", 0.65724937),
        ]);

        task.Space.Parameters.Take(3).ShouldAllBe(p => p is IntParameter && ((IntParameter)p).Low == 0 && ((IntParameter)p).High == 20);
        task.Space.Parameters.Skip(3).ShouldAllBe(p => p is FloatParameter);
        task.Evaluate(best).ShouldBe(TestFunctions.Hartmann6([0.2, 0.15, 0.5, 0.27443983, 0.31206586, 0.65724937]));
        task.Evaluate(best).ShouldBe(SyntheticFunctions.Hartmann6IntOptimum, tolerance: 1e-9);
        task.Optimum.ShouldBe(SyntheticFunctions.Hartmann6IntOptimum);
    }

    /// <summary>
    /// Repeats the search documented on <see cref="SyntheticFunctions.Hartmann6IntOptimum"/> in a cheaper form:
    /// every one of the 21³ integer combinations on a 5³ grid of the continuous coordinates, then, for the 100
    /// best combinations, a compass search of the continuous coordinates from the combination's best grid point
    /// and from Hartmann6's own minimiser; nothing may beat the stated optimum, and the search finds it.
    /// </summary>
    [Fact]
    public void Hartmann6_int_stated_optimum_is_not_beaten_by_a_grid_and_local_search()
    {
        var grid = Enumerable.Range(0, 5).Select(i => i / 4.0).ToArray();
        var candidates = new List<(double Value, double[] X)>();
        var x = new double[6];
        for (var a = 0; a <= 20; a++)
        {
            for (var b = 0; b <= 20; b++)
            {
                for (var c = 0; c <= 20; c++)
                {
                    (x[0], x[1], x[2]) = (a / 20.0, b / 20.0, c / 20.0);
                    var best = (Value: double.PositiveInfinity, X: x);
                    foreach (var u in grid)
                    {
                        foreach (var v in grid)
                        {
                            foreach (var w in grid)
                            {
                                (x[3], x[4], x[5]) = (u, v, w);
                                var f = TestFunctions.Hartmann6(x);
                                if (f < best.Value)
                                {
                                    best = (f, (double[])x.Clone());
                                }
                            }
                        }
                    }

                    candidates.Add(best);
                }
            }
        }

        var continuousArgmin = TestFunctions.Hartmann6Argmin.Skip(3).ToArray();
        var refined = candidates
            .OrderBy(c => c.Value)
            .Take(100)
            .SelectMany(c => new[] { c.X, [.. c.X.Take(3), .. continuousArgmin] })
            .Select(CompassSearch)
            .Min();

        refined.ShouldBeGreaterThanOrEqualTo(SyntheticFunctions.Hartmann6IntOptimum - 1e-7);
        refined.ShouldBe(SyntheticFunctions.Hartmann6IntOptimum, tolerance: 1e-5); // and the search does find it
    }

    private static double CompassSearch(double[] start)
    {
        var x = (double[])start.Clone();
        var f = TestFunctions.Hartmann6(x);
        for (var step = 0.1; step > 1e-9; step /= 2)
        {
            var improved = true;
            while (improved)
            {
                improved = false;
                for (var j = 3; j < 6; j++)
                {
                    foreach (var sign in (ReadOnlySpan<double>)[1.0, -1.0])
                    {
                        var old = x[j];
                        x[j] = Math.Clamp(old + (sign * step), 0, 1);
                        var g = TestFunctions.Hartmann6(x);
                        if (g < f - 1e-15)
                        {
                            f = g;
                            improved = true;
                        }
                        else
                        {
                            x[j] = old;
                        }
                    }
                }
            }
        }

        return f;
    }

    [Fact]
    public void Hartmann6_cat_adds_the_shift_of_its_choice()
    {
        var task = SyntheticFunctions.Create("hartmann6-cat");
        var at = TestFunctions.Hartmann6Argmin.Select((v, i) => KeyValuePair.Create($"x{i}", ParameterValue.Real(v))).ToList();
        double With(string shift) => task.Evaluate(new Configuration([.. at, new("shift", shift)]));

        task.Space.Parameters[^1].ShouldBe(new CategoricalParameter("shift", ["a", "b", "c", "d"]));
        With("a").ShouldBe(-3.32237, tolerance: 1e-5);
        (With("b") - With("a")).ShouldBe(0.3, tolerance: 1e-12);
        (With("c") - With("a")).ShouldBe(0.6, tolerance: 1e-12);
        (With("d") - With("a")).ShouldBe(1.0, tolerance: 1e-12);
        task.Optimum.ShouldBe(TestFunctions.Hartmann6Optimum);
    }

    [Fact]
    public void Noisy_variant_observes_noise_with_the_given_scale_but_evaluates_without_it()
    {
        var plain = SyntheticFunctions.Create("hartmann6");
        var noisy = SyntheticFunctions.Create("hartmann6-noise0.1");
        var c = X(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);

        noisy.Name.ShouldBe("hartmann6-noise0.1");
        noisy.NoiseStd.ShouldBe(0.1);
        noisy.Evaluate(c).ShouldBe(plain.Evaluate(c));
        var errors = Enumerable.Range(0, 2000).Select(t => noisy.Observe(c, NoiseMode.Mean, 7, t) - plain.Evaluate(c)).ToList();
        errors.Average().ShouldBe(0, tolerance: 0.01);
        Math.Sqrt(errors.Average(e => e * e)).ShouldBe(0.1, tolerance: 0.01);
        noisy.Observe(c, NoiseMode.Mean, 7, 5).ShouldBe(noisy.Observe(c, NoiseMode.Seed, 7, 5)); // seeded, and --noise is for tables
        plain.Observe(c, NoiseMode.Seed, 7, 5).ShouldBe(plain.Evaluate(c));
    }

    [Fact]
    public void Noise_suffix_works_on_every_base_name()
    {
        SyntheticFunctions.Create("hartmann6-int-noise0.5").Space.Parameters[0].ShouldBeOfType<IntParameter>();
        SyntheticFunctions.Create("levy3-noise1").NoiseStd.ShouldBe(1);
        SyntheticFunctions.Create("branin-noise0").NoiseStd.ShouldBe(0);
    }

    [Theory]
    [InlineData("sphere")]
    [InlineData("ackley")]
    [InlineData("rosenbrock1")]
    [InlineData("hartmann6-noise")]
    [InlineData("hartmann6-noise-1")]
    [InlineData("Branin")]
    public void Unknown_names_are_rejected_with_the_list_of_names(string name)
    {
        var e = Should.Throw<ArgumentException>(() => SyntheticFunctions.Create(name));

        e.Message.ShouldContain(name);
        SyntheticFunctions.IsKnown(name).ShouldBeFalse();
    }
}
