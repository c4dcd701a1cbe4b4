using System.Numerics;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// Adam (Kingma and Ba 2015, Algorithm 1 in its efficient form): m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g²,
/// θ ← θ - α_t m / (√v + ε̂) with α_t = α √(1-β2^t) / (1-β1^t). β1 0.9, β2 0.999, ε̂ 1e-8.
/// </summary>
internal sealed class AdamOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly T[] _m;
    private readonly T[] _v;
    private int _step;

    /// <summary>Creates an optimiser for a parameter vector of length <paramref name="length"/>.</summary>
    public AdamOptimizer(int length)
    {
        _m = new T[length];
        _v = new T[length];
    }

    /// <summary>One update of <paramref name="theta"/> along <paramref name="gradient"/> with step size <paramref name="learningRate"/>.</summary>
    public void Step(Span<T> theta, ReadOnlySpan<T> gradient, double learningRate)
    {
        _step++;
        var alpha = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, _step)) / (1 - Math.Pow(Beta1, _step));
        T b1 = T.CreateTruncating(Beta1), c1 = T.CreateTruncating(1 - Beta1);
        T b2 = T.CreateTruncating(Beta2), c2 = T.CreateTruncating(1 - Beta2);
        T a = T.CreateTruncating(alpha), eps = T.CreateTruncating(Epsilon);
        var n = theta.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<T>.Count;
            Vector<T> vb1 = new(b1), vc1 = new(c1), vb2 = new(b2), vc2 = new(c2), va = new(a), veps = new(eps);
            for (; i <= n - w; i += w)
            {
                var g = new Vector<T>(gradient[i..]);
                var m = (vb1 * new Vector<T>(_m.AsSpan(i))) + (vc1 * g);
                var v = (vb2 * new Vector<T>(_v.AsSpan(i))) + (vc2 * g * g);
                m.CopyTo(_m.AsSpan(i));
                v.CopyTo(_v.AsSpan(i));
                (new Vector<T>(theta[i..]) - (va * m / (Vector.SquareRoot(v) + veps))).CopyTo(theta[i..]);
            }
        }

        for (; i < n; i++)
        {
            var g = gradient[i];
            _m[i] = (b1 * _m[i]) + (c1 * g);
            _v[i] = (b2 * _v[i]) + (c2 * g * g);
            theta[i] -= a * _m[i] / (T.Sqrt(_v[i]) + eps);
        }
    }
}
