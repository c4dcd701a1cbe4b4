namespace ActorTuner.Benchmarks.Throughput;

/// <summary>
/// What <c>throughput</c> measures: <paramref name="Trials"/> trials of x² with the random sampler through
/// <c>Tuner.RunAsync</c> on <paramref name="Workers"/> workers for each of <paramref name="Storages"/>
/// (sqlite, postgres, memory), and each of <paramref name="Peers"/> (optuna: one thread; optuna-threads: Optuna's
/// n_jobs = workers) on the same machine; the Markdown table goes to <paramref name="MarkdownPath"/> when given.
/// </summary>
public sealed record ThroughputOptions(
    int Trials,
    int Workers,
    IReadOnlyList<string> Storages,
    IReadOnlyList<string> Peers,
    long Seed,
    string? MarkdownPath)
{
    /// <summary>The storages the command knows.</summary>
    public static readonly IReadOnlyList<string> KnownStorages = ["sqlite", "postgres", "memory", "cluster"];

    /// <summary>The peers the command knows.</summary>
    public static readonly IReadOnlyList<string> KnownPeers = ["optuna", "optuna-threads"];

    /// <summary>Throws a <see cref="FormatException"/> naming the option when a value is unusable.</summary>
    public void Validate()
    {
        if (Trials < 1)
        {
            throw new FormatException($"--trials: must be at least 1, got {Trials}");
        }

        if (Workers < 1)
        {
            throw new FormatException($"--workers: must be at least 1, got {Workers}");
        }

        foreach (var s in Storages.Where(s => !KnownStorages.Contains(s)))
        {
            throw new FormatException($"--storages: unknown storage '{s}'; expected {string.Join(", ", KnownStorages)}");
        }

        foreach (var p in Peers.Where(p => !KnownPeers.Contains(p)))
        {
            throw new FormatException($"--peers: unknown peer '{p}'; expected {string.Join(", ", KnownPeers)} (or none)");
        }

        if (Storages.Count + Peers.Count == 0)
        {
            throw new FormatException("nothing to measure: give --storages or --peers");
        }
    }
}
