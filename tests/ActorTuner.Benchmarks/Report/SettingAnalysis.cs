using System.Collections.Immutable;
using System.Globalization;
using ActorTuner.Benchmarks.Results;
using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// Everything the report says about one <see cref="TaskSetting"/>: the task's normalisation, one
/// <see cref="SamplerResult"/> per sampler (in the order the samplers first appear in the input files) and the winner.
/// </summary>
internal sealed class SettingAnalysis
{
    /// <summary>The trial counts reported when the budget allows.</summary>
    public static readonly ImmutableArray<int> StandardCheckpoints = [25, 50, 100];

    /// <summary>The samplers whose mean best at 100 trials is the random-search target of a task without a manifest.</summary>
    public static readonly ImmutableArray<string> RandomSamplerNames = ["random", "optuna-random"];

    private SettingAnalysis(TaskSetting setting, TaskMetadata metadata, ImmutableArray<int> checkpoints, ImmutableArray<SamplerResult> samplers)
    {
        Setting = setting;
        Metadata = metadata;
        Checkpoints = checkpoints;
        Samplers = samplers;
    }

    /// <summary>The task, noise and parallelism compared.</summary>
    public TaskSetting Setting { get; }

    /// <summary>The optimum, reference and target used.</summary>
    public TaskMetadata Metadata { get; }

    /// <summary>The table's trial counts.</summary>
    public ImmutableArray<int> Checkpoints { get; }

    /// <summary>One result per sampler.</summary>
    public ImmutableArray<SamplerResult> Samplers { get; }

    /// <summary>
    /// Groups <paramref name="records"/> by setting (in order of first appearance) and analyses each.
    /// <paramref name="manifests"/> supplies tabular tasks' metadata by task name.
    /// </summary>
    public static ImmutableArray<SettingAnalysis> AnalyseAll(
        IReadOnlyList<EfficiencyRecord> records, IReadOnlyDictionary<string, ManifestSummary> manifests)
    {
        var settings = records.Select(r => new TaskSetting(r.Task, r.Noise, r.Parallelism)).Distinct().ToList();
        return [.. settings.Select(s => Analyse(s, records, manifests))];
    }

    private static SettingAnalysis Analyse(
        TaskSetting setting, IReadOnlyList<EfficiencyRecord> all, IReadOnlyDictionary<string, ManifestSummary> manifests)
    {
        var runs = all.Where(r => r.Task == setting.Task && r.Noise == setting.Noise && r.Parallelism == setting.Parallelism).ToList();
        var metadata = ResolveMetadata(setting, all, manifests);
        var longest = runs.Max(r => r.BestTrace.Length);
        var checkpoints = StandardCheckpoints.Where(k => k <= longest).ToList();
        if (checkpoints.Count == 0 || (longest > checkpoints[^1] && longest > 100))
        {
            checkpoints.Add(longest);
        }

        var samplers = runs.Select(r => r.Sampler).Distinct()
            .Select(s => SamplerResult.Create(s, runs.Where(r => r.Sampler == s).ToList(), metadata, [.. checkpoints]))
            .ToImmutableArray();
        return new SettingAnalysis(setting, metadata, [.. checkpoints], samplers);
    }

