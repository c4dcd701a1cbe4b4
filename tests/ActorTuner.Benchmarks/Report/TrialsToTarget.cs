namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// How many trials a sampler needed until its incumbent was at least as good as the random-search target:
/// per run the first trial count i + 1 with best_trace[i] at least as good as the target.
/// </summary>
/// <param name="Runs">The runs counted.</param>
/// <param name="Reached">The runs that reached the target within their budget.</param>
/// <param name="MeanCensored">
/// The mean over all runs with a run that never reached the target counted as its budget: the exact mean when
/// every run reached it, else a lower bound.
/// </param>
/// <param name="Budget">The largest budget among the runs.</param>
internal sealed record TrialsToTarget(int Runs, int Reached, double MeanCensored, int Budget)
{
    /// <summary>Counts for <paramref name="traces"/> against <paramref name="target"/>.</summary>
    public static TrialsToTarget Count(IReadOnlyList<IReadOnlyList<double>> traces, double target, TaskMetadata metadata)
    {
        var reached = 0;
        var sum = 0.0;
        var budget = 0;
        foreach (var trace in traces)
        {
            budget = Math.Max(budget, trace.Count);
            var needed = trace.Count;
            for (var i = 0; i < trace.Count; i++)
            {
                if (metadata.Reaches(trace[i], target))
                {
                    needed = i + 1;
                    reached++;
                    break;
                }
            }

            sum += needed;
        }

        return new TrialsToTarget(traces.Count, reached, traces.Count == 0 ? double.NaN : sum / traces.Count, budget);
    }

    /// <summary>
    /// The table cell: the mean when every run reached the target, "&gt; budget" when none did, and
    /// "&gt; lower bound (k/n reached)" in between.
    /// </summary>
    public string Cell()
    {
        if (Runs == 0)
        {
            return "–";
        }

        if (Reached == Runs)
        {
            return ReportFormat.OneDecimal(MeanCensored);
        }

        return Reached == 0
            ? $"> {Budget}"
            : $"> {ReportFormat.OneDecimal(MeanCensored)} ({Reached}/{Runs} reached)";
    }
}
