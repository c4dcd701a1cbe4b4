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
    ImmutableList<IntermediateValue> Intermediate,
    int Released = 0)
{
    /// <summary>Attempts that ended by failing or being lost (released attempts, handed back unfinished, do not count).</summary>
    public int FailedAttempts => Attempt - Released;

    /// <summary>True for complete, failed and pruned trials.</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Failed or TrialState.Pruned;

    /// <summary>Value equality, the intermediate values compared element by element.</summary>
    public bool Equals(StudyTrial? other) =>
        other is not null
        && Number == other.Number
        && Configuration.Equals(other.Configuration)
        && State == other.State
        && Attempt == other.Attempt
        && Worker == other.Worker
        && LeaseDeadline == other.LeaseDeadline
        && Nullable.Equals(Value, other.Value)
        && Error == other.Error
        && Released == other.Released
        && Intermediate.SequenceEqual(other.Intermediate);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Number, Configuration, State, Attempt, Intermediate.Count);
}
