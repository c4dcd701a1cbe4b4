using System.Collections.Immutable;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Studies;

/// <summary>
/// One trial of a study as the study's state holds it. <see cref="Attempt"/> counts dispatches (1 for the
/// first); only a result for the current attempt of a running trial is recorded.
/// </summary>
public sealed record StudyTrial(
    int Number,
    Configuration Configuration,
    TrialState State,
    int Attempt,
    string? Worker,
    DateTimeOffset? LeaseDeadline,
    double? Value,
    string? Error,
    ImmutableList<IntermediateValue> Intermediate)
{
    /// <summary>True for complete, failed and pruned trials.</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Failed or TrialState.Pruned;
}
