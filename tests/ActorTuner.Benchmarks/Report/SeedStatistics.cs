namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// Summary statistics across the seeds of one sampler: mean, sample standard deviation (n − 1 in the
/// denominator) and quantiles by linear interpolation between closest ranks (numpy's default).
/// </summary>
internal static class SeedStatistics
{
    /// <summary>The arithmetic mean; NaN for no values.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    /// <summary>√(Σ (v − mean)² / (n − 1)); NaN for fewer than two values.</summary>
    public static double SampleStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Count - 1));
    }

    /// <summary>
    /// The q-quantile (q in [0, 1]) of the sorted values: position (n − 1) q, interpolated linearly between
    /// the neighbouring order statistics. NaN for no values.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var position = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (position - lo));
    }
}
