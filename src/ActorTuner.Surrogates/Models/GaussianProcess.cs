// Notation: X = (x_1..x_n), points of the unit cube; y: n standardised targets; k: the Matern kernel;
// K = k(X, X) + noise I = L L^T; alpha = K^{-1} y.
// Posterior of the latent function at x (Rasmussen and Williams 2006, eq. 2.25-2.26):
//   k* = k(X, x),  mean = k*^T alpha,  v = L^{-1} k*,  variance = k(x, x) - v^T v
// Gradients with respect to x (continuous and ordered dimensions), with w = L^{-T} v = K^{-1} k*:
//   d mean / dx = sum_i alpha_i dk(x, x_i)/dx,   d variance / dx = -2 sum_i w_i dk(x, x_i)/dx
namespace ActorTuner.Surrogates.Models;

/// <summary>
/// A Gaussian process conditioned on data: the posterior mean and variance of the latent function with
/// their gradients. Immutable; <see cref="Condition"/> returns a new process that shares this one's factor
/// rows and grows it in O(n^2) per added point.
/// </summary>
public sealed class GaussianProcess
{
    private readonly double[][] _x;
    private readonly double[] _y;
    private readonly double[] _alpha;

    private GaussianProcess(MaternKernel kernel, double noiseVariance, double[][] x, double[] y, CholeskyFactor factor)
    {
        Kernel = kernel;
        NoiseVariance = noiseVariance;
        _x = x;
        _y = y;
        Factor = factor;
        _alpha = factor.Solve(y);
    }

    /// <summary>The kernel.</summary>
    public MaternKernel Kernel { get; }

    /// <summary>The observation-noise variance added to the diagonal.</summary>
    public double NoiseVariance { get; }

    /// <summary>The Cholesky factor of K.</summary>
    public CholeskyFactor Factor { get; }

    /// <summary>The number of conditioning points.</summary>
    public int Count => _x.Length;

    /// <summary>The conditioning points.</summary>
    public IReadOnlyList<double[]> Inputs => _x;

    /// <summary>The conditioning targets.</summary>
    public IReadOnlyList<double> Targets => _y;

    /// <summary>alpha = K^{-1} y.</summary>
    public ReadOnlySpan<double> Alpha => _alpha;

