using System.Collections.Immutable;
using System.Text.Json;
using ActorTuner.Actors.Cluster;
using ActorTuner.Core.Serialization;
using static ActorTuner.Core.Serialization.JsonParts;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// The explicit JSON of the messages cluster nodes exchange besides study commands: study announcements,
/// worker node status and the gateway's cluster query, each under a fixed manifest.
/// </summary>
internal static class ClusterJson
{
    public const string AnnouncementManifest = "cluster.study-announcement.v1";
    public const string WorkerStatusManifest = "cluster.worker-node-status.v1";
    public const string GetClusterManifest = "query.get-cluster.v1";
    public const string GetClusterResultManifest = "reply.get-cluster-result.v1";

    public static IEnumerable<string> KnownManifests { get; } = [AnnouncementManifest, WorkerStatusManifest, GetClusterManifest, GetClusterResultManifest];

    public static string? ManifestOf(object message) => message switch
    {
        StudyAnnouncement => AnnouncementManifest,
        WorkerNodeStatus => WorkerStatusManifest,
        GetCluster => GetClusterManifest,
        GetClusterResult => GetClusterResultManifest,
        _ => null,
    };

    public static byte[] Write(object message) => WriteObject(w =>
    {
        switch (message)
        {
            case StudyAnnouncement a:
                WriteAnnouncement(w, a);
                break;
            case WorkerNodeStatus s:
                WriteWorker(w, s);
                break;
            case GetCluster:
                break;
            case GetClusterResult r:
                w.WriteStartArray("members");
                foreach (var m in r.Members)
                {
                    w.WriteStartObject();
                    w.WriteString("address", m.Address);
                    WriteStrings(w, "roles", m.Roles);
                    w.WriteString("status", m.Status);
                    w.WriteBoolean("reachable", m.Reachable);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("workers");
                foreach (var s in r.Workers)
                {
                    w.WriteStartObject();
                    WriteWorker(w, s);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("studies");
                foreach (var a in r.Studies)
                {
                    w.WriteStartObject();
                    WriteAnnouncement(w, a);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"ClusterJson does not handle {message?.GetType().Name}", nameof(message));
        }
    });

    public static object Read(string manifest, byte[] bytes) => JsonParts.Read<object>(manifest, bytes, r => manifest switch
    {
        AnnouncementManifest => ReadAnnouncement(r),
        WorkerStatusManifest => ReadWorker(r),
        GetClusterManifest => GetCluster.Instance,
        GetClusterResultManifest => new GetClusterResult(
            [.. r.Child("members").Items().Select(m => new ClusterMemberInfo(m.String("address"), ReadStrings(m, "roles"), m.String("status"), m.Bool("reachable")))],
            [.. r.Child("workers").Items().Select(ReadWorker)],
            [.. r.Child("studies").Items().Select(ReadAnnouncement)]),
        _ => throw new FormatException($"unknown cluster manifest '{manifest}'"),
    });

    private static void WriteAnnouncement(Utf8JsonWriter w, StudyAnnouncement a)
    {
        w.WriteString("study", a.Study);
        if (a.Objective is { } objective)
        {
            w.WritePropertyName("objective");
            WriteObjective(w, objective);
        }

        w.WriteNumber("budget", a.Budget);
        w.WriteNumber("completed", a.Completed);
        w.WriteNumber("failed", a.Failed);
        w.WriteNumber("running", a.Running);
        w.WriteNumber("parallelism", a.Parallelism);
        if (a.Best is { } best)
        {
            WriteDouble(w, "best", best);
        }

        w.WriteString("host", a.Host);
    }

    private static StudyAnnouncement ReadAnnouncement(JsonFieldReader r) => new(
        r.String("study"),
        r.Has("objective") ? ReadObjective(r.Child("objective")) : null,
        r.Int("budget"),
        r.Int("completed"),
        r.Int("failed"),
        r.Int("running"),
        r.Int("parallelism"),
        r.Has("best") ? r.Double("best") : null,
        r.String("host"));

    private static void WriteWorker(Utf8JsonWriter w, WorkerNodeStatus s)
    {
        w.WriteString("node", s.Node);
        w.WriteNumber("slots", s.Slots);
        WriteStrings(w, "tags", s.Tags);
        w.WriteStartArray("busy");
        foreach (var b in s.Busy)
        {
            w.WriteStartObject();
            w.WriteNumber("slot", b.Slot);
            w.WriteString("study", b.Study);
            if (b.Trial is { } trial)
            {
                w.WriteNumber("trial", trial);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static WorkerNodeStatus ReadWorker(JsonFieldReader r) => new(
        r.String("node"),
        r.Int("slots"),
        ReadStrings(r, "tags"),
        [.. r.Child("busy").Items().Select(b => new SlotUse(b.Int("slot"), b.String("study"), b.Has("trial") ? b.Int("trial") : null))]);
}
