using System.Runtime.Serialization;
using ActorTuner.Core.Serialization;
using ActorTuner.Core.Studies;
using Akka.Actor;
using Akka.Serialization;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// The one serializer for ActorTuner's events: stable string manifests from <see cref="StudyJson"/>, never a
/// .NET type name read from the journal or the wire. Bound in <see cref="ActorTunerConfig.Serialization"/>.
/// </summary>
public sealed class ActorTunerSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's fixed identifier (Akka reserves 0-40).</summary>
    public const int Id = 4811;

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
        _ => throw new ArgumentException($"ActorTunerSerializer does not handle {o?.GetType().Name}", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        StudyEvent e => StudyJson.Write(e),
        StudyState s => StudyJson.WriteState(s),
        _ => throw new ArgumentException($"ActorTunerSerializer does not handle {obj?.GetType().Name}", nameof(obj)),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return manifest == StudyJson.StateManifest ? StudyJson.ReadState(bytes) : StudyJson.Read(manifest, bytes);
        }
        catch (FormatException e)
        {
            throw new SerializationException(e.Message, e);
        }
    }
}
