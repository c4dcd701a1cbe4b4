using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// Takes Akka's <c>json</c> serializer name and identifier (1) in <see cref="ActorTunerConfig.ClosedWire"/> and
/// refuses everything. Akka's default there is Newtonsoft.Json with <c>TypeNameHandling.All</c>: it creates whatever
/// .NET type a payload's <c>$type</c> (or the manifest) names, which must never happen with bytes from the network or a
/// journal. Reading refuses any manifest before anything is resolved or created; writing refuses too, so a message
/// nobody bound fails loudly at the sender instead of travelling under its type name.
/// </summary>
public sealed class RefusingSerializer : SerializerWithStringManifest
{
    /// <summary>The identifier Akka gives its type-naming JSON default, taken over here.</summary>
    public const int Id = 1;

    /// <summary>Created by Akka from configuration.</summary>
    public RefusingSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>
    /// Created by Akka when <c>akka.actor.serialization-settings.json</c> is not empty, as Akka's reference
    /// configuration makes it (settings for the serializer replaced here, so they are ignored).
    /// </summary>
    public RefusingSerializer(ExtendedActorSystem system, Config settings)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    /// <exception cref="SerializationException">Always: the type is not bound to an explicit serializer.</exception>
    public override string Manifest(object o) => throw Unbound(o);

    /// <inheritdoc />
    /// <exception cref="SerializationException">Always: the type is not bound to an explicit serializer.</exception>
    public override byte[] ToBinary(object obj) => throw Unbound(obj);

    /// <inheritdoc />
    /// <exception cref="SerializationException">Always, naming the manifest; nothing is resolved or created.</exception>
    public override object FromBinary(byte[] bytes, string manifest) => throw new SerializationException(
        $"refused a message for serializer {Id} (Akka's type-naming JSON default) with manifest '{WireText.Quote(manifest)}': " +
        "the type is not bound to ActorTuner's serializer (id 4811) or one of Akka's own, and the closed wire creates no type a " +
        "message names; nothing was instantiated. If a peer sends this legitimately, bind its type to an explicit serializer on both ends.");

    private static SerializationException Unbound(object? o) => new(
        $"{o?.GetType().FullName ?? "null"} has no serializer binding and would fall through to Akka's type-naming JSON default, " +
        "which the closed wire (ActorTunerConfig.ClosedWire) refuses; bind it in akka.actor.serialization-bindings " +
        "(ActorTuner's own messages are bound by ActorTunerConfig.Serialization).");
}
