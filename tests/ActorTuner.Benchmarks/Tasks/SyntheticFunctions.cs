using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Benchmarks.Tasks;

/// <summary>
/// Synthetic tasks by name; every one is minimised and reported in its own units. Parameters are named
/// x0..x{d−1} (plus <c>shift</c> for <c>hartmann6-cat</c>).
/// <list type="bullet">
/// <item><c>branin</c>: <see cref="TestFunctions.Branin"/>, x0 ∈ [−5, 10], x1 ∈ [0, 15]; optimum 0.397887.</item>
/// <item><c>hartmann3</c>: <see cref="TestFunctions.Hartmann3"/> on [0, 1]³; optimum −3.86278.</item>
/// <item><c>hartmann6</c>: <see cref="TestFunctions.Hartmann6"/> on [0, 1]⁶; optimum −3.32237.</item>
/// <item><c>ackleyD</c>: <see cref="TestFunctions.Ackley"/> on [−32.768, 32.768]^D; optimum 0.</item>
/// <item><c>rosenbrockD</c> (D ≥ 2): <see cref="TestFunctions.Rosenbrock"/> on [−5, 10]^D; optimum 0.</item>
/// <item><c>levyD</c>: <see cref="TestFunctions.Levy"/> on [−10, 10]^D; optimum 0.</item>
/// <item><c>hartmann6-int</c>: Hartmann6 where x0, x1, x2 are integers k ∈ [0, 20] standing for x = k / 20, and
/// x3..x5 are reals in [0, 1]; optimum <see cref="Hartmann6IntOptimum"/>.</item>
/// <item><c>hartmann6-cat</c>: Hartmann6 plus a categorical <c>shift</c> ∈ {"a", "b", "c", "d"} adding
/// 0, 0.3, 0.6, 1.0 to the value; optimum −3.32237 with "a".</item>
/// <item>any of these + <c>-noiseS</c> (e.g. <c>hartmann6-noise0.1</c>): the sampler observes f + S · N(0, 1);
/// the trace scores incumbents by the noise-free f.</item>
/// </list>
/// </summary>
public static partial class SyntheticFunctions
{
    /// <summary>
    /// The minimum of <c>hartmann6-int</c>: −3.317133687506598 at k = (4, 3, 10), (x3, x4, x5) =
    /// (0.27443983, 0.31206586, 0.65724937). Found by evaluating all 21³ integer combinations on an 11³ grid of
    /// the continuous dimensions, then refining the 200 best combinations by bounded local optimisation
    /// (L-BFGS-B from the grid point and 5 random starts); SyntheticFunctionsTests repeats a version of
    /// this search (all combinations, a 6³ grid, compass-search refinement) and finds nothing lower.
    /// </summary>
    public const double Hartmann6IntOptimum = -3.317133687506598;

    /// <summary>The values <c>shift</c> = "a", "b", "c", "d" add in <c>hartmann6-cat</c>.</summary>
    public static ImmutableArray<double> Shifts { get; } = [0.0, 0.3, 0.6, 1.0];

    /// <summary>Names <see cref="Create"/> accepts (D stands for any dimension, S for any noise level).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["branin", "hartmann3", "hartmann6", "hartmann6-int", "hartmann6-cat", "ackleyD", "rosenbrockD", "levyD", "NAME-noiseS"];

    /// <summary>True when <paramref name="name"/> names a synthetic function (with or without a noise suffix).</summary>
    public static bool IsKnown(string name) => TryCreate(name, out _, out _);

