using System.Numerics;
using System.Runtime.InteropServices;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// The two loops every dense layer reduces to, on contiguous spans with <see cref="Vector{T}"/> lanes:
/// y += a x (a row of a matrix product accumulated one input at a time) and x . y.
/// </summary>
internal static class VectorKernels
{
    /// <summary>y += a x, elementwise over x's length.</summary>
    public static void Axpy<T>(T a, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, INumber<T>
    {
        var n = x.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            // y is at least as long as x (callers pass matching rows); unchecked loads keep the loop tight.
            ArgumentOutOfRangeException.ThrowIfLessThan(y.Length, n);
            ref var rx = ref MemoryMarshal.GetReference(x);
            ref var ry = ref MemoryMarshal.GetReference(y);
            var va = new Vector<T>(a);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref ry, (nuint)i) + (va * Vector.LoadUnsafe(ref rx, (nuint)i))).StoreUnsafe(ref ry, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>x . y over x's length.</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, INumber<T>
    {
        var n = x.Length;
        var i = 0;
        var sum = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(y.Length, n);
            ref var rx = ref MemoryMarshal.GetReference(x);
            ref var ry = ref MemoryMarshal.GetReference(y);
            var acc = Vector<T>.Zero;
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                acc += Vector.LoadUnsafe(ref rx, (nuint)i) * Vector.LoadUnsafe(ref ry, (nuint)i);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
