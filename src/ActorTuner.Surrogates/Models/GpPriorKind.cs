namespace ActorTuner.Surrogates.Models;

/// <summary>The prior over GP hyperparameters used for maximum-a-posteriori fitting.</summary>
public enum GpPriorKind
{
    /// <summary>
    /// Dimension-scaled priors (Hvarfner, Hellsten and Nardi 2024, "Vanilla Bayesian Optimization Performs
    /// Great in High Dimensions", adopted by BoTorch in 2024): log l_j ~ N(sqrt2 + log(d)/2, 3),
    /// log noise ~ N(-4, 1); here also log a ~ N(0, 1).
    /// </summary>
    DimensionScaled,

    /// <summary>
    /// Optuna's GP priors: on the inverse squared length scale lambda_j, log p = -(0.1/lambda_j + 0.1 lambda_j);
    /// a ~ Gamma(2, 1); noise ~ Gamma(1.1, 30).
    /// </summary>
    Optuna,
}
