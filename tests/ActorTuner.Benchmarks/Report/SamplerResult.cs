using System.Collections.Immutable;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// One sampler's runs on one <see cref="TaskSetting"/>: normalised regret per run and trial, its mean and
/// sample standard deviation across seeds at each checkpoint, and the trials needed to match random search.
/// </summary>
internal sealed class SamplerResult
{
    private SamplerResult(
        string sampler,
        ImmutableArray<EfficiencyRecord> runs,
        ImmutableArray<ImmutableArray<double>> regret,
        ImmutableArray<int> checkpoints,
        TrialsToTarget? toTarget)
    {
        Sampler = sampler;
        Runs = runs;
        Regret = regret;
        Checkpoints = checkpoints;
        ToTarget = toTarget;
        var mean = ImmutableArray.CreateBuilder<double>(checkpoints.Length);
        var std = ImmutableArray.CreateBuilder<double>(checkpoints.Length);
        var count = ImmutableArray.CreateBuilder<int>(checkpoints.Length);
        foreach (var k in checkpoints)
        {
            var at = RegretAt(k);
            mean.Add(SeedStatistics.Mean(at));
            std.Add(SeedStatistics.SampleStd(at));
            count.Add(at.Count);
        }

        MeanAt = mean.MoveToImmutable();
        StdAt = std.MoveToImmutable();
        CountAt = count.MoveToImmutable();
        MeanSeconds = SeedStatistics.Mean(runs.Select(r => r.Seconds).ToList());
    }

    /// <summary>The sampler's name as written in the result files.</summary>
    public string Sampler { get; }

    /// <summary>The runs (one per seed).</summary>
    public ImmutableArray<EfficiencyRecord> Runs { get; }

    /// <summary>Regret[run][i]: the normalised regret of the incumbent after i + 1 trials.</summary>
    public ImmutableArray<ImmutableArray<double>> Regret { get; }

    /// <summary>The trial counts of the table's columns.</summary>
    public ImmutableArray<int> Checkpoints { get; }

    /// <summary>Mean normalised regret across the runs long enough for each checkpoint (NaN when none is).</summary>
    public ImmutableArray<double> MeanAt { get; }

    /// <summary>Sample standard deviation of the same (NaN with fewer than two runs).</summary>
    public ImmutableArray<double> StdAt { get; }

    /// <summary>How many runs reached each checkpoint.</summary>
    public ImmutableArray<int> CountAt { get; }

    /// <summary>Trials to match random search, or null when the task has no target.</summary>
    public TrialsToTarget? ToTarget { get; }

    /// <summary>Mean wall seconds per run.</summary>
    public double MeanSeconds { get; }

    /// <summary>The normalised regrets after <paramref name="trials"/> trials, one per run that lasted that long.</summary>
    public IReadOnlyList<double> RegretAt(int trials) =>
        Regret.Where(r => r.Length >= trials).Select(r => r[trials - 1]).ToList();

    /// <summary>Computes the result of <paramref name="runs"/> of <paramref name="sampler"/>.</summary>
    public static SamplerResult Create(
        string sampler, IReadOnlyList<EfficiencyRecord> runs, TaskMetadata metadata, ImmutableArray<int> checkpoints)
    {
        var regret = runs.Select(r => r.BestTrace.Select(metadata.NormalisedRegret).ToImmutableArray()).ToImmutableArray();
        var toTarget = metadata.RandomTarget is { } target
            ? TrialsToTarget.Count(runs.Select(r => (IReadOnlyList<double>)r.BestTrace).ToList(), target, metadata)
            : null;
        return new SamplerResult(sampler, [.. runs], regret, checkpoints, toTarget);
    }
}
