namespace ActorTuner.Examples.Digits;

/// <summary>The digits cut three ways: fit on <see cref="Train"/>, tune on <see cref="Validation"/>, report on <see cref="Test"/>.</summary>
/// <param name="Train">About 60% of each class: the rows the network learns from.</param>
/// <param name="Validation">About 20% of each class: the rows the tuner's objective scores.</param>
/// <param name="Test">The remaining ~20%: touched once, for the final report.</param>
public sealed record DigitsSplit(LabelledSet Train, LabelledSet Validation, LabelledSet Test);
