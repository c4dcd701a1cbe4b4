using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;

namespace ActorTuner.Actors.Tuning;

/// <summary>
/// What a study is: its settings (name, direction, budget, parallelism, seed, retries, lease), its search
/// space and its sampler (a <see cref="Surrogates.SamplerFactory"/> spec such as <c>gp</c>, <c>gp:acq=ucb</c>,
/// <c>random</c>, <c>sobol</c>, <c>grid</c>).
/// </summary>
public sealed record StudySpec(StudySettings Settings, SearchSpace Space, string Sampler = "gp");
