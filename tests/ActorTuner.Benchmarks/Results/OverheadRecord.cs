using System.Text.Json.Serialization;

namespace ActorTuner.Benchmarks.Results;

/// <summary>
/// One line of an overhead JSONL file: the time to produce one suggestion after <c>n</c> completed
/// observations in <c>dims</c> continuous dimensions with <c>pending</c> trials running.
/// <c>sampler</c> is "gp" for ActorTuner's default and e.g. "optuna-tpe" for the peer measured in the same run.
/// </summary>
public sealed record OverheadRecord(
    [property: JsonPropertyName("dims")] int Dims,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("p90_ms")] double P90Ms,
    [property: JsonPropertyName("sampler")] string Sampler = "gp");
