using System.Globalization;
using System.Text.RegularExpressions;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// One object of a study file with its key path (<c>study.space.gamma</c>), and typed reads that fail with
/// a <see cref="StudyFileException"/> naming the file, the line and the key.
/// </summary>
internal sealed partial class HoconSection(string file, HoconObject value, string path)
{
    public string File { get; } = file;

    public HoconObject Value { get; } = value;

    public string Path { get; } = path;

    public int Line => Value.Line;

    public IReadOnlyList<HoconField> Fields => Value.Fields;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public HoconField? Find(string key) => Value.Find(key);

    /// <summary>An error at <paramref name="line"/> about the key <paramref name="key"/> of this object (empty: the object itself).</summary>
    public StudyFileException Error(int line, string key, string problem) =>
        new(File, line, 0, key.Length == 0 ? Path : PathOf(key), problem);

    /// <summary>An error about a field's value, at the value's line.</summary>
    public StudyFileException Error(HoconField field, string problem) => Error(field.Value.Line, field.Key, problem);

    /// <summary>Rejects keys not in <paramref name="known"/>, suggesting the closest one.</summary>
    public void AllowOnly(IReadOnlyCollection<string> known)
    {
        foreach (var field in Fields)
        {
            if (!known.Contains(field.Key))
            {
                throw Error(field.Line, field.Key, $"unknown key; {Spelling.Hint(field.Key, known)}");
            }
        }
    }

    /// <summary>The field <paramref name="key"/>, or an error at this object's line saying what it should hold.</summary>
    public HoconField Require(string key, string expected) =>
        Find(key) ?? throw Error(Line, key, $"required key is missing; expected {expected}");

    /// <summary>The object under <paramref name="field"/>.</summary>
    public HoconSection Section(HoconField field, string expected) => field.Value is HoconObject inner
        ? new HoconSection(File, inner, PathOf(field.Key))
        : throw Error(field, $"expected {expected}, got {field.Value.Describe()}");

    /// <summary>The text of a scalar field.</summary>
    public string Text(HoconField field, string expected) => Scalar(field, field.Value, expected).Text;

    /// <summary>A scalar, or an error naming what was expected.</summary>
    public HoconScalar Scalar(HoconField field, HoconValue value, string expected) => value as HoconScalar
        ?? throw Error(value.Line, field.Key, $"expected {expected}, got {value.Describe()}");

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; 1e3 and 2.0 count as whole.</summary>
    public long Whole(HoconField field, string expected, long min = long.MinValue, long max = long.MaxValue)
    {
        var scalar = Scalar(field, field.Value, expected);
        return TryWhole(scalar.Text, out var value) && value >= min && value <= max
            ? value
            : throw Error(field, $"expected {expected}, got {scalar.Describe()}");
    }

    /// <summary>A finite number.</summary>
    public double Number(HoconField field)
    {
        var scalar = Scalar(field, field.Value, "a number");
        return TryNumber(scalar.Text, out var value) ? value : throw Error(field, $"expected a number, got {scalar.Describe()}");
    }

    /// <summary>true/false (or HOCON's yes/no, on/off).</summary>
    public bool Boolean(HoconField field)
    {
        var scalar = Scalar(field, field.Value, "true or false");
        return scalar.Text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(field, $"expected true or false, got {scalar.Describe()}"),
        };
    }

    /// <summary>A positive duration (<see cref="HoconDuration"/>).</summary>
    public TimeSpan Duration(HoconField field)
    {
        var scalar = Scalar(field, field.Value, HoconDuration.Expected);
        return HoconDuration.TryParse(scalar.Text, out var value) && value > TimeSpan.Zero
            ? value
            : throw Error(field, $"expected {HoconDuration.Expected}, got {scalar.Describe()}");
    }

    /// <summary>One of <paramref name="options"/> (ignoring case), returned as the option is spelled.</summary>
    public string OneOf(HoconField field, IReadOnlyCollection<string> options, string what)
    {
        var text = Text(field, Spelling.List(options));
        var match = options.FirstOrDefault(o => o.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match;
        }

        var close = Spelling.Suggest(text, options);
        throw Error(field, $"unknown {what} \"{text}\"; expected {Spelling.List(options)}" + (close is null ? string.Empty : $"; did you mean '{close}'?"));
    }

    /// <summary>A scalar as a parameter value: quoted is text; true/false, whole numbers and reals are typed.</summary>
    public static ParameterValue Typed(HoconScalar scalar)
    {
        if (scalar.Quoted)
        {
            return ParameterValue.Text(scalar.Text);
        }

        if (scalar.Text is "true" or "false")
        {
            return ParameterValue.Boolean(scalar.Text == "true");
        }

        if (IntegerPattern().IsMatch(scalar.Text) && long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return ParameterValue.Integer(whole);
        }

        return TryNumber(scalar.Text, out var real) ? ParameterValue.Real(real) : ParameterValue.Text(scalar.Text);
    }

    private static bool TryNumber(string text, out double value)
    {
        value = 0;
        return NumberPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool TryWhole(string text, out long value)
    {
        if (IntegerPattern().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        if (!TryNumber(text, out var real) || Math.Floor(real) != real || Math.Abs(real) >= 9.2e18)
        {
            return false;
        }

        value = (long)real;
        return true;
    }

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")]
    private static partial Regex NumberPattern();
}
