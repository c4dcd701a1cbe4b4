using System.Collections.Immutable;

namespace ActorTuner.Surrogates.Models;

/// <summary>
/// The Gaussian process's hyperparameters: a length scale per dimension, the output scale a and the
/// observation-noise variance, all relative to standardised outputs. <see cref="ToLog"/> packs them as
/// theta = (log l_1, ..., log l_d, log a, log noise), the coordinates the fitter works in.
/// </summary>
public sealed record GpHyperparameters(ImmutableArray<double> LengthScales, double OutputScale, double NoiseVariance)
{
    /// <summary>The number of dimensions.</summary>
    public int Dimensions => LengthScales.Length;

    /// <summary>theta = (log l, log a, log noise).</summary>
    public double[] ToLog()
    {
        var theta = new double[LengthScales.Length + 2];
        for (var j = 0; j < LengthScales.Length; j++)
        {
            theta[j] = Math.Log(LengthScales[j]);
        }

        theta[^2] = Math.Log(OutputScale);
        theta[^1] = Math.Log(NoiseVariance);
        return theta;
    }

    /// <summary>The inverse of <see cref="ToLog"/>.</summary>
    public static GpHyperparameters FromLog(ReadOnlySpan<double> theta)
    {
        var d = theta.Length - 2;
        var lengths = new double[d];
        for (var j = 0; j < d; j++)
        {
            lengths[j] = Math.Exp(theta[j]);
        }

        return new GpHyperparameters([.. lengths], Math.Exp(theta[d]), Math.Exp(theta[d + 1]));
    }

    /// <inheritdoc />
    public bool Equals(GpHyperparameters? other) =>
        other is not null && LengthScales.SequenceEqual(other.LengthScales) && OutputScale == other.OutputScale && NoiseVariance == other.NoiseVariance;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(LengthScales.Length, OutputScale, NoiseVariance);
}
