namespace ActorTuner.Examples.Digits;

/// <summary>A trained network's scores on a set of rows.</summary>
/// <param name="Loss">Mean cross-entropy, -(1/n) Σ_i ln p_i[y_i], each row clipped at -ln 1e-15 ≈ 34.54 (scikit-learn's log_loss clip).</param>
/// <param name="Accuracy">The fraction of rows whose most probable class is the label.</param>
/// <param name="Count">The number of rows scored.</param>
public sealed record Evaluation(double Loss, double Accuracy, int Count);
