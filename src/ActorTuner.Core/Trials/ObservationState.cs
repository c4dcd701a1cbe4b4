namespace ActorTuner.Core.Trials;

/// <summary>How a finished trial ended, as a sampler sees it.</summary>
public enum ObservationState
{
    /// <summary>The objective returned a value.</summary>
    Complete,

    /// <summary>The objective threw, returned NaN, timed out or could not be parsed.</summary>
    Failed,
}
