using System.Text;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// The suggestion-overhead table: one row per (dims, n, pending), median and p90 milliseconds per sampler,
/// ActorTuner's "gp" first, then the others in the order they first appear. When a cell was measured twice
/// (the same file passed twice, or two runs), the last record read wins.
/// </summary>
internal static class OverheadTable
{
    /// <summary>The Markdown table, or a sentence when there are no records.</summary>
    public static string Render(IReadOnlyList<OverheadRecord> records)
    {
        if (records.Count == 0)
        {
            return "No overhead records were given.\n";
        }

        var samplers = records.Select(r => r.Sampler).Distinct().OrderBy(s => s == "gp" ? 0 : 1).ToList();
        var cells = new Dictionary<(int, int, int, string), OverheadRecord>();
        foreach (var r in records)
        {
            cells[(r.Dims, r.N, r.Pending, r.Sampler)] = r;
        }

        var rows = records.Select(r => (r.Dims, r.N, r.Pending)).Distinct().Order().ToList();
        var sb = new StringBuilder();
        sb.Append("| dims | n | pending |");
        foreach (var s in samplers)
        {
            sb.Append($" {ReportFormat.Cell(s)} median ms | {ReportFormat.Cell(s)} p90 ms |");
        }

        sb.Append('\n').Append("|---:|---:|---:|");
        foreach (var _ in samplers)
        {
            sb.Append("---:|---:|");
        }

        sb.Append('\n');
        foreach (var (dims, n, pending) in rows)
        {
            sb.Append($"| {dims} | {n} | {pending} |");
            foreach (var s in samplers)
            {
                if (cells.TryGetValue((dims, n, pending, s), out var r))
                {
                    sb.Append($" {ReportFormat.OneDecimal(r.MedianMs)} | {ReportFormat.OneDecimal(r.P90Ms)} |");
                }
                else
                {
                    sb.Append(" – | – |");
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
