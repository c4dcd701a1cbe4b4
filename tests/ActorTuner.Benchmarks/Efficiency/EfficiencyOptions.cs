using System.Collections.Immutable;
using ActorTuner.Benchmarks.Tasks;

namespace ActorTuner.Benchmarks.Efficiency;

/// <summary>
/// The settings of an <c>efficiency</c> run.
/// </summary>
/// <param name="Tasks">Tabular manifest paths or synthetic function names.</param>
/// <param name="Samplers">Sampler names: ActorTuner's (<c>gp</c>, <c>random</c>, ...) and Python peers (<c>optuna-tpe</c>, ...).</param>
/// <param name="Seeds">The run seeds.</param>
/// <param name="Budget">Finished trials per run.</param>
/// <param name="Parallelism">Simulated asynchronous workers.</param>
/// <param name="Noise">What a sampler observes on a tabular task.</param>
/// <param name="Out">The JSONL file to write.</param>
/// <param name="Jobs">Runs executed at once.</param>
public sealed record EfficiencyOptions(
    ImmutableArray<string> Tasks,
    ImmutableArray<string> Samplers,
    ImmutableArray<int> Seeds,
    int Budget,
    int Parallelism,
    NoiseMode Noise,
    string Out,
    int Jobs)
{
    /// <summary>The prefix of sampler names run by the Python peer script.</summary>
    public const string PeerPrefix = "optuna-";

    /// <summary>The <c>noise</c> field of the records: <c>mean</c> or <c>seed</c>.</summary>
    public string NoiseName => Noise == NoiseMode.Mean ? "mean" : "seed";

    /// <summary>True when <paramref name="sampler"/> is a Python peer.</summary>
    public static bool IsPeer(string sampler) => sampler.StartsWith(PeerPrefix, StringComparison.Ordinal);
}
