using System.Globalization;
using ActorTuner.Benchmarks.Cli;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Efficiency;

/// <summary>
/// The table printed at the end of <c>efficiency</c>: per task and sampler, the mean over seeds of the
/// best_trace entry after 25%, 50% and 100% of the budget (entry ⌈f · budget⌉ − 1), and the mean seconds per run.
/// </summary>
public static class EfficiencySummary
{
    /// <summary>The mean best after the fraction <paramref name="fraction"/> of each record's budget.</summary>
    public static double MeanBestAt(IEnumerable<EfficiencyRecord> records, double fraction) =>
        records.Select(r => BestAt(r, fraction)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();

    /// <summary>The best_trace entry after the fraction <paramref name="fraction"/> of the budget (the last entry when the trace is shorter).</summary>
    public static double BestAt(EfficiencyRecord record, double fraction)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.BestTrace.IsDefaultOrEmpty)
        {
            return double.NaN;
        }

        var k = Math.Max(1, (int)Math.Ceiling(fraction * record.Budget));
        return record.BestTrace[Math.Min(k, record.BestTrace.Length) - 1];
    }

    /// <summary>The table, rows grouped by task then sampler in first-seen order.</summary>
    public static string Format(IReadOnlyList<EfficiencyRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var table = new TextTable("task", "sampler", "runs", "best@25%", "best@50%", "best@100%", "seconds");
        var tasks = records.Select(r => r.Task).Distinct();
        foreach (var task in tasks)
        {
            foreach (var group in records.Where(r => r.Task == task).GroupBy(r => r.Sampler))
            {
                table.Add(
                    task,
                    group.Key,
                    group.Count().ToString(CultureInfo.InvariantCulture),
                    Number(MeanBestAt(group, 0.25)),
                    Number(MeanBestAt(group, 0.5)),
                    Number(MeanBestAt(group, 1.0)),
                    group.Average(r => r.Seconds).ToString("F2", CultureInfo.InvariantCulture));
            }
        }

        return table.ToString();
    }

    /// <summary>Six significant digits, invariant culture.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString("G6", CultureInfo.InvariantCulture);
}
