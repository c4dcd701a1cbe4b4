// Notation: K is an n x n symmetric positive-definite matrix, L its lower-triangular Cholesky factor,
// K + jitter I = L L^T. L is stored by rows (row i holds L[i, 0..i]); a row never changes once written,
// so a factor grown by appended points shares the rows of the factor it grew from.
// Appending m points with cross-covariance B (n x m) and block C (m x m):
//   L' = [[L, 0], [W^T, chol(C - W^T W)]],  W = L^{-1} B     (O(n^2 m) instead of O((n+m)^3))
// No explicit inverse is formed for solving: only forward and back substitution.
using System.Numerics;

namespace ActorTuner.Surrogates.Models;

/// <summary>
/// A lower-triangular Cholesky factor stored by immutable rows, with escalating jitter for matrices that
/// are numerically semi-definite, triangular solves, and O(n^2) growth when points are appended.
/// MathNet has no growable factor, hence this type; its results are checked against MathNet's Cholesky in tests.
/// </summary>
public sealed class CholeskyFactor
{
    private static readonly double[] JitterLadder = [0, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
    private readonly double[][] _rows;

    private CholeskyFactor(double[][] rows, double jitter)
    {
        _rows = rows;
        Jitter = jitter;
    }

    /// <summary>The order n of the factor.</summary>
    public int Size => _rows.Length;

    /// <summary>The largest jitter (relative to the mean diagonal) that had to be added to make K positive definite.</summary>
    public double Jitter { get; }

    /// <summary>L[i, j] for j &lt;= i (0 above the diagonal).</summary>
    public double this[int i, int j] => j <= i ? _rows[i][j] : 0.0;

    /// <summary>
    /// Factors the matrix whose lower triangle <paramref name="lower"/> gives (row i has i + 1 entries),
    /// adding jitter * mean(diag) to the diagonal, escalating from 0 to 1e-1, until it succeeds.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not positive definite even with the largest jitter.</exception>
    public static CholeskyFactor Factor(double[][] lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        var n = lower.Length;
        var meanDiagonal = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanDiagonal += lower[i][i];
        }

        meanDiagonal = n > 0 ? Math.Max(meanDiagonal / n, 1e-300) : 1;
        foreach (var jitter in JitterLadder)
        {
            var rows = TryFactor(lower, jitter * meanDiagonal);
            if (rows is not null)
            {
                return new CholeskyFactor(rows, jitter);
            }
        }

        throw new InvalidOperationException($"the {n} x {n} covariance matrix is not positive definite even with jitter 0.1 x mean diagonal");
    }

    /// <summary>
    /// The factor of [[K, B], [B^T, C]] from this factor of K, the cross-covariances <paramref name="cross"/>
    /// (cross[k][i] = B[i, k], one array of length n per new point) and the new block's lower triangle
    /// <paramref name="blockLower"/> (blockLower[k] has k + 1 entries). Escalates jitter on the new block only.
    /// </summary>
    public CholeskyFactor Append(IReadOnlyList<double[]> cross, IReadOnlyList<double[]> blockLower)
    {
        ArgumentNullException.ThrowIfNull(cross);
        ArgumentNullException.ThrowIfNull(blockLower);
        var n = Size;
        var m = cross.Count;
        var rows = new double[n + m][];
        Array.Copy(_rows, rows, n);
        var meanDiagonal = 0.0;
        for (var k = 0; k < m; k++)
        {
            meanDiagonal += blockLower[k][k];
        }

        meanDiagonal = m > 0 ? Math.Max(meanDiagonal / m, 1e-300) : 1;
        var jitterUsed = Jitter;
        foreach (var jitter in JitterLadder)
        {
            var ok = true;
            for (var k = 0; k < m && ok; k++)
            {
                var row = new double[n + k + 1];
                SolveLower(cross[k], row.AsSpan(0, n));
                for (var c = 0; c < k; c++)
                {
                    var other = rows[n + c];
                    row[n + c] = (blockLower[k][c] - Dot(row, other, n + c)) / other[n + c];
                }

                var d = blockLower[k][k] + (jitter * meanDiagonal) - Dot(row, row, n + k);
                if (!(d > 0) || !double.IsFinite(d))
                {
                    ok = false;
                    break;
                }

                row[n + k] = Math.Sqrt(d);
                rows[n + k] = row;
            }

            if (ok)
            {
                jitterUsed = Math.Max(jitterUsed, jitter);
                return new CholeskyFactor(rows, jitterUsed);
            }
        }

        throw new InvalidOperationException("appending the points makes the covariance matrix not positive definite even with jitter 0.1");
    }

