using ActorTuner.Actors.Studies;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace ActorTuner.Actors.Tests.Studies;

/// <summary>
/// The study actor's protocol and the storage contract, one suite run against every journal:
/// <see cref="InMemoryStudyActorTests"/>, <see cref="SqliteStudyActorTests"/> and <see cref="PostgresStudyActorTests"/>.
/// The contract: a study recovers to the same state from events alone and from a snapshot plus the events
/// after it; finished trials never change; a result is recorded once.
/// </summary>
public abstract class StudyActorContract : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private static readonly SearchSpace Space = SearchSpace.Create(
        new FloatParameter("x", -5, 10),
        new CategoricalParameter("kind", ["a", "b"]));

    private static readonly StudySettings Settings = new("branin", Direction.Minimize, Budget: 6, Parallelism: 2, Seed: 3, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(5));

    // A journal's first write (SQLite creating its tables, linq2db warming up) can take seconds on a cold CI
    // machine; the waits are upper bounds, not timing assertions.
    protected StudyActorContract(Akka.Configuration.Config config)
        : base(config.WithFallback(Akka.Configuration.ConfigurationFactory.ParseString("akka.test.single-expect-default = 30s")))
    {
    }

    // A clock that stands still at T0, so no lease expires unless a test moves it.
    protected IActorRef Study(string name) =>
        Sys.ActorOf(StudyActor.Props(name, s => new RandomSampler(s.Settings!.Seed), new ManualTimeProvider(T0), TimeSpan.FromSeconds(1)));

    [Fact]
    public void A_study_recovers_from_a_snapshot_and_the_events_after_it_and_finished_trials_never_change()
    {
        IActorRef Snapshotting() => Sys.ActorOf(StudyActor.Props("snap", s => new RandomSampler(s.Settings!.Seed), new ManualTimeProvider(T0), TimeSpan.FromSeconds(1), snapshotEvery: 4));
        var study = Snapshotting();
        study.Tell(new CreateStudy(Settings with { Budget = 5 }, Space, "random"));
        ExpectMsg<Accepted>();
        for (var i = 0; i < 4; i++)
        {
            var a = Request(study, $"w{i}");
            study.Tell(new ReportIntermediate(a.Number, a.Attempt, 1, 9.0 - i));
            ExpectMsg<Accepted>();
            study.Tell(new CompleteTrial(a.Number, a.Attempt, 4.0 - i));
            ExpectMsg<Accepted>();
        }

        var running = Request(study);
        study.Tell(GetStudy.Instance);
        var before = ExpectMsg<GetStudyResult>().State;

        // 1 + 4 x 4 + 2 events (created; suggested, dispatched, reported, completed per trial): snapshots at 4, 8,
        // 12 and 16 (the older ones deleted); at 16 trial 3 had reported but not finished.
        // Snapshots are saved asynchronously: wait for the one at 16 to be in the store.
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        Akka.Persistence.LoadSnapshotResult loaded = null!;
        AwaitAssert(() =>
        {
            store.Tell(new Akka.Persistence.LoadSnapshot(StudyActor.PersistenceIdOf("snap"), Akka.Persistence.SnapshotSelectionCriteria.Latest, long.MaxValue), TestActor);
            loaded = ExpectMsg<Akka.Persistence.LoadSnapshotResult>();
            loaded.Snapshot.ShouldNotBeNull();
            loaded.Snapshot.Metadata.SequenceNr.ShouldBe(16);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        ((StudyState)loaded.Snapshot.Snapshot).Finished.ShouldBe(3);
        ((StudyState)loaded.Snapshot.Snapshot).Trials[3].Intermediate.Count.ShouldBe(1);

        Watch(study);
        Sys.Stop(study);
        ExpectTerminated(study);
        var recovered = Snapshotting();
        recovered.Tell(GetStudy.Instance);
        var after = ExpectMsg<GetStudyResult>().State;
        after.Trials.ShouldBe(before.Trials);
        after.FinishOrder.ShouldBe(before.FinishOrder);

        // A finished trial cannot be changed: neither a late result nor a release.
        recovered.Tell(new CompleteTrial(0, 1, -100));
        ExpectMsg<Stale>();
        recovered.Tell(new ReleaseTrial(1, 1, "late"));
        ExpectMsg<Stale>();
        recovered.Tell(new CompleteTrial(running.Number, running.Attempt, 0.5));
        ExpectMsg<Accepted>();
        recovered.Tell(GetStudy.Instance);
        var done = ExpectMsg<GetStudyResult>().State;
        done.Trials.Take(4).ShouldBe(before.Trials.Take(4));
        done.IsDone.ShouldBeTrue();
    }

    private TrialAssigned Request(IActorRef study, string worker = "w1")
    {
        study.Tell(new RequestTrial(worker, T0));
        return ExpectMsg<TrialAssigned>(TimeSpan.FromSeconds(10), $"request from {worker}");
    }

    [Fact]
    public void A_worker_gets_a_trial_suggested_off_the_mailbox_and_its_result_is_recorded_once()
    {
        var study = Study("one");
        study.Tell(new CreateStudy(Settings, Space, "random"));
        ExpectMsg<Accepted>();

        var assigned = Request(study);
        assigned.Number.ShouldBe(0);
        assigned.Attempt.ShouldBe(1);
        Space.Contains(assigned.Configuration).ShouldBeTrue();

        study.Tell(new CompleteTrial(0, 1, 1.5));
        ExpectMsg<Accepted>();
        study.Tell(new CompleteTrial(0, 1, 1.5));
        ExpectMsg<Stale>();

        study.Tell(GetStudy.Instance);
        var state = ExpectMsg<GetStudyResult>().State;
        state.Finished.ShouldBe(1);
        state.Best!.Value.ShouldBe(1.5);
    }

    [Fact]
    public void A_study_runs_its_whole_budget_with_parallel_workers_and_then_says_it_is_done()
    {
        var study = Study("budget");
        study.Tell(new CreateStudy(Settings, Space, "random"));
        ExpectMsg<Accepted>();
        for (var round = 0; round < 3; round++)
        {
            var a = Request(study, "w1");
            var b = Request(study, "w2");
            a.Number.ShouldNotBe(b.Number);
            study.Tell(new CompleteTrial(a.Number, a.Attempt, a.Configuration["x"].AsDouble()));
            ExpectMsg<Accepted>();
            study.Tell(new CompleteTrial(b.Number, b.Attempt, b.Configuration["x"].AsDouble()));
            ExpectMsg<Accepted>();
        }

        study.Tell(new RequestTrial("w1", T0));
        ExpectMsg<NoTrial>().StudyDone.ShouldBeTrue();
        study.Tell(GetStudy.Instance);
        var state = ExpectMsg<GetStudyResult>().State;
        state.Trials.Select(t => t.Number).ShouldBe([0, 1, 2, 3, 4, 5]);
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete);
        state.Trials.Select(t => t.Configuration).Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public void A_recreated_study_recovers_the_same_state_from_the_journal()
    {
        var study = Study("recover");
        study.Tell(new CreateStudy(Settings, Space, "random"));
        ExpectMsg<Accepted>();
        var first = Request(study);
        study.Tell(new CompleteTrial(first.Number, 1, 2.0));
        ExpectMsg<Accepted>();
        var second = Request(study);
        study.Tell(GetStudy.Instance);
        var before = ExpectMsg<GetStudyResult>().State;

        Watch(study);
        study.Tell(PoisonPill.Instance);
        ExpectTerminated(study);

        var again = Study("recover");
        again.Tell(GetStudy.Instance);
        var after = ExpectMsg<GetStudyResult>().State;
        after.Trials.ShouldBe(before.Trials);
        after.FinishOrder.ShouldBe(before.FinishOrder);
        after.Trials[second.Number].State.ShouldBe(TrialState.Running);

        // The running attempt from before the restart still completes exactly once.
        again.Tell(new CompleteTrial(second.Number, second.Attempt, 1.0));
        ExpectMsg<Accepted>();
        again.Tell(new CompleteTrial(second.Number, second.Attempt, 1.0));
        ExpectMsg<Stale>();
    }

    [Fact]
    public void An_expired_lease_requeues_the_trial_and_the_late_result_of_the_old_attempt_is_stale()
    {
        var clock = new ManualTimeProvider(T0);
        var study = Sys.ActorOf(StudyActor.Props("lease", s => new RandomSampler(s.Settings!.Seed), clock, TimeSpan.FromMilliseconds(50)));
        study.Tell(new CreateStudy(Settings, Space, "random"));
        ExpectMsg<Accepted>();
        var first = Request(study, "w1");

        clock.Advance(TimeSpan.FromMinutes(6));
        AwaitAssert(() =>
        {
            study.Tell(GetStudy.Instance);
            ExpectMsg<GetStudyResult>().State.Trials[first.Number].State.ShouldBe(TrialState.Queued);
        });

        // The new attempt is leased from the clock's present, so the periodic check leaves it alone.
        study.Tell(new RequestTrial("w2", clock.GetUtcNow()));
        var second = ExpectMsg<TrialAssigned>();
        second.Number.ShouldBe(first.Number);
        second.Attempt.ShouldBe(2);
        study.Tell(new CompleteTrial(first.Number, 1, 9.0));
        ExpectMsg<Stale>();
        study.Tell(new CompleteTrial(second.Number, 2, 1.0));
        ExpectMsg<Accepted>();
    }

    [Fact]
    public void Status_is_answered_while_the_sampler_is_still_computing()
    {
        using var gate = new ManualResetEventSlim(false);
        var study = CreatedWithGate("slow", gate);

        study.Tell(new RequestTrial("w1", T0), TestActor);
        study.Tell(GetStudy.Instance);
        ExpectMsg<GetStudyResult>().Suggesting.ShouldBeTrue();

        gate.Set();
        ExpectMsg<TrialAssigned>(TimeSpan.FromSeconds(10)).Number.ShouldBe(0);
    }

    [Fact]
    public void Two_workers_parked_while_the_sampler_computes_get_different_trials_and_the_journal_recovers()
    {
        using var gate = new ManualResetEventSlim(false);
        var study = CreatedWithGate("parked", gate);

        var w1 = CreateTestProbe();
        var w2 = CreateTestProbe();
        study.Tell(new RequestTrial("w1", T0), w1.Ref);
        study.Tell(new RequestTrial("w2", T0), w2.Ref);
        gate.Set();
        var first = w1.ExpectMsg<TrialAssigned>(TimeSpan.FromSeconds(10));
        var second = w2.ExpectMsg<TrialAssigned>(TimeSpan.FromSeconds(10));
        second.Number.ShouldNotBe(first.Number);

        Watch(study);
        Sys.Stop(study);
        ExpectTerminated(study);
        var recovered = WithGate("parked", gate);
        recovered.Tell(GetStudy.Instance);
        var state = ExpectMsg<GetStudyResult>().State;
        state.Trials.Where(t => t.State == TrialState.Running).Select(t => t.Worker).Order().ShouldBe(["w1", "w2"]);
    }

    private IActorRef WithGate(string name, ManualResetEventSlim gate) =>
        Sys.ActorOf(StudyActor.Props(name, _ => new BlockingSampler(gate), new ManualTimeProvider(T0), TimeSpan.FromSeconds(1)));

    private IActorRef CreatedWithGate(string name, ManualResetEventSlim gate)
    {
        var study = WithGate(name, gate);
        study.Tell(new CreateStudy(Settings, Space, "random"));
        ExpectMsg<Accepted>();
        return study;
    }

    /// <summary>A sampler that waits for a gate: stands in for a slow GP fit.</summary>
    private sealed class BlockingSampler(ManualResetEventSlim gate) : ISampler
    {
        private readonly RandomSampler _inner = new(1);

        public string Name => "blocking";

        public System.Collections.Immutable.ImmutableArray<Configuration> Suggest(SuggestionContext context, int count)
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return _inner.Suggest(context, count);
        }
    }
}
