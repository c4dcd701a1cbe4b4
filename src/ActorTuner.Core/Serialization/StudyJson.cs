using System.Collections.Immutable;
using System.Text.Json;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using static ActorTuner.Core.Serialization.JsonParts;

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
        [typeof(ObjectiveSet)] = "objective-set.v1",
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
        return WriteObject(w =>
        {
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
                case ObjectiveSet o:
                    w.WritePropertyName("objective");
                    WriteObjective(w, o.Objective);
                    break;
                default:
                    throw new ArgumentException($"no manifest for study event {e.GetType().Name}", nameof(e));
            }
        });
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

        return JsonParts.Read<StudyEvent>(manifest, json, r => manifest switch
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
            "objective-set.v1" => new ObjectiveSet(ReadObjective(r.Child("objective"))),
            _ => throw new FormatException($"unknown study event manifest '{manifest}'"),
        });
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
        return WriteObject(w =>
        {
            w.WriteStartObject("settings");
            WriteSettings(w, settings);
            w.WriteEndObject();
            w.WriteString("sampler", state.Sampler);
            w.WritePropertyName("space");
            WriteSpace(w, state.Space!);
            w.WriteNumber("budget", state.Budget);
            if (state.Objective is { } objective)
            {
                w.WritePropertyName("objective");
                WriteObjective(w, objective);
            }

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
        });
    }

    /// <summary>Reads a state written by <see cref="WriteState"/>.</summary>
    /// <exception cref="FormatException">Malformed payload; the message names the field.</exception>
    public static StudyState ReadState(ReadOnlySpan<byte> json)
    {
        return JsonParts.Read(StateManifest, json, r =>
        {
            var trials = r.Child("trials").Items().Select(ReadTrial).ToImmutableList();
            var order = r.Child("finish_order").Items().Select(i => i.Element.TryGetInt32(out var n) ? n : throw i.Error("", "expected a trial number")).ToImmutableList();
            return new StudyState(ReadSettings(r.Child("settings")), ReadSpace(r.Child("space")), r.String("sampler"), r.Int("budget"), trials, order)
            {
                Objective = r.Has("objective") ? ReadObjective(r.Child("objective")) : null,
            };
        });
    }

    /// <summary>Writes a configuration as <c>{"name": {"real": 0.1}, ...}</c>.</summary>
    public static void WriteConfiguration(Utf8JsonWriter w, Configuration configuration) => JsonParts.WriteConfiguration(w, configuration);

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

    private static StudyTrial ReadTrial(JsonFieldReader r)
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
}
