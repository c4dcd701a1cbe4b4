namespace ActorTuner.Core.Studies;

/// <summary>A value an objective reported at a step (an epoch, say) before finishing.</summary>
public readonly record struct IntermediateValue(int Step, double Value);
