using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace ActorTuner.Actors.Tests.Serialization;

/// <summary>
/// Hands an object back by reference instead of serializing it. For Akka.NET's own journal-internal message
/// (<c>AsyncWriteJournal.Desequenced</c>), which never leaves the process but, unlike its JVM original, lacks
/// <see cref="INoSerializationVerificationNeeded"/>; without this, <c>serialize-messages = on</c> trips on it.
/// </summary>
public sealed class PassThroughSerializer(ExtendedActorSystem system) : Serializer(system)
{
    private readonly ConcurrentDictionary<long, object> _held = new();
    private long _next;

    /// <inheritdoc />
    public override int Identifier => 4898;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        var key = Interlocked.Increment(ref _next);
        _held[key] = obj;
        return BitConverter.GetBytes(key);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) =>
        _held.TryRemove(BitConverter.ToInt64(bytes), out var obj) ? obj : throw new InvalidOperationException("nothing held under that key");
}
