using ActorTuner.Core.Randomness;

namespace ActorTuner.Benchmarks.Overhead;

/// <summary>
/// A random smooth function on [0, 1]^d for the overhead benchmark: f(x) = Σₘ aₘ sin(ωₘ · x + φₘ), m = 1..8,
/// with aₘ ~ U(0.5, 1.5), φₘ ~ U(0, 2π) and ωₘ ~ N(0, (2π)² / d · I), so f varies on about one period across
/// the cube whatever d is. Only its cost to model matters here, not its optimum.
/// </summary>
public sealed class SmoothFunction
{
    private const int Terms = 8;
    private readonly double[] _amplitude = new double[Terms];
    private readonly double[] _phase = new double[Terms];
    private readonly double[][] _frequency = new double[Terms][];

    /// <summary>Draws the function's coefficients from <paramref name="rng"/>.</summary>
    public SmoothFunction(int dimensions, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var scale = 2 * Math.PI / Math.Sqrt(dimensions);
        for (var m = 0; m < Terms; m++)
        {
            _amplitude[m] = 0.5 + rng.NextDouble();
            _phase[m] = 2 * Math.PI * rng.NextDouble();
            _frequency[m] = new double[dimensions];
            for (var j = 0; j < dimensions; j++)
            {
                _frequency[m][j] = scale * rng.NextGaussian();
            }
        }
    }

    /// <summary>f(<paramref name="x"/>).</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var m = 0; m < Terms; m++)
        {
            var dot = _phase[m];
            for (var j = 0; j < x.Length; j++)
            {
                dot += _frequency[m][j] * x[j];
            }

            sum += _amplitude[m] * Math.Sin(dot);
        }

        return sum;
    }
}
