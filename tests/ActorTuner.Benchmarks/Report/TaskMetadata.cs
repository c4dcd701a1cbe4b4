using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// What the report needs to normalise one task's traces: the optimum f*, the reference f_ref
/// (normalised regret = |v − f*| / |f_ref − f*|), the random-search target the "trials to match" column
/// counts up to, and where each came from (printed in the report).
/// </summary>
/// <param name="Direction">Whether smaller or larger values are better.</param>
/// <param name="Optimum">f*: the best true value of the task.</param>
/// <param name="Reference">f_ref: a typical value, regret 1.</param>
/// <param name="RandomTarget">The value random search is expected to reach in 100 trials, or null when unknown.</param>
/// <param name="OptimumSource">Where <paramref name="Optimum"/> came from.</param>
/// <param name="ReferenceSource">Where <paramref name="Reference"/> came from.</param>
/// <param name="TargetSource">Where <paramref name="RandomTarget"/> came from.</param>
internal sealed record TaskMetadata(
    Direction Direction,
    double Optimum,
    double Reference,
    double? RandomTarget,
    string OptimumSource,
    string ReferenceSource,
    string TargetSource)
{
    /// <summary>|v − f*| / |f_ref − f*|; NaN when the reference equals the optimum.</summary>
    public double NormalisedRegret(double value)
    {
        var scale = Math.Abs(Reference - Optimum);
        return scale > 0 ? Math.Abs(value - Optimum) / scale : double.NaN;
    }

    /// <summary>True when <paramref name="value"/> is at least as good as <paramref name="target"/>.</summary>
    public bool Reaches(double value, double target) =>
        Direction == Direction.Minimize ? value <= target : value >= target;
}
