using System.Collections.Concurrent;
using System.Runtime.Serialization;
using ActorTuner.Actors.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// Crafted messages over a real remoting connection: a hostile peer sends bytes naming <see cref="Tripwire"/> under
/// each serializer that reads a type name from the wire. With <see cref="ActorTunerConfig.ClosedWire"/> the receiver
/// refuses them, creates nothing and keeps the connection; the controls send the same bytes to a receiver with Akka's
/// own serializers and see the type created, so the harness would catch a guard that let them through.
/// </summary>
public sealed class ClosedWireTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private readonly ClusterNodes _nodes = new(output);

    static ClosedWireTests() => Tripwire.Reset();

    public static TheoryData<string> Hostile => ["json", "protobuf", "status-failure", "system-message", "actortuner"];

    public static TheoryData<string> CreatedOnAnOpenWire => ["json", "protobuf", "status-failure", "system-message"];

    public void Dispose() => _nodes.Dispose();

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_crafted_message_naming_a_type_is_refused_without_creating_it_and_the_connection_survives(string kind)
    {
        var received = await SendCrafted(kind, closedWire: true);

        Tripwire.Created.ShouldBe(0);
        received.ShouldBe(["after"]);
        // The receiver said what it refused.
        _nodes.Log.ShouldContain(line => line.Contains("Deserialization failed") && line.Contains(Tripwire.TypeName));
    }

    [Theory]
    [MemberData(nameof(CreatedOnAnOpenWire))]
    public async Task Control_on_an_open_wire_the_same_bytes_create_the_type(string kind)
    {
        var received = await SendCrafted(kind, closedWire: false);

        Tripwire.Created.ShouldBeGreaterThan(0);
        if (kind == "json")
        {
            received.ShouldContain(m => m is Tripwire);
        }
    }

    [Fact]
    public async Task A_message_nobody_bound_fails_loudly_at_its_sender_instead_of_travelling_under_its_type_name()
    {
        var (inbox, received) = Receiver(closedWire: true);
        var sender = _nodes.Start("sender", null, Remote);
        var target = Resolve(sender, inbox);

        target.Tell(new Unbound("forgotten"));
        target.Tell("after");

        (await ClusterNodes.Eventually(() => received.Contains("after"), Within)).ShouldBeTrue();
        received.ShouldBe(["after"]);
        _nodes.Log.ShouldContain(line => line.Contains(typeof(Unbound).FullName!) && line.Contains("ActorTunerConfig.ClosedWire"));
    }

    [Fact]
    public async Task A_remote_deployment_is_refused_and_creates_no_actor()
    {
        var (attacker, inbox, received) = DeployTripwireActor(closedWire: true);
        Resolve(attacker, inbox).Tell("after");

        (await ClusterNodes.Eventually(() => received.Contains("after"), Within)).ShouldBeTrue();
        // A deployed actor runs its constructor on its own mailbox, after the deployment was read: a moment more, so
        // that a slow creation is not taken for a refusal.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Tripwire.Created.ShouldBe(0);
        _nodes.Log.ShouldContain(line => line.Contains("refused a remote deployment"));
    }

    [Fact]
    public async Task Control_on_an_open_wire_a_remote_deployment_creates_the_actor()
    {
        DeployTripwireActor(closedWire: false);

        (await ClusterNodes.Eventually(() => Tripwire.Created > 0, Within)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("inner-exception")]
    [InlineData("custom-field")]
    public void An_exception_hidden_inside_a_failure_is_checked_too(string where)
    {
        Tripwire.Reset();
        var closed = _nodes.Start("closed", null, Remote);
        Should.Throw<SerializationException>(() => closed.Serialization.Deserialize(NestedFailure(where), GuardedMiscMessageSerializer.Id, "STF"))
            .Message.ShouldContain(Tripwire.TypeName);
        Tripwire.Created.ShouldBe(0);

        // Control: Akka's own serializer creates the nested type (and only then fails to cast it to an exception).
        var open = _nodes.Start("open", null, Remote, closedWire: false);
        Record.Exception(() => open.Serialization.Deserialize(NestedFailure(where), GuardedMiscMessageSerializer.Id, "STF"));
        Tripwire.Created.ShouldBeGreaterThan(0);
    }

    // A Status.Failure whose cause is a real ArgumentException hiding Tripwire as its inner exception, or as an
    // exception-valued custom field (a Payload of Akka's ExceptionData under the protobuf serializer).
    private static byte[] NestedFailure(string where)
    {
        var argument = typeof(ArgumentException).AssemblyQualifiedName!;
        var hidden = WireProto.ExceptionData(Tripwire.TypeName);
        var cause = where == "inner-exception"
            ? WireProto.ExceptionData(argument, inner: hidden)
            : WireProto.Message(
                (1, argument),
                (2, "crafted"),
                (5, Array.Empty<byte>()),
                (6, WireProto.Message((1, "ParamName"), (2, WireProto.Message((1, hidden), (2, GuardedProtobufSerializer.Id), (3, "Akka.Remote.Serialization.Proto.Msg.ExceptionData, Akka.Remote"))))));
        return WireProto.StatusFailure(cause);
    }

    // Sends the crafted message of this kind, then "after", to a fresh receiver; returns what the receiver got once
    // "after" is in. Messages on one connection arrive in order, so by then the crafted one has been read.
    private async Task<ConcurrentQueue<object>> SendCrafted(string kind, bool closedWire)
    {
        Tripwire.Reset();
        var (inbox, received) = Receiver(closedWire);
        var target = Attacker(Identifier(kind), inbox);

        target.Tell(Craft(kind));
        target.Tell("after");

        (await ClusterNodes.Eventually(() => received.Contains("after"), Within)).ShouldBeTrue();
        return received;
    }

    // A peer with Akka's serializers deploys TripwireActor onto a fresh receiver.
    private (ActorSystem Attacker, ActorPath Inbox, ConcurrentQueue<object> Received) DeployTripwireActor(bool closedWire)
    {
        Tripwire.Reset();
        var (inbox, received) = Receiver(closedWire);
        var attacker = _nodes.Start("attacker", null, Remote, closedWire: false);
        attacker.ActorOf(Props.Create<TripwireActor>().WithDeploy(new Deploy(new RemoteScope(inbox.Address))), "deployed");
        return (attacker, inbox, received);
    }

    private static Config Remote => ConfigurationFactory.ParseString("akka.actor.provider = remote");

    private static int Identifier(string kind) => kind switch
    {
        "json" => RefusingSerializer.Id,
        "protobuf" => GuardedProtobufSerializer.Id,
        "status-failure" => GuardedMiscMessageSerializer.Id,
        "system-message" => GuardedSystemMessageSerializer.Id,
        "actortuner" => ActorTunerSerializer.Id,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // What a hostile peer sends for each serializer: the manifest and bytes that make Akka's own serializer of that
    // identifier create Tripwire.
    private static Crafted Craft(string kind) => kind switch
    {
        // Newtonsoft.Json with TypeNameHandling.All: the manifest and the payload's $type both name the type.
        "json" or "actortuner" => new Crafted(Tripwire.TypeName, System.Text.Encoding.UTF8.GetBytes($$"""{"$type":"{{Tripwire.TypeName}}"}""")),
        // Akka.Remote's ProtobufSerializer creates the manifest's type before checking that it is a protobuf message.
        "protobuf" => new Crafted(Tripwire.TypeName, []),
        // MiscMessageSerializer's Status.Failure: StatusFailure { cause = ExceptionData { typeName } }.
        "status-failure" => new Crafted("STF", WireProto.StatusFailure(WireProto.ExceptionData(Tripwire.TypeName))),
        // SystemMessageSerializer's Recreate: RecreateData { cause = ExceptionData { typeName } }.
        "system-message" => new Crafted("Akka.Dispatch.SysMsg.Recreate, Akka", WireProto.Message((1, WireProto.ExceptionData(Tripwire.TypeName)))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // The inbox's full remote path, and what it received.
    private (ActorPath Inbox, ConcurrentQueue<object> Received) Receiver(bool closedWire)
    {
        var receiver = _nodes.Start("receiver", null, Remote, closedWire);
        var received = new ConcurrentQueue<object>();
        receiver.ActorOf(Props.Create(() => new Inbox(received)), "inbox");
        return (new RootActorPath(((ExtendedActorSystem)receiver).Provider.DefaultAddress) / "user" / "inbox", received);
    }

    // The attacker binds Crafted to a serializer claiming the given identifier. It reaches the inbox by path alone:
    // asking for an ActorIdentity would need its own identifier 16 or 22, which it has given to the crafting serializer.
    private IActorRef Attacker(int identifier, ActorPath inbox)
    {
        var attacker = _nodes.Start("attacker", null, ConfigurationFactory.ParseString($$"""
            akka.actor {
              provider = remote
              serializers.crafting = "{{typeof(CraftingSerializer).AssemblyQualifiedName}}"
              serialization-settings.crafting.identifier = {{identifier}}
              serialization-bindings { "{{typeof(Crafted).AssemblyQualifiedName}}" = crafting }
            }
            # The crafting serializer takes over an identifier Akka already uses; that is the point.
            akka.log-serializer-override-on-start = off
            """), closedWire: false);
        return Resolve(attacker, inbox);
    }

    private static IActorRef Resolve(ActorSystem from, ActorPath remote) => ((ExtendedActorSystem)from).Provider.ResolveActorRef(remote);

    private sealed record Unbound(string Text);

    private sealed class Inbox : ReceiveActor
    {
        public Inbox(ConcurrentQueue<object> received) => ReceiveAny(received.Enqueue);
    }
}
