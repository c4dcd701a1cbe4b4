using System.Collections.Immutable;

namespace ActorTuner.Examples.Digits;

/// <summary>How a training run ended: the validation scores after the last epoch run, and the loss after every epoch.</summary>
/// <param name="ValidationLoss">Mean validation cross-entropy after the last epoch: the objective to minimise.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the last epoch.</param>
/// <param name="LossPerEpoch">Validation loss after epoch 1, 2, ...; shorter than the epochs asked for when training diverged.</param>
/// <param name="Diverged">True when the training loss became non-finite and training stopped; the loss is then the clip, ≈ 34.54.</param>
public sealed record TrainingResult(
    double ValidationLoss,
    double ValidationAccuracy,
    ImmutableArray<double> LossPerEpoch,
    bool Diverged);
