namespace ActorTuner.Core.Spaces;

/// <summary>
/// A real parameter in [<paramref name="Low"/>, <paramref name="High"/>], on a linear or log scale,
/// optionally restricted to the grid <c>Low + k * Step</c>. Continuous: u = (v - low) / (high - low)
/// (of logs on a log scale). Stepped: bin centres of the K + 1 grid values.
/// </summary>
public sealed record FloatParameter(
    string Name,
    double Low,
    double High,
    bool Log = false,
    double? Step = null,
    ParameterCondition? When = null) : ParameterSpec(Name, When)
{
    /// <inheritdoc />
    public override DimensionKind Kind => Step is null ? DimensionKind.Continuous : DimensionKind.Ordered;

    /// <inheritdoc />
    public override long? Count => Step is { } step ? StepCount(step) + 1 : null;

    /// <inheritdoc />
    public override void Validate()
    {
        if (!double.IsFinite(Low) || !double.IsFinite(High))
        {
            throw Invalid($"low ({Low}) and high ({High}) must be finite numbers");
        }

        if (Low >= High)
        {
            throw Invalid($"low ({Low}) must be less than high ({High})");
        }

        if (Log && Low <= 0)
        {
            throw Invalid($"a log scale needs low > 0, but low is {Low}");
        }

        if (Step is { } step)
        {
            if (!double.IsFinite(step) || step <= 0)
            {
                throw Invalid($"step ({step}) must be a positive number");
            }

            if (Log)
            {
                throw Invalid("step cannot be combined with a log scale; use an ordinal parameter for log-spaced values");
            }

            var ratio = (High - Low) / step;
            if (Math.Abs(ratio - Math.Round(ratio)) > 1e-9 * Math.Max(1, ratio))
            {
                throw Invalid($"step ({step}) does not divide high - low ({High - Low}); the range must be a whole number of steps");
            }

            if (ratio > 1e9)
            {
                throw Invalid($"step ({step}) gives more than 1e9 values; drop the step to make the parameter continuous");
            }
        }
    }

    /// <inheritdoc />
    public override double Encode(ParameterValue value)
    {
        if (!Contains(value))
        {
            throw NotLegal(value, Describe());
        }

        var v = value.AsDouble();
        if (Step is { } step)
        {
            return BinCentre(IndexOf(value), StepCount(step) + 1);
        }

        if (Log)
        {
            return Math.Clamp((Math.Log(v) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low)), 0, 1);
        }

        // Halving keeps ranges wider than double.MaxValue (e.g. -1e308 to 1e308) finite.
        return double.IsFinite(High - Low)
            ? Math.Clamp((v - Low) / (High - Low), 0, 1)
            : Math.Clamp(((0.5 * v) - (0.5 * Low)) / ((0.5 * High) - (0.5 * Low)), 0, 1);
    }

    /// <inheritdoc />
    public override ParameterValue Decode(double unit)
    {
        if (Step is { } step)
        {
            return ValueAt(Bin(unit, StepCount(step) + 1));
        }

        var u = ClampUnit(unit);
        var v = Log
            ? Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low))))
            : double.IsFinite(High - Low)
                ? Low + (u * (High - Low))
                : ((1 - u) * Low) + (u * High);
        return ParameterValue.Real(Math.Clamp(v, Low, High));
    }

    /// <inheritdoc />
    public override bool Contains(ParameterValue value)
    {
        // Only the kind this parameter decodes to: Real(3.0) and Integer(3) are different configurations.
        if (value.Kind != ParameterValueKind.Real)
        {
            return false;
        }

        var v = value.AsDouble();
        if (!(v >= Low && v <= High))
        {
            return false;
        }

        if (Step is { } step)
        {
            var k = Math.Round((v - Low) / step);
            return ValueAt((long)k).AsDouble() == v;
        }

        return true;
    }

    /// <inheritdoc />
    public override ParameterValue ValueAt(long index)
    {
        var step = Step ?? throw new InvalidOperationException($"parameter '{Name}' is continuous and has no indexed values");
        var count = StepCount(step);
        if (index < 0 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"parameter '{Name}' has {count + 1} values");
        }

        if (index == 0 || index == count)
        {
            return ParameterValue.Real(index == 0 ? Low : High);
        }

        // Decimal arithmetic keeps 0.1-steps exact (0.1 * 3 is 0.3, not 0.30000000000000004), but only
        // when low and step survive the trip through decimal, which keeps 15 significant digits and
        // 28 decimal places; otherwise low + index * step in doubles is the better answer.
        var v = Low + (index * step);
        if (TryDecimal(Low, out var low) && TryDecimal(step, out var dstep))
        {
            try
            {
                v = (double)(low + (index * dstep));
            }
            catch (OverflowException)
            {
                // Keep the double result.
            }
        }

        return ParameterValue.Real(Math.Clamp(v, Low, High));
    }

    /// <inheritdoc />
    public override long IndexOf(ParameterValue value)
    {
        var step = Step ?? throw new InvalidOperationException($"parameter '{Name}' is continuous and has no indexed values");
        return Math.Clamp((long)Math.Round((value.AsDouble() - Low) / step), 0, StepCount(step));
    }

    private long StepCount(double step) => (long)Math.Round((High - Low) / step);

    private static bool TryDecimal(double x, out decimal value)
    {
        if (Math.Abs(x) < 7.9e27)
        {
            value = (decimal)x;
            return (double)value == x;
        }

        value = 0;
        return false;
    }

    private string Describe() =>
        $"a real in [{Low}, {High}]" + (Step is { } s ? $" on steps of {s} from {Low}" : string.Empty);
}
