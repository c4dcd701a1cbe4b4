using System.Collections.Immutable;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Studies;

/// <summary>A request to a study, in the imperative; <see cref="StudyDecisions.Decide"/> answers it.</summary>
public abstract record StudyCommand;

/// <summary>
/// Create the study, or confirm it exists with the same settings. <paramref name="Objective"/>, when given, is
/// what cluster workers run (journalled; a resubmission with another objective replaces it).
/// </summary>
public sealed record CreateStudy(StudySettings Settings, SearchSpace Space, string Sampler, StudyObjective? Objective = null) : StudyCommand;

/// <summary>Queue a configuration the sampler proposed (the actor asks the sampler off its mailbox).</summary>
public sealed record AddSuggestion(Configuration Configuration) : StudyCommand;

/// <summary>A worker with a free slot asks for a trial.</summary>
public sealed record RequestTrial(string Worker, DateTimeOffset Now) : StudyCommand;

/// <summary>A worker renews its lease on the attempt it runs.</summary>
public sealed record RenewLease(int Number, int Attempt, DateTimeOffset Now) : StudyCommand;

/// <summary>A running attempt reports an intermediate value.</summary>
public sealed record ReportIntermediate(int Number, int Attempt, int Step, double Value) : StudyCommand;

/// <summary>An attempt finished with a value (NaN is a failure).</summary>
public sealed record CompleteTrial(int Number, int Attempt, double Value) : StudyCommand;

/// <summary>
/// An attempt failed. <paramref name="Retry"/> is true when the attempt was lost rather than the objective
/// failing (worker gone, cancelled): the trial is then requeued while attempts remain.
/// </summary>
public sealed record FailTrial(int Number, int Attempt, string Reason, bool Retry) : StudyCommand;

/// <summary>
/// Hands attempt <paramref name="Attempt"/> of trial <paramref name="Number"/> back unfinished (the run is
/// stopping, or the worker got a trial it has no slot for): queued again without counting as a failed attempt.
/// </summary>
public sealed record ReleaseTrial(int Number, int Attempt, string Reason) : StudyCommand;

/// <summary>Requeue (or fail, past the attempt limit) every running attempt whose lease ended before <paramref name="Now"/>.</summary>
public sealed record ExpireLeases(DateTimeOffset Now) : StudyCommand;

/// <summary>Requeue every attempt <paramref name="Worker"/> was running (it left the cluster or stopped).</summary>
public sealed record WorkerLost(string Worker) : StudyCommand;

/// <summary>Change the budget of finished trials.</summary>
public sealed record ChangeBudget(int Budget) : StudyCommand;

/// <summary>The answer to a command.</summary>
public abstract record StudyReply;

/// <summary>The command was carried out (or was already, for an idempotent one).</summary>
public sealed record Accepted : StudyReply
{
    private Accepted()
    {
    }

    /// <summary>The single instance.</summary>
    public static Accepted Instance { get; } = new();
}

/// <summary>A result or report for an attempt that is no longer current: acknowledged, not recorded.</summary>
public sealed record Stale(int Number, int Attempt, string Why) : StudyReply;

/// <summary>The command cannot be carried out; <paramref name="Why"/> says what is wrong.</summary>
public sealed record Rejected(string Why) : StudyReply;

/// <summary>A trial for the requesting worker.</summary>
public sealed record TrialAssigned(int Number, int Attempt, Configuration Configuration, DateTimeOffset LeaseDeadline) : StudyReply;

/// <summary>No trial to dispatch now: the study is done, or the queue is empty and more need a suggestion first.</summary>
public sealed record NoTrial(bool StudyDone, bool NeedsSuggestion) : StudyReply;

/// <summary>The events a command produced and the reply to send.</summary>
public sealed record Decision(ImmutableArray<StudyEvent> Events, StudyReply Reply)
{
    /// <summary>A decision with no events.</summary>
    public static Decision Only(StudyReply reply) => new([], reply);
}
