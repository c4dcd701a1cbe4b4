using ActorTuner.Actors.Workers;

namespace ActorTuner.Actors.Tuning;

/// <summary>How <see cref="Tuner.RunAsync(StudySpec, Func{int, Objectives.IObjectiveRunner}, RunOptions?, CancellationToken)"/> runs a study.</summary>
public sealed record RunOptions
{
    /// <summary>Worker slots, each running one trial at a time; default: the study's parallelism.</summary>
    public int? Workers { get; init; }

    /// <summary>Called with the study's state every <see cref="ProgressEvery"/> and once at the end.</summary>
    public Action<StudyProgress>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> is called.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a stop (cancellation) waits for running trials to be cancelled and handed back.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Worker pacing (lease renewal, retries, ask timeout).</summary>
    public WorkerSettings Worker { get; init; } = WorkerSettings.Default;
}
