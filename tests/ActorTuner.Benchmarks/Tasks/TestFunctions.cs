namespace ActorTuner.Benchmarks.Tasks;

/// <summary>
/// The classic global-optimisation test functions, on plain coordinates (not the unit cube), all minimised.
/// Definitions follow Surjanovic and Bingham's Virtual Library of Simulation Experiments; the Python peer
/// (<c>python/functions.py</c>) implements the same formulas and a test compares both on shared points.
/// </summary>
public static class TestFunctions
{
    /// <summary>Branin's global minimum, reached at (-π, 12.275), (π, 2.275) and (9.42478, 2.475).</summary>
    public const double BraninOptimum = 0.397887357729738;

    /// <summary>Hartmann3's global minimum, at (0.114614, 0.555649, 0.852547).</summary>
    public const double Hartmann3Optimum = -3.86278214782076;

    /// <summary>Hartmann6's global minimum, at <see cref="Hartmann6Argmin"/>.</summary>
    public const double Hartmann6Optimum = -3.32236801141551;

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] Hartmann3A =
    {
        { 3.0, 10, 30 },
        { 0.1, 10, 35 },
        { 3.0, 10, 30 },
        { 0.1, 10, 35 },
    };

    private static readonly double[,] Hartmann3P =
    {
        { 0.3689, 0.1170, 0.2673 },
        { 0.4699, 0.4387, 0.7470 },
        { 0.1091, 0.8732, 0.5547 },
        { 0.0381, 0.5743, 0.8828 },
    };

    private static readonly double[,] Hartmann6A =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] Hartmann6P =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    /// <summary>The minimiser of Hartmann6 (to the 6 digits usually quoted).</summary>
    public static IReadOnlyList<double> Hartmann6Argmin { get; } = [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573];

    /// <summary>
    /// Branin–Hoo on x1 ∈ [-5, 10], x2 ∈ [0, 15]:
    /// f = a (x2 − b x1² + c x1 − r)² + s (1 − t) cos(x1) + s with a = 1, b = 5.1 / (4π²), c = 5 / π, r = 6,
    /// s = 10, t = 1 / (8π). Minimum 0.397887 at (−π, 12.275), (π, 2.275), (9.42478, 2.475).
    /// </summary>
    public static double Branin(ReadOnlySpan<double> x)
    {
        RequireLength(x, 2, "branin");
        const double b = 5.1 / (4 * Math.PI * Math.PI);
        const double c = 5 / Math.PI;
        const double t = 1 / (8 * Math.PI);
        var inner = x[1] - (b * x[0] * x[0]) + (c * x[0]) - 6;
        return (inner * inner) + (10 * (1 - t) * Math.Cos(x[0])) + 10;
    }

    /// <summary>
    /// Hartmann3 on [0, 1]³: f = −Σᵢ αᵢ exp(−Σⱼ Aᵢⱼ (xⱼ − Pᵢⱼ)²), i = 1..4, j = 1..3, with α = (1, 1.2, 3, 3.2),
    /// A = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]] and P = 10⁻⁴ [[3689, 1170, 2673],
    /// [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]. Minimum −3.86278 at (0.114614, 0.555649, 0.852547).
    /// </summary>
    public static double Hartmann3(ReadOnlySpan<double> x)
    {
        RequireLength(x, 3, "hartmann3");
        return Hartmann(x, Hartmann3A, Hartmann3P);
    }

    /// <summary>
    /// Hartmann6 on [0, 1]⁶: f = −Σᵢ αᵢ exp(−Σⱼ Aᵢⱼ (xⱼ − Pᵢⱼ)²), i = 1..4, j = 1..6, with α = (1, 1.2, 3, 3.2),
    /// A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    /// and P = 10⁻⁴ [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
    /// [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]].
    /// Minimum −3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).
    /// </summary>
    public static double Hartmann6(ReadOnlySpan<double> x)
    {
        RequireLength(x, 6, "hartmann6");
        return Hartmann(x, Hartmann6A, Hartmann6P);
    }

    /// <summary>
    /// Ackley on [−32.768, 32.768]^d: f = −a exp(−b √(Σ xᵢ² / d)) − exp(Σ cos(c xᵢ) / d) + a + e with a = 20,
    /// b = 0.2, c = 2π. Minimum 0 at the origin.
    /// </summary>
    public static double Ackley(ReadOnlySpan<double> x)
    {
        const double a = 20, b = 0.2, c = 2 * Math.PI;
        double squares = 0, cosines = 0;
        foreach (var v in x)
        {
            squares += v * v;
            cosines += Math.Cos(c * v);
        }

        var d = x.Length;
        return (-a * Math.Exp(-b * Math.Sqrt(squares / d))) - Math.Exp(cosines / d) + a + Math.E;
    }

    /// <summary>
    /// Rosenbrock on [−5, 10]^d (d ≥ 2): f = Σᵢ₌₁^{d−1} [100 (xᵢ₊₁ − xᵢ²)² + (xᵢ − 1)²]. Minimum 0 at (1, ..., 1).
    /// </summary>
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = x[i] - 1;
            sum += (100 * a * a) + (b * b);
        }

        return sum;
    }

    /// <summary>
    /// Levy on [−10, 10]^d: with wᵢ = 1 + (xᵢ − 1) / 4,
    /// f = sin²(π w₁) + Σᵢ₌₁^{d−1} (wᵢ − 1)² [1 + 10 sin²(π wᵢ + 1)] + (w_d − 1)² [1 + sin²(2π w_d)].
    /// Minimum 0 at (1, ..., 1).
    /// </summary>
    public static double Levy(ReadOnlySpan<double> x)
    {
        var d = x.Length;
        static double W(double v) => 1 + ((v - 1) / 4);
        static double Sin2(double v) => Math.Sin(v) * Math.Sin(v);
        var w1 = W(x[0]);
        var wd = W(x[d - 1]);
        var sum = Sin2(Math.PI * w1);
        for (var i = 0; i + 1 < d; i++)
        {
            var wi = W(x[i]);
            sum += (wi - 1) * (wi - 1) * (1 + (10 * Sin2((Math.PI * wi) + 1)));
        }

        return sum + ((wd - 1) * (wd - 1) * (1 + Sin2(2 * Math.PI * wd)));
    }

    private static double Hartmann(ReadOnlySpan<double> x, double[,] a, double[,] p)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < x.Length; j++)
            {
                var diff = x[j] - p[i, j];
                inner += a[i, j] * diff * diff;
            }

            sum += HartmannAlpha[i] * Math.Exp(-inner);
        }

        return -sum;
    }

    private static void RequireLength(ReadOnlySpan<double> x, int d, string name)
    {
        if (x.Length != d)
        {
            throw new ArgumentException($"{name} takes {d} coordinates, got {x.Length}", nameof(x));
        }
    }
}
