using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Studies;

/// <summary>
/// Everything that happens to a study, in the past tense. A study's state is the fold of its events with
/// <see cref="StudyState.Apply"/>; events are what the journal stores.
/// </summary>
public abstract record StudyEvent;

/// <summary>The study was created with its settings, space and sampler.</summary>
public sealed record StudyCreated(StudySettings Settings, SearchSpace Space, string Sampler) : StudyEvent;

/// <summary>The sampler proposed a configuration; it is queued as trial <paramref name="Number"/>.</summary>
public sealed record TrialSuggested(int Number, Configuration Configuration) : StudyEvent;

/// <summary>The trial was handed to <paramref name="Worker"/> for attempt <paramref name="Attempt"/>, leased until <paramref name="LeaseDeadline"/>.</summary>
public sealed record TrialDispatched(int Number, int Attempt, string Worker, DateTimeOffset LeaseDeadline) : StudyEvent;

/// <summary>The worker running the attempt extended its lease.</summary>
public sealed record LeaseRenewed(int Number, int Attempt, DateTimeOffset LeaseDeadline) : StudyEvent;

/// <summary>The running attempt reported an intermediate value.</summary>
public sealed record TrialReported(int Number, int Attempt, int Step, double Value) : StudyEvent;

/// <summary>The attempt finished with a value.</summary>
public sealed record TrialCompleted(int Number, int Attempt, double Value) : StudyEvent;

/// <summary>The trial failed for good (its last attempt failed, or it could not be run).</summary>
public sealed record TrialFailed(int Number, int Attempt, string Reason) : StudyEvent;

/// <summary>The attempt was lost (worker gone, lease expired, cancelled) and the trial waits for attempt <c>Attempt + 1</c>.</summary>
public sealed record TrialRequeued(int Number, int Attempt, string Reason) : StudyEvent;

/// <summary>The budget of finished trials changed.</summary>
public sealed record BudgetChanged(int Budget) : StudyEvent;

/// <summary>
/// Attempt <paramref name="Attempt"/> of trial <paramref name="Number"/> was handed back before it finished
/// (the run was stopped, the worker had no free slot) and waits to run again. Unlike
/// <see cref="TrialRequeued"/> it does not count against the retry limit.
/// </summary>
public sealed record TrialReleased(int Number, int Attempt, string Reason) : StudyEvent;

/// <summary>
/// The objective cluster workers run for the study was set (at creation) or replaced (a resubmission with
/// another command); trials already dispatched keep the objective they started with.
/// </summary>
public sealed record ObjectiveSet(StudyObjective Objective) : StudyEvent;
