using System.Globalization;

namespace ActorTuner.Core.Spaces;

/// <summary>The kind of a <see cref="ParameterValue"/>.</summary>
public enum ParameterValueKind
{
    /// <summary>A floating-point number.</summary>
    Real,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A boolean.</summary>
    Boolean,
}

/// <summary>
/// One value of a parameter: a real, an integer, a string or a boolean. Values compare by kind and
/// content, so the categorical choice <c>"1"</c> is not the integer <c>1</c>.
/// </summary>
public readonly record struct ParameterValue : IComparable<ParameterValue>
{
    private readonly double _number;
    private readonly string? _text;

    private ParameterValue(ParameterValueKind kind, double number, string? text)
    {
        Kind = kind;
        _number = number;
        _text = text;
    }

    /// <summary>What kind of value this is.</summary>
    public ParameterValueKind Kind { get; }

    /// <summary>A real value.</summary>
    public static ParameterValue Real(double value) => new(ParameterValueKind.Real, value, null);

    /// <summary>An integer value.</summary>
    public static ParameterValue Integer(long value) => new(ParameterValueKind.Integer, value, null);

    /// <summary>A string value.</summary>
    public static ParameterValue Text(string value) =>
        new(ParameterValueKind.Text, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A boolean value.</summary>
    public static ParameterValue Boolean(bool value) => new(ParameterValueKind.Boolean, value ? 1 : 0, null);

    /// <summary>True when the value is a real or an integer.</summary>
    public bool IsNumber => Kind is ParameterValueKind.Real or ParameterValueKind.Integer;

    /// <summary>The value as a double (reals, integers, and booleans as 0/1).</summary>
    /// <exception cref="InvalidOperationException">The value is a string.</exception>
    public double AsDouble() => Kind == ParameterValueKind.Text
        ? throw new InvalidOperationException($"The value \"{_text}\" is a string, not a number.")
        : _number;

    /// <summary>The value as a long (integers, and reals with no fractional part).</summary>
    public long AsLong() => Kind switch
    {
        ParameterValueKind.Integer => (long)_number,
        ParameterValueKind.Real when Math.Floor(_number) == _number => (long)_number,
        _ => throw new InvalidOperationException($"The value {this} is not a whole number."),
    };

    /// <summary>The value as a string (only for string values).</summary>
    public string AsText() => _text ?? throw new InvalidOperationException($"The value {this} is not a string.");

    /// <summary>The value as a boolean (only for boolean values).</summary>
    public bool AsBoolean() => Kind == ParameterValueKind.Boolean
        ? _number != 0
        : throw new InvalidOperationException($"The value {this} is not a boolean.");

    /// <inheritdoc />
    public bool Equals(ParameterValue other) =>
        Kind == other.Kind && _number.Equals(other._number) && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _number, _text);

    /// <summary>Orders numbers by value, then strings ordinally, then booleans; kinds group apart.</summary>
    public int CompareTo(ParameterValue other)
    {
        if (IsNumber && other.IsNumber)
        {
            return _number.CompareTo(other._number);
        }

        var byKind = Kind.CompareTo(other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        return Kind == ParameterValueKind.Text
            ? string.CompareOrdinal(_text, other._text)
            : _number.CompareTo(other._number);
    }

    /// <summary>The value as written in a study file or a JSON document (invariant culture, round-trip precision).</summary>
    public override string ToString() => Kind switch
    {
        ParameterValueKind.Real => _number.ToString("R", CultureInfo.InvariantCulture),
        ParameterValueKind.Integer => ((long)_number).ToString(CultureInfo.InvariantCulture),
        ParameterValueKind.Boolean => _number != 0 ? "true" : "false",
        _ => _text!,
    };

    /// <summary>Converts a double to a real value.</summary>
    public static implicit operator ParameterValue(double value) => Real(value);

    /// <summary>Converts a long to an integer value.</summary>
    public static implicit operator ParameterValue(long value) => Integer(value);

    /// <summary>Converts an int to an integer value.</summary>
    public static implicit operator ParameterValue(int value) => Integer(value);

    /// <summary>Converts a string to a string value.</summary>
    public static implicit operator ParameterValue(string value) => Text(value);

    /// <summary>Converts a bool to a boolean value.</summary>
    public static implicit operator ParameterValue(bool value) => Boolean(value);

    /// <summary>Less-than by <see cref="CompareTo"/>.</summary>
    public static bool operator <(ParameterValue left, ParameterValue right) => left.CompareTo(right) < 0;

    /// <summary>Greater-than by <see cref="CompareTo"/>.</summary>
    public static bool operator >(ParameterValue left, ParameterValue right) => left.CompareTo(right) > 0;

    /// <summary>Less-or-equal by <see cref="CompareTo"/>.</summary>
    public static bool operator <=(ParameterValue left, ParameterValue right) => left.CompareTo(right) <= 0;

    /// <summary>Greater-or-equal by <see cref="CompareTo"/>.</summary>
    public static bool operator >=(ParameterValue left, ParameterValue right) => left.CompareTo(right) >= 0;
}
