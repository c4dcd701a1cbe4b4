using System.Collections.Immutable;
using ActorTuner.Benchmarks.Simulation;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Efficiency;

/// <summary>
/// The <c>best_trace</c> of a run: after each finished trial (in completion order), the true value of the
/// incumbent, the trial with the best <em>observed</em> value so far (the earliest on ties). With noisy
/// observations the incumbent can be a lucky draw, so the trace need not be monotone; without noise it is.
/// Failed (NaN) observations never become the incumbent; before any usable observation the entry is NaN.
/// </summary>
public static class BestTrace
{
    /// <summary>One entry per finished trial.</summary>
    public static ImmutableArray<double> Compute(IReadOnlyList<FinishedTrial> trials, Direction direction, Func<Configuration, double> trueValue)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(trueValue);
        var trace = ImmutableArray.CreateBuilder<double>(trials.Count);
        var bestObserved = double.NaN;
        var incumbentTrue = double.NaN;
        foreach (var t in trials)
        {
            var better = !double.IsNaN(t.Observed) && (double.IsNaN(bestObserved)
                || (direction == Direction.Minimize ? t.Observed < bestObserved : t.Observed > bestObserved));
            if (better)
            {
                bestObserved = t.Observed;
                incumbentTrue = trueValue(t.Configuration);
            }

            trace.Add(incumbentTrue);
        }

        return trace.MoveToImmutable();
    }
}
