using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// Takes Akka.Remote's <c>daemon-create</c> serializer name and identifier (3) in <see cref="ActorTunerConfig.ClosedWire"/>
/// and refuses remote deployment both ways. A <c>DaemonMsgCreate</c> names an actor type and its constructor arguments,
/// and the receiving node's remote daemon creates it: any actor type the node has loaded, with arguments the sender chose.
/// ActorTuner deploys no actor remotely (sharding, pub-sub and singletons create their actors locally); a node that
/// needs remote deployment or cluster-aware pool routers must bind <c>daemon-create</c> back to Akka's serializer.
/// </summary>
public sealed class RemoteDeploymentRefusingSerializer : SerializerWithStringManifest
{
    /// <summary>The identifier of Akka.Remote's <c>DaemonMsgCreateSerializer</c>, taken over here.</summary>
    public const int Id = 3;

    /// <summary>Created by Akka from configuration.</summary>
    public RemoteDeploymentRefusingSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    /// <exception cref="SerializationException">Always: remote deployment is off.</exception>
    public override string Manifest(object o) => throw Off();

    /// <inheritdoc />
    /// <exception cref="SerializationException">Always: remote deployment is off.</exception>
    public override byte[] ToBinary(object obj) => throw Off();

    /// <inheritdoc />
    /// <exception cref="SerializationException">Always; the actor type it names is neither resolved nor created.</exception>
    public override object FromBinary(byte[] bytes, string manifest) => throw new SerializationException(
        $"refused a remote deployment (serializer {Id}, manifest '{WireText.Quote(manifest)}'): the closed wire " +
        "(ActorTunerConfig.ClosedWire) creates no actor a peer names; nothing was instantiated.");

    private static SerializationException Off() => new(
        "remote deployment is off under ActorTunerConfig.ClosedWire: create the actor on its own node " +
        "(or bind akka.actor.serializers.daemon-create back to Akka.Remote's DaemonMsgCreateSerializer on every node).");
}