    /// <summary>
    /// f*, f_ref and the target: from the manifest for a tabular task; for a synthetic function its known optimum,
    /// the mean first-trial value over all runs of the task and the random sampler's mean best at 100; for any
    /// other task the best value any run found stands in for f*.
    /// </summary>
    private static TaskMetadata ResolveMetadata(
        TaskSetting setting, IReadOnlyList<EfficiencyRecord> all, IReadOnlyDictionary<string, ManifestSummary> manifests)
    {
        var ofTask = all.Where(r => r.Task == setting.Task).ToList();
        var firstMean = SeedStatistics.Mean(ofTask.Select(r => r.BestTrace[0]).ToList());
        var firstSource = $"mean first-trial value over the task's {ofTask.Count} runs";
        var (randomTarget, randomSource) = RandomTarget(setting, all);

        if (manifests.TryGetValue(setting.Task, out var manifest))
        {
            var file = Path.GetFileName(manifest.Path);
            return new TaskMetadata(
                manifest.Direction,
                manifest.Optimum,
                manifest.Median ?? firstMean,
                manifest.RandomBestAt100 ?? randomTarget,
                $"optimum_of_seed_mean of {file}",
                manifest.Median is null ? firstSource : $"median_of_seed_mean of {file}",
                manifest.RandomBestAt100 is null ? randomSource : $"random_search_expected_best_of_seed_mean[\"100\"] of {file}");
        }

        if (SyntheticFunctions.IsKnown(setting.Task) && SyntheticFunctions.Create(setting.Task).Optimum is { } optimum)
        {
            return new TaskMetadata(
                Direction.Minimize, optimum, firstMean, randomTarget, "known optimum of the function", firstSource, randomSource);
        }

        var direction = InferDirection(ofTask);
        var values = ofTask.SelectMany(r => r.BestTrace).ToList();
        var best = direction == Direction.Minimize ? values.Min() : values.Max();
        return new TaskMetadata(
            direction,
            best,
            firstMean,
            randomTarget,
            "best value found by any run (no manifest given and not a known function; pass its manifest for a true optimum)",
            firstSource,
            randomSource);
    }

    /// <summary>Best-so-far traces only move towards better values, which gives the direction away.</summary>
    private static Direction InferDirection(IReadOnlyList<EfficiencyRecord> runs)
    {
        var falling = runs.Count(r => r.BestTrace[^1] < r.BestTrace[0]);
        var rising = runs.Count(r => r.BestTrace[^1] > r.BestTrace[0]);
        return rising > falling ? Direction.Maximize : Direction.Minimize;
    }

    private static (double? Target, string Source) RandomTarget(TaskSetting setting, IReadOnlyList<EfficiencyRecord> all)
    {
        foreach (var name in RandomSamplerNames)
        {
            var at100 = all
                .Where(r => r.Task == setting.Task && r.Noise == setting.Noise && r.Sampler == name && r.BestTrace.Length >= 100)
                .Select(r => r.BestTrace[99])
                .ToList();
            if (at100.Count > 0)
            {
                return (SeedStatistics.Mean(at100), $"mean best at 100 trials of the {at100.Count} '{name}' runs");
            }
        }

        return (null, "none: no manifest target and no 'random' run of 100 trials");
    }

    /// <summary>
    /// The one sentence naming the winner: the lowest mean normalised regret at the last checkpoint every
    /// sampler reached, with the runner-up and their difference in standard errors.
    /// </summary>
    public string WinnerLine()
    {
        var at = Checkpoints.Select((k, i) => (k, i)).LastOrDefault(c => Samplers.All(s => s.CountAt[c.i] > 0) && Samplers.All(s => !double.IsNaN(s.MeanAt[c.i])));
        if (at == default)
        {
            return $"No winner on {Setting.Title}: no trial count that every sampler reached has a defined regret.";
        }

        var ranked = Samplers.OrderBy(s => s.MeanAt[at.i]).ToList();
        var winner = ranked[0];
        var text = $"**Winner on {Setting.Title}: {winner.Sampler}**, mean normalised regret {ReportFormat.Number(winner.MeanAt[at.i])} at {at.k} trials";
        if (ranked.Count == 1)
        {
            return text + " (the only sampler run).";
        }

        var second = ranked[1];
        text += $"; runner-up {second.Sampler} {ReportFormat.Number(second.MeanAt[at.i])}";
        var se = Math.Sqrt((Variance(winner, at.i) / winner.CountAt[at.i]) + (Variance(second, at.i) / second.CountAt[at.i]));
        var gap = second.MeanAt[at.i] - winner.MeanAt[at.i];
        if (gap == 0)
        {
            return text + " (a tie).";
        }

        if (se > 0 && !double.IsNaN(se))
        {
            var z = gap / se;
            text += string.Create(CultureInfo.InvariantCulture, $" (difference {z:0.0} standard errors{(z < 2 ? ", not a clear win" : string.Empty)})");
        }

        return text + ".";
    }

    private static double Variance(SamplerResult s, int i) => double.IsNaN(s.StdAt[i]) ? 0 : s.StdAt[i] * s.StdAt[i];
}
