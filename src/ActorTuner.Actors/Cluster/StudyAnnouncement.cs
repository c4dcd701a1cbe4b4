using ActorTuner.Core.Objectives;
using ActorTuner.Core.Studies;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// What a study hosted in the cluster tells every node, about once a second, on the
/// <see cref="ClusterTopics.Studies"/> topic: worker nodes learn from it which studies want trials run and how,
/// gateways what to show in <c>actortuner status</c>. It is a hint, not a promise: a worker that acts on it
/// still asks the study, which alone decides.
/// </summary>
/// <param name="Study">The study's name.</param>
/// <param name="Objective">What workers run, or null when the study was submitted without one (only embedded workers serve it).</param>
/// <param name="Budget">Trials to finish.</param>
/// <param name="Completed">Trials completed with a value.</param>
/// <param name="Failed">Trials failed for good.</param>
/// <param name="Running">Attempts running on workers.</param>
/// <param name="Parallelism">The most attempts the study runs at once.</param>
/// <param name="Best">The best value so far, or null.</param>
/// <param name="Host">The address of the coordinator node hosting the study.</param>
public sealed record StudyAnnouncement(
    string Study,
    StudyObjective? Objective,
    int Budget,
    int Completed,
    int Failed,
    int Running,
    int Parallelism,
    double? Best,
    string Host)
{
    /// <summary>True when the budget of finished trials is reached.</summary>
    public bool Done => Completed + Failed >= Budget;

    /// <summary>How many more attempts the study would hand out now: its free parallelism, at most the trials left.</summary>
    public int Demand => Done ? 0 : Math.Max(0, Math.Min(Parallelism - Running, Budget - Completed - Failed - Running));

    /// <summary>The announcement of <paramref name="state"/> (created) hosted at <paramref name="host"/>.</summary>
    public static StudyAnnouncement Of(StudyState state, string host)
    {
        ArgumentNullException.ThrowIfNull(state);
        var settings = state.Settings ?? throw new ArgumentException("the study has not been created", nameof(state));
        return new(settings.Name, state.Objective, state.Budget, state.Completed, state.Failed, state.Running, settings.Parallelism, state.Best?.Value, host);
    }
}
