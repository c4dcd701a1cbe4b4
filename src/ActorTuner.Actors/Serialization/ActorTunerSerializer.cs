using System.Runtime.Serialization;
using System.Text.Json;
using ActorTuner.Actors.Studies;
using ActorTuner.Core.Serialization;
using ActorTuner.Core.Studies;
using Akka.Actor;
using Akka.Serialization;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// The one serializer for ActorTuner's events, snapshots and messages: stable string manifests from
/// <see cref="StudyJson"/> and <see cref="ProtocolJson"/>, never a .NET type name read from the journal or the
/// wire. Bound in <see cref="ActorTunerConfig.Serialization"/>.
/// </summary>
public sealed class ActorTunerSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's fixed identifier (Akka reserves 0-40).</summary>
    public const int Id = 4811;

    /// <summary>The manifest of <see cref="GetStudy"/>.</summary>
    public const string GetStudyManifest = "query.get-study.v1";

    /// <summary>The manifest of <see cref="GetStudyResult"/>.</summary>
    public const string GetStudyResultManifest = "reply.get-study-result.v1";

    /// <summary>Created by Akka from configuration.</summary>
    public ActorTunerSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        StudyEvent e => StudyJson.Manifest(e),
        StudyState => StudyJson.StateManifest,
        StudyCommand c => ProtocolJson.Manifest(c),
        StudyReply r => ProtocolJson.Manifest(r),
        GetStudy => GetStudyManifest,
        GetStudyResult => GetStudyResultManifest,
        _ when ClusterJson.ManifestOf(o) is { } m => m,
        _ => throw new ArgumentException($"ActorTunerSerializer does not handle {o?.GetType().Name}", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        StudyEvent e => StudyJson.Write(e),
        StudyState s => StudyJson.WriteState(s),
        StudyCommand c => ProtocolJson.Write(c),
        StudyReply r => ProtocolJson.Write(r),
        GetStudy => "{}"u8.ToArray(),
        GetStudyResult r => WriteResult(r),
        _ when ClusterJson.ManifestOf(obj) is not null => ClusterJson.Write(obj),
        _ => throw new ArgumentException($"ActorTunerSerializer does not handle {obj?.GetType().Name}", nameof(obj)),
    };

    /// <inheritdoc />
    /// <exception cref="SerializationException">Unknown manifest (refused before the payload is read) or malformed payload.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                StudyJson.StateManifest => StudyJson.ReadState(bytes),
                GetStudyManifest => GetStudy.Instance,
                GetStudyResultManifest => ReadResult(bytes),
                _ when ProtocolJson.IsKnown(manifest) => ProtocolJson.Read(manifest, bytes),
                _ when StudyJson.KnownManifests.Contains(manifest) => StudyJson.Read(manifest, bytes),
                _ when ClusterJson.KnownManifests.Contains(manifest) => ClusterJson.Read(manifest, bytes),
                _ => throw new FormatException(
                    $"unknown manifest '{manifest}' for ActorTunerSerializer (id {Id}); known: " +
                    string.Join(", ", KnownManifests.Order(StringComparer.Ordinal))),
            };
        }
        catch (FormatException e)
        {
            throw new SerializationException(e.Message, e);
        }
    }

    /// <summary>Every manifest this serializer reads.</summary>
    public static IEnumerable<string> KnownManifests =>
        StudyJson.KnownManifests.Concat(ProtocolJson.KnownManifests).Append(StudyJson.StateManifest).Append(GetStudyManifest).Append(GetStudyResultManifest).Concat(ClusterJson.KnownManifests);

    // The state of a study not created yet has no snapshot form; it travels as an absent "state".
    private static byte[] WriteResult(GetStudyResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteBoolean("suggesting", result.Suggesting);
            if (result.State.Settings is not null)
            {
                w.WritePropertyName("state");
                w.WriteRawValue(StudyJson.WriteState(result.State), skipInputValidation: true);
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static GetStudyResult ReadResult(byte[] bytes)
    {
        using var document = Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("suggesting", out var suggesting) || suggesting.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new FormatException($"{GetStudyResultManifest}: field '/suggesting': expected true or false");
        }

        var state = root.TryGetProperty("state", out var s) ? StudyJson.ReadState(System.Text.Encoding.UTF8.GetBytes(s.GetRawText())) : StudyState.Empty;
        return new GetStudyResult(state, suggesting.GetBoolean());
    }

    private static JsonDocument Parse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{GetStudyResultManifest}: the payload is not JSON ({e.Message})", e);
        }
    }
}
