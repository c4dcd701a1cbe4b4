using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Studies;

namespace ActorTuner.Actors.Workers;

/// <summary>
/// Asks a worker to stop: a running trial is cancelled and handed back to the study (queued again, not
/// counted as a failed attempt); the worker stops once the study has acknowledged it.
/// </summary>
public sealed record StopWorker
{
    private StopWorker()
    {
    }

    /// <summary>The single instance.</summary>
    public static StopWorker Instance { get; } = new();
}

/// <summary>Asks a worker what it is doing; the reply is <see cref="GetWorkerResult"/>.</summary>
public sealed record GetWorker
{
    private GetWorker()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetWorker Instance { get; } = new();
}

/// <summary>The worker's id, the trial and attempt it runs (if any), and how many trials it finished.</summary>
public sealed record GetWorkerResult(string Worker, int? Trial, int? Attempt, int Finished);

/// <summary>The study answered (or did not answer in time) a command the worker asked.</summary>
internal sealed record StudyAnswered(StudyCommand Command, StudyReply? Reply, Exception? Failure);

/// <summary>The objective finished an attempt.</summary>
internal sealed record AttemptFinished(int Number, int Attempt, TrialOutcome? Outcome, bool Cancelled);

/// <summary>The objective reported an intermediate value.</summary>
internal sealed record AttemptReported(int Number, int Attempt, int Step, double Value);

/// <summary>Timer tick: renew the running attempt's lease.</summary>
internal sealed record RenewTick
{
    private RenewTick()
    {
    }

    public static RenewTick Instance { get; } = new();
}

/// <summary>Timer tick: ask for work again.</summary>
internal sealed record AskAgain
{
    private AskAgain()
    {
    }

    public static AskAgain Instance { get; } = new();
}
