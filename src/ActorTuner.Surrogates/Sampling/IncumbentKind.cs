namespace ActorTuner.Surrogates.Sampling;

/// <summary>The value expected improvement measures improvement over.</summary>
public enum IncumbentKind
{
    /// <summary>The best observed target (or lie).</summary>
    Observed,

    /// <summary>The smallest posterior mean at the observed points (the "plug-in" incumbent), robust to noise.</summary>
    PosteriorMean,
}
