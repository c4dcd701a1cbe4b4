using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// The attacker's serializer: writes a <see cref="Crafted"/> message's bytes and manifest under whatever identifier
/// its settings give (<c>akka.actor.serialization-settings.NAME.identifier</c>), so the receiving node reads them with
/// its own serializer of that identifier. Remoting takes the identifier from the bound serializer for each message.
/// </summary>
public sealed class CraftingSerializer(ExtendedActorSystem system, Config settings) : SerializerWithStringManifest(system)
{
    /// <inheritdoc />
    public override int Identifier { get; } = settings.GetInt("identifier");

    /// <inheritdoc />
    public override string Manifest(object o) => ((Crafted)o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => ((Crafted)obj).Payload;

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => throw new NotSupportedException("the crafting side only sends");
}
