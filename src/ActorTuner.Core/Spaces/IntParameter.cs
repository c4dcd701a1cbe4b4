namespace ActorTuner.Core.Spaces;

/// <summary>
/// An integer parameter in [<paramref name="Low"/>, <paramref name="High"/>] on steps of <paramref name="Step"/>,
/// on a linear scale (bin centres of the values) or a log scale (log of [low - 1/2, high + 1/2], so every
/// integer owns the interval that rounds to it, as Optuna does).
/// </summary>
public sealed record IntParameter(
    string Name,
    long Low,
    long High,
    bool Log = false,
    long Step = 1,
    ParameterCondition? When = null) : ParameterSpec(Name, When)
{
    /// <inheritdoc />
    public override DimensionKind Kind => DimensionKind.Ordered;

    /// <inheritdoc />
    public override long? Count => ((High - Low) / Step) + 1;

    /// <inheritdoc />
    public override void Validate()
    {
        if (Low >= High)
        {
            throw Invalid($"low ({Low}) must be less than high ({High})");
        }

        if (Step <= 0)
        {
            throw Invalid($"step ({Step}) must be a positive integer");
        }

        if (unchecked(High - Low) is < 0 or long.MaxValue)
        {
            throw Invalid($"the range [{Low}, {High}] is too wide to count its values; keep high - low below {long.MaxValue}");
        }

        if ((High - Low) % Step != 0)
        {
            throw Invalid($"step ({Step}) does not divide high - low ({High - Low}); the range must be a whole number of steps");
        }

        if (Log && Low <= 0)
        {
            throw Invalid($"a log scale needs low >= 1, but low is {Low}");
        }

        if (Log && Step != 1)
        {
            throw Invalid($"a log scale needs step = 1, but step is {Step}");
        }
    }

    /// <inheritdoc />
    public override double Encode(ParameterValue value)
    {
        if (!Contains(value))
        {
            throw NotLegal(value, $"an integer in [{Low}, {High}]" + (Step != 1 ? $" on steps of {Step} from {Low}" : string.Empty));
        }

        if (Log)
        {
            var (a, b) = LogBounds();
            return Math.Clamp((Math.Log(value.AsDouble()) - a) / (b - a), 0, 1);
        }

        return BinCentre(IndexOf(value), Count!.Value);
    }

    /// <inheritdoc />
    public override ParameterValue Decode(double unit)
    {
        if (Log)
        {
            var (a, b) = LogBounds();
            var v = Math.Round(Math.Exp(a + (ClampUnit(unit) * (b - a))), MidpointRounding.AwayFromZero);
            return ParameterValue.Integer(Math.Clamp((long)v, Low, High));
        }

        return ValueAt(Bin(unit, Count!.Value));
    }

    /// <inheritdoc />
    public override bool Contains(ParameterValue value)
    {
        // Only the kind this parameter decodes to: Real(3.0) and Integer(3) are different configurations.
        if (value.Kind != ParameterValueKind.Integer)
        {
            return false;
        }

        var d = value.AsDouble();
        if (Math.Floor(d) != d || d < Low || d > High)
        {
            return false;
        }

        return ((long)d - Low) % Step == 0;
    }

    /// <inheritdoc />
    public override ParameterValue ValueAt(long index)
    {
        if (index < 0 || index >= Count!.Value)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"parameter '{Name}' has {Count} values");
        }

        return ParameterValue.Integer(Low + (index * Step));
    }

    /// <inheritdoc />
    public override long IndexOf(ParameterValue value) => ((long)value.AsDouble() - Low) / Step;

    private (double A, double B) LogBounds() => (Math.Log(Low - 0.5), Math.Log(High + 0.5));
}
