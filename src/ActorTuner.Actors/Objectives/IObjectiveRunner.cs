namespace ActorTuner.Actors.Objectives;

/// <summary>
/// Runs the objective for one worker slot, one trial at a time. A runner may keep state between trials (a
/// persistent external process); it is disposed when its slot stops.
/// </summary>
/// <remarks>
/// Contract: <see cref="RunAsync"/> never throws for anything the objective did (a crash, a timeout, a bad
/// result): it returns <see cref="TrialOutcome.Failed"/> with the reason. When the token
/// fires (the run is stopping), it stops the objective promptly (kills the process tree) and throws
/// <see cref="OperationCanceledException"/>, so the worker can hand the trial back to the study to run again.
/// </remarks>
public interface IObjectiveRunner : IAsyncDisposable
{
    /// <summary>Runs <paramref name="trial"/> and says how it went.</summary>
    Task<TrialOutcome> RunAsync(Trial trial, CancellationToken cancellation);
}