    /// <summary>The task called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Not a known function; the message lists the accepted names.</exception>
    public static SyntheticTask Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryCreate(name, out var task, out var problem) ? task! : throw new ArgumentException(problem, nameof(name));
    }

    private static bool TryCreate(string name, out SyntheticTask? task, out string problem)
    {
        task = null;
        var baseName = name;
        var noise = 0.0;
        var noisy = NoiseSuffix().Match(name);
        if (noisy.Success)
        {
            baseName = noisy.Groups["base"].Value;
            if (!double.TryParse(noisy.Groups["s"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out noise)
                || !double.IsFinite(noise) || noise < 0)
            {
                problem = $"'{name}': the noise level after '-noise' must be a finite number >= 0";
                return false;
            }
        }

        var built = Build(baseName);
        if (built is null)
        {
            problem = $"'{name}' is not a synthetic function; expected one of {string.Join(", ", Names)} "
                + "(e.g. ackley10, levy4, hartmann6-noise0.1) or the path of a tabular manifest NAME.json";
            return false;
        }

        var (space, function, optimum) = built.Value;
        task = new SyntheticTask(name, space, function, optimum, noise);
        problem = string.Empty;
        return true;
    }

    private static (SearchSpace Space, Func<Configuration, double> Function, double Optimum)? Build(string name)
    {
        switch (name)
        {
            case "branin":
                return (SearchSpace.Create(new FloatParameter("x0", -5, 10), new FloatParameter("x1", 0, 15)),
                    c => TestFunctions.Branin(Coordinates(c, 2)), TestFunctions.BraninOptimum);
            case "hartmann3":
                return (Box(3, 0, 1), c => TestFunctions.Hartmann3(Coordinates(c, 3)), TestFunctions.Hartmann3Optimum);
            case "hartmann6":
                return (Box(6, 0, 1), c => TestFunctions.Hartmann6(Coordinates(c, 6)), TestFunctions.Hartmann6Optimum);
            case "hartmann6-int":
                return (Hartmann6IntSpace(), c => TestFunctions.Hartmann6(Hartmann6IntCoordinates(c)), Hartmann6IntOptimum);
            case "hartmann6-cat":
                var shift = new CategoricalParameter("shift", ["a", "b", "c", "d"]);
                return (SearchSpace.Create([.. Box(6, 0, 1).Parameters, shift]),
                    c => TestFunctions.Hartmann6(Coordinates(c, 6)) + Shifts[(int)shift.IndexOf(c["shift"])],
                    TestFunctions.Hartmann6Optimum);
        }

        var family = Family().Match(name);
        if (!family.Success || !int.TryParse(family.Groups["d"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > 1000)
        {
            return null;
        }

        return family.Groups["f"].Value switch
        {
            "ackley" => (Box(d, -32.768, 32.768), c => TestFunctions.Ackley(Coordinates(c, d)), 0.0),
            "rosenbrock" when d >= 2 => (Box(d, -5, 10), c => TestFunctions.Rosenbrock(Coordinates(c, d)), 0.0),
            "levy" => (Box(d, -10, 10), c => TestFunctions.Levy(Coordinates(c, d)), 0.0),
            _ => null,
        };
    }

    /// <summary>The space of <c>hartmann6-int</c>: x0..x2 integers in [0, 20], x3..x5 reals in [0, 1].</summary>
    private static SearchSpace Hartmann6IntSpace() => SearchSpace.Create(
        new IntParameter("x0", 0, 20),
        new IntParameter("x1", 0, 20),
        new IntParameter("x2", 0, 20),
        new FloatParameter("x3", 0, 1),
        new FloatParameter("x4", 0, 1),
        new FloatParameter("x5", 0, 1));

    private static double[] Hartmann6IntCoordinates(Configuration c)
    {
        var x = Coordinates(c, 6);
        for (var i = 0; i < 3; i++)
        {
            x[i] /= 20;
        }

        return x;
    }

    private static SearchSpace Box(int d, double low, double high) =>
        SearchSpace.Create(Enumerable.Range(0, d).Select(i => (ParameterSpec)new FloatParameter($"x{i}", low, high)));

    private static double[] Coordinates(Configuration c, int d)
    {
        var x = new double[d];
        for (var i = 0; i < d; i++)
        {
            x[i] = c[XNames.Get(i)].AsDouble();
        }

        return x;
    }

    [GeneratedRegex(@"^(?<base>.+)-noise(?<s>[0-9.eE+-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NoiseSuffix();

    [GeneratedRegex(@"^(?<f>ackley|rosenbrock|levy)(?<d>[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Family();

    /// <summary>Cached "x0", "x1", ... so evaluation does not format a string per coordinate.</summary>
    private static class XNames
    {
        private static readonly string[] Cache = [.. Enumerable.Range(0, 64).Select(i => $"x{i}")];

        public static string Get(int i) => i < Cache.Length ? Cache[i] : $"x{i}";
    }
}