    /// <summary>Conditions a GP with <paramref name="kernel"/> and <paramref name="noiseVariance"/> on (x, y), factoring K from scratch.</summary>
    public static GaussianProcess Create(MaternKernel kernel, double noiseVariance, IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} points but {y.Count} targets", nameof(y));
        }

        var points = x.ToArray();
        var factor = CholeskyFactor.Factor(CovarianceLower(kernel, noiseVariance, points));
        return new GaussianProcess(kernel, noiseVariance, points, [.. y], factor);
    }

    /// <summary>The lower triangle of k(X, X) + noise I (row i has i + 1 entries).</summary>
    public static double[][] CovarianceLower(MaternKernel kernel, double noiseVariance, IReadOnlyList<double[]> x)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Count;
        var lower = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new double[i + 1];
            for (var j = 0; j < i; j++)
            {
                row[j] = kernel.Evaluate(x[i], x[j]);
            }

            row[i] = kernel.OutputScale + noiseVariance;
            lower[i] = row;
        }

        return lower;
    }

    /// <summary>
    /// This process conditioned also on the points <paramref name="x"/> with targets <paramref name="y"/>,
    /// same hyperparameters; the factor grows instead of being recomputed.
    /// </summary>
    public GaussianProcess Condition(IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0)
        {
            return this;
        }

        var cross = new double[x.Count][];
        var block = new double[x.Count][];
        for (var k = 0; k < x.Count; k++)
        {
            var c = new double[_x.Length];
            for (var i = 0; i < _x.Length; i++)
            {
                c[i] = Kernel.Evaluate(_x[i], x[k]);
            }

            cross[k] = c;
            var b = new double[k + 1];
            for (var j = 0; j < k; j++)
            {
                b[j] = Kernel.Evaluate(x[k], x[j]);
            }

            b[k] = Kernel.OutputScale + NoiseVariance;
            block[k] = b;
        }

        var factor = Factor.Append(cross, block);
        return new GaussianProcess(Kernel, NoiseVariance, [.. _x, .. x], [.. _y, .. y], factor);
    }

    /// <summary>The same points and factor with other targets (alpha recomputed in O(n^2)).</summary>
    public GaussianProcess WithTargets(IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != _x.Length)
        {
            throw new ArgumentException($"{_x.Length} points but {y.Count} targets", nameof(y));
        }

        return new GaussianProcess(Kernel, NoiseVariance, _x, [.. y], Factor);
    }

    /// <summary>Posterior mean and variance (of the latent function, without noise) at <paramref name="x"/>.</summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x) => Predict(x, [], []);

    /// <summary>
    /// Posterior mean and variance at <paramref name="x"/>; when the spans are not empty, also their gradients
    /// with respect to x (continuous and ordered dimensions; categorical entries are 0).
    /// </summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x, Span<double> meanGradient, Span<double> varianceGradient)
    {
        var n = _x.Length;
        var kStar = n <= 512 ? stackalloc double[n] : new double[n];
        var squared = n <= 512 ? stackalloc double[n] : new double[n];
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            squared[i] = Kernel.SquaredDistance(x, _x[i]);
            kStar[i] = Kernel.FromSquaredDistance(squared[i]);
            mean += kStar[i] * _alpha[i];
        }

        var v = n <= 512 ? stackalloc double[n] : new double[n];
        Factor.SolveLower(kStar, v);
        var variance = Math.Max(Kernel.OutputScale - CholeskyFactor.Dot(v, v, n), 1e-12 * Kernel.OutputScale);
        if (meanGradient.IsEmpty && varianceGradient.IsEmpty)
        {
            return (mean, variance);
        }

        var w = n <= 512 ? stackalloc double[n] : new double[n];
        Factor.SolveUpper(v, w);
        meanGradient.Clear();
        varianceGradient.Clear();
        var d = x.Length;
        for (var i = 0; i < n; i++)
        {
            var g = Kernel.DerivativeFactor(squared[i]);
            var xi = _x[i];
            var a = g * _alpha[i];
            var b = -2 * g * w[i];
            for (var j = 0; j < d; j++)
            {
                if (Kernel.IsCategorical(j))
                {
                    continue;
                }

                var dk = -(x[j] - xi[j]) * Kernel.InverseSquaredLength(j);
                meanGradient[j] += a * dk;
                varianceGradient[j] += b * dk;
            }
        }

        return (mean, variance);
    }

    /// <summary>
    /// Posterior means and variances at many points at once: the triangular solve runs on blocks of 32 points
    /// (row-wise axpys over the block), several times faster than one <see cref="Predict(ReadOnlySpan{double})"/> per point.
    /// </summary>
    public void PredictMany(IReadOnlyList<double[]> points, Span<double> means, Span<double> variances)
    {
        ArgumentNullException.ThrowIfNull(points);
        const int Block = 32;
        var n = _x.Length;
        var v = new double[n * Block];
        for (var start = 0; start < points.Count; start += Block)
        {
            var width = Math.Min(Block, points.Count - start);
            Array.Clear(v);
            for (var c = 0; c < width; c++)
            {
                means[start + c] = 0;
            }

            // V[i, c] = k(x_i, p_c); mean_c = sum_i V[i, c] alpha_i
            for (var i = 0; i < n; i++)
            {
                var xi = _x[i];
                var row = v.AsSpan(i * Block, Block);
                for (var c = 0; c < width; c++)
                {
                    var k = Kernel.Evaluate(points[start + c], xi);
                    row[c] = k;
                    means[start + c] += k * _alpha[i];
                }
            }

            // Forward substitution on the block: V[i, :] = (V[i, :] - sum_{k<i} L[i, k] V[k, :]) / L[i, i]
            for (var i = 0; i < n; i++)
            {
                var row = v.AsSpan(i * Block, Block);
                for (var k = 0; k < i; k++)
                {
                    var lik = Factor[i, k];
                    if (lik != 0)
                    {
                        CholeskyFactor.Axpy(-lik, v.AsSpan(k * Block, Block), row, Block);
                    }
                }

                var inverseDiagonal = 1.0 / Factor[i, i];
                for (var c = 0; c < Block; c++)
                {
                    row[c] *= inverseDiagonal;
                }
            }

            for (var c = 0; c < width; c++)
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var vic = v[(i * Block) + c];
                    sum += vic * vic;
                }

                variances[start + c] = Math.Max(Kernel.OutputScale - sum, 1e-12 * Kernel.OutputScale);
            }
        }
    }

    /// <summary>
    /// The joint posterior covariance of the latent function at <paramref name="points"/>, as a lower triangle
    /// (row i has i + 1 entries), and the means: for Thompson sampling.
    /// </summary>
    public (double[] Means, double[][] CovarianceLower) PredictJoint(IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var m = points.Count;
        var n = _x.Length;
        var means = new double[m];
        var v = new double[m][];
        for (var c = 0; c < m; c++)
        {
            var kStar = new double[n];
            for (var i = 0; i < n; i++)
            {
                kStar[i] = Kernel.Evaluate(points[c], _x[i]);
                means[c] += kStar[i] * _alpha[i];
            }

            v[c] = new double[n];
            Factor.SolveLower(kStar, v[c]);
        }

        var cov = new double[m][];
        for (var a = 0; a < m; a++)
        {
            cov[a] = new double[a + 1];
            for (var b = 0; b <= a; b++)
            {
                cov[a][b] = Kernel.Evaluate(points[a], points[b]) - CholeskyFactor.Dot(v[a], v[b], n);
            }
        }

        return (means, cov);
    }
}
