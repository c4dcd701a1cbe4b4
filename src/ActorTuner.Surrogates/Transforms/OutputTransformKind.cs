namespace ActorTuner.Surrogates.Transforms;

/// <summary>How observed losses are turned into the GP's targets.</summary>
public enum OutputTransformKind
{
    /// <summary>Standardise only: (y - mean) / std.</summary>
    Standardize,

    /// <summary>
    /// Standardise, Yeo–Johnson power transform with lambda by maximum likelihood, standardise again
    /// (as HEBO does), so a few huge losses or a heavy tail do not flatten the model.
    /// </summary>
    Power,
}
