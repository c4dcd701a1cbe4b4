using System.Collections.Immutable;
using System.Text.Json;
using ActorTuner.Core.Studies;
using static ActorTuner.Core.Serialization.JsonParts;

namespace ActorTuner.Core.Serialization;

/// <summary>
/// The explicit JSON form of a study's protocol, every <see cref="StudyCommand"/> and <see cref="StudyReply"/>,
/// for the wire: each type has a fixed manifest (<c>cmd.request-trial.v1</c>, <c>reply.trial-assigned.v1</c>)
/// and a hand-written reader and writer, as <see cref="StudyJson"/> has for events. An unknown manifest is refused
/// before the payload is read, and nothing in a payload names a .NET type.
/// </summary>
public static class ProtocolJson
{
    private static readonly ImmutableDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(CreateStudy)] = "cmd.create-study.v1",
        [typeof(AddSuggestion)] = "cmd.add-suggestion.v1",
        [typeof(RequestTrial)] = "cmd.request-trial.v1",
        [typeof(RenewLease)] = "cmd.renew-lease.v1",
        [typeof(ReportIntermediate)] = "cmd.report-intermediate.v1",
        [typeof(CompleteTrial)] = "cmd.complete-trial.v1",
        [typeof(FailTrial)] = "cmd.fail-trial.v1",
        [typeof(ReleaseTrial)] = "cmd.release-trial.v1",
        [typeof(ExpireLeases)] = "cmd.expire-leases.v1",
        [typeof(WorkerLost)] = "cmd.worker-lost.v1",
        [typeof(ChangeBudget)] = "cmd.change-budget.v1",
        [typeof(Accepted)] = "reply.accepted.v1",
        [typeof(Stale)] = "reply.stale.v1",
        [typeof(Rejected)] = "reply.rejected.v1",
        [typeof(TrialAssigned)] = "reply.trial-assigned.v1",
        [typeof(NoTrial)] = "reply.no-trial.v1",
    }.ToImmutableDictionary();

    private static readonly ImmutableHashSet<string> Known = [.. Manifests.Values];

    /// <summary>The manifests this codec reads and writes.</summary>
    public static IEnumerable<string> KnownManifests => Manifests.Values;

    /// <summary>Whether <paramref name="manifest"/> is one of <see cref="KnownManifests"/>.</summary>
    public static bool IsKnown(string manifest) => Known.Contains(manifest);

    /// <summary>The stable manifest of <paramref name="command"/>.</summary>
    public static string Manifest(StudyCommand command) => ManifestOf(command);

    /// <summary>The stable manifest of <paramref name="reply"/>.</summary>
    public static string Manifest(StudyReply reply) => ManifestOf(reply);

    /// <summary>The UTF-8 JSON of <paramref name="command"/>.</summary>
    public static byte[] Write(StudyCommand command)
    {
        _ = ManifestOf(command);
        return WriteObject(w =>
        {
            switch (command)
            {
                case CreateStudy c:
                    w.WriteStartObject("settings");
                    WriteSettings(w, c.Settings);
                    w.WriteEndObject();
                    w.WritePropertyName("space");
                    WriteSpace(w, c.Space);
                    w.WriteString("sampler", c.Sampler);
                    if (c.Objective is { } objective)
                    {
                        w.WritePropertyName("objective");
                        WriteObjective(w, objective);
                    }

                    break;
                case AddSuggestion a:
                    w.WritePropertyName("params");
                    WriteConfiguration(w, a.Configuration);
                    break;
                case RequestTrial r:
                    w.WriteString("worker", r.Worker);
                    w.WriteString("now", r.Now);
                    break;
                case RenewLease r:
                    WriteAttempt(w, r.Number, r.Attempt);
                    w.WriteString("now", r.Now);
                    break;
                case ReportIntermediate r:
                    WriteAttempt(w, r.Number, r.Attempt);
                    w.WriteNumber("step", r.Step);
                    WriteDouble(w, "value", r.Value);
                    break;
                case CompleteTrial c:
                    WriteAttempt(w, c.Number, c.Attempt);
                    WriteDouble(w, "value", c.Value);
                    break;
                case FailTrial f:
                    WriteAttempt(w, f.Number, f.Attempt);
                    w.WriteString("reason", f.Reason);
                    w.WriteBoolean("retry", f.Retry);
                    break;
                case ReleaseTrial r:
                    WriteAttempt(w, r.Number, r.Attempt);
                    w.WriteString("reason", r.Reason);
                    break;
                case ExpireLeases e:
                    w.WriteString("now", e.Now);
                    break;
                case WorkerLost l:
                    w.WriteString("worker", l.Worker);
                    break;
                case ChangeBudget b:
                    w.WriteNumber("budget", b.Budget);
                    break;
            }
        });
    }

    /// <summary>The UTF-8 JSON of <paramref name="reply"/>.</summary>
    public static byte[] Write(StudyReply reply)
    {
        _ = ManifestOf(reply);
        return WriteObject(w =>
        {
            switch (reply)
            {
                case Stale s:
                    WriteAttempt(w, s.Number, s.Attempt);
                    w.WriteString("why", s.Why);
                    break;
                case Rejected r:
                    w.WriteString("why", r.Why);
                    break;
                case TrialAssigned a:
                    WriteAttempt(w, a.Number, a.Attempt);
                    w.WritePropertyName("params");
                    WriteConfiguration(w, a.Configuration);
                    w.WriteString("deadline", a.LeaseDeadline);
                    break;
                case NoTrial n:
                    w.WriteBoolean("study_done", n.StudyDone);
                    w.WriteBoolean("needs_suggestion", n.NeedsSuggestion);
                    break;
            }
        });
    }

    /// <summary>
    /// Reads a command or reply written by <see cref="Write(StudyCommand)"/> or <see cref="Write(StudyReply)"/>
    /// under <paramref name="manifest"/>; <see cref="Accepted"/> reads back as <see cref="Accepted.Instance"/>.
    /// </summary>
    /// <exception cref="FormatException">Unknown manifest (refused before the payload is parsed) or malformed payload; the message names the manifest and field.</exception>
    public static object Read(string manifest, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!IsKnown(manifest))
        {
            throw new FormatException($"unknown study protocol manifest '{manifest}'; known: {string.Join(", ", Known.Order(StringComparer.Ordinal))}");
        }

        return JsonParts.Read<object>(manifest, json, r => manifest switch
        {
            "cmd.create-study.v1" => new CreateStudy(ReadSettings(r.Child("settings")), ReadSpace(r.Child("space")), r.String("sampler"), r.Has("objective") ? ReadObjective(r.Child("objective")) : null),
            "cmd.add-suggestion.v1" => new AddSuggestion(ReadConfiguration(r.Child("params"))),
            "cmd.request-trial.v1" => new RequestTrial(r.String("worker"), r.Time("now")),
            "cmd.renew-lease.v1" => new RenewLease(r.Int("number"), r.Int("attempt"), r.Time("now")),
            "cmd.report-intermediate.v1" => new ReportIntermediate(r.Int("number"), r.Int("attempt"), r.Int("step"), r.Double("value")),
            "cmd.complete-trial.v1" => new CompleteTrial(r.Int("number"), r.Int("attempt"), r.Double("value")),
            "cmd.fail-trial.v1" => new FailTrial(r.Int("number"), r.Int("attempt"), r.String("reason"), r.Bool("retry")),
            "cmd.release-trial.v1" => new ReleaseTrial(r.Int("number"), r.Int("attempt"), r.String("reason")),
            "cmd.expire-leases.v1" => new ExpireLeases(r.Time("now")),
            "cmd.worker-lost.v1" => new WorkerLost(r.String("worker")),
            "cmd.change-budget.v1" => new ChangeBudget(r.Int("budget")),
            "reply.accepted.v1" => Accepted.Instance,
            "reply.stale.v1" => new Stale(r.Int("number"), r.Int("attempt"), r.String("why")),
            "reply.rejected.v1" => new Rejected(r.String("why")),
            "reply.trial-assigned.v1" => new TrialAssigned(r.Int("number"), r.Int("attempt"), ReadConfiguration(r.Child("params")), r.Time("deadline")),
            "reply.no-trial.v1" => new NoTrial(r.Bool("study_done"), r.Bool("needs_suggestion")),
            _ => throw new FormatException($"unknown study protocol manifest '{manifest}'"),
        });
    }

    private static string ManifestOf(object message) =>
        Manifests.TryGetValue(message?.GetType() ?? throw new ArgumentNullException(nameof(message)), out var m)
            ? m
            : throw new ArgumentException($"no manifest for study protocol message {message.GetType().Name}", nameof(message));

    private static void WriteAttempt(Utf8JsonWriter w, int number, int attempt)
    {
        w.WriteNumber("number", number);
        w.WriteNumber("attempt", attempt);
    }
}
