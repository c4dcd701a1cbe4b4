using System.Collections.Immutable;

namespace ActorTuner.Benchmarks.Overhead;

/// <summary>
/// The settings of an <c>overhead</c> run.
/// </summary>
/// <param name="Dims">Dimensions d of the continuous space [0, 1]^d.</param>
/// <param name="Ns">Completed observations n before the first timed call.</param>
/// <param name="Pendings">Pending (running) configurations shown to the sampler.</param>
/// <param name="Sampler">ActorTuner's sampler to time.</param>
/// <param name="Repeats">Timed calls per cell (R).</param>
/// <param name="Warmup">Untimed calls before them, on n − Warmup ... n − 1 observations.</param>
/// <param name="Seed">Seed of the sampler and of the cells' data.</param>
/// <param name="Peers">Python peers (<c>optuna-tpe</c>, ...) to measure in the same run.</param>
/// <param name="Out">The JSONL file to write.</param>
public sealed record OverheadOptions(
    ImmutableArray<int> Dims,
    ImmutableArray<int> Ns,
    ImmutableArray<int> Pendings,
    string Sampler,
    int Repeats,
    int Warmup,
    long Seed,
    ImmutableArray<string> Peers,
    string Out);
