using Akka.Actor;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// Akka.Remote's <c>akka-misc</c> serializer (identifier 16: Identify, ActorIdentity, PoisonPill, Status.Success,
/// Status.Failure, ...) unchanged, except that a <c>Status.Failure</c>'s exception must name an exception type before
/// Akka creates it (see <see cref="ExceptionTypeGuard"/>). Bound in <see cref="ActorTunerConfig.ClosedWire"/>.
/// </summary>
public sealed class GuardedMiscMessageSerializer : SerializerWithStringManifest
{
    /// <summary>The identifier of Akka.Remote's <c>MiscMessageSerializer</c>, taken over here.</summary>
    public const int Id = 16;

    // MiscMessageSerializer's manifest for Status.Failure, and the field of its protobuf form holding the cause.
    private const string StatusFailureManifest = "STF";
    private const int CauseField = 1;

    private readonly MiscMessageSerializer _akka;

    /// <summary>Created by Akka from configuration.</summary>
    public GuardedMiscMessageSerializer(ExtendedActorSystem system)
        : base(system) => _akka = new MiscMessageSerializer(system);

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => _akka.Manifest(o);

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => _akka.ToBinary(obj);

    /// <inheritdoc />
    /// <exception cref="System.Runtime.Serialization.SerializationException">A Status.Failure whose exception names a type that is not an exception.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == StatusFailureManifest)
        {
            ExceptionTypeGuard.CheckField(bytes, CauseField, "a Status.Failure (serializer 16)");
        }

        return _akka.FromBinary(bytes, manifest);
    }
}
