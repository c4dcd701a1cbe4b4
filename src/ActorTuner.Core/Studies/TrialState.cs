namespace ActorTuner.Core.Studies;

/// <summary>Where a trial of a study stands.</summary>
public enum TrialState
{
    /// <summary>Suggested (or requeued) and waiting for a worker.</summary>
    Queued,

    /// <summary>Dispatched to a worker that holds a lease on it.</summary>
    Running,

    /// <summary>Finished with a value; immutable from then on.</summary>
    Complete,

    /// <summary>Finished without a value (error, NaN, timeout, attempts exhausted); immutable from then on.</summary>
    Failed,

    /// <summary>Stopped early by a pruning rule; immutable from then on.</summary>
    Pruned,
}