    /// <summary>Solves L x = b (forward substitution).</summary>
    public void SolveLower(ReadOnlySpan<double> b, Span<double> x)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var row = _rows[i];
            x[i] = (b[i] - Dot(row, x, i)) / row[i];
        }
    }

    /// <summary>Solves L^T x = b (back substitution, by rows of L).</summary>
    public void SolveUpper(ReadOnlySpan<double> b, Span<double> x)
    {
        var n = Size;
        b.CopyTo(x);
        for (var i = n - 1; i >= 0; i--)
        {
            var row = _rows[i];
            var xi = x[i] / row[i];
            x[i] = xi;
            Axpy(-xi, row, x, i);
        }
    }

    /// <summary>Solves K x = b with two triangular solves.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var z = new double[Size];
        SolveLower(b, z);
        var x = new double[Size];
        SolveUpper(z, x);
        return x;
    }

    /// <summary>log det K = 2 sum_i log L[i, i].</summary>
    public double LogDeterminant()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            sum += Math.Log(row[^1]);
        }

        return 2 * sum;
    }

    /// <summary>
    /// K^{-1} as a dense row-major n x n array, formed from the factor (W = L^{-1} by substitution,
    /// K^{-1} = W^T W). Only the hyperparameter gradient's trace term needs it; it is never used to solve.
    /// </summary>
    public double[][] InverseOfProduct()
    {
        var n = Size;
        // W = L^{-1}, lower triangular, by rows: W[i, 0..i-1] = -(1 / L[i, i]) sum_{k<i} L[i, k] W[k, 0..k].
        var w = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var row = _rows[i];
            var wi = new double[i + 1];
            for (var k = 0; k < i; k++)
            {
                Axpy(row[k], w[k], wi, k + 1);
            }

            var scale = -1.0 / row[i];
            for (var c = 0; c < i; c++)
            {
                wi[c] *= scale;
            }

            wi[i] = 1.0 / row[i];
            w[i] = wi;
        }

        // K^{-1}[a, b] = sum_{k >= max(a,b)} W[k, a] W[k, b].
        var inv = new double[n][];
        for (var a = 0; a < n; a++)
        {
            inv[a] = new double[n];
        }

        for (var k = 0; k < n; k++)
        {
            var wk = w[k];
            for (var a = 0; a <= k; a++)
            {
                var wka = wk[a];
                if (wka == 0)
                {
                    continue;
                }

                Axpy(wka, wk, inv[a], a + 1);
            }
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < a; b++)
            {
                inv[b][a] = inv[a][b];
            }
        }

        return inv;
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int length)
    {
        var sum = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count * 2)
        {
            var acc = Vector<double>.Zero;
            var width = Vector<double>.Count;
            for (; i <= length - width; i += width)
            {
                acc += new Vector<double>(a.Slice(i, width)) * new Vector<double>(b.Slice(i, width));
            }

            sum = Vector.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y, int length)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count * 2)
        {
            var width = Vector<double>.Count;
            var a = new Vector<double>(alpha);
            for (; i <= length - width; i += width)
            {
                (new Vector<double>(y.Slice(i, width)) + (a * new Vector<double>(x.Slice(i, width)))).CopyTo(y.Slice(i, width));
            }
        }

        for (; i < length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    private static double[][]? TryFactor(double[][] lower, double jitter)
    {
        var n = lower.Length;
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new double[i + 1];
            var source = lower[i];
            for (var j = 0; j < i; j++)
            {
                var other = rows[j];
                row[j] = (source[j] - Dot(row, other, j)) / other[j];
            }

            var d = source[i] + jitter - Dot(row, row, i);
            if (!(d > 0) || !double.IsFinite(d))
            {
                return null;
            }

            row[i] = Math.Sqrt(d);
            rows[i] = row;
        }

        return rows;
    }
}
