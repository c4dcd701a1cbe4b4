// Notation: x, x' are points of the unit cube [0, 1]^d. Dimension j is continuous/ordered (distance
// along the axis) or categorical (0 when equal, 1 when not). With per-dimension length scales l_j,
//   s_j(x, x') = (x_j - x'_j)^2          (continuous, ordered)
//   s_j(x, x') = [x_j != x'_j]           (categorical: same or different, no invented order)
//   r^2 = sum_j s_j / l_j^2
//   k(x, x') = a * (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r)          (Matern-5/2, output scale a)
// Derivatives used by the fitter and the acquisition optimiser:
//   dk/d(r^2)      = -(5/6) a (1 + sqrt5 r) exp(-sqrt5 r)
//   dk/d(log l_j)  = (5/3) a (1 + sqrt5 r) exp(-sqrt5 r) s_j / l_j^2
//   dk/dx_j        = -(5/3) a (1 + sqrt5 r) exp(-sqrt5 r) (x_j - x'_j) / l_j^2   (continuous j)
// The categorical distance is the one Optuna's GP uses; it makes every pair of distinct categories
// equally far apart.
using System.Collections.Immutable;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Surrogates.Models;

/// <summary>
/// The automatic-relevance-determination Matern-5/2 kernel on the unit cube, with a Hamming distance on
/// categorical dimensions. Immutable; evaluation allocates nothing.
/// </summary>
public sealed class MaternKernel
{
    private const double Sqrt5 = 2.23606797749979;
    private readonly double[] _inverseSquaredLengths;
    private readonly bool[] _categorical;

    /// <summary>Creates the kernel.</summary>
    /// <param name="kinds">The kind of each dimension.</param>
    /// <param name="lengthScales">l_j &gt; 0, one per dimension.</param>
    /// <param name="outputScale">a &gt; 0, the prior variance k(x, x).</param>
    public MaternKernel(ImmutableArray<DimensionKind> kinds, ReadOnlySpan<double> lengthScales, double outputScale)
    {
        if (kinds.Length != lengthScales.Length)
        {
            throw new ArgumentException($"expected {kinds.Length} length scales, got {lengthScales.Length}", nameof(lengthScales));
        }

        Kinds = kinds;
        LengthScales = [.. lengthScales];
        OutputScale = outputScale;
        _inverseSquaredLengths = new double[lengthScales.Length];
        _categorical = new bool[lengthScales.Length];
        for (var j = 0; j < lengthScales.Length; j++)
        {
            _inverseSquaredLengths[j] = 1.0 / (lengthScales[j] * lengthScales[j]);
            _categorical[j] = kinds[j] == DimensionKind.Categorical;
        }
    }

    /// <summary>The kind of each dimension.</summary>
    public ImmutableArray<DimensionKind> Kinds { get; }

    /// <summary>The length scale l_j of each dimension.</summary>
    public ImmutableArray<double> LengthScales { get; }

    /// <summary>The output scale a = k(x, x).</summary>
    public double OutputScale { get; }

    /// <summary>The number of dimensions.</summary>
    public int Dimensions => _inverseSquaredLengths.Length;

    /// <summary>True when dimension j is categorical.</summary>
    public bool IsCategorical(int j) => _categorical[j];

    /// <summary>s_j(x, x'): squared difference, or the 0/1 mismatch on a categorical dimension.</summary>
    public double Separation(int j, double a, double b)
    {
        if (_categorical[j])
        {
            return Math.Abs(a - b) > 1e-9 ? 1.0 : 0.0;
        }

        var diff = a - b;
        return diff * diff;
    }

    /// <summary>r^2 = sum_j s_j / l_j^2.</summary>
    public double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var r2 = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            r2 += Separation(j, x[j], y[j]) * _inverseSquaredLengths[j];
        }

        return r2;
    }

    /// <summary>k(x, x').</summary>
    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => FromSquaredDistance(SquaredDistance(x, y));

    /// <summary>k as a function of r^2.</summary>
    public double FromSquaredDistance(double r2)
    {
        var r = Math.Sqrt(r2);
        return OutputScale * (1 + (Sqrt5 * r) + (5.0 / 3.0 * r2)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>g(r^2) = (5/3) a (1 + sqrt5 r) exp(-sqrt5 r), so that dk/d(r^2) = -g/2.</summary>
    public double DerivativeFactor(double r2)
    {
        var r = Math.Sqrt(r2);
        return 5.0 / 3.0 * OutputScale * (1 + (Sqrt5 * r)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>1 / l_j^2.</summary>
    public double InverseSquaredLength(int j) => _inverseSquaredLengths[j];

    /// <summary>
    /// Adds dk(x, x')/dx (with respect to the first argument, continuous and ordered dimensions only;
    /// categorical entries are left unchanged) times <paramref name="weight"/> into <paramref name="gradient"/>.
    /// </summary>
    public void AccumulateGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double weight, Span<double> gradient)
    {
        var g = DerivativeFactor(SquaredDistance(x, y)) * weight;
        for (var j = 0; j < x.Length; j++)
        {
            if (!_categorical[j])
            {
                gradient[j] -= g * (x[j] - y[j]) * _inverseSquaredLengths[j];
            }
        }
    }
}
