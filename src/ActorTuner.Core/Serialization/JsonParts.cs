using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Serialization;

/// <summary>
/// The JSON pieces <see cref="StudyJson"/> and <see cref="ProtocolJson"/> share: one object per message,
/// settings, spaces, configurations and parameter values that keep their kind, doubles that survive NaN and
/// infinity, and parsing whose errors name the manifest.
/// </summary>
internal static class JsonParts
{
    /// <summary>The UTF-8 JSON of one object whose fields <paramref name="fields"/> writes.</summary>
    public static byte[] WriteObject(Action<Utf8JsonWriter> fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Parses <paramref name="json"/> and reads it with <paramref name="read"/>; malformed JSON is a <see cref="FormatException"/> naming <paramref name="manifest"/>.</summary>
    public static T Read<T>(string manifest, ReadOnlySpan<byte> json, Func<JsonFieldReader, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"{manifest}: the payload is not JSON ({e.Message})", e);
        }

        using (document)
        {
            return read(new JsonFieldReader(manifest, document.RootElement));
        }
    }

    /// <summary>Writes a configuration as <c>{"name": {"real": 0.1}, ...}</c>.</summary>
    public static void WriteConfiguration(Utf8JsonWriter w, Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(configuration);
        w.WriteStartObject();
        foreach (var (name, value) in configuration)
        {
            w.WritePropertyName(name);
            WriteValue(w, value);
        }

        w.WriteEndObject();
    }

    public static void WriteSettings(Utf8JsonWriter w, StudySettings s)
    {
        w.WriteString("name", s.Name);
        w.WriteString("direction", s.Direction == Direction.Minimize ? "minimize" : "maximize");
        w.WriteNumber("budget", s.Budget);
        w.WriteNumber("parallelism", s.Parallelism);
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("max_attempts", s.MaxAttempts);
        w.WriteNumber("lease_ms", (long)s.Lease.TotalMilliseconds);
    }

    public static StudySettings ReadSettings(JsonFieldReader r)
    {
        var direction = r.String("direction") switch
        {
            "minimize" => Direction.Minimize,
            "maximize" => Direction.Maximize,
            var other => throw r.Error("direction", $"expected minimize or maximize, got '{other}'"),
        };
        return new StudySettings(r.String("name"), direction, r.Int("budget"), r.Int("parallelism"), r.Long("seed"), r.Int("max_attempts"), TimeSpan.FromMilliseconds(r.Long("lease_ms")));
    }

    public static void WriteObjective(Utf8JsonWriter w, StudyObjective o)
    {
        w.WriteStartObject();
        WriteStrings(w, "requires", o.Requires);
        if (o.Registered is { } registered)
        {
            w.WriteString("registered", registered);
        }

        if (o.Command is { } c)
        {
            w.WriteStartObject("command");
            WriteStrings(w, "argv", c.Command);
            w.WriteString("mode", c.Mode == CommandMode.Persistent ? "persistent" : "one-shot");
            w.WriteNumber("timeout_ms", c.Timeout == Timeout.InfiniteTimeSpan ? -1 : (long)c.Timeout.TotalMilliseconds);
            w.WriteString("workdir", c.WorkingDirectory);
            w.WriteStartObject("env");
            foreach (var (key, value) in c.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static StudyObjective ReadObjective(JsonFieldReader r)
    {
        CommandObjectiveSpec? command = null;
        if (r.Has("command"))
        {
            var c = r.Child("command");
            var mode = c.String("mode") switch
            {
                "one-shot" => CommandMode.OneShot,
                "persistent" => CommandMode.Persistent,
                var other => throw c.Error("mode", $"expected one-shot or persistent, got '{other}'"),
            };
            var timeout = c.Long("timeout_ms");
            var env = c.Child("env").Properties()
                .ToImmutableDictionary(p => p.Name, p => p.Reader.Element.ValueKind == JsonValueKind.String ? p.Reader.Element.GetString()! : throw c.Error("env/" + p.Name, "expected a string"), StringComparer.Ordinal);
            command = new CommandObjectiveSpec(
                ReadStrings(c, "argv"),
                mode,
                timeout == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeout),
                c.String("workdir"),
                env);
        }

        return new StudyObjective(command, r.Has("registered") ? r.String("registered") : null, ReadStrings(r, "requires"));
    }

    public static void WriteStrings(Utf8JsonWriter w, string name, ImmutableArray<string> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items.IsDefault ? [] : items)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }

    public static ImmutableArray<string> ReadStrings(JsonFieldReader r, string name) =>
        [.. r.Child(name).Items().Select(i => i.Element.ValueKind == JsonValueKind.String ? i.Element.GetString()! : throw r.Error(name, "expected a list of strings"))];

    public static void WriteSpace(Utf8JsonWriter w, SearchSpace space)
    {
        w.WriteStartArray();
        foreach (var p in space.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            switch (p)
            {
                case FloatParameter f:
                    w.WriteString("type", "float");
                    WriteDouble(w, "low", f.Low);
                    WriteDouble(w, "high", f.High);
                    w.WriteBoolean("log", f.Log);
                    if (f.Step is { } step)
                    {
                        WriteDouble(w, "step", step);
                    }

                    break;
                case IntParameter i:
                    w.WriteString("type", "int");
                    w.WriteNumber("low", i.Low);
                    w.WriteNumber("high", i.High);
                    w.WriteBoolean("log", i.Log);
                    w.WriteNumber("step", i.Step);
                    break;
                case CategoricalParameter c:
                    w.WriteString("type", "categorical");
                    WriteValues(w, "choices", c.Choices);
                    break;
                case OrdinalParameter o:
                    w.WriteString("type", "ordinal");
                    WriteValues(w, "values", o.Values);
                    break;
                default:
                    throw new ArgumentException($"parameter '{p.Name}': no JSON form for {p.GetType().Name}");
            }

            if (p.When is { } when)
            {
                w.WriteStartObject("when");
                w.WriteString("parent", when.Parent);
                WriteValues(w, "values", when.Values);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static SearchSpace ReadSpace(JsonFieldReader r)
    {
        var parameters = new List<ParameterSpec>();
        foreach (var p in r.Items())
        {
            var name = p.String("name");
            ParameterCondition? when = p.Has("when")
                ? new ParameterCondition(p.Child("when").String("parent"), p.Child("when").Values("values"))
                : null;
            parameters.Add(p.String("type") switch
            {
                "float" => new FloatParameter(name, p.Double("low"), p.Double("high"), p.Bool("log"), p.Has("step") ? p.Double("step") : null, when),
                "int" => new IntParameter(name, p.Long("low"), p.Long("high"), p.Bool("log"), p.Long("step"), when),
                "categorical" => new CategoricalParameter(name, p.Values("choices"), when),
                "ordinal" => new OrdinalParameter(name, p.Values("values"), when),
                var other => throw p.Error("type", $"expected float, int, categorical or ordinal, got '{other}'"),
            });
        }

        try
        {
            return SearchSpace.Create(parameters);
        }
        catch (SearchSpaceException e)
        {
            throw r.Error("space", e.Message);
        }
    }

    public static Configuration ReadConfiguration(JsonFieldReader r) =>
        new(r.Properties().Select(p => KeyValuePair.Create(p.Name, ReadValue(p.Reader))));

    public static void WriteValues(Utf8JsonWriter w, string name, ImmutableArray<ParameterValue> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            WriteValue(w, v);
        }

        w.WriteEndArray();
    }

    public static void WriteValue(Utf8JsonWriter w, ParameterValue v)
    {
        w.WriteStartObject();
        switch (v.Kind)
        {
            case ParameterValueKind.Real:
                WriteDouble(w, "real", v.AsDouble());
                break;
            case ParameterValueKind.Integer:
                w.WriteNumber("int", v.AsLong());
                break;
            case ParameterValueKind.Text:
                w.WriteString("text", v.AsText());
                break;
            default:
                w.WriteBoolean("bool", v.AsBoolean());
                break;
        }

        w.WriteEndObject();
    }

    public static ParameterValue ReadValue(JsonFieldReader r) =>
        r.Has("real") ? ParameterValue.Real(r.Double("real"))
        : r.Has("int") ? ParameterValue.Integer(r.Long("int"))
        : r.Has("text") ? ParameterValue.Text(r.String("text"))
        : r.Has("bool") ? ParameterValue.Boolean(r.Bool("bool"))
        : throw r.Error("value", "expected one of real, int, text, bool");

    // JSON has no NaN or infinity; they travel as strings.
    public static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
