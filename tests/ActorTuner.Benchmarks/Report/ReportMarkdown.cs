using System.Globalization;
using System.Text;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Report;

/// <summary>Renders the Markdown of a report from analysed settings and overhead records.</summary>
internal static class ReportMarkdown
{
    /// <summary>
    /// The whole report. <paramref name="plotLinks"/> maps a setting to the relative link of its PNG and the
    /// plot's caption.
    /// </summary>
    public static string Render(
        string commandLine,
        string machineDescription,
        DateTimeOffset now,
        IReadOnlyList<string> inputs,
        IReadOnlyList<SettingAnalysis> settings,
        IReadOnlyDictionary<TaskSetting, (string Link, string Caption)> plotLinks,
        IReadOnlyList<OverheadRecord> overhead)
    {
        var sb = new StringBuilder();
        sb.Append("# ActorTuner benchmark report\n\n");
        sb.Append("Regenerate this report with:\n\n```sh\n").Append(commandLine).Append("\n```\n\n");
        sb.Append("- Machine: ").Append(machineDescription).Append('\n');
        sb.Append("- Date: ").Append(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC\n");
        sb.Append("- Inputs: ").Append(string.Join(", ", inputs.Select(i => $"`{i}`"))).Append("\n\n");

        if (settings.Count > 0)
        {
            sb.Append("## Summary\n\n");
            foreach (var s in settings)
            {
                sb.Append("- ").Append(s.WinnerLine()).Append('\n');
            }

            sb.Append('\n');
            AppendDefinitions(sb);
            sb.Append("## Efficiency\n\n");
            foreach (var s in settings)
            {
                AppendSetting(sb, s, plotLinks.TryGetValue(s.Setting, out var plot) ? plot : null);
            }
        }
        else
        {
            sb.Append("No efficiency records were given.\n\n");
        }

        sb.Append("## Suggestion overhead\n\n");
        sb.Append("Milliseconds to produce one suggestion after n completed trials on [0, 1]^dims with `pending` trials ")
            .Append("still running, median and 90th percentile over repeated suggestions. Samplers in one row are ")
            .Append("comparable when they were timed in the same run on the same machine (the `overhead` command's ")
            .Append("`--peer optuna-tpe` does that).\n\n");
        sb.Append(OverheadTable.Render(overhead));
        return sb.ToString();
    }

    private static void AppendDefinitions(StringBuilder sb)
    {
        sb.Append("## Definitions\n\n");
        sb.Append("- A run's incumbent after i trials is the trial with the best *observed* value among the first i to ")
            .Append("finish; it is scored by its true value v (the seed mean of a tabular configuration, the noise-free ")
            .Append("value of a function).\n");
        sb.Append("- **Normalised regret** = |v − f\\*| / |f_ref − f\\*|: 0 is the optimum, 1 is as good as the reference. ")
            .Append("f\\* is the task's optimum (a tabular manifest's `optimum_of_seed_mean`, a function's known minimum); ")
            .Append("f_ref is the manifest's `median_of_seed_mean` for tabular tasks and, for functions, the mean value ")
            .Append("of the first trial across all runs of the task. Each task states the values used.\n");
        sb.Append("- Cells show mean ± sample standard deviation (n − 1) across seeds at 25, 50 and 100 trials.\n");
        sb.Append("- **Trials to match random@100**: per run, the first trial count whose incumbent is at least as good as ")
            .Append("random search's expected best after 100 trials (a tabular manifest's ")
            .Append("`random_search_expected_best_of_seed_mean[\"100\"]`; for functions the mean best at 100 trials of ")
            .Append("the `random` sampler's runs), averaged over seeds. \"> budget\" means no run got there; ")
            .Append("\"> m (k/n reached)\" counts the runs that never got there as their budget, so m is a lower bound.\n");
        sb.Append("- The **winner** has the lowest mean normalised regret at the largest trial count every sampler reached; ")
            .Append("a difference to the runner-up under 2 standard errors is flagged as not a clear win.\n\n");
    }

    private static void AppendSetting(StringBuilder sb, SettingAnalysis s, (string Link, string Caption)? plot)
    {
        var m = s.Metadata;
        sb.Append("### ").Append(s.Setting.Title).Append("\n\n");
        sb.Append($"Direction {m.Direction.ToString().ToLowerInvariant()}; f\\* = {ReportFormat.Number(m.Optimum)} ({m.OptimumSource}); ")
            .Append($"f_ref = {ReportFormat.Number(m.Reference)} ({m.ReferenceSource}); ")
            .Append($"random@100 target = {(m.RandomTarget is { } t ? ReportFormat.Number(t) : "–")} ({m.TargetSource}).\n\n");

        sb.Append("| sampler | runs |");
        foreach (var k in s.Checkpoints)
        {
            sb.Append($" regret @{k} |");
        }

        sb.Append(" trials to match random@100 | s/run |\n|---|---:|");
        foreach (var _ in s.Checkpoints)
        {
            sb.Append("---:|");
        }

        sb.Append("---:|---:|\n");
        foreach (var r in s.Samplers)
        {
            sb.Append($"| {ReportFormat.Cell(r.Sampler)} | {r.Runs.Length} |");
            for (var i = 0; i < s.Checkpoints.Length; i++)
            {
                var cell = r.CountAt[i] == 0 ? "–" : ReportFormat.MeanStd(r.MeanAt[i], r.StdAt[i]);
                if (r.CountAt[i] > 0 && r.CountAt[i] < r.Runs.Length)
                {
                    cell += $" ({r.CountAt[i]} runs)";
                }

                sb.Append(' ').Append(cell).Append(" |");
            }

            sb.Append(' ').Append(r.ToTarget?.Cell() ?? "–").Append(" | ")
                .Append(ReportFormat.TwoDecimals(r.MeanSeconds)).Append(" |\n");
        }

        sb.Append('\n').Append(s.WinnerLine()).Append("\n\n");
        if (plot is { } p)
        {
            sb.Append($"![{s.Setting.Title}]({p.Link})\n\n");
            sb.Append($"*Normalised regret of the incumbent after each trial: {p.Caption}.*\n\n");
        }
    }
}
