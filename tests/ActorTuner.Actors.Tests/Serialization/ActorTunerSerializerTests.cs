using System.Runtime.Serialization;
using ActorTuner.Actors.Cluster;
using ActorTuner.Actors.Serialization;
using ActorTuner.Actors.Studies;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Akka.TestKit.Xunit2;

namespace ActorTuner.Actors.Tests.Serialization;

public sealed class ActorTunerSerializerTests : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 1, 2, 3, TimeSpan.FromHours(-3));

    private static readonly SearchSpace Space = SearchSpace.Create(
        new FloatParameter("x", -5, 10, Step: 0.5),
        new IntParameter("n", 1, 64, Log: true),
        new CategoricalParameter("kind", ["a", 2, true]),
        new OrdinalParameter("batch", [16, 32.5]));

    private static readonly StudySettings Settings = new("wire", Direction.Minimize, 6, 2, 3, 2, TimeSpan.FromMinutes(5));

    private static readonly Configuration Config = new([new("x", 1.5), new("n", 8L), new("kind", "ä—🚀"), new("batch", 32.5), new("flag", false)]);

    public ActorTunerSerializerTests()
        : base(ActorTunerConfig.Serialization.ToString())
    {
    }

    public static TheoryData<object> Messages => new()
    {
        new AddSuggestion(Config),
        new RequestTrial("节点/w1", T0),
        new RenewLease(0, 1, T0),
        new ReportIntermediate(0, 1, 2, double.NaN),
        new CompleteTrial(0, 1, double.NegativeInfinity),
        new FailTrial(0, 1, "exit \"1\"\n", Retry: true),
        new ReleaseTrial(0, 1, "stopping"),
        new ExpireLeases(T0),
        new WorkerLost("w1"),
        new ChangeBudget(9),
        Accepted.Instance,
        new Stale(0, 1, "late"),
        new Rejected("no"),
        new TrialAssigned(0, 1, Config, T0),
        new NoTrial(false, true),
        GetStudy.Instance,
    };

    [Fact]
    public void Study_events_are_bound_to_the_explicit_serializer_and_round_trip()
    {
        StudyEvent e = new TrialSuggested(4, new Configuration([new("x", 1.5), new("kind", "a")]));
        RoundTrip(e, "trial-suggested.v1").ShouldBe(e);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Commands_replies_and_queries_are_bound_to_the_explicit_serializer_and_round_trip(object message)
    {
        var back = RoundTrip(message, null);
        back.ShouldBe(message);
        back.GetType().ShouldBe(message.GetType());
    }

    [Fact]
    public void Singletons_read_back_as_the_singleton()
    {
        RoundTrip(Accepted.Instance, "reply.accepted.v1").ShouldBeSameAs(Accepted.Instance);
        RoundTrip(GetStudy.Instance, "query.get-study.v1").ShouldBeSameAs(GetStudy.Instance);
    }

    [Fact]
    public void Create_study_round_trips_with_every_parameter_kind()
    {
        var back = RoundTrip(new CreateStudy(Settings, Space, "gp"), "cmd.create-study.v1").ShouldBeOfType<CreateStudy>();
        back.Settings.ShouldBe(Settings);
        back.Sampler.ShouldBe("gp");
        back.Space.Parameters.ShouldBe(Space.Parameters);
    }

    [Fact]
    public void A_study_result_round_trips_with_and_without_a_created_study()
    {
        var empty = RoundTrip(new GetStudyResult(StudyState.Empty, Suggesting: true), "reply.get-study-result.v1").ShouldBeOfType<GetStudyResult>();
        empty.State.ShouldBeSameAs(StudyState.Empty);
        empty.Suggesting.ShouldBeTrue();

        var state = StudyState.Empty;
        foreach (var c in new StudyCommand[] { new CreateStudy(Settings, Space, "gp"), new AddSuggestion(new Configuration([new("x", 1.5), new("n", 8L), new("kind", 2), new("batch", 32.5)])), new RequestTrial("w1", T0), new CompleteTrial(0, 1, 0.5) })
        {
            state = state.ApplyAll(StudyDecisions.Decide(state, c).Events);
        }

        var back = RoundTrip(new GetStudyResult(state, Suggesting: false), "reply.get-study-result.v1").ShouldBeOfType<GetStudyResult>();
        back.Suggesting.ShouldBeFalse();
        back.State.Settings.ShouldBe(Settings);
        back.State.Trials.ShouldBe(state.Trials);
        back.State.FinishOrder.ShouldBe(state.FinishOrder);
        back.State.Finished.ShouldBe(1);
    }

    [Fact]
    public void Cluster_messages_are_bound_to_the_explicit_serializer_and_round_trip()
    {
        var objective = Core.Objectives.StudyObjective.OfRegistered("quad", ["gpu"]);
        var announcement = new StudyAnnouncement("s1", objective, 60, 10, 1, 6, 6, -0.25, "akka.tcp://actortuner@10.0.0.1:4053");
        var back = RoundTrip(announcement, "cluster.study-announcement.v1").ShouldBeOfType<StudyAnnouncement>();
        back.Objective!.SameAs(objective).ShouldBeTrue();
        (back with { Objective = objective }).ShouldBe(announcement);
        back.Demand.ShouldBe(0);
        RoundTrip(announcement with { Objective = null, Best = null }, "cluster.study-announcement.v1").ShouldBe(announcement with { Objective = null, Best = null });

        var worker = new WorkerNodeStatus("akka.tcp://actortuner@10.0.0.2:4055", 2, ["gpu"], [new SlotUse(0, "s1", 12), new SlotUse(1, "s1", null)]);
        var workerBack = RoundTrip(worker, "cluster.worker-node-status.v1").ShouldBeOfType<WorkerNodeStatus>();
        workerBack.Tags.ShouldBe(worker.Tags);
        workerBack.Busy.ShouldBe(worker.Busy);

        RoundTrip(GetCluster.Instance, "query.get-cluster.v1").ShouldBeSameAs(GetCluster.Instance);
        var result = new GetClusterResult(
            [new ClusterMemberInfo("akka.tcp://actortuner@10.0.0.1:4053", ["coordinator"], "Up", true)],
            [worker],
            [announcement with { Objective = null }]);
        var resultBack = RoundTrip(result, "reply.get-cluster-result.v1").ShouldBeOfType<GetClusterResult>();
        resultBack.Members.Single().Roles.ShouldBe(["coordinator"]);
        resultBack.Members.Single().Reachable.ShouldBeTrue();
        resultBack.Workers.Single().Busy.ShouldBe(worker.Busy);
        resultBack.Studies.Single().ShouldBe(announcement with { Objective = null });
    }

    [Fact]
    public void Every_manifest_is_a_stable_string_not_a_type_name()
    {
        var serializer = (ActorTunerSerializer)Sys.Serialization.FindSerializerForType(typeof(StudyCommand));
        foreach (var row in (IEnumerable<object[]>)Messages)
        {
            var manifest = serializer.Manifest(row[0]);
            manifest.ShouldMatch("^(cmd|reply|query)\\.[a-z-]+\\.v1$");
            manifest.ShouldNotContain(row[0].GetType().FullName!);
        }

        ActorTunerSerializer.KnownManifests.ShouldBeUnique();
        ActorTunerSerializer.KnownManifests.Count().ShouldBe(11 + 1 + 16 + 2 + 4);
    }

    [Theory]
    [InlineData("System.Diagnostics.Process, System")]
    [InlineData("System.IO.FileInfo, System.IO")]
    [InlineData("ActorTuner.Core.Studies.RequestTrial, ActorTuner.Core")]
    public void A_manifest_that_names_a_dotnet_type_is_refused(string manifest)
    {
        var serializer = (ActorTunerSerializer)Sys.Serialization.FindSerializerForType(typeof(StudyEvent));
        var payload = """{"$type":"System.Diagnostics.Process, System","StartInfo":{"FileName":"sh"},"worker":"w","now":"2026-11-28T00:00:00Z"}"""u8.ToArray();
        var e = Should.Throw<SerializationException>(() => serializer.FromBinary(payload, manifest));
        e.Message.ShouldContain($"unknown manifest '{manifest}' for ActorTunerSerializer");
        e.Message.ShouldContain("cmd.request-trial.v1");
    }

    [Fact]
    public void A_type_hint_in_a_known_payload_is_refused_or_ignored_never_followed()
    {
        var serializer = (ActorTunerSerializer)Sys.Serialization.FindSerializerForType(typeof(StudyReply));

        // Shaped for the hinted type: refused for the field the manifest needs.
        Should.Throw<SerializationException>(() => serializer.FromBinary("""{"$type":"System.Diagnostics.Process, System","StartInfo":{"FileName":"sh"}}"""u8.ToArray(), "reply.rejected.v1"))
            .Message.ShouldBe("reply.rejected.v1: field '/why': is missing");

        // Beside the right fields: the manifest alone decides the type.
        serializer.FromBinary("""{"$type":"System.Diagnostics.Process, System","why":"no"}"""u8.ToArray(), "reply.rejected.v1").ShouldBe(new Rejected("no"));
        serializer.FromBinary("""{"$type":"System.Diagnostics.Process, System"}"""u8.ToArray(), "reply.accepted.v1").ShouldBeSameAs(Accepted.Instance);
    }

    private object RoundTrip(object message, string? expectedManifest)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        serializer.ShouldBeOfType<ActorTunerSerializer>();
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        if (expectedManifest is not null)
        {
            manifest.ShouldBe(expectedManifest);
        }

        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }
}
