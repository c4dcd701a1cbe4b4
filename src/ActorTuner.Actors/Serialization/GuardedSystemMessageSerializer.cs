using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// Akka.Remote's <c>akka-system-msg</c> serializer (identifier 22: Watch, Unwatch, DeathWatchNotification, ...)
/// unchanged, except that the exception a <c>Create</c>, <c>Recreate</c>, <c>Resume</c> or <c>Failed</c> carries must
/// name an exception type before Akka creates it (see <see cref="ExceptionTypeGuard"/>). Bound in
/// <see cref="ActorTunerConfig.ClosedWire"/>.
/// </summary>
public sealed class GuardedSystemMessageSerializer : Serializer
{
    /// <summary>The identifier of Akka.Remote's <c>SystemMessageSerializer</c>, taken over here.</summary>
    public const int Id = 22;

    private readonly SystemMessageSerializer _akka;

    /// <summary>Created by Akka from configuration.</summary>
    public GuardedSystemMessageSerializer(ExtendedActorSystem system)
        : base(system) => _akka = new SystemMessageSerializer(system);

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => _akka.IncludeManifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => _akka.ToBinary(obj);

    /// <inheritdoc />
    /// <exception cref="System.Runtime.Serialization.SerializationException">The message's exception names a type that is not an exception.</exception>
    public override object FromBinary(byte[] bytes, Type type)
    {
        // The field of each message's protobuf form that holds its exception (Akka.Remote's SystemMessageFormats.proto).
        var causeField = type == typeof(Create) || type == typeof(Recreate) || type == typeof(Resume) ? 1
            : type == typeof(Failed) ? 2
            : 0;
        if (causeField != 0)
        {
            ExceptionTypeGuard.CheckField(bytes, causeField, $"a {type.Name} system message (serializer 22)");
        }

        return _akka.FromBinary(bytes, type);
    }
}
