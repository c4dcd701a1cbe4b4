using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Trials;

/// <summary>
/// A finished trial as a sampler sees it: its configuration, how it ended, and its value in the study's
/// own direction (NaN when failed; infinities are allowed and clipped by samplers).
/// </summary>
public sealed record Observation(Configuration Configuration, ObservationState State, double Value)
{
    /// <summary>A trial that returned <paramref name="value"/>; NaN makes it a failed observation.</summary>
    public static Observation Completed(Configuration configuration, double value) =>
        double.IsNaN(value)
            ? new Observation(configuration, ObservationState.Failed, double.NaN)
            : new Observation(configuration, ObservationState.Complete, value);

    /// <summary>A trial that failed.</summary>
    public static Observation Failed(Configuration configuration) =>
        new(configuration, ObservationState.Failed, double.NaN);

    /// <summary>True when the trial returned a usable (non-NaN) value.</summary>
    public bool IsComplete => State == ObservationState.Complete && !double.IsNaN(Value);
}
