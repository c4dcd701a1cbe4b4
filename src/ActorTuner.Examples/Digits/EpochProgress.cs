namespace ActorTuner.Examples.Digits;

/// <summary>The validation scores after one epoch of training.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="ValidationLoss">Mean cross-entropy on the validation rows (each row clipped at -ln 1e-15).</param>
/// <param name="ValidationAccuracy">The fraction of validation rows classified right.</param>
public sealed record EpochProgress(int Epoch, double ValidationLoss, double ValidationAccuracy);
