using System.Collections.Immutable;

namespace ActorTuner.Core.Spaces;

/// <summary>
/// Makes a parameter active only when its parent (a categorical or ordinal parameter) has one of
/// <paramref name="Values"/>, e.g. <c>momentum</c> only when <c>optimizer = sgd</c>.
/// </summary>
/// <param name="Parent">The name of the parent parameter.</param>
/// <param name="Values">The parent's values under which the parameter is active.</param>
public sealed record ParameterCondition(string Parent, ImmutableArray<ParameterValue> Values)
{
    /// <summary>True when the parent's value activates the parameter.</summary>
    public bool IsSatisfiedBy(ParameterValue parentValue) => Values.Contains(parentValue);

    /// <inheritdoc />
    public bool Equals(ParameterCondition? other) =>
        other is not null && Parent == other.Parent && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Parent, Values.Length);
}
