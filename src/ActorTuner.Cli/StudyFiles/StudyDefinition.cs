using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>A study as a study file defines it, validated and ready to run.</summary>
/// <param name="Path">The study file's path as given.</param>
/// <param name="Settings">Name, direction, budget, parallelism, seed, attempts and lease.</param>
/// <param name="Space">The parameters, in the order the file lists them.</param>
/// <param name="Sampler">The sampler as a <c>SamplerFactory</c> spec: <c>gp</c>, <c>gp:acq=ucb,pending=kb</c>, <c>random</c>, <c>sobol</c>, <c>grid</c>.</param>
/// <param name="Work">
/// What workers run per trial: an external command or an objective registered on cluster workers, and the
/// worker tags it requires; null when the file has no <c>objective</c> (a library user's in-process objective).
/// </param>
public sealed record StudyDefinition(
    string Path,
    StudySettings Settings,
    SearchSpace Space,
    string Sampler,
    StudyObjective? Work)
{
    /// <summary>The external command, or null when the file names none (no objective, or a registered one).</summary>
    public CommandObjectiveSpec? Objective => Work?.Command;
}
