namespace ActorTuner.Actors.Objectives;

/// <summary>What running one attempt of a trial gave.</summary>
public abstract record TrialOutcome
{
    /// <summary>The objective returned <paramref name="value"/>.</summary>
    public static TrialOutcome Completed(double value) => new CompletedOutcome(value);

    /// <summary>
    /// The attempt failed for <paramref name="reason"/> (a crash, a timeout, a non-zero exit, an unparseable
    /// result, with the tail of the objective's stderr where there is one). The trial is recorded as failed and
    /// the study goes on.
    /// </summary>
    public static TrialOutcome Failed(string reason) => new FailedOutcome(reason);
}

/// <summary>The objective's value.</summary>
public sealed record CompletedOutcome(double Value) : TrialOutcome;

/// <summary>The attempt failed, with the reason that goes into the study.</summary>
public sealed record FailedOutcome(string Reason) : TrialOutcome;
