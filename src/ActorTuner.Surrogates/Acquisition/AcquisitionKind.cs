namespace ActorTuner.Surrogates.Acquisition;

/// <summary>The acquisition function of the GP sampler.</summary>
public enum AcquisitionKind
{
    /// <summary>Log expected improvement (Ament et al. 2023), the default.</summary>
    LogEi,

    /// <summary>Confidence bound with a fixed beta.</summary>
    Ucb,

    /// <summary>Thompson sampling: the minimiser of one joint posterior draw over a candidate set.</summary>
    Thompson,
}
