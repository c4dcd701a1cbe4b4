using ActorTuner.Actors.Cluster;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Storage;
using ActorTuner.Actors.Studies;
using ActorTuner.Actors.Workers;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Akka.Actor;
using Akka.Configuration;

namespace ActorTuner.Actors.Tests.Remoting;

/// <summary>
/// A study in one actor system and its workers in another, joined by Akka.Remote over loopback: every command,
/// reply and status query crosses a real TCP connection, so each goes through <c>ActorTunerSerializer</c>; with the closed
/// wire, nothing may fall through to a type-naming serializer.
/// </summary>
public sealed class LoopbackStudyTests
{
    // No host given: remoting binds loopback (the test checks the address).
    private static Config Remote(string storage) => ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.loglevel = WARNING
        """)
        .WithFallback(RemotingConfig.For(null, 0, null, null))
        .WithFallback(ActorTunerConfig.ClosedWire)
        .WithFallback(ActorTunerConfig.Serialization)
        .WithFallback(StorageLocation.Parse(storage).ToConfig());

    [Fact]
    public async Task Workers_in_another_actor_system_run_a_study_to_its_budget_over_loopback()
    {
        using var coordinator = ActorSystem.Create("coordinator", Remote("memory"));
        using var workers = ActorSystem.Create("workers", Remote("memory"));
        var address = ((ExtendedActorSystem)coordinator).Provider.DefaultAddress;
        address.Host.ShouldBe("127.0.0.1");
        coordinator.ActorOf(StudyActor.Props("remote", s => new RandomSampler(s.Settings!.Seed)), "study-remote");

        var study = await workers.ActorSelection($"{address}/user/study-remote").ResolveOne(TimeSpan.FromSeconds(20));
        var space = SearchSpace.Create(new FloatParameter("x", -1, 1), new CategoricalParameter("act", ["relu", "tanh"]), new OrdinalParameter("batch", [32, 64]));
        var settings = new StudySettings("remote", Direction.Minimize, 12, 3, 4, 2, TimeSpan.FromMinutes(1));
        (await study.Ask<StudyReply>(new CreateStudy(settings, space, "random"), TimeSpan.FromSeconds(20))).ShouldBe(Accepted.Instance);

        var slots = Enumerable.Range(0, 3)
            .Select(i => workers.ActorOf(WorkerActor.Props(study, $"workers/slot-{i}", new DelegateObjectiveRunner(async (t, ct) =>
            {
                t.Report(1, 10 * t.Float("x"));
                await Task.Delay(10, ct);
                return t.Float("x") * t.Float("x") + (t.Text("act") == "relu" ? 0 : 1);
            }))))
            .ToList();
        await Task.WhenAll(slots.Select(w => w.WatchAsync()));

        var state = (await study.Ask<GetStudyResult>(GetStudy.Instance, TimeSpan.FromSeconds(20))).State;
        state.Finished.ShouldBe(12);
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete && t.Worker == null && t.Intermediate.Count == 1);
        state.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, 12));
        state.Best!.Value!.Value.ShouldBe(state.Trials.Min(t => t.Value!.Value));

        // A result for an attempt that is over is acknowledged across the wire and not recorded again.
        (await study.Ask<StudyReply>(new CompleteTrial(0, 1, -5), TimeSpan.FromSeconds(20))).ShouldBeOfType<Stale>();
    }
}
