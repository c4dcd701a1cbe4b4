namespace ActorTuner.Core.Trials;

/// <summary>Whether a study looks for the smallest or the largest objective value.</summary>
public enum Direction
{
    /// <summary>Smaller is better (losses, errors).</summary>
    Minimize,

    /// <summary>Larger is better (accuracies, rewards).</summary>
    Maximize,
}
