namespace ActorTuner.Surrogates.Sampling;

/// <summary>
/// How the GP treats trials still running: each pending point is added to the model with a "lie" as its
/// target, so the next suggestion moves away from it (Ginsbourger, Le Riche and Carraro 2010).
/// </summary>
public enum PendingStrategy
{
    /// <summary>Constant liar with the best (smallest) observed target: greedy, packs points near the optimum.</summary>
    ConstantLiarMin,

    /// <summary>Constant liar with the mean observed target.</summary>
    ConstantLiarMean,

    /// <summary>Constant liar with the worst (largest) observed target: spreads points the most.</summary>
    ConstantLiarMax,

    /// <summary>Kriging believer: the model's own posterior mean at the pending point, conditioned in turn.</summary>
    KrigingBeliever,
}
