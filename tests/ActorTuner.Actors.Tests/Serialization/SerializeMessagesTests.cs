using ActorTuner.Actors.Serialization;
using ActorTuner.Actors.Studies;
using ActorTuner.Actors.Tests.Studies;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;

namespace ActorTuner.Actors.Tests.Serialization;

/// <summary>
/// With <c>serialize-messages = on</c> Akka round-trips every local message through its bound serializer, as a
/// remote hop would. Akka's type-naming default is wrapped in <see cref="RecordingSerializer"/>, so a study command,
/// reply or query that fell through to it instead of <see cref="ActorTunerSerializer"/> is caught, not silently carried.
/// </summary>
public sealed class SerializeMessagesTests : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private static readonly SearchSpace Space = SearchSpace.Create(
        new FloatParameter("x", -5, 10),
        new IntParameter("n", 1, 8),
        new CategoricalParameter("kind", ["a", "b", true]),
        new OrdinalParameter("batch", [16, 32]));

    private static readonly StudySettings Settings = new("wire", Direction.Minimize, Budget: 2, Parallelism: 1, Seed: 3, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(5));

    public SerializeMessagesTests()
        : base(ConfigurationFactory.ParseString($$"""
                akka.actor {
                  serialize-messages = on
                  serialize-creators = off
                  serializers.recording = "{{typeof(RecordingSerializer).AssemblyQualifiedName}}"
                  serializers.passthrough = "{{typeof(PassThroughSerializer).AssemblyQualifiedName}}"
                  serialization-bindings {
                    "System.Object" = recording
                    "Akka.Persistence.Journal.AsyncWriteJournal+Desequenced, Akka.Persistence" = passthrough
                  }
                }
                akka.test.single-expect-default = 30s
                """)
            .WithFallback(ActorTunerConfig.ClosedWire)
            .WithFallback(ActorTunerConfig.Serialization)
            .WithFallback(Storage.StorageLocation.Parse("memory").ToConfig()))
    {
    }

    [Fact]
    public void A_study_runs_create_request_complete_with_every_message_serialized()
    {
        var study = Sys.ActorOf(StudyActor.Props("wire", s => new RandomSampler(s.Settings!.Seed), new ManualTimeProvider(T0), TimeSpan.FromSeconds(1)));

        study.Tell(GetStudy.Instance);
        var empty = ExpectMsg<GetStudyResult>();
        empty.State.Settings.ShouldBeNull();

        study.Tell(new CreateStudy(Settings, Space, "random"));
        ExpectMsg<Accepted>().ShouldBeSameAs(Accepted.Instance);

        study.Tell(new RequestTrial("节点-α/worker-1", T0));
        var first = ExpectMsg<TrialAssigned>();
        Space.Contains(first.Configuration).ShouldBeTrue();
        study.Tell(new ReportIntermediate(first.Number, first.Attempt, 1, double.PositiveInfinity));
        ExpectMsg<Rejected>().Why.ShouldContain("Infinity is not a finite number");
        study.Tell(new ReportIntermediate(first.Number, first.Attempt, 1, 0.75));
        ExpectMsg<Accepted>();
        study.Tell(new CompleteTrial(first.Number, first.Attempt, 1.5));
        ExpectMsg<Accepted>();
        study.Tell(new CompleteTrial(first.Number, first.Attempt, 1.5));
        ExpectMsg<Stale>();

        study.Tell(new RequestTrial("w2", T0));
        var second = ExpectMsg<TrialAssigned>();
        study.Tell(new FailTrial(second.Number, second.Attempt, "exit code 1", Retry: false));
        ExpectMsg<Accepted>();
        study.Tell(new RequestTrial("w2", T0));
        ExpectMsg<NoTrial>().StudyDone.ShouldBeTrue();

        study.Tell(GetStudy.Instance);
        var state = ExpectMsg<GetStudyResult>().State;
        state.Settings.ShouldBe(Settings);
        state.Finished.ShouldBe(2);
        state.Best!.Value.ShouldBe(1.5);
        state.Trials[0].Intermediate.Single().Value.ShouldBe(0.75);

        // Every message above went through the explicit serializer; none of ActorTuner's reached the default.
        Default.Written.ShouldNotContain(t => t.Namespace != null && t.Namespace.StartsWith("ActorTuner", StringComparison.Ordinal));
        object[] sent = [GetStudy.Instance, empty, new CreateStudy(Settings, Space, "random"), Accepted.Instance, new RequestTrial("w", T0), first,
            new ReportIntermediate(0, 1, 1, 0), new CompleteTrial(0, 1, 0), new Stale(0, 1, "x"), new Rejected("x"), new FailTrial(0, 1, "x", false), new NoTrial(true, false)];
        sent.ShouldAllBe(m => Sys.Serialization.FindSerializerFor(m, null) is ActorTunerSerializer);
    }

    [Fact]
    public void The_default_records_what_falls_through_to_it()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        echo.Tell(new Fallthrough("x"));
        ExpectMsg<Fallthrough>().ShouldBe(new Fallthrough("x"));
        Default.Written.ShouldContain(typeof(Fallthrough));
    }

    private RecordingSerializer Default => (RecordingSerializer)Sys.Serialization.FindSerializerForType(typeof(object));

    private sealed record Fallthrough(string Text);

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(m => Sender.Tell(m));
    }
}
