using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ActorTuner.Benchmarks.Results;

/// <summary>
/// One line of an efficiency JSONL file: one (task, sampler, seed) run. <c>best_trace[i]</c> is the true
/// objective (seed mean for tabular tasks, noise-free value for functions) of the incumbent (the trial with
/// the best observed value) after i + 1 finished trials. Written by the C# runner and by the Python peers.
/// </summary>
public sealed record EfficiencyRecord(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("sampler")] string Sampler,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("budget")] int Budget,
    [property: JsonPropertyName("parallelism")] int Parallelism,
    [property: JsonPropertyName("noise")] string Noise,
    [property: JsonPropertyName("best_trace")] ImmutableArray<double> BestTrace,
    [property: JsonPropertyName("seconds")] double Seconds);
