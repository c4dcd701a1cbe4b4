using System.Runtime.Serialization;
using ActorTuner.Actors.Cluster;
using ActorTuner.Actors.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch.SysMsg;
using StringValue = Google.Protobuf.WellKnownTypes.StringValue;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// <see cref="ActorTunerConfig.ClosedWire"/> in one remoting system: which serializers it takes over, that Akka's
/// legitimate messages still round-trip through them, and what it refuses to send.
/// </summary>
public sealed class ClosedWireSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("wire", ConfigurationFactory.ParseString("akka.actor.provider = remote, akka.loglevel = WARNING")
        .WithFallback(RemotingConfig.For(null, 0, null, null))
        .WithFallback(ActorTunerConfig.ClosedWire)
        .WithFallback(ActorTunerConfig.Serialization));

    public void Dispose() => _system.Dispose();

    [Fact]
    public void The_closed_wire_takes_over_exactly_the_serializers_that_create_named_types()
    {
        // By the types Akka binds to them; the wire tests show the same serializers answer to their identifiers.
        var serialization = _system.Serialization;
        serialization.FindSerializerForType(typeof(object)).ShouldBeOfType<RefusingSerializer>().Identifier.ShouldBe(1);
        serialization.FindSerializerForType(typeof(StringValue)).ShouldBeOfType<GuardedProtobufSerializer>().Identifier.ShouldBe(2);
        serialization.FindSerializerForType(Type.GetType("Akka.Remote.DaemonMsgCreate, Akka.Remote", throwOnError: true)!).ShouldBeOfType<RemoteDeploymentRefusingSerializer>().Identifier.ShouldBe(3);
        serialization.FindSerializerForType(typeof(Status.Failure)).ShouldBeOfType<GuardedMiscMessageSerializer>().Identifier.ShouldBe(16);
        serialization.FindSerializerForType(typeof(Watch)).ShouldBeOfType<GuardedSystemMessageSerializer>().Identifier.ShouldBe(22);
        serialization.FindSerializerForType(typeof(Core.Studies.StudyCommand)).ShouldBeOfType<ActorTunerSerializer>();
        serialization.FindSerializerForType(typeof(string)).ShouldBeOfType<Akka.Remote.Serialization.PrimitiveSerializers>();
    }

    [Fact]
    public void A_failure_with_an_exception_and_its_inner_exception_still_round_trips()
    {
        var failure = RoundTrip(new Status.Failure(new InvalidOperationException("outer", new ArgumentException("inner", "lr"))));
        var cause = failure.ShouldBeOfType<Status.Failure>().Cause.ShouldBeOfType<InvalidOperationException>();
        cause.Message.ShouldBe("outer");
        cause.InnerException.ShouldBeOfType<ArgumentException>().ParamName.ShouldBe("lr");
    }

    [Fact]
    public void System_messages_with_an_exception_still_round_trip()
    {
        RoundTrip(new Recreate(new InvalidOperationException("restart"))).ShouldBeOfType<Recreate>().Cause.Message.ShouldBe("restart");
        RoundTrip(new Resume(new TimeoutException("resume"))).ShouldBeOfType<Resume>().CausedByFailure.ShouldBeOfType<TimeoutException>();
    }

    [Fact]
    public void Other_akka_messages_and_protobuf_messages_still_round_trip()
    {
        RoundTrip(new Status.Success("done")).ShouldBeOfType<Status.Success>().Status.ShouldBe("done");
        RoundTrip(new Identify(42)).ShouldBeOfType<Identify>().MessageId.ShouldBe(42);
        RoundTrip(PoisonPill.Instance).ShouldBeSameAs(PoisonPill.Instance);
        RoundTrip(new StringValue { Value = "proto" }).ShouldBe(new StringValue { Value = "proto" });
    }

    [Fact]
    public void An_unbound_message_fails_at_its_sender_naming_the_type()
    {
        var error = Should.Throw<SerializationException>(() => _system.Serialization.Serialize(new Unbound(1)));
        error.Message.ShouldContain(typeof(Unbound).FullName!);
        error.Message.ShouldContain("ActorTunerConfig.ClosedWire");
    }

    [Fact]
    public void A_failure_whose_exception_has_a_field_without_a_binding_fails_at_its_sender()
    {
        // AggregateException writes its inner exceptions as an Exception[] field, which only Akka's json would take.
        var failure = new Status.Failure(new AggregateException(new InvalidOperationException("x")));
        Should.Throw<SerializationException>(() => _system.Serialization.Serialize(failure)).Message.ShouldContain("System.Exception[]");
    }

    [Fact]
    public void Malformed_exception_bytes_are_refused()
    {
        Should.Throw<SerializationException>(() => _system.Serialization.Deserialize([0x0a, 0xff, 0xff], GuardedMiscMessageSerializer.Id, "STF"))
            .Message.ShouldContain("malformed");
    }

    private object RoundTrip(object message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        return _system.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    private sealed record Unbound(int Value);
}
