using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Serialization;

/// <summary>
/// The explicit JSON form of study events: every event type has a fixed manifest (<c>trial-completed.v1</c>)
/// and a hand-written reader and writer, so nothing read from storage or the wire names a .NET type, and a
/// renamed class never breaks an old journal. Parameter values keep their kind (<c>{"int": 3}</c> is not
/// <c>{"real": 3}</c>), so a configuration reads back equal to the one written.
/// </summary>
public static class StudyJson
{
    private static readonly ImmutableDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(StudyCreated)] = "study-created.v1",
        [typeof(TrialSuggested)] = "trial-suggested.v1",
        [typeof(TrialDispatched)] = "trial-dispatched.v1",
        [typeof(LeaseRenewed)] = "lease-renewed.v1",
        [typeof(TrialReported)] = "trial-reported.v1",
        [typeof(TrialCompleted)] = "trial-completed.v1",
        [typeof(TrialFailed)] = "trial-failed.v1",
        [typeof(TrialRequeued)] = "trial-requeued.v1",
        [typeof(BudgetChanged)] = "budget-changed.v1",
        [typeof(TrialReleased)] = "trial-released.v1",
    }.ToImmutableDictionary();

    /// <summary>The manifests this codec reads and writes.</summary>
    public static IEnumerable<string> KnownManifests => Manifests.Values;

    /// <summary>The stable manifest of <paramref name="e"/>.</summary>
    public static string Manifest(StudyEvent e) =>
        Manifests.TryGetValue(e?.GetType() ?? throw new ArgumentNullException(nameof(e)), out var m)
            ? m
            : throw new ArgumentException($"no manifest for study event {e.GetType().Name}", nameof(e));

    /// <summary>The UTF-8 JSON of <paramref name="e"/>.</summary>
    public static byte[] Write(StudyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            switch (e)
            {
                case StudyCreated c:
                    WriteSettings(w, c.Settings);
                    w.WriteString("sampler", c.Sampler);
                    w.WritePropertyName("space");
                    WriteSpace(w, c.Space);
                    break;
                case TrialSuggested s:
                    w.WriteNumber("number", s.Number);
                    w.WritePropertyName("params");
                    WriteConfiguration(w, s.Configuration);
                    break;
                case TrialDispatched d:
                    w.WriteNumber("number", d.Number);
                    w.WriteNumber("attempt", d.Attempt);
                    w.WriteString("worker", d.Worker);
                    w.WriteString("deadline", d.LeaseDeadline);
                    break;
                case LeaseRenewed r:
                    w.WriteNumber("number", r.Number);
                    w.WriteNumber("attempt", r.Attempt);
                    w.WriteString("deadline", r.LeaseDeadline);
                    break;
                case TrialReported r:
                    w.WriteNumber("number", r.Number);
                    w.WriteNumber("attempt", r.Attempt);
                    w.WriteNumber("step", r.Step);
                    WriteDouble(w, "value", r.Value);
                    break;
                case TrialCompleted c:
                    w.WriteNumber("number", c.Number);
                    w.WriteNumber("attempt", c.Attempt);
                    WriteDouble(w, "value", c.Value);
                    break;
                case TrialFailed f:
                    w.WriteNumber("number", f.Number);
                    w.WriteNumber("attempt", f.Attempt);
                    w.WriteString("reason", f.Reason);
                    break;
                case TrialRequeued q:
                    w.WriteNumber("number", q.Number);
                    w.WriteNumber("attempt", q.Attempt);
                    w.WriteString("reason", q.Reason);
                    break;
                case TrialReleased q:
                    w.WriteNumber("number", q.Number);
                    w.WriteNumber("attempt", q.Attempt);
                    w.WriteString("reason", q.Reason);
                    break;
                case BudgetChanged b:
                    w.WriteNumber("budget", b.Budget);
                    break;
                default:
                    throw new ArgumentException($"no manifest for study event {e.GetType().Name}", nameof(e));
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Reads an event written by <see cref="Write"/> under <paramref name="manifest"/>.</summary>
    /// <exception cref="FormatException">Unknown manifest or malformed payload; the message names the manifest and field.</exception>
    public static StudyEvent Read(string manifest, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!Manifests.ContainsValue(manifest))
        {
            throw new FormatException($"unknown study event manifest '{manifest}'; known: {string.Join(", ", Manifests.Values.Order(StringComparer.Ordinal))}");
        }

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
            var r = new Reader(manifest, document.RootElement);
            return manifest switch
            {
                "study-created.v1" => new StudyCreated(ReadSettings(r), ReadSpace(r.Child("space")), r.String("sampler")),
                "trial-suggested.v1" => new TrialSuggested(r.Int("number"), ReadConfiguration(r.Child("params"))),
                "trial-dispatched.v1" => new TrialDispatched(r.Int("number"), r.Int("attempt"), r.String("worker"), r.Time("deadline")),
                "lease-renewed.v1" => new LeaseRenewed(r.Int("number"), r.Int("attempt"), r.Time("deadline")),
                "trial-reported.v1" => new TrialReported(r.Int("number"), r.Int("attempt"), r.Int("step"), r.Double("value")),
                "trial-completed.v1" => new TrialCompleted(r.Int("number"), r.Int("attempt"), r.Double("value")),
                "trial-failed.v1" => new TrialFailed(r.Int("number"), r.Int("attempt"), r.String("reason")),
                "trial-requeued.v1" => new TrialRequeued(r.Int("number"), r.Int("attempt"), r.String("reason")),
                "trial-released.v1" => new TrialReleased(r.Int("number"), r.Int("attempt"), r.String("reason")),
                "budget-changed.v1" => new BudgetChanged(r.Int("budget")),
                _ => throw new FormatException($"unknown study event manifest '{manifest}'"),
            };
        }
    }

    /// <summary>The manifest of a study snapshot (<see cref="WriteState"/>).</summary>
    public const string StateManifest = "study-state.v1";

    /// <summary>
    /// The UTF-8 JSON of a whole study state, for snapshots: settings, space, sampler, budget, every trial with
    /// its attempt, lease, value, error and intermediate values, and the order in which trials finished.
    /// </summary>
    public static byte[] WriteState(StudyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var settings = state.Settings ?? throw new ArgumentException("an empty study has no snapshot", nameof(state));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("settings");
            WriteSettings(w, settings);
            w.WriteEndObject();
            w.WriteString("sampler", state.Sampler);
            w.WritePropertyName("space");
            WriteSpace(w, state.Space!);
            w.WriteNumber("budget", state.Budget);
            w.WriteStartArray("trials");
            foreach (var t in state.Trials)
            {
                WriteTrial(w, t);
            }

            w.WriteEndArray();
            w.WriteStartArray("finish_order");
            foreach (var n in state.FinishOrder)
            {
                w.WriteNumberValue(n);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Reads a state written by <see cref="WriteState"/>.</summary>
    /// <exception cref="FormatException">Malformed payload; the message names the field.</exception>
    public static StudyState ReadState(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"{StateManifest}: the payload is not JSON ({e.Message})", e);
        }

        using (document)
        {
            var r = new Reader(StateManifest, document.RootElement);
            var trials = r.Child("trials").Items().Select(ReadTrial).ToImmutableList();
            var order = r.Child("finish_order").Items().Select(i => i.Element.TryGetInt32(out var n) ? n : throw i.Error("", "expected a trial number")).ToImmutableList();
            return new StudyState(ReadSettings(r.Child("settings")), ReadSpace(r.Child("space")), r.String("sampler"), r.Int("budget"), trials, order);
        }
    }

    private static void WriteTrial(Utf8JsonWriter w, StudyTrial t)
    {
        w.WriteStartObject();
        w.WriteNumber("number", t.Number);
        w.WritePropertyName("params");
        WriteConfiguration(w, t.Configuration);
        w.WriteString("state", t.State.ToString());
        w.WriteNumber("attempt", t.Attempt);
        w.WriteNumber("released", t.Released);
        if (t.Worker is { } worker)
        {
            w.WriteString("worker", worker);
        }

        if (t.LeaseDeadline is { } deadline)
        {
            w.WriteString("deadline", deadline);
        }

        if (t.Value is { } value)
        {
            WriteDouble(w, "value", value);
        }

        if (t.Error is { } error)
        {
            w.WriteString("error", error);
        }

        w.WriteStartArray("intermediate");
        foreach (var i in t.Intermediate)
        {
            w.WriteStartObject();
            w.WriteNumber("step", i.Step);
            WriteDouble(w, "value", i.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static StudyTrial ReadTrial(Reader r)
    {
        var state = Enum.TryParse<TrialState>(r.String("state"), out var s) && Enum.IsDefined(s)
            ? s
            : throw r.Error("state", "expected Queued, Running, Complete, Failed or Pruned");
        return new StudyTrial(
            r.Int("number"),
            ReadConfiguration(r.Child("params")),
            state,
            r.Int("attempt"),
            r.Has("worker") ? r.String("worker") : null,
            r.Has("deadline") ? r.Time("deadline") : null,
            r.Has("value") ? r.Double("value") : null,
            r.Has("error") ? r.String("error") : null,
            [.. r.Child("intermediate").Items().Select(i => new IntermediateValue(i.Int("step"), i.Double("value")))],
            r.Int("released"));
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

    private static void WriteSettings(Utf8JsonWriter w, StudySettings s)
    {
        w.WriteString("name", s.Name);
        w.WriteString("direction", s.Direction == Direction.Minimize ? "minimize" : "maximize");
        w.WriteNumber("budget", s.Budget);
        w.WriteNumber("parallelism", s.Parallelism);
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("max_attempts", s.MaxAttempts);
        w.WriteNumber("lease_ms", (long)s.Lease.TotalMilliseconds);
    }

    private static StudySettings ReadSettings(Reader r)
    {
        var direction = r.String("direction") switch
        {
            "minimize" => Direction.Minimize,
            "maximize" => Direction.Maximize,
            var other => throw r.Error("direction", $"expected minimize or maximize, got '{other}'"),
        };
        return new StudySettings(r.String("name"), direction, r.Int("budget"), r.Int("parallelism"), r.Long("seed"), r.Int("max_attempts"), TimeSpan.FromMilliseconds(r.Long("lease_ms")));
    }

    private static void WriteSpace(Utf8JsonWriter w, SearchSpace space)
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

    private static SearchSpace ReadSpace(Reader r)
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

    private static Configuration ReadConfiguration(Reader r) =>
        new(r.Properties().Select(p => KeyValuePair.Create(p.Name, ReadValue(p.Reader))));

    private static void WriteValues(Utf8JsonWriter w, string name, ImmutableArray<ParameterValue> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            WriteValue(w, v);
        }

        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, ParameterValue v)
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

    private static ParameterValue ReadValue(Reader r) =>
        r.Has("real") ? ParameterValue.Real(r.Double("real"))
        : r.Has("int") ? ParameterValue.Integer(r.Long("int"))
        : r.Has("text") ? ParameterValue.Text(r.String("text"))
        : r.Has("bool") ? ParameterValue.Boolean(r.Bool("bool"))
        : throw r.Error("value", "expected one of real, int, text, bool");

    // JSON has no NaN or infinity; they travel as strings.
    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
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

    /// <summary>Reads fields of one JSON object, with errors that name the manifest and the field.</summary>
    private readonly record struct Reader(string Manifest, JsonElement Element, string Path = "")
    {
        public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

        public Reader Child(string name) => new(Manifest, Get(name), Path + "/" + name);

        public List<Reader> Items()
        {
            if (Element.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{Manifest}: field '{Path}' must be an array");
            }

            var i = 0;
            var self = this;
            return Element.EnumerateArray().Select(e => new Reader(self.Manifest, e, $"{self.Path}/{i++}")).ToList();
        }

        public List<(string Name, Reader Reader)> Properties()
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{Manifest}: field '{Path}' must be an object");
            }

            var self = this;
            return Element.EnumerateObject().Select(p => (p.Name, new Reader(self.Manifest, p.Value, self.Path + "/" + p.Name))).ToList();
        }

        public string String(string name) =>
            Get(name) is { ValueKind: JsonValueKind.String } e ? e.GetString()! : throw Error(name, "expected a string");

        public int Int(string name) =>
            Get(name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var v) ? v : throw Error(name, "expected a 32-bit integer");

        public long Long(string name) =>
            Get(name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var v) ? v : throw Error(name, "expected an integer");

        public bool Bool(string name) => Get(name).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(name, "expected true or false"),
        };

        public double Double(string name)
        {
            var e = Get(name);
            if (e.ValueKind == JsonValueKind.Number)
            {
                return e.GetDouble();
            }

            if (e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsFinite(v))
            {
                return v;
            }

            throw Error(name, "expected a number");
        }

        public DateTimeOffset Time(string name) =>
            Get(name) is { ValueKind: JsonValueKind.String } e && e.TryGetDateTimeOffset(out var t) ? t : throw Error(name, "expected an ISO 8601 time");

        public ImmutableArray<ParameterValue> Values(string name) => [.. Child(name).Items().Select(ReadValue)];

        public FormatException Error(string field, string problem) => new($"{Manifest}: field '{Path}/{field}': {problem}");

        private JsonElement Get(string name) =>
            Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var e)
                ? e
                : throw Error(name, "is missing");
    }
}
