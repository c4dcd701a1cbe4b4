namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// Bytes for the wire exactly as a hostile peer chooses them: the sending system binds this type to
/// <see cref="CraftingSerializer"/>, which writes <see cref="Payload"/> under <see cref="Manifest"/> and the
/// serializer identifier of its configuration.
/// </summary>
public sealed record Crafted(string Manifest, byte[] Payload);
