using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace ActorTuner.Actors.Tests.Serialization;

/// <summary>
/// Akka's default JSON serializer that also records every type it was asked to write. Bound to
/// <c>System.Object</c> in tests, it shows which messages fell through to the type-naming default.
/// </summary>
public sealed class RecordingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    private readonly NewtonSoftJsonSerializer _inner = new(system);

    /// <summary>Every type written, in the order written.</summary>
    public ConcurrentQueue<Type> Written { get; } = new();

    /// <inheritdoc />
    public override int Identifier => 4899;

    /// <inheritdoc />
    public override bool IncludeManifest => _inner.IncludeManifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        Written.Enqueue(obj.GetType());
        return _inner.ToBinary(obj);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) => _inner.FromBinary(bytes, type);
}
