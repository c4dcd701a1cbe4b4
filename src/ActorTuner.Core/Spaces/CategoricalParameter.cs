using System.Collections.Immutable;

namespace ActorTuner.Core.Spaces;

/// <summary>
/// Unordered choices (strings, numbers, booleans). Encoded as the bin centre of the choice's index;
/// a surrogate must treat the dimension as <see cref="DimensionKind.Categorical"/> (same or different),
/// never as a distance along the axis.
/// </summary>
public sealed record CategoricalParameter(string Name, ImmutableArray<ParameterValue> Choices, ParameterCondition? When = null)
    : ParameterSpec(Name, When)
{
    /// <inheritdoc />
    public override DimensionKind Kind => DimensionKind.Categorical;

    /// <inheritdoc />
    public override long? Count => Choices.Length;

    /// <inheritdoc />
    public override void Validate() => ChoiceList.Validate(this, Choices, "choices");

    /// <inheritdoc />
    public override double Encode(ParameterValue value) => Contains(value)
        ? BinCentre(IndexOf(value), Choices.Length)
        : throw NotLegal(value, $"one of [{string.Join(", ", Choices)}]");

    /// <inheritdoc />
    public override ParameterValue Decode(double unit) => Choices[(int)Bin(unit, Choices.Length)];

    /// <inheritdoc />
    public override bool Contains(ParameterValue value) => Choices.Contains(value);

    /// <inheritdoc />
    public override ParameterValue ValueAt(long index) => Choices[checked((int)index)];

    /// <inheritdoc />
    public override long IndexOf(ParameterValue value) => Choices.IndexOf(value);

    /// <inheritdoc />
    public bool Equals(CategoricalParameter? other) =>
        other is not null && Name == other.Name && Equals(When, other.When) && Choices.SequenceEqual(other.Choices);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Choices.Length);
}
