namespace ActorTuner.Actors.Workers;

/// <summary>How a worker paces its conversation with the study.</summary>
/// <param name="Time">The clock the worker stamps requests and renewals with.</param>
/// <param name="RenewEvery">How often a running attempt's lease is renewed (well under the study's lease).</param>
/// <param name="RetryEvery">How long to wait before asking again when the study has nothing to run yet.</param>
/// <param name="AskTimeout">
/// How long to wait for the study's answer before asking again (a study restarting after a journal failure
/// answers nothing; a request waits while the surrogate computes, so this is generous).
/// </param>
public sealed record WorkerSettings(TimeProvider Time, TimeSpan RenewEvery, TimeSpan RetryEvery, TimeSpan AskTimeout)
{
    /// <summary>System clock, renew every 20 s, retry after 200 ms, answers within 2 min.</summary>
    public static WorkerSettings Default { get; } = new(TimeProvider.System, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(2));

    /// <summary>
    /// When true, a worker the study has nothing for (its parallelism is reached, it is not created yet) stops
    /// instead of asking again, so a cluster worker node can give the slot to another study.
    /// </summary>
    public bool LeaveWhenIdle { get; init; }
}
