namespace ActorTuner.Core.Spaces;

/// <summary>How a surrogate should treat one dimension of the unit-cube encoding.</summary>
public enum DimensionKind
{
    /// <summary>A continuous interval: any point of [0, 1] is a value.</summary>
    Continuous,

    /// <summary>Finitely many ordered values (ints, stepped floats, ordinals): distance along the axis means something.</summary>
    Ordered,

    /// <summary>Finitely many unordered choices: the only distance is "same" or "different".</summary>
    Categorical,
}
