using System.Collections.Concurrent;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Akka.Util;
using Google.Protobuf;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// Akka.Remote's <c>proto</c> serializer (identifier 2) with the check in the right order. Akka.Remote 1.5.73's
/// <c>ProtobufSerializer.FromBinary</c> calls <c>Activator.CreateInstance</c> on the type the manifest names and only
/// then checks that it is a protobuf message, so any type with a public parameterless constructor could be created
/// from the wire. This one reads the same wire form (the manifest is the message's type name) but creates nothing
/// unless the named type is a <see cref="IMessage"/>. Bound in <see cref="ActorTunerConfig.ClosedWire"/>.
/// </summary>
public sealed class GuardedProtobufSerializer : SerializerWithStringManifest
{
    /// <summary>The identifier of Akka.Remote's protobuf serializer, taken over here.</summary>
    public const int Id = 2;

    private readonly ConcurrentDictionary<string, MessageParser> _parsers = new(StringComparer.Ordinal);

    /// <summary>Created by Akka from configuration.</summary>
    public GuardedProtobufSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o is IMessage
        ? o.GetType().TypeQualifiedName()
        : throw new ArgumentException($"GuardedProtobufSerializer writes protobuf messages only, not {o?.GetType().FullName}", nameof(o));

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is IMessage message
        ? message.ToByteArray()
        : throw new ArgumentException($"GuardedProtobufSerializer writes protobuf messages only, not {obj?.GetType().FullName}", nameof(obj));

    /// <inheritdoc />
    /// <exception cref="SerializationException">The manifest names no type, or a type that is not a protobuf message; nothing is created.</exception>
    public override object FromBinary(byte[] bytes, string manifest) => _parsers.GetOrAdd(manifest, ParserFor).ParseFrom(bytes);

    private static MessageParser ParserFor(string manifest)
    {
        // Resolving a type by name loads at most an assembly the application already ships; it runs no constructor.
        var type = Type.GetType(manifest, throwOnError: false);
        if (type is null || !typeof(IMessage).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new SerializationException(
                $"refused a message for serializer {Id} (protobuf) with manifest '{WireText.Quote(manifest)}': " +
                (type is null ? "no such type" : "not a protobuf message") + "; nothing was instantiated.");
        }

        // Generated messages carry their parser on a static property; creating one message to ask is Akka's own way,
        // and harmless once the type is known to be a protobuf message.
        return ((IMessage)Activator.CreateInstance(type)!).Descriptor.Parser;
    }
}
