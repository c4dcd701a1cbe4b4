using System.Collections.Immutable;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Serialization;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Tests.Objectives;

public sealed class StudyObjectiveTests
{
    private static readonly SearchSpace Space = SearchSpace.Create(new FloatParameter("lr", 1e-4, 1, Log: true));

    private static readonly StudySettings Settings = new("s", Direction.Minimize, Budget: 3, Parallelism: 2, Seed: 1, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(1));

    private static CommandObjectiveSpec Command(string script = "train.py") => new(
        ["python3", script, "--lr=${lr}"],
        CommandMode.Persistent,
        TimeSpan.FromMinutes(5),
        "/srv/exp",
        ImmutableDictionary<string, string>.Empty.Add("OMP_NUM_THREADS", "1").Add("A.B", "x y"));

    [Fact]
    public void Tags_are_sorted_and_distinct_and_a_worker_needs_all_of_them()
    {
        var objective = StudyObjective.Of(Command(), ["gpu", "a100", "gpu"]);
        objective.Requires.ShouldBe(["a100", "gpu"]);
        objective.RunsOn(["gpu", "a100", "big"]).ShouldBeTrue();
        objective.RunsOn(["gpu"]).ShouldBeFalse();
        StudyObjective.OfRegistered("branin").RunsOn([]).ShouldBeTrue();
    }

    [Fact]
    public void Equality_compares_arguments_environment_and_tags_by_value()
    {
        StudyObjective.Of(Command()).SameAs(StudyObjective.Of(Command())).ShouldBeTrue();
        StudyObjective.Of(Command()).SameAs(StudyObjective.Of(Command("other.py"))).ShouldBeFalse();
        StudyObjective.Of(Command()).SameAs(StudyObjective.Of(Command(), ["gpu"])).ShouldBeFalse();
        StudyObjective.Of(Command()).SameAs(StudyObjective.OfRegistered("train")).ShouldBeFalse();
        StudyObjective.Of(Command() with { Environment = ImmutableDictionary<string, string>.Empty }).SameAs(StudyObjective.Of(Command())).ShouldBeFalse();
    }

    [Fact]
    public void An_objective_with_both_or_neither_or_a_bad_tag_is_rejected_naming_the_field()
    {
        Should.Throw<ArgumentException>(() => new StudyObjective(null, null, []).Validate()).Message.ShouldContain("either a command or");
        Should.Throw<ArgumentException>(() => new StudyObjective(Command(), "x", []).Validate()).Message.ShouldContain("not both");
        Should.Throw<ArgumentException>(() => StudyObjective.Of(Command(), ["g p u"]).Validate()).Message.ShouldContain("objective.requires: 'g p u'");
        var decision = StudyDecisions.Decide(StudyState.Empty, new CreateStudy(Settings, Space, "gp", new StudyObjective(null, null, [])));
        decision.Events.ShouldBeEmpty();
        decision.Reply.ShouldBeOfType<Rejected>().Why.ShouldStartWith("study 's': objective:");
    }

    [Fact]
    public void Creating_journals_the_objective_and_a_resubmission_with_another_replaces_it()
    {
        var first = StudyObjective.Of(Command(), ["gpu"]);
        var created = StudyDecisions.Decide(StudyState.Empty, new CreateStudy(Settings, Space, "gp", first));
        created.Events.Length.ShouldBe(2);
        var state = StudyState.Empty.ApplyAll(created.Events);
        state.Objective.ShouldBeSameAs(first);

        // The same objective again writes nothing; another one is journalled and replaces it.
        StudyDecisions.Decide(state, new CreateStudy(Settings, Space, "gp", StudyObjective.Of(Command(), ["gpu"]))).Events.ShouldBeEmpty();
        StudyDecisions.Decide(state, new CreateStudy(Settings, Space, "gp")).Events.ShouldBeEmpty();
        var fixedScript = StudyObjective.Of(Command("fixed.py"), ["gpu"]);
        var resubmitted = StudyDecisions.Decide(state, new CreateStudy(Settings with { Budget = 5 }, Space, "gp", fixedScript));
        resubmitted.Reply.ShouldBe(Accepted.Instance);
        var after = state.ApplyAll(resubmitted.Events);
        after.Budget.ShouldBe(5);
        after.Objective!.SameAs(fixedScript).ShouldBeTrue();
    }

    [Fact]
    public void The_objective_survives_the_event_the_command_and_the_snapshot_codecs()
    {
        var objective = StudyObjective.Of(Command() with { Timeout = Timeout.InfiniteTimeSpan }, ["gpu"]);
        var set = (ObjectiveSet)StudyJson.Read("objective-set.v1", StudyJson.Write(new ObjectiveSet(objective)));
        set.Objective.SameAs(objective).ShouldBeTrue();
        set.Objective.Command!.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);

        var create = new CreateStudy(Settings, Space, "gp", StudyObjective.OfRegistered("branin", ["cpu"]));
        var back = (CreateStudy)ProtocolJson.Read(ProtocolJson.Manifest(create), ProtocolJson.Write(create));
        back.Objective!.SameAs(create.Objective).ShouldBeTrue();
        ((CreateStudy)ProtocolJson.Read(ProtocolJson.Manifest(create), ProtocolJson.Write(create with { Objective = null }))).Objective.ShouldBeNull();

        var state = StudyState.Empty.ApplyAll(StudyDecisions.Decide(StudyState.Empty, new CreateStudy(Settings, Space, "gp", objective)).Events);
        StudyJson.ReadState(StudyJson.WriteState(state)).Objective!.SameAs(objective).ShouldBeTrue();
        StudyJson.ReadState(StudyJson.WriteState(state with { Objective = null })).Objective.ShouldBeNull();
    }

    [Fact]
    public void A_malformed_objective_names_the_field()
    {
        var json = """{"objective":{"requires":[],"command":{"argv":["x"],"mode":"sometimes","timeout_ms":1,"workdir":"","env":{}}}}"""u8.ToArray();
        Should.Throw<FormatException>(() => StudyJson.Read("objective-set.v1", json)).Message.ShouldContain("mode");
    }
}
