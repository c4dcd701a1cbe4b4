namespace ActorTuner.Core.Spaces;

/// <summary>
/// One parameter of a search space and its encoding to one dimension of the unit cube [0, 1].
/// <see cref="Decode"/> maps every point of [0, 1] (and, clamped, any double) to a legal value;
/// <see cref="Encode"/> maps a legal value back to the point that decodes to it.
/// Discrete parameters with <c>n</c> values use bins of width 1/n and encode to the bin centres.
/// </summary>
/// <param name="Name">The parameter's name, unique in its space.</param>
/// <param name="When">The condition under which it is active, or null when always active.</param>
public abstract record ParameterSpec(string Name, ParameterCondition? When)
{
    /// <summary>How a surrogate should treat this parameter's dimension.</summary>
    public abstract DimensionKind Kind { get; }

    /// <summary>The number of distinct values, or null for a continuous parameter.</summary>
    public abstract long? Count { get; }

    /// <summary>True when the parameter has finitely many values.</summary>
    public bool IsFinite => Count is not null;

    /// <summary>Maps a legal value to its point in [0, 1].</summary>
    /// <exception cref="ArgumentException">The value is not legal for this parameter.</exception>
    public abstract double Encode(ParameterValue value);

    /// <summary>Maps any point (clamped to [0, 1]) to a legal value.</summary>
    public abstract ParameterValue Decode(double unit);

    /// <summary>True when <paramref name="value"/> is a legal value of this parameter.</summary>
    public abstract bool Contains(ParameterValue value);

    /// <summary>The <paramref name="index"/>-th value in order (discrete parameters only).</summary>
    public abstract ParameterValue ValueAt(long index);

    /// <summary>The index of a legal value (discrete parameters only).</summary>
    public abstract long IndexOf(ParameterValue value);

    /// <summary>Throws a <see cref="SearchSpaceException"/> naming this parameter if its definition is unusable.</summary>
    public abstract void Validate();

    /// <summary>The encoded point of the value at <paramref name="index"/> (discrete parameters only).</summary>
    public double EncodeIndex(long index) => Encode(ValueAt(index));

    /// <summary>Clamps a unit coordinate into [0, 1], mapping NaN to 0.5.</summary>
    protected static double ClampUnit(double unit) => double.IsNaN(unit) ? 0.5 : Math.Clamp(unit, 0.0, 1.0);

    /// <summary>The bin index of <paramref name="unit"/> among <paramref name="count"/> equal bins.</summary>
    protected static long Bin(double unit, long count) =>
        Math.Clamp((long)Math.Floor(ClampUnit(unit) * count), 0, count - 1);

    /// <summary>The centre of bin <paramref name="index"/> among <paramref name="count"/> equal bins.</summary>
    protected static double BinCentre(long index, long count) => (index + 0.5) / count;

    /// <summary>Builds the exception for a value that is not legal here.</summary>
    protected ArgumentException NotLegal(ParameterValue value, string expected) =>
        new($"parameter '{Name}': {value} ({value.Kind}) is not a legal value; expected {expected}.");

    /// <summary>Throws a <see cref="SearchSpaceException"/> for this parameter.</summary>
    protected SearchSpaceException Invalid(string problem) => new(Name, problem);
}
