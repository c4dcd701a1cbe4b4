using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Actors.Objectives;

/// <summary>
/// One attempt at one trial, as the objective sees it: the trial number, the attempt, the configuration with
/// typed access, and a way to report intermediate values (steps, epochs) back to the study.
/// </summary>
public sealed class Trial
{
    private readonly Action<int, double>? _report;

    /// <summary>Creates the view of attempt <paramref name="attempt"/> of trial <paramref name="number"/>.</summary>
    public Trial(int number, int attempt, Configuration configuration, Action<int, double>? report = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Number = number;
        Attempt = attempt;
        Configuration = configuration;
        _report = report;
    }

    /// <summary>The trial number in its study, from 0.</summary>
    public int Number { get; }

    /// <summary>The attempt, from 1; it grows when a trial is run again after its worker was lost.</summary>
    public int Attempt { get; }

    /// <summary>The parameter values; a conditional parameter whose condition does not hold is absent.</summary>
    public Configuration Configuration { get; }

    /// <summary>The value of <paramref name="name"/>; throws naming the parameter when the trial has no such value.</summary>
    public ParameterValue this[string name] =>
        Configuration.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException(
                $"trial {Number}: no parameter '{name}' (it has {string.Join(", ", Configuration.Keys)}; a conditional parameter is absent when its condition does not hold)");

    /// <summary>Whether the trial has a value for <paramref name="name"/>.</summary>
    public bool Has(string name) => Configuration.ContainsKey(name);

    /// <summary>A float parameter (an integer one is widened).</summary>
    public double Float(string name) => Typed(name, v => v.AsDouble(), "a number");

    /// <summary>An int parameter.</summary>
    public long Int(string name) => Typed(name, v => v.Kind == ParameterValueKind.Integer ? v.AsLong() : throw new InvalidOperationException(), "an integer");

    /// <summary>A categorical or ordinal parameter's value as text.</summary>
    public string Text(string name) => Typed(name, v => v.Kind == ParameterValueKind.Text ? v.AsText() : v.ToString()!, "text");

    /// <summary>A boolean parameter.</summary>
    public bool Bool(string name) => Typed(name, v => v.AsBoolean(), "a boolean");

    /// <summary>Reports the intermediate value <paramref name="value"/> at <paramref name="step"/> to the study.</summary>
    public void Report(int step, double value) => _report?.Invoke(step, value);

    /// <summary>The parameters as a JSON object, numbers as numbers and choices as strings: <c>{"C": 0.5, "kernel": "rbf"}</c>.</summary>
    public string ParametersJson() => ParametersJson(Configuration);

    /// <summary>The parameters of <paramref name="configuration"/> as a JSON object.</summary>
    public static string ParametersJson(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            WriteParameters(w, configuration);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the parameters of <paramref name="configuration"/> as a JSON object.</summary>
    public static void WriteParameters(Utf8JsonWriter writer, Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(configuration);
        writer.WriteStartObject();
        foreach (var (key, value) in configuration)
        {
            switch (value.Kind)
            {
                case ParameterValueKind.Real:
                    writer.WriteNumber(key, value.AsDouble());
                    break;
                case ParameterValueKind.Integer:
                    writer.WriteNumber(key, value.AsLong());
                    break;
                case ParameterValueKind.Boolean:
                    writer.WriteBoolean(key, value.AsBoolean());
                    break;
                default:
                    writer.WriteString(key, value.AsText());
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A parameter's value as it goes into a command-line placeholder (invariant culture, round-trip precision).</summary>
    public static string Format(ParameterValue value) => value.Kind switch
    {
        ParameterValueKind.Real => value.AsDouble().ToString("R", CultureInfo.InvariantCulture),
        ParameterValueKind.Integer => value.AsLong().ToString(CultureInfo.InvariantCulture),
        ParameterValueKind.Boolean => value.AsBoolean() ? "true" : "false",
        _ => value.AsText(),
    };

    private T Typed<T>(string name, Func<ParameterValue, T> read, string expected)
    {
        var value = this[name];
        try
        {
            return read(value);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidCastException($"trial {Number}: parameter '{name}' is {value.Kind} ({value}), not {expected}");
        }
    }
}
