using ActorTuner.Core.Studies;

namespace ActorTuner.Actors.Tuning;

/// <summary>How a run ended: the study's final state, whether it was stopped before its budget, and how long it took.</summary>
public sealed record StudyRunResult(StudyState State, bool Stopped, TimeSpan Elapsed)
{
    /// <summary>The best completed trial, or null when none completed.</summary>
    public StudyTrial? Best => State.Best;
}
