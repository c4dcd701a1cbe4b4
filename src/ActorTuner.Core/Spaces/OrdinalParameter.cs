using System.Collections.Immutable;

namespace ActorTuner.Core.Spaces;

/// <summary>
/// An ordered list of values (e.g. batch sizes 16, 32, 64, 128), treated as an ordered discrete axis:
/// value i is encoded at the centre of bin i of n, so neighbours in the list are neighbours in the cube.
/// </summary>
public sealed record OrdinalParameter(string Name, ImmutableArray<ParameterValue> Values, ParameterCondition? When = null)
    : ParameterSpec(Name, When)
{
    /// <inheritdoc />
    public override DimensionKind Kind => DimensionKind.Ordered;

    /// <inheritdoc />
    public override long? Count => Values.Length;

    /// <inheritdoc />
    public override void Validate() => ChoiceList.Validate(this, Values, "values");

    /// <inheritdoc />
    public override double Encode(ParameterValue value) => Contains(value)
        ? BinCentre(IndexOf(value), Values.Length)
        : throw NotLegal(value, $"one of [{string.Join(", ", Values)}]");

    /// <inheritdoc />
    public override ParameterValue Decode(double unit) => Values[(int)Bin(unit, Values.Length)];

    /// <inheritdoc />
    public override bool Contains(ParameterValue value) => Values.Contains(value);

    /// <inheritdoc />
    public override ParameterValue ValueAt(long index) => Values[checked((int)index)];

    /// <inheritdoc />
    public override long IndexOf(ParameterValue value) => Values.IndexOf(value);

    /// <inheritdoc />
    public bool Equals(OrdinalParameter? other) =>
        other is not null && Name == other.Name && Equals(When, other.When) && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Values.Length);
}
